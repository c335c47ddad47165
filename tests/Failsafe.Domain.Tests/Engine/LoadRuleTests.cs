using System.Collections.Immutable;
using CsCheck;
using Failsafe.Autoregulation;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Monitoring;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>Loads a coach would sign: one source for a load and its reason, the rise cap, warning signs, layoffs, equipment.</summary>
public class LoadRuleTests
{
    private static readonly Wellness[] PoorSleepDays = [Day(1, fatigue: 4), Day(3, fatigue: 5), Day(4, fatigue: 4)];

    private static LoggedSession Squat(int daysAgo, double kg, int reps, double rir) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Barbell Squat", Set(kg, reps, rir), Set(kg, reps, rir), Set(kg, reps, rir)));

    private static Reason LoadReason(SetDecision set) => set.Reasons.Single(r => r.Load);

    [Fact]
    public void For_SquatAtRir3To4_RisesAtMostTheHeavyCompoundCap()
    {
        var s = Session(Plan("Barbell Squat", 3, "6-8")).On(DayType.Hard).With(Squat(7, 100, 8, 3.5));

        var set = s.Evaluate().Set("Barbell Squat", 1);

        set.WeightKg!.Value.ShouldBeLessThanOrEqualTo(105);
        LoadReason(set).Message.ShouldStartWith($"{Load.Kg(set.WeightKg.Value)}:");
    }

    [Fact]
    public void For_WarningSigns_NoRiseOverLastTime()
    {
        var s = Session(Plan("Barbell Squat", 3, "6-8")).On(DayType.Hard).With(Squat(7, 100, 8, 3.5)).With(PoorSleepDays);

        var set = s.Evaluate().Set("Barbell Squat", 1);

        set.WeightKg!.Value.ShouldBeLessThanOrEqualTo(100);
    }

    [Fact]
    public void For_TargetMetOnRdl_OneCappedStepNotFifteenKg()
    {
        var s = Session(Plan("Romanian Deadlift", 3, "8-10")).With(
            DaysAgo(7, DayType.Hard, Did("Romanian Deadlift", Set(90, 10, 3), Set(90, 10, 3), Set(90, 10, 3))));

        var set = s.Evaluate().Set("Romanian Deadlift", 1);

        set.WeightKg!.Value.ShouldBeInRange(92.5, 94.5);
        LoadReason(set).Message.ShouldStartWith("92.5 kg:");
    }

    [Fact]
    public void For_DumbbellsFromTheRack_22AndAHalfStaysLoadable()
    {
        var s = Session(Plan("Dumbbell Bench Press", 3, "8-10")).With(
            DaysAgo(5, DayType.Medium, Did("Dumbbell Bench Press", Set(22.5, 9, 2), Set(22.5, 9, 2), Set(22.5, 9, 2))));

        var set = s.Evaluate().Set("Dumbbell Bench Press", 1);

        set.WeightKg!.Value.ShouldBe(22.5);
    }

    [Fact]
    public void For_OwnEquipmentWithMicroPlates_OneKgSteps()
    {
        var gear = Equipment.Standard(WeightUnit.Kg) with { MicroPlates = [0.5] };
        var s = Session(Plan("Barbell Bench Press", 3, "8-10", safeties: true)).With(a => a with { Equipment = gear })
            .With(DaysAgo(7, DayType.Hard, Did("Barbell Bench Press", Set(80, 10, 2), Set(80, 10, 2), Set(80, 10, 2))));

        var set = s.Evaluate().Set("Barbell Bench Press", 1);

        set.WeightKg!.Value.ShouldBe(83); // by the chart 83.2 kg: loadable in 1 kg steps, not in 2.5 kg ones
    }

    /// <summary>E5: an eligible lifter back after ten weeks gets the baseline test, and the squat still restarts below 120 kg.</summary>
    [Fact]
    public void For_TenWeeksOff_Eligible_BaselineTestAndSquatBelowTheLastLoad()
    {
        var s = Session(Plan("Barbell Squat", 3, "3-5"), Plan("Leg Press", 3, "10-12"))
            .With(DaysAgo(70, DayType.Hard, Did("Barbell Squat", Set(120, 5, 2), Set(120, 5, 2), Set(120, 5, 1)), Did("Leg Press", Set(160, 12, 2))));

        var e = s.Evaluate();

        e.ActionCodes().ShouldContain("baseline-test");
        e.Exercises[0].Sets.ShouldAllBe(set => set.WeightKg <= 108);
        LoadReason(e.Set("Barbell Squat", 1)).Rule.ShouldBe("E5");
    }

