using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>W1–W4: warning signs and what they trigger.</summary>
public class WarningRuleTests
{
    private static readonly Wellness[] ThreeExhaustedDays = [Day(1, fatigue: 4), Day(3, fatigue: 5), Day(4, fatigue: 4)];

    [Fact]
    public void W1_PersistentFatigue_IsAWarningSign()
    {
        var e = LateralRaiseDay().With(ThreeExhaustedDays).Evaluate();

        e.Warnings.ShouldContain(w => w.Code == "persistent-fatigue" && w.Rule == "W1");
    }

    [Fact]
    public void W1_OneBadNight_IsNotASign() =>
        LateralRaiseDay().With(Day(1, fatigue: 5, sleepQuality: 1, sleepHours: 4), Day(2), Day(3)).Evaluate().Warnings.ShouldBeEmpty();

    [Fact]
    public void W2_WarningSigns_ScaleBackFailure_AndDowngradeAHardDay()
    {
        var e = LateralRaiseDay().With(ThreeExhaustedDays).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("W2");
        e.ActionCodes().ShouldContain("scale-back-failure");
        e.ActionCodes().ShouldContain("downgrade-day");
    }

    [Fact]
    public void W2_NoSigns_NothingScaledBack()
    {
        var e = LateralRaiseDay().With(Day(1), Day(2), Day(3)).Evaluate();

        e.Actions.ShouldBeEmpty();
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("W2");
    }

    [Fact]
    public void W2_SignsStackingUp_Deload()
    {
        var bad = Enumerable.Range(1, 4).Select(d => Day(d, fatigue: 4, mood: 2, sleepQuality: 2)).ToArray();

        LateralRaiseDay().With(bad).Evaluate().ActionCodes().ShouldContain("deload");
    }

    [Fact]
    public void W2_SignPersistingTwoWeeks_Deload()
    {
        var twoWeeks = Enumerable.Range(1, 13).Where(d => d % 2 == 1).Select(d => Day(d, fatigue: 4)).ToArray();

        var e = LateralRaiseDay().With(twoWeeks).Evaluate();

        e.WarningCodes().ShouldBe(["persistent-fatigue"]);
        e.ActionCodes().ShouldContain("deload");
    }

    private static Scenario Plateau(Func<Athlete, Athlete> athlete)
    {
        var weeks = Enumerable.Range(0, 12).Select(w => DaysAgo(3 + 7 * w, null, Did("Leg Press", Set(200, 8, 2)))).ToArray();
        return LateralRaiseDay().With(athlete).With(weeks);
    }

    [Fact]
    public void W3_PlateauWithoutFatigue_EligibleLifter_FailureBlock() =>
        Plateau(a => a).Evaluate().ActionCodes().ShouldContain("plateau-block");

    [Fact]
    public void W3_PlateauInAnIneligibleLifter_NoFailureBlock() =>
        Plateau(a => a with { TrainingYears = 1 }).Evaluate().ActionCodes().ShouldNotContain("plateau-block");

    private static LoggedSession Calves(int daysAgo, int failed) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Standing Calf Raises", [Set(100, 12, 2), .. Enumerable.Repeat(Failed(100, 11), failed)]));

    [Fact]
    public void W4_ASessionWithThreeFailureSets_WasATest_ScaleBack()
    {
        var e = LateralRaiseDay().With(Calves(5, 3)).Evaluate();

        e.Warnings.ShouldContain(w => w.Code == "failure-overuse" && w.Rule == "W4");
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.ActionCodes().ShouldContain("scale-back-failure");
    }

    [Fact]
    public void W4_TwoFailureSets_StillTraining()
    {
        var e = LateralRaiseDay().With(Calves(5, 2)).Evaluate();

        e.WarningCodes().ShouldNotContain("failure-overuse");
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void FailureOveruse_BudgetExceeded_Warns()
    {
        var one = (int d) => DaysAgo(d, DayType.Hard, Did("Standing Calf Raises", Failed(100, 11)));
        var e = LateralRaiseDay().With(one(2), one(4), one(6), one(8), one(10)).Evaluate();

        e.Budget.FailureSetsUsed.ShouldBe(5);
        e.Warnings.ShouldContain(w => w.Code == "failure-overuse" && w.Rule == "B4");
    }
}
