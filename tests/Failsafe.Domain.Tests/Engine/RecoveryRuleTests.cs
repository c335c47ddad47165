using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>R1–R6: recovery windows.</summary>
public class RecoveryRuleTests
{
    // The leg press would otherwise be held back by S3's once-a-week compound limit; lift that to see R1 alone.
    private static readonly Policy CompoundsWeekly = Policy.Default with { CompoundFailuresPerWeekInHypertrophy = 7 };

    private static LoggedSession PulldownFailure(int daysAgo) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Lat Pulldown", Set(70, 10, 1), Failed(70, 9)));

    [Fact]
    public void R1_CompoundFailureWithin72Hours_NoFailureOnCompounds()
    {
        var e = Session(Plan("Leg Press")).With(PulldownFailure(2)).Evaluate(CompoundsWeekly);

        e.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Leg Press").Ids().ShouldContain("R1");
        e.Warnings.ShouldContain(w => w.Code == "cns-recovery" && w.Rule == "R1");
    }

    [Fact]
    public void R1_CompoundFailureWithin72Hours_IsolationStillAllowed() =>
        LateralRaiseDay().With(PulldownFailure(2)).Evaluate().LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);

    [Fact]
    public void R1_After72Hours_Allows()
    {
        var e = Session(Plan("Leg Press")).Known().With(PulldownFailure(3)).Evaluate(CompoundsWeekly);

        e.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.Absolute);
        e.WarningCodes().ShouldNotContain("cns-recovery");
    }

    private static LoggedSession HeavySquat(int daysAgo) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Barbell Back Squat", Set(140, 5, 2), Set(140, 5, 1)));

    [Fact]
    public void R2_AllOutSquatSessionWithinAWeek_HeavyCompoundsKeepReserve()
    {
        var e = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).With(HeavySquat(5)).Evaluate();

        e.Exercises.Single().Sets.ShouldAllBe(s => s.Failure == FailureLevel.None && s.TargetRir >= 2);
        e.LastSet("Barbell Bench Press").Ids().ShouldContain("R2");
        e.Warnings.ShouldContain(w => w.Code == "cns-recovery" && w.Rule == "R2");
    }

    [Fact]
    public void R2_AfterTheWindow_NoLongerApplies()
    {
        var e = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).With(HeavySquat(8)).Evaluate();

        e.LastSet("Barbell Bench Press").Ids().ShouldNotContain("R2");
        e.WarningCodes().ShouldNotContain("cns-recovery");
    }

    private static LoggedSession RaiseFailure(int daysAgo) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Dumbbell Lateral Raise", Set(10, 14, 1), Failed(10, 13)));

    [Fact]
    public void R3_SameMuscleFailedTwoDaysAgo_NotAgain()
    {
        var e = LateralRaiseDay().With(RaiseFailure(2)).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("R3");
        e.WarningCodes().ShouldContain("muscle-recovery");
    }

    [Fact]
    public void R3_MuscleRecovered_Allows()
    {
        var e = LateralRaiseDay().With(RaiseFailure(3)).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.WarningCodes().ShouldNotContain("muscle-recovery");
    }

    [Fact]
    public void R4_EventInTwoDays_NoFailure()
    {
        var e = LateralRaiseDay().WithEvent(2).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("R4");
        e.WarningCodes().ShouldContain("event-soon");
        e.ActionCodes().ShouldContain("downgrade-day");
    }

    /// <summary>On the day of the event itself the event is the work: no training session beside it, and the day says why.</summary>
    [Fact]
    public void R4_EventToday_NoTrainingSession()
    {
        var e = LateralRaiseDay().WithEvent(0, "meet").Evaluate();

        e.Exercises.ShouldBeEmpty();
        e.DayChanges.ShouldContain(c => c.Rule == "R4" && c.Message.Contains("meet is today", StringComparison.Ordinal));
    }

    /// <summary>R4: a plan's day on the meet itself is the meet, not a session beside it.</summary>
    [Fact]
    public void R4_EventToday_PlannedDayHasNoSessionEither()
    {
        var e = Evaluator.EvaluatePlanned(LateralRaiseDay().On(DayType.Medium).WithEvent(0, "meet"));

        e.Exercises.ShouldBeEmpty();
        e.DayChanges.ShouldContain(c => c.Rule == "R4");
    }

    [Fact]
    public void R4_EventFurtherAwayOrPast_Allows()
    {
        LateralRaiseDay().WithEvent(3).Evaluate().LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        LateralRaiseDay().WithEvent(-1).Evaluate().WarningCodes().ShouldNotContain("event-soon");
    }

    // 120 kg × 8 at 2 RIR on the bench: beyond the E3 bar (102 kg × 8 to failure).
    private static LoggedSession AdvancedBench => DaysAgo(10, DayType.Hard, Did("Barbell Bench Press", Set(120, 8, 2)));

    private static LoggedSession DropSet(int daysAgo) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Leg Extensions", Set(60, 12, 1), Failed(60, 11, Technique.DropSet)));

    [Fact]
    public void R5_BeyondFailureTwoDaysAgo_NoTechniquesToday_AndExtraRest()
    {
        var e = LateralRaiseDay().With(AdvancedBench, DropSet(2)).Evaluate();
        var last = e.LastSet("Dumbbell Lateral Raise");

        e.Eligibility.BeyondFailure.ShouldBeTrue();
        last.Failure.ShouldBe(FailureLevel.Absolute);
        last.BeyondFailure.ShouldBeEmpty();
        last.Ids().ShouldContain("R5");
        e.ActionCodes().ShouldContain("extra-rest");
    }

    [Fact]
    public void R5_RestedSinceBeyondFailure_TechniquesAllowed()
    {
        var e = LateralRaiseDay().With(AdvancedBench, DropSet(4)).Evaluate();
        var last = e.LastSet("Dumbbell Lateral Raise");

        last.BeyondFailure.ShouldBe([Technique.DropSet, Technique.RestPause]);
        last.Ids().ShouldNotContain("R5");
        e.ActionCodes().ShouldNotContain("extra-rest");
    }

    [Fact]
    public void R6_ManySetsStillToCome_NoFailureHere()
    {
        var e = Session(Plan("Dumbbell Lateral Raise", 3, "12-15"), Plan("Leg Press", 5), Plan("Lat Pulldown", 5)).Evaluate();
        var raise = e.LastSet("Dumbbell Lateral Raise");

        raise.Failure.ShouldBe(FailureLevel.None);
        raise.Ids().ShouldContain("R6");
    }

    [Fact]
    public void R6_FewSetsToCome_Allows()
    {
        var raise = Session(Plan("Lat Pulldown", 3), Plan("Dumbbell Lateral Raise", 3, "12-15"), Plan("Leg Press", 3)).Known().Evaluate().LastSet("Dumbbell Lateral Raise");

        raise.Failure.ShouldBe(FailureLevel.Absolute);
        raise.Ids().ShouldNotContain("R6");
    }

    /// <summary>R2: 7 days after a hard squat/deadlift day, 14 after one that held failure or technical-failure sets.</summary>
    [Fact]
    public void R2_SquatDayWithTechnicalFailures9DaysAgo_StillInTheWindow()
    {
        var squat = DaysAgo(9, DayType.Hard, Did("Barbell Back Squat", Set(140, 5, 2),
            new LoggedSet(140, 4, Rir.Zero, FailureLevel.Technical), new LoggedSet(140, 3, Rir.Zero, FailureLevel.Technical)));
        var e = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).With(squat).Evaluate();

        e.LastSet("Barbell Bench Press").Ids().ShouldContain("R2");
        e.Warnings.ShouldContain(w => w.Code == "cns-recovery" && w.Rule == "R2" && w.Message.Contains("14 days", StringComparison.Ordinal));
    }

    [Fact]
    public void R2_SquatDayWithFailure15DaysAgo_WindowOver()
    {
        var squat = DaysAgo(15, DayType.Hard, Did("Barbell Back Squat", Set(140, 5, 2), new LoggedSet(140, 4, Rir.Zero, FailureLevel.Technical)));

        Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).With(squat).Evaluate().WarningCodes().ShouldNotContain("cns-recovery");
    }
}
