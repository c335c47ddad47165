using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>B1–B6: how often.</summary>
public class BudgetRuleTests
{
    private static LoggedSession CurlDay(int daysAgo, int controlled, int failed) =>
        DaysAgo(daysAgo, DayType.Medium, Did("Lying Leg Curls",
            [.. Enumerable.Repeat(Set(40, 10, 2), controlled), .. Enumerable.Repeat(Failed(40, 10), failed)]));

    [Fact]
    public void B1_MoreThanTwentyPercentToFailure_StopsFailure()
    {
        // 7 of 30 working sets (23 %) to failure, all older than the two-week budget window.
        var e = LateralRaiseDay().With(CurlDay(15, 8, 2), CurlDay(18, 8, 2), CurlDay(20, 7, 3)).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("B1");
        e.WarningCodes().ShouldContain("failure-overuse");
        e.Budget.FailureSetsUsed.ShouldBe(0);
    }

    [Fact]
    public void B1_UnderTwentyPercent_Allows()
    {
        var e = LateralRaiseDay().With(CurlDay(15, 10, 0), CurlDay(18, 9, 1), CurlDay(20, 10, 0)).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("B1");
    }

    [Fact]
    public void B2_OneExercisePerSession_GetsFailure()
    {
        var e = Session(Plan("Leg Press"), Plan("Lat Pulldown"), Plan("Dumbbell Lateral Raise", 3, "12-15")).Known().Evaluate();

        e.LastSet("Lat Pulldown").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Lat Pulldown").Ids().ShouldContain("B2");
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("B2");
    }

    [Fact]
    public void B2_PolicyOfTwo_AllowsTwoExercises()
    {
        var e = Session(Plan("Leg Press"), Plan("Lat Pulldown"), Plan("Dumbbell Lateral Raise", 3, "12-15")).Known()
            .Evaluate(Policy.Default with { MaxFailureExercisesPerSession = 2 });

        e.LastSet("Lat Pulldown").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void B3_TwiceThisWeekAlready_NoThirdTime()
    {
        var raise = (int days) => DaysAgo(days, DayType.Hard, Did("Dumbbell Lateral Raise", Set(10, 14, 1), Failed(10, 13)));
        var last = LateralRaiseDay().With(raise(4), raise(6)).Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.None);
        last.Ids().ShouldContain("B3");
    }