    [Fact]
    public void For_EightMonthsOff_NotEligible_ReentryBelowLastLoadAtHigherRir()
    {
        var s = Session(Plan("Barbell Squat", 3, "6-8")).With(a => a with { TrainingYears = 0.5 }).With(Squat(240, 100, 8, 2));

        var e = s.Evaluate();
        var set = e.Set("Barbell Squat", 1);

        set.WeightKg!.Value.ShouldBeLessThanOrEqualTo(90);
        set.TargetRir.ShouldBeGreaterThanOrEqualTo(Policy.Default.LayoffRir);
        LoadReason(set).Rule.ShouldBe("E5");
        LoadReason(set).Message.ShouldContain("[001]");
    }

    [Fact]
    public void For_DropSetsAfterAFailureSet_LoadFollowsTheParentSet()
    {
        var s = Session(Plan("Dumbbell Lateral Raise", 3, "12-15")).With(
            DaysAgo(5, DayType.Hard, Did("Dumbbell Lateral Raise",
                Set(10, 14, 2), Set(10, 13, 1), Failed(10, 13), new LoggedSet(6, 8, Rir.Zero, FailureLevel.Absolute, Technique.DropSet, Drop: true),
                new LoggedSet(4, 6, Rir.Zero, FailureLevel.Absolute, Technique.DropSet, Drop: true))));

        var set = s.Evaluate().Set("Dumbbell Lateral Raise", 1);

        set.WeightKg!.Value.ShouldBeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public void BestE1Rm_DropSets_LeaveItUnchanged()
    {
        var parent = Did("Dumbbell Lateral Raise", Set(10, 13, 1), Failed(10, 13));
        var withDrops = parent with { Sets = parent.Sets.Add(new LoggedSet(4, 6, Rir.Of(3), Drop: true)) };

        TrainingLog.BestE1Rm(withDrops, controlledOnly: true).ShouldBe(TrainingLog.BestE1Rm(parent, controlledOnly: true));
        TrainingLog.WorkingSets([DaysAgo(1, null, withDrops)]).ShouldBe(2);
    }

    [Fact]
    public void Split_UnratedSets_CountedApartNeverAsFailure()
    {
        var unrated = new LoggedSet(100, 5, Rir.Zero, Rated: false);
        var session = DaysAgo(1, null, Did("Barbell Squat", unrated, unrated, Set(100, 5, 2)));

        TrainingLog.Split([session]).ShouldBe((1, 0, 2));
        RirBuckets.Of(unrated).ShouldBe(-1);
        unrated.IsFailure.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_HeavyCompoundFirst_WarmupRampUnderTheWorkLoad()
    {
        var s = Session(Plan("Barbell Squat", 3, "6-8"), Plan("Leg Extensions", 3, "10-12")).With(Squat(7, 100, 8, 2));

        var e = s.Evaluate();
        var squat = e.Exercises[0];

        squat.Warmups.Length.ShouldBe(3);
        squat.Warmups.Select(w => w.WeightKg!.Value).ShouldBeInOrder(SortDirection.Ascending);
        squat.Warmups[^1].WeightKg!.Value.ShouldBeLessThan(squat.Sets[0].WeightKg!.Value);
        squat.Sets[0].RestSeconds.ShouldBe(Policy.Default.HeavyRestSeconds);
        e.Exercises[1].Warmups.ShouldBeEmpty(); // the quads are warm by now
    }

    [Fact]
    public void Evaluate_FailureSet_LongestRest()
    {
        var last = LateralRaiseDay().Evaluate().LastSet("Dumbbell Lateral Raise");

        last.Failure.ShouldBe(FailureLevel.Absolute);
        last.RestSeconds.ShouldBe(Policy.Default.FailureRestSeconds);
    }

    [Fact]
    public void For_ChinUpsOutgrowTheRange_AddedWeightPrescribed()
    {
        var s = Session(Plan("Chin Up", 3, "AMRAP")).With(a => a with { TrainingYears = 0.5 })
            .With(DaysAgo(5, DayType.Hard, Did("Chin Up", Set(0, 16, 3), Set(0, 15, 3), Set(0, 15, 3))));

        var e = s.Evaluate();
        var set = e.Set("Chin Up", 1);

        set.WeightKg!.Value.ShouldBeGreaterThan(0);
        set.Reps.ShouldBe($"{Policy.Default.MinFailureReps}-{Policy.Default.MaxFailureReps}");
        LoadReason(set).Message.ShouldStartWith($"{Load.Kg(set.WeightKg.Value)}: added to bodyweight");
    }

    [Fact]
    public void For_ChinUpsInTheRange_BodyweightAloneNotAConservativeGuess()
    {
        var s = Session(Plan("Chin Up", 3, "AMRAP"))
            .With(DaysAgo(5, DayType.Hard, Did("Chin Up", Set(0, 8, 2), Set(0, 7, 2), Set(0, 7, 2))));

        var set = s.Evaluate().Set("Chin Up", 1);

        set.WeightKg.ShouldBe(0);
        LoadReason(set).Message.ShouldStartWith("0 kg: bodyweight alone");
    }

    [Fact]
    public void For_AssistedPullUps_TargetMet_LessAssistance()
    {
        // An assisted variant logs the assistance (what the machine or band takes off): the load lifted is bodyweight
        // minus it, so progress means less assistance, never more.
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = 80 })
            .With(DaysAgo(5, DayType.Hard, Did("Assisted Pull Up", Set(30, 12, 2), Set(30, 12, 2), Set(30, 12, 2))));

        var set = s.Evaluate().Set("Assisted Pull Up", 1);

        set.WeightKg!.Value.ShouldBeLessThan(30);
        set.WeightKg.Value.ShouldBeGreaterThanOrEqualTo(30 - 80 * Policy.Default.MaxRise - 1e-9);
        LoadReason(set).Message.ShouldStartWith($"{Load.Kg(set.WeightKg.Value)} of assistance");
    }

