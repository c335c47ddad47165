using Failsafe.Effort;
using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>E1–E5: who may train to failure.</summary>
public class EligibilityRuleTests
{
    public static TheoryData<string, Func<Athlete, Athlete>> Ineligible() => new()
    {
        { "one year of training", a => a with { TrainingYears = 1 } },
        { "good, not excellent, form", a => a with { FormUnderFatigue = FormUnderFatigue.Good } },
        { "six hours of sleep", a => a with { SleepHours = 6 } },
        { "high stress", a => a with { Stress = Stress.High } },
    };

    [Theory]
    [MemberData(nameof(Ineligible))]
    public void E1_MissingACriterion_NoFailure_AndNotEligibleWarning(string why, Func<Athlete, Athlete> change)
    {
        var e = LateralRaiseDay().With(change).Evaluate();

        e.Eligibility.Failure.ShouldBeFalse(why);
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("E1");
        e.WarningCodes().ShouldContain("not-eligible");
    }

    [Fact]
    public void E1_AllCriteriaMet_Eligible()
    {
        var e = LateralRaiseDay().Evaluate();

        e.Eligibility.Failure.ShouldBeTrue();
        e.Eligibility.Reasons.Select(r => r.Rule).ShouldContain("E1");
        e.Eligibility.Reasons.Select(r => r.Rule).ShouldNotContain("E2");
        e.WarningCodes().ShouldNotContain("not-eligible");
    }

    [Fact]
    public void E1_Injury_NoFailure_WarnsInjuryNotEligibility()
    {
        var e = LateralRaiseDay().With(a => a with { Injuries = ["left shoulder impingement"] }).Evaluate();

        e.Eligibility.Failure.ShouldBeFalse();
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.WarningCodes().ShouldContain("injury");
        e.WarningCodes().ShouldNotContain("not-eligible");
    }

    [Fact]
    public void E2_NotEligible_TrainsTwoToThreeInReserve()
    {
        var e = LateralRaiseDay().With(a => a with { TrainingYears = 0.5 }).Evaluate();

        e.Eligibility.Reasons.Select(r => r.Rule).ShouldContain("E2");
        e.Exercises.Single().Sets.ShouldAllBe(s => s.TargetRir >= 2);
    }

    [Fact]
    public void E2_Eligible_TrainsAtTheDayTarget() =>
        LateralRaiseDay().Evaluate().Set("Dumbbell Lateral Raise", 1).TargetRir.ShouldBe(Policy.Default.HardDayRir);

    [Fact]
    public void E3_AdvancedBencher_MayUseBeyondFailureTechniques()
    {
        var e = LateralRaiseDay().With(DaysAgo(10, DayType.Hard, Did("Barbell Bench Press", Set(110, 8, 1)))).Evaluate();

        e.Eligibility.BeyondFailure.ShouldBeTrue();
        e.LastSet("Dumbbell Lateral Raise").BeyondFailure.ShouldNotBeEmpty();
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("E3");
    }

    [Fact]
    public void E3_NotAdvanced_NoBeyondFailure()
    {
        var e = LateralRaiseDay().With(DaysAgo(10, DayType.Hard, Did("Barbell Bench Press", Set(80, 8, 2)))).Evaluate();

        e.Eligibility.BeyondFailure.ShouldBeFalse();
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").BeyondFailure.ShouldBeEmpty();
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("E3");
    }

    [Theory]
    [InlineData(WeightUnit.Kg, "102 kg × 8")]
    [InlineData(WeightUnit.Lb, "225 lb × 8")]
    public void E3_TheBarIsSaidInTheLiftersUnit(WeightUnit unit, string bar) =>
        LateralRaiseDay().With(a => a with { Unit = unit }).Evaluate().Eligibility.Reasons.Single(r => r.Rule == "E3").Message.ShouldContain(bar);

    [Fact]
    public void E3_OneAllOutSet_DoesNotMakeALifterAdvanced() =>
        LateralRaiseDay().With(DaysAgo(10, DayType.Hard, Did("Barbell Bench Press", Failed(110, 8)))).Evaluate()
            .Eligibility.BeyondFailure.ShouldBeFalse();

    [Fact]
    public void E4_EnduranceAthleteInSeason_NoFailure()
    {
        var e = LateralRaiseDay().With(a => a with { InSeason = true, Goal = Goal.Endurance }).Evaluate();

        e.Eligibility.Failure.ShouldBeFalse();
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("E4");
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("E1");
        e.WarningCodes().ShouldContain("in-season");
    }

    [Fact]
    public void E4_OffSeason_Allows() =>
        LateralRaiseDay().With(a => a with { Goal = Goal.Endurance }).Evaluate().WarningCodes().ShouldNotContain("in-season");

    private static LoggedSession LongAgo(int days) => DaysAgo(days, DayType.Hard, Did("Leg Press", Set(150, 10, 2)), Did("Dumbbell Lateral Raise", Set(10, 14, 2)));

    private static Scenario RaiseDayAfter(int daysOff) => Session(Plan("Dumbbell Lateral Raise", 3, "12-15")).With(LongAgo(daysOff));

    [Fact]
    public void E5_TrainedLifterBackAfterALayoff_BaselineTest()
    {
        var e = RaiseDayAfter(40).Evaluate();

        e.Actions.ShouldContain(a => a.Code == "baseline-test" && a.Rule == "E5");
    }

    [Theory]
    [InlineData(1.0, false, 40)]
    [InlineData(4.0, true, 40)]
    [InlineData(4.0, false, 20)]
    public void E5_BeginnerInjuredOrNoLayoff_NoBaselineTest(double years, bool injured, int daysOff)
    {
        var e = RaiseDayAfter(daysOff).With(a => a with { TrainingYears = years, Injuries = injured ? ["knee"] : [] }).Evaluate();

        e.ActionCodes().ShouldNotContain("baseline-test");
    }
}