    [Fact]
    public void B3_OnceThisWeek_Allows()
    {
        var last = LateralRaiseDay().With(DaysAgo(5, DayType.Hard, Did("Dumbbell Lateral Raise", Set(10, 14, 1), Failed(10, 13))))
            .Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.Absolute);
        last.Ids().ShouldNotContain("B3");
    }

    private static LoggedSession CalfFailure(int daysAgo) =>
        DaysAgo(daysAgo, DayType.Medium, Did("Standing Calf Raises", Set(100, 12, 2), Failed(100, 12)));

    [Fact]
    public void B4_TwoWeekBudgetSpent_NoFailure()
    {
        var e = LateralRaiseDay().With(CalfFailure(5), CalfFailure(8), CalfFailure(10), CalfFailure(12)).Evaluate();

        e.Budget.ShouldBe(new Budget(14, 4, 4));
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("B4");
    }

    [Fact]
    public void B4_BudgetLeft_Allows()
    {
        var e = LateralRaiseDay().With(CalfFailure(5), CalfFailure(8), CalfFailure(12), CalfFailure(16)).Evaluate();

        e.Budget.ShouldBe(new Budget(14, 3, 4));
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void B5_CompetitionPrep_OnlyAFewCheckInsEveryFourWeeks()
    {
        var prep = LateralRaiseDay().With(a => a with { CompetitionPrep = true });

        var spent = prep.With(CalfFailure(20), CalfFailure(25)).Evaluate();
        spent.Budget.ShouldBe(new Budget(28, 2, 2));
        spent.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        spent.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("B5");

        var left = prep.With(CalfFailure(20)).Evaluate();
        left.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Theory]
    [InlineData(Split.FullBody, 4)]
    [InlineData(Split.UpperLower, 6)]
    public void B5_SplitAllowance_AndTwoWeekBudget_TheStricterWins(Split split, int splitAllowance)
    {
        var loose = Policy.Default with { FailureSetsPerWindow = 20 };
        LateralRaiseDay().With(a => a with { Split = split }).Evaluate(loose).Budget.FailureSetsAllowed.ShouldBe(splitAllowance);
        LateralRaiseDay().With(a => a with { Split = split }).Evaluate().Budget.FailureSetsAllowed.ShouldBe(Math.Min(4, splitAllowance));
    }

    private static Scenario PlateauedLegPress()
    {
        // Leg press at the same e1RM every week for twelve weeks: no progress.
        var weeks = Enumerable.Range(0, 12).Select(w => DaysAgo(3 + 7 * w, null, Did("Leg Press", Set(200, 8, 2), Set(200, 8, 2)))).ToArray();
        return LateralRaiseDay().With(weeks);
    }

    [Fact]
    public void B6_PlateauWithoutFatigue_EligibleLifter_ProposesPlateauBlock()
    {
        var e = PlateauedLegPress().Evaluate();

        e.WarningCodes().ShouldContain("plateau");
        e.ActionCodes().ShouldContain("plateau-block");
        e.ActionCodes().ShouldNotContain("scale-back-failure");
    }

    [Fact]
    public void B6_PlateauWithFatigue_NoBlock_ScaleBackInstead()
    {
        var e = PlateauedLegPress().With(Day(1, fatigue: 4), Day(2, fatigue: 5), Day(3, fatigue: 4)).Evaluate();

        e.ActionCodes().ShouldNotContain("plateau-block");
        e.ActionCodes().ShouldContain("scale-back-failure");
    }

    /// <summary>B5 and the conflict table: a body-part split may fail 3–5 times a week, each muscle group once a week.</summary>
    [Fact]
    public void B5_BodyPartSplit_FiveAWeekEachMuscleOnce()
    {
        var bodyPart = LateralRaiseDay().With(a => a with { Split = Split.BodyPart })
            .With(DaysAgo(9, DayType.Medium, Did("Dumbbell Lateral Raise", [.. Enumerable.Repeat(Set(10, 14, 2), 15)])));
        // A different muscle group to failure on each of the last four days.
        var failures = Enumerable.Range(1, 4).Select(d => DaysAgo(d, null, Did(d % 2 == 0 ? "Leg Extension" : "Triceps Pushdown", Set(40, 10, 2), Failed(40, 10)))).ToArray();

        var e = bodyPart.With(failures).Evaluate();
        e.Budget.ShouldBe(new Budget(7, 4, 5));
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.ActionCodes().ShouldNotContain("extra-rest");

        // The same muscle group failed five days ago: not again this week.
        var shoulders = bodyPart.With(DaysAgo(5, DayType.Hard, Did("Dumbbell Lateral Raise", Set(10, 14, 2), Failed(10, 13)))).Evaluate();
        shoulders.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        shoulders.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("R3");
    }

    [Fact]
    public void B4_FullBody_FourPerTwoWeeks_And72HoursPerMuscle()
    {
        var budget = Policy.Default.BudgetFor(Split.FullBody, competitionPrep: false);
        budget.ShouldBe(new FailureBudget("B4", 14, 4, 72));
        Policy.Default.BudgetFor(Split.UpperLower, competitionPrep: false).ShouldBe(new FailureBudget("B4", 14, 4, 72));
        Policy.Default.BudgetFor(Split.BodyPart, competitionPrep: false).ShouldBe(new FailureBudget("B5", 7, 5, 168));
        Policy.Default.BudgetFor(Split.BodyPart, competitionPrep: true).ShouldBe(new FailureBudget("B5", 28, 2, 72));
    }
}