    [Fact]
    public void Warmups_AssistedPullUps_MoreAssistanceThanTheWorkSet()
    {
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = 80 })
            .With(DaysAgo(5, DayType.Hard, Did("Assisted Pull Up", Set(30, 12, 2), Set(30, 12, 2), Set(30, 12, 2))));

        var pullUps = s.Evaluate().Exercises[0];

        pullUps.Warmups.ShouldNotBeEmpty();
        pullUps.Warmups.ShouldAllBe(w => w.WeightKg > pullUps.Sets[0].WeightKg && w.WeightKg <= 80);
    }

    [Fact]
    public void For_AssistedPullUps_SetsMissed_NoLessAssistance()
    {
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = 80 })
            .With(DaysAgo(5, DayType.Hard, Did("Assisted Pull Up", Set(30, 6, 0), Set(30, 5, 0), Set(30, 5, 0))));

        var set = s.Evaluate().Set("Assisted Pull Up", 1);

        set.WeightKg!.Value.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void For_AssistedPullUps_WithoutABodyweight_NoAssistanceGuessed()
    {
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = null })
            .With(DaysAgo(5, DayType.Hard, Did("Assisted Pull Up", Set(30, 12, 2), Set(30, 12, 2), Set(30, 12, 2))));

        s.Evaluate().Set("Assisted Pull Up", 1).WeightKg.ShouldBeNull();
    }

    private static readonly string[] Lifts = ["Barbell Squat", "Barbell Bench Press", "Romanian Deadlift", "Leg Press", "Dumbbell Lateral Raise", "Dumbbell Bench Press", "Lat Pulldown"];

    [Fact]
    public void Property_ALoadAndItsReason_NameTheSameNumber()
    {
        var gen =
            from lift in Gen.Int[0, Lifts.Length - 1]
            from kg in Gen.Int[4, 160]
            from reps in Gen.Int[3, 15]
            from rir in Gen.Int[0, 8]
            from days in Gen.Int[1, 300]
            from lb in Gen.Bool
            from tired in Gen.Bool
            from step in Gen.Int[0, 20]
            from day in Gen.Enum<DayType>()
            select (lift, kg, reps, rir, days, lb, tired, step, day);
        gen.Sample(x =>
        {
            var name = Lifts[x.lift];
            var s = Session(Plan(name, 3, "8-12", safeties: true)).On(x.day)
                .With(a => a with { Unit = x.lb ? WeightUnit.Lb : WeightUnit.Kg })
                .With(DaysAgo(x.days, DayType.Hard, Did(name, Set(x.kg, x.reps, x.rir / 2.0), Set(x.kg, x.reps, x.rir / 2.0))));
            if (x.tired)
                s = s.With(PoorSleepDays);
            var e = s.Evaluate(Policy.Default with { ProgressionStepKg = x.step });
            foreach (var set in e.Exercises[0].Sets)
            {
                var reason = set.Reasons.Single(r => r.Load);
                var shown = Load.Kg(set.WeightKg!.Value).To(s.Athlete.Unit);
                if (!reason.Message.StartsWith($"{Load.Of(Math.Round(shown.Value, 2), shown.Unit)}:", StringComparison.Ordinal))
                    return false;
            }
            var next = NextSet.Decide(s, e, [new DoneSet(name, Ex(name), e.Exercises[0].Sets[0].WeightKg!.Value, 10, Rir.Of(x.rir / 2.0))]);
            if (next.Kind != NextKind.Set || next.WeightKg is null)
                return true;
            var nextReason = next.Reasons.Single(r => r.Load);
            var nextShown = Load.Kg(next.WeightKg!.Value).To(s.Athlete.Unit);
            return nextReason.Message.StartsWith($"{Load.Of(Math.Round(nextShown.Value, 2), nextShown.Unit)}:", StringComparison.Ordinal);
        });
    }
}
