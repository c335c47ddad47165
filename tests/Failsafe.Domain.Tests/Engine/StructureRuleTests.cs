using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>S1–S7: the week, the phase, rep ranges and progression.</summary>
public class StructureRuleTests
{
    [Theory]
    [InlineData(DayType.Medium, 2)]
    [InlineData(DayType.Light, 3)]
    public void S1_MediumAndLightDays_NoFailure_MoreInReserve(DayType day, double rir)
    {
        var sets = LateralRaiseDay().On(day).Evaluate().Exercises.Single().Sets;

        sets.ShouldAllBe(s => s.Failure == FailureLevel.None && s.TargetRir == rir);
        sets[^1].Ids().ShouldContain("S1");
    }

    [Fact]
    public void S1_HardDay_AllowsFailure() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("S1");

    [Fact]
    public void S1_HardAfterHard_TrainedAsMedium()
    {
        var e = LateralRaiseDay().With(DaysAgo(1, DayType.Hard, Did("Leg Press", Set(150, 10, 2)))).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("S1");
        e.ActionCodes().ShouldContain("downgrade-day");
    }

    [Fact]
    public void S1_TwoHardDaysThisCalendarWeekAlready_NoThird()
    {
        // Friday, after hard days on Monday and Wednesday of the same calendar week.
        var hard = (int d) => DaysAgo(d, DayType.Hard, Did("Leg Press", Set(150, 10, 2)));
        var friday = LateralRaiseDay().With(hard(0), hard(-2)) with { Today = Today.AddDays(4) };
        var last = friday.Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.None);
        last.Ids().ShouldContain("S1");
        var downgrade = friday.Evaluate().Actions.Single(a => a.Code == "downgrade-day").Message;
        downgrade.ShouldContain("this week");
        downgrade.ShouldNotContain("in a row");
    }

    [Fact]
    public void S1_TwoHardDaysLastWeek_MondayMayBeHard()
    {
        // S1: at most two hard days in a calendar week; the rotation may put three in a rolling seven days
        // (last Wednesday and Friday, then this Monday).
        var hard = (int d) => DaysAgo(d, DayType.Hard, Did("Leg Press", Set(150, 10, 2)));

        var e = LateralRaiseDay().With(hard(3), hard(5)).Evaluate();

        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("S1");
        e.ActionCodes().ShouldNotContain("downgrade-day");
    }

    [Fact]
    public void S2_StrengthPhase_CompoundsNeverFail_BigLiftsTwoInReserve()
    {
        var e = Session(Plan("Barbell Back Squat", 3, "3-5"), Plan("Leg Press"), Plan("Dumbbell Lateral Raise", 3, "12-15")).Known().In(Phase.Strength).Evaluate();

        e.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Leg Press").Ids().ShouldContain("S2");
        e.Exercises[0].Sets.ShouldAllBe(s => s.TargetRir >= 2);
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("S2");
    }

    [Fact]
    public void S3_HypertrophyPhase_SafeCompoundOnceAWeek()
    {
        Session(Plan("Leg Press")).Known().Evaluate().LastSet("Leg Press").Failure.ShouldBe(FailureLevel.Absolute);

        var used = Session(Plan("Leg Press")).Known().With(DaysAgo(5, DayType.Hard, Did("Lat Pulldown", Set(70, 10, 1), Failed(70, 9)))).Evaluate();
        used.LastSet("Leg Press").Failure.ShouldBe(FailureLevel.None);
        used.LastSet("Leg Press").Ids().ShouldContain("S3");
    }

    [Fact]
    public void S3_HypertrophyPhase_FreeWeightCompoundNever_ByDefault()
    {
        // Free-weight compounds outside the bench family, even with a spotter (S3's safe compounds).
        var bench = Session(Plan("Dumbbell Shoulder Press", 3, "6-10", spotter: true), Plan("Bent Over Barbell Row", 3, "6-10", spotter: true)).Known()
            .Evaluate().LastSet("Bent Over Barbell Row");

        bench.Failure.ShouldBe(FailureLevel.None);
        bench.Ids().ShouldContain("S3");
    }

    [Fact]
    public void S3_IsolationFinal_Allowed() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("S3");

    [Fact]
    public void S4_Deload_NoFailureAnywhere_ThreeInReserve()
    {
        var e = Session(Plan("Leg Press"), Plan("Dumbbell Lateral Raise", 3, "12-15")).In(Phase.Deload).Evaluate();

        e.Exercises.SelectMany(x => x.Sets).ShouldAllBe(s => s.Failure == FailureLevel.None && s.TargetRir == 3 && s.BeyondFailure.IsEmpty);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("S4");
    }

    [Fact]
    public void S5_LowRepRange_NoFailure()
    {
        var last = Session(Plan("Dumbbell Lateral Raise", 3, "1-3")).Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.None);
        last.Ids().ShouldContain("S5");
    }

    [Fact]
    public void S5_HypertrophyRange_Allowed() =>
        LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise").Ids().ShouldNotContain("S5");

    [Fact]
    public void S6_TopOfRangeAtTargetRir_LoadGoesUpAtLeastOneStep()
    {
        var e = Session(Plan("Leg Press", 3, "10-12")).With(DaysAgo(4, DayType.Hard, Did("Leg Press", Set(100, 12, 2), Set(100, 12, 2), Set(100, 12, 1)))).Evaluate();
        var set = e.Set("Leg Press", 1);

        set.WeightKg.ShouldNotBeNull();
        set.WeightKg.Value.ShouldBeGreaterThanOrEqualTo(105);
        (set.WeightKg.Value % 5).ShouldBe(0);
        set.Ids().ShouldContain("S6");
    }

    [Fact]
    public void S6_MissedTheRange_LoadDoesNotRise()
    {
        var e = Session(Plan("Leg Press", 3, "10-12")).With(DaysAgo(4, DayType.Hard, Did("Leg Press", Set(140, 8, 1), Set(140, 7, 1), Set(140, 6, 1)))).Evaluate();
        var set = e.Set("Leg Press", 1);

        set.WeightKg!.Value.ShouldBeLessThanOrEqualTo(140);
        set.Ids().ShouldContain("S6");
    }

    [Fact]
    public void S6_NoHistory_NoLoad() => LateralRaiseDay().Evaluate().Set("Dumbbell Lateral Raise", 1).WeightKg.ShouldBeNull();

    [Fact]
    public void S6_LoadIsRoundedInTheLiftersUnit()
    {
        var e = Session(Plan("Barbell Bench Press", 3, "6-10")).With(a => a with { Unit = Failsafe.Effort.WeightUnit.Lb })
            .With(DaysAgo(4, DayType.Hard, Did("Barbell Bench Press", Set(100, 8, 2)))).Evaluate();
        var lb = e.Set("Barbell Bench Press", 1).WeightKg!.Value / Failsafe.Effort.Load.KgPerLb;

        var off = (lb - 45) % 5;
        Math.Min(off, 5 - off).ShouldBeLessThan(0.05, $"{lb} lb is not a 45 lb bar with 2.5 lb plate pairs");
    }

    [Fact]
    public void S7_BodyweightAmrap_MayGoToFailure()
    {
        var last = Session(Plan("Push Up", 3, "AMRAP")).Known().Evaluate().LastSet("Push Up");

        last.Failure.ShouldBe(FailureLevel.Absolute);
        last.Ids().ShouldContain("S7");
    }

    [Fact]
    public void S7_AmrapOnLoadedExercise_StopsWithReserve()
    {
        var last = Session(Plan("Leg Press", 3, "AMRAP")).Evaluate().LastSet("Leg Press");

        last.Failure.ShouldBe(FailureLevel.None);
        last.TargetRir.ShouldBeGreaterThanOrEqualTo(1);
        last.Ids().ShouldContain("S7");
    }

    /// <summary>S3: the bench family is a safe compound with a spotter or safeties: technical failure, at most once a week.</summary>
    [Fact]
    public void S3_BenchWithSpotter_TechnicalFailureOnceAWeek()
    {
        var known = DaysAgo(10, DayType.Medium, Did("Barbell Bench Press", Set(90, 8, 2), Set(90, 8, 2), Set(90, 8, 2)));
        var bench = Session(Plan("Barbell Bench Press", 3, "6-10", spotter: true)).With(known).Evaluate().LastSet("Barbell Bench Press");

        bench.Failure.ShouldBe(FailureLevel.Technical);
        bench.Ids().ShouldContain("S3");

        var again = Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true))
            .With(known, DaysAgo(4, DayType.Hard, Did("Barbell Bench Press", Set(90, 8, 2), new LoggedSet(90, 9, Rir.Zero, FailureLevel.Technical))))
            .Evaluate().LastSet("Barbell Bench Press");
        again.Failure.ShouldBe(FailureLevel.None);
        again.Ids().ShouldContain("S3");
    }

    /// <summary>B1: hard days sit at RPE 8 (2 RIR); RPE 9 (1 RIR) is kept for the last sets of late exercises.</summary>
    [Fact]
    public void B1_HardDay_MostSetsAtTwoInReserve_OneOnlyOnLateLastSets()
    {
        var s = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Seated Cable Row", 3, "8-12"), Plan("Leg Press", 3, "10-12"),
            Plan("Leg Extension", 3, "10-15"), Plan("Dumbbell Lateral Raise", 3, "12-15"));
        var e = s.With(DaysAgo(10, DayType.Medium, [.. s.Session.Exercises.Select(x => Did(x.Name, Set(40, 10, 2)))])).Evaluate();

        e.Set("Lat Pulldown", 1).TargetRir.ShouldBe(2);
        e.Set("Lat Pulldown", 3).TargetRir.ShouldBe(2);
        e.Set("Leg Press", 2).TargetRir.ShouldBe(2);
        e.Set("Leg Press", 3).TargetRir.ShouldBe(1);
        e.Set("Leg Extension", 3).TargetRir.ShouldBe(1);
        var sets = e.Exercises.SelectMany(x => x.Sets).ToList();
        (sets.Count(x => x.TargetRir >= 2) / (double)sets.Count).ShouldBeGreaterThanOrEqualTo(0.7);
    }

    /// <summary>S1: "about two hard days in seven" is counted per calendar week; a third in a rolling 7 days is allowed.</summary>
    [Fact]
    public void S1_ThirdHardDayInSevenButSecondThisCalendarWeek_StaysHard()
    {
        // Today is a Monday; hard days last Tuesday and Friday were in the previous calendar week.
        Today.DayOfWeek.ShouldBe(DayOfWeek.Monday);
        var hard = (int d) => DaysAgo(d, DayType.Hard, Did("Leg Press", Set(150, 10, 2)));
        var e = LateralRaiseDay().With(DaysAgo(20, DayType.Medium, Did("Dumbbell Lateral Raise", Set(10, 14, 2)))).With(hard(3), hard(6)).Evaluate();

        e.ActionCodes().ShouldNotContain("downgrade-day");
        e.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }
}
