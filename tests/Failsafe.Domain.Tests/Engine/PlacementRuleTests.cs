using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>F1–F7: where failure may happen.</summary>
public class PlacementRuleTests
{
    private static readonly Policy FreeWeightCompoundsAllowed = Policy.Default with { HypertrophyFailureOnFreeWeightCompounds = true };

    [Fact]
    public void F1_TechnicalPermission_EndsTheSetAndAllowsNoBeyondFailure()
    {
        var e = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).Known().Evaluate(FreeWeightCompoundsAllowed);
        var last = e.LastSet("Barbell Bench Press");

        last.Failure.ShouldBe(FailureLevel.Technical);
        last.Ids().ShouldContain("F1");
        last.BeyondFailure.ShouldBeEmpty();
    }

    [Fact]
    public void F1_AbsolutePermission_IsNotLimitedByTechnicalFailure() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("F1");

    [Fact]
    public void F2_SafeIsolation_AllowsAbsoluteFailureOnTheLastSet()
    {
        var last = LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.Absolute);
        last.TargetRir.ShouldBe(0);
        last.Ids().ShouldContain("F2");
    }

    [Fact]
    public void F2_BenchWithSafeties_NeverAbsolute()
    {
        var last = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true)).Evaluate(FreeWeightCompoundsAllowed).LastSet("Barbell Bench Press");

        last.Failure.ShouldNotBe(FailureLevel.Absolute);
        last.Ids().ShouldContain("F2");
    }

    [Fact]
    public void F3_Squat_NeverFails_EvenWithSpotterAndSafeties()
    {
        var e = Session(Plan("Barbell Back Squat", 3, "6-8", spotter: true, safeties: true)).Evaluate(FreeWeightCompoundsAllowed);
        var squat = e.Exercises.Single();

        squat.MaxFailure.ShouldBe(FailureLevel.None);
        squat.Sets.ShouldAllBe(s => s.Failure == FailureLevel.None && s.TargetRir >= 1);
        squat.Sets[^1].Ids().ShouldContain("F3");
    }

    [Fact]
    public void F3_SafeExercise_IsNotRestricted() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("F3");

    [Fact]
    public void F4_BenchWithoutSpotterOrSafeties_Forbidden()
    {
        var last = Session(Plan("Barbell Bench Press", 3, "6-10")).Evaluate(FreeWeightCompoundsAllowed).LastSet("Barbell Bench Press");

        last.Failure.ShouldBe(FailureLevel.None);
        last.Ids().ShouldContain("F4");
    }

    [Fact]
    public void F4_BenchWithSpotter_AllowsTechnicalFailure()
    {
        var e = Session(Plan("Barbell Bench Press", 3, "6-10", spotter: true)).Known().Evaluate(FreeWeightCompoundsAllowed);

        e.Exercises.Single().MaxFailure.ShouldBe(FailureLevel.Technical);
        e.LastSet("Barbell Bench Press").Failure.ShouldBe(FailureLevel.Technical);
        e.LastSet("Barbell Bench Press").Ids().ShouldContain("F4");
    }

    [Fact]
    public void F5_OnlyTheLastSet_MayFail()
    {
        var sets = LateralRaiseDay().Evaluate().Exercises.Single().Sets;

        sets[0].Failure.ShouldBe(FailureLevel.None);
        sets[1].Failure.ShouldBe(FailureLevel.None);
        sets[0].Ids().ShouldContain("F5");
        sets[1].Ids().ShouldContain("F5");
        sets[2].Failure.ShouldBe(FailureLevel.Absolute);
        sets[2].Ids().ShouldContain("F5");
    }

    [Fact]
    public void F5_ASingleSet_IsAFirstSet_AndNeverFails()
    {
        var only = Session(Plan("Dumbbell Lateral Raise", 1, "12-15")).Evaluate().LastSet("Dumbbell Lateral Raise");

        only.Failure.ShouldBe(FailureLevel.None);
        only.Ids().ShouldContain("F5");
    }

    [Fact]
    public void F6_OnlyTheLastThreeExercises_MayFail()
    {
        var policy = Policy.Default with { MaxFailureExercisesPerSession = 4 };
        var e = Session(
            Plan("Leg Press", 2), Plan("Dumbbell Lateral Raise", 2, "12-15"), Plan("Lat Pulldown", 2), Plan("Triceps Pushdown", 2)).Known().Evaluate(policy);

        e.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Leg Press").Ids().ShouldContain("F6");
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("F6");
        e.LastSet("Dumbbell Lateral Raise").Reasons.Single(r => r.Rule == "F6").Message.ShouldContain("late in the session");
    }

    [Fact]
    public void F7_CnsDemandingLift_KeepsTwoRepsInReserve()
    {
        var squat = Session(Plan("Barbell Back Squat", 3, "6-8")).Evaluate().Exercises.Single();

        squat.Sets.ShouldAllBe(s => s.TargetRir >= 2);
        squat.Sets[0].Ids().ShouldContain("F7");
    }

    [Fact]
    public void F7_LowDemandLift_TrainsAtTheDayTarget()
    {
        var first = LateralRaiseDay().Evaluate().Set("Dumbbell Lateral Raise", 1);

        first.TargetRir.ShouldBe(Policy.Default.HardDayRir); // B1: a hard day's sets at RPE 8
        first.Ids().ShouldNotContain("F7");
    }

    [Fact]
    public void F7_FailureSlot_GoesToTheLeastDemandingExercise_EvenIfEarlier()
    {
        var e = Session(Plan("Lat Pulldown", 3), Plan("Dumbbell Lateral Raise", 3, "12-15"), Plan("Leg Press", 3)).Known().Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Leg Press").Ids().ShouldContain("B2");
    }

    /// <summary>F6/R6: failure early costs everything after it, so never on the first exercise while others follow.</summary>
    [Fact]
    public void F6_FirstExerciseWhileOthersFollow_NeverFails()
    {
        var e = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Barbell Squat", 3, "5-8"), Plan("Barbell Bench Press", 3, "6-10")).Known().Evaluate();

        e.LastSet("Lat Pulldown").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Lat Pulldown").Ids().ShouldContain("F6");
    }

    [Fact]
    public void F6_ASingleExerciseSession_MayFailOnIt() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);

    /// <summary>F4: safeties (pins, straps) catch a barbell in a rack; dumbbells need a spotter.</summary>
    [Fact]
    public void F4_SafetiesDoNotProtectDumbbells()
    {
        var pins = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Incline Dumbbell Press", 3, "8-12", safeties: true)).Known()
            .Evaluate(Policy.Default with { HypertrophyFailureOnFreeWeightCompounds = true });
        pins.Exercises[1].MaxFailure.ShouldBe(FailureLevel.None);
        pins.LastSet("Incline Dumbbell Press").Failure.ShouldBe(FailureLevel.None);
        pins.LastSet("Incline Dumbbell Press").Ids().ShouldContain("F4");

        var spotter = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Incline Dumbbell Press", 3, "8-12", spotter: true)).Known()
            .Evaluate(Policy.Default with { HypertrophyFailureOnFreeWeightCompounds = true });
        spotter.Exercises[1].MaxFailure.ShouldBe(FailureLevel.Technical);
        spotter.LastSet("Incline Dumbbell Press").Failure.ShouldBe(FailureLevel.Technical);
    }
}
