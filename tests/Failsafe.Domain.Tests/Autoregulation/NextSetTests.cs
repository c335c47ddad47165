using Failsafe.Autoregulation;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Autoregulation;

/// <summary>In-session autoregulation: the next set's load from the sets done so far (S6, F1, R6, W1/W2).</summary>
public class NextSetTests
{
    private static readonly Policy P = Policy.Default;

    /// <summary>Bench (safeties) then lat pulldown then leg press, for a lifter who did all three four days ago.</summary>
    private static Scenario Workout(DayType day = DayType.Medium) =>
        Session(Plan("Barbell Bench Press", 3, "6-10", safeties: true), Plan("Lat Pulldown", 3, "8-12"), Plan("Leg Press", 3, "10-12"))
            .On(day)
            .With(DaysAgo(4, DayType.Medium,
                Did("Barbell Bench Press", Set(100, 8, 2), Set(100, 8, 2), Set(100, 8, 2)),
                Did("Lat Pulldown", Set(60, 10, 2), Set(60, 10, 2), Set(60, 10, 2)),
                Did("Leg Press", Set(160, 11, 2), Set(160, 11, 2), Set(160, 11, 2))));

    private static DoneSet Done(string name, double kg, int reps, double rir, FailureLevel failure = FailureLevel.None) =>
        new(name, Ex(name), kg, reps, Rir.Of(rir), failure);

    private static NextSetAdvice Decide(Scenario s, params DoneSet[] done) => NextSet.Decide(s, s.Evaluate(), done);

    private static int Mid(string reps) => RepRange.Parse(reps) is { IsAmrap: false } r ? (r.Min + r.Max) / 2 : 10;

    [Fact]
    public void Decide_AssistedSetEasierThanTarget_LessAssistanceNext()
    {
        // The assistance is what is logged; the load lifted is bodyweight minus it: an easy set means less assistance.
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = 80 })
            .With(DaysAgo(4, DayType.Medium, Did("Assisted Pull Up", Set(30, 10, 2), Set(30, 10, 2), Set(30, 10, 2))));

        var next = Decide(s, Done("Assisted Pull Up", 30, 10, 4));

        next.Kind.ShouldBe(NextKind.Set);
        next.WeightKg!.Value.ShouldBeLessThan(30);
        next.Reasons.ShouldContain(r => r.Load && r.Message.StartsWith($"{Load.Kg(next.WeightKg.Value)} of assistance", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_AssistedSetFarHarderThanPlanned_StopsForToday()
    {
        var s = Session(Plan("Assisted Pull Up", 3, "8-12")).With(a => a with { BodyweightKg = 80 })
            .With(DaysAgo(4, DayType.Medium, Did("Assisted Pull Up", Set(30, 10, 2), Set(30, 10, 2), Set(30, 10, 2))));
        var planned = s.Evaluate().Exercises[0].Sets[0].WeightKg!.Value;

        // Twice the assistance and still short of the range at no reserve: far weaker than expected.
        var next = Decide(s, Done("Assisted Pull Up", planned + 25, 5, 0));

        next.Kind.ShouldBe(NextKind.StopForToday);
    }

    [Fact]
    public void Decide_NothingDone_FirstPlannedSetAsTheEngineDecided()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets[0];

        var next = Decide(s);

        next.Kind.ShouldBe(NextKind.Set);
        next.Exercise.ShouldBe("Barbell Bench Press");
        next.Set.ShouldBe(1);
        next.WeightKg.ShouldBe(plan.WeightKg);
        next.TargetRir.ShouldBe(plan.TargetRir);
        next.Reps.ShouldBe("6-10");
        next.SignToWatch.ShouldBeFalse();
    }

    [Fact]
    public void Decide_ReportedRirBelowTarget_NextLoadLighterThanPlanned()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets;
        var kg = plan[0].WeightKg!.Value;

        var next = Decide(s, Done("Barbell Bench Press", kg, Mid("6-10"), plan[0].TargetRir - 1));

        next.Kind.ShouldBe(NextKind.Set);
        next.Exercise.ShouldBe("Barbell Bench Press");
        next.Set.ShouldBe(2);
        next.WeightKg!.Value.ShouldBeLessThan(plan[1].WeightKg!.Value);
        next.Reasons.ShouldContain(r => r.Rule == "S6");
    }

    [Fact]
    public void Decide_ReportedRirAboveTarget_NextLoadHeavierThanPlanned()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets;
        var kg = plan[0].WeightKg!.Value;

        var next = Decide(s, Done("Barbell Bench Press", kg, Mid("6-10"), plan[0].TargetRir + 2));

        next.Kind.ShouldBe(NextKind.Set);
        next.Set.ShouldBe(2);
        next.WeightKg!.Value.ShouldBeGreaterThan(plan[1].WeightKg!.Value);
    }

    [Fact]
    public void Decide_ReportedAsTargeted_NextLoadUnchanged()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets;

        var next = Decide(s, Done("Barbell Bench Press", plan[0].WeightKg!.Value, Mid("6-10"), plan[0].TargetRir));

        next.WeightKg.ShouldBe(plan[1].WeightKg);
    }

    [Fact]
    public void Decide_PoundsLifter_NextLoadLoadableInPounds()
    {
        var s = Workout().With(a => a with { Unit = WeightUnit.Lb });
        var plan = s.Evaluate().Exercises[0].Sets;

        var next = Decide(s, Done("Barbell Bench Press", plan[0].WeightKg!.Value, Mid("6-10"), plan[0].TargetRir - 1));

        var lb = Load.Kg(next.WeightKg!.Value).InLb;
        Math.Abs((lb - 45) / 5 - Math.Round((lb - 45) / 5)).ShouldBeLessThan(0.01, $"{lb} lb");
        LoadAdvice.LoadingFor("barbell").Round(Load.Lb(lb), WeightUnit.Lb).Value.ShouldBe(lb, 0.02);
    }

    [Fact]
    public void Decide_TechnicalFailure_EndsThatExercise_NextIsTheFollowingExercise()
    {
        var s = Workout();
        var kg = s.Evaluate().Exercises[0].Sets[0].WeightKg!.Value;

        var next = Decide(s, Done("Barbell Bench Press", kg, 7, 0, FailureLevel.Technical));

        next.Kind.ShouldBe(NextKind.Set);
        next.Exercise.ShouldBe("Lat Pulldown");
        next.Set.ShouldBe(1);
    }

    [Fact]
    public void Decide_TechnicalFailureOnSecondSet_LaterExercisesUnaffected()
    {
        var s = Workout();
        var plan = s.Evaluate();
        var bench = plan.Exercises[0].Sets[0];
        var pulldown = plan.Exercises[1].Sets[0];

        var next = Decide(s,
            Done("Barbell Bench Press", bench.WeightKg!.Value, Mid("6-10"), bench.TargetRir),
            Done("Barbell Bench Press", bench.WeightKg!.Value, 6, 0, FailureLevel.Technical));

        next.Exercise.ShouldBe("Lat Pulldown");
        next.WeightKg.ShouldBe(pulldown.WeightKg);
    }

    [Fact]
    public void DropOffRatio_TwoMinutesRest_About0725()
    {
        NextSet.DropOffRatio(120).ShouldBe(0.725, 0.001);
        NextSet.DropOffRatio(60).ShouldBe(0.55, 0.001);
        NextSet.DropOffRatio(300).ShouldBe(0.90, 0.001);
    }

    [Fact]
    public void DropOffRatio_MoreRest_NeverFewerReps()
    {
        var ratios = Enumerable.Range(1, 12).Select(i => NextSet.DropOffRatio(i * 30)).ToList();

        ratios.ShouldBe(ratios.Order().ToList());
        ratios.ShouldAllBe(r => r > 0 && r <= 1);
    }

    [Fact]
    public void Decide_AfterAFailureSet_NextSetLighterByTheDropOffRatio()
    {
        // Leg press set 1 taken to failure at the planned load with as many reps as the plan expected: the next set
        // is expected to manage only about 72.5 % of those reps (2 min rest), so its load drops accordingly (R6).
        var s = Workout(DayType.Hard);
        var evaluation = s.Evaluate();
        var plan = evaluation.Exercises[2].Sets;
        var kg = plan[0].WeightKg!.Value;
        var reps = Mid("10-12") + (int)plan[0].TargetRir;
        var done = evaluation.Exercises.Take(2)
            .SelectMany(x => x.Sets.Select(set => Done(x.Exercise, set.WeightKg!.Value, Mid(set.Reps), set.TargetRir)))
            .Append(Done("Leg Press", kg, reps, 0, FailureLevel.Absolute))
            .ToArray();

        var next = NextSet.Decide(s, s.Evaluate(), done);

        next.Kind.ShouldBe(NextKind.Set);
        next.Exercise.ShouldBe("Leg Press");
        next.Set.ShouldBe(2);
        var ratio = NextSet.DropOffRatio(P.RestSeconds);
        var expected = kg / OneRepMax.FractionOf1Rm(reps * ratio) * OneRepMax.FractionOf1Rm(Mid("10-12") + plan[1].TargetRir);
        var rounded = LoadAdvice.LoadingFor("machine").Round(Load.Kg(expected), WeightUnit.Kg).InKg;
        next.WeightKg!.Value.ShouldBe(rounded, 0.01);
        next.WeightKg!.Value.ShouldBeLessThan(kg);
        next.Reasons.ShouldContain(r => r.Rule == "R6");
    }

    [Fact]
    public void Decide_PerformanceWellBelowExpected_StopForToday_SignToWatch()
    {
        // The least on target is the bottom of the range at the target RIR; only 3 reps with 1 in reserve is well
        // over 10 % under that.
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets[0];

        var next = Decide(s, Done("Barbell Bench Press", plan.WeightKg!.Value, 3, 1));

        next.Kind.ShouldBe(NextKind.StopForToday);
        next.SignToWatch.ShouldBeTrue();
        next.WeightKg.ShouldBeNull();
        next.Reasons.ShouldContain(r => r.Rule == "W2");
    }

    [Fact]
    public void Decide_FailedAttemptWithZeroReps_NoCrash_StopOrLighter()
    {
        // The reader accepts {"reps": 0, "failure": "absolute"} (a missed attempt); the advice must still come.
        var s = Workout();
        var plan = s.Evaluate().Exercises[2].Sets;
        var kg = plan[0].WeightKg!.Value;
        var done = s.Evaluate().Exercises.Take(2)
            .SelectMany(x => x.Sets.Select(set => Done(x.Exercise, set.WeightKg!.Value, Mid(set.Reps), set.TargetRir)))
            .Append(Done("Leg Press", kg, 0, 0, FailureLevel.Absolute))
            .ToArray();

        var next = Should.NotThrow(() => Decide(s, done));

        (next.Kind == NextKind.StopForToday || (next.Kind == NextKind.Set && next.WeightKg < kg)).ShouldBeTrue($"{next.Kind} {next.Exercise} {next.WeightKg}");
    }

    [Fact]
    public void Decide_PerformanceSlightlyBelowExpected_CarriesOn()
    {
        // 7 reps with 1 in reserve instead of 8 with 2: about 6 % under, within the 10 % threshold.
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets[0];

        var next = Decide(s, Done("Barbell Bench Press", plan.WeightKg!.Value, 7, plan.TargetRir - 1));

        next.Kind.ShouldBe(NextKind.Set);
        next.SignToWatch.ShouldBeFalse();
    }

    [Fact]
    public void Decide_StricterThreshold_StopsSooner()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets[0];
        // Two reps short of the bottom of the range at the target RIR: within the default threshold, over a 3 % one.
        var low = int.Parse(plan.Reps.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        var done = new[] { Done("Barbell Bench Press", plan.WeightKg!.Value, low - 2, plan.TargetRir) };

        NextSet.Decide(s, s.Evaluate(), done, P).Kind.ShouldNotBe(NextKind.StopForToday);
        NextSet.Decide(s, s.Evaluate(), done, P with { NextSetDropThreshold = 0.03 }).Kind.ShouldBe(NextKind.StopForToday);
    }

    /// <summary>A set done exactly as prescribed — the bottom of the range at the target RIR — never cuts the day, whatever the lifter's RIR calibration.</summary>
    [Fact]
    public void Decide_SetAtTheBottomOfTheRangeAtTarget_NeverStops()
    {
        var s = Workout();
        var plan = s.Evaluate().Exercises[0].Sets[0];
        var low = int.Parse(plan.Reps.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

        Decide(s, Done("Barbell Bench Press", plan.WeightKg!.Value, low, plan.TargetRir)).Kind.ShouldNotBe(NextKind.StopForToday);
    }

    /// <summary>F3: a squat never goes to failure; when its first set does anyway, the squat is over for today, with a safety note.</summary>
    [Fact]
    public void Decide_AbsoluteFailureOnASquatsFirstSet_EndsTheSquatWithASafetyNote()
    {
        var s = Session(Plan("Barbell Squat", 3, "5-8"), Plan("Leg Press", 3, "10-12"))
            .With(DaysAgo(4, DayType.Medium, Did("Barbell Squat", Set(100, 6, 2), Set(100, 6, 2), Set(100, 6, 2)), Did("Leg Press", Set(160, 11, 2))));

        var next = Decide(s, Done("Barbell Squat", 100, 3, 0, FailureLevel.Absolute));

        // Well under last week's strength, the day is cut too (W2); either way the squat is over and the note says why.
        (next.Kind == NextKind.StopForToday || next.Exercise == "Leg Press").ShouldBeTrue(next.Kind + " " + next.Exercise);
        next.Reasons.ShouldContain(r => r.Rule == "F3" && r.Message.Contains("over for today", StringComparison.Ordinal));

        // Without history to fall short of, the day goes on with the next exercise.
        var first = Session(Plan("Barbell Squat", 3, "5-8"), Plan("Leg Press", 3, "10-12"));
        var fresh = Decide(first, Done("Barbell Squat", 100, 3, 0, FailureLevel.Absolute));
        fresh.Kind.ShouldBe(NextKind.Set);
        fresh.Exercise.ShouldBe("Leg Press");
        fresh.Reasons.ShouldContain(r => r.Rule == "F3");
    }

    [Fact]
    public void Decide_AllSetsDone_SessionComplete()
    {
        var s = Workout();
        var plan = s.Evaluate();
        var done = plan.Exercises.SelectMany(x => x.Sets.Select(set =>
            Done(x.Exercise, set.WeightKg!.Value, Mid(set.Reps), set.TargetRir))).ToArray();

        var next = Decide(s, done);

        next.Kind.ShouldBe(NextKind.SessionComplete);
        next.Exercise.ShouldBeNull();
        next.SignToWatch.ShouldBeFalse();
    }

    [Fact]
    public void Decide_FirstExerciseDone_MovesToTheNextExercise()
    {
        var s = Workout();
        var bench = s.Evaluate().Exercises[0].Sets;
        var done = bench.Select(set => Done("Barbell Bench Press", set.WeightKg!.Value, Mid(set.Reps), set.TargetRir)).ToArray();

        var next = Decide(s, done);

        next.Exercise.ShouldBe("Lat Pulldown");
        next.Set.ShouldBe(1);
    }

    [Fact]
    public void Decide_FailureHistory_CalibrationReportedWithTheAdvice()
    {
        var s = Workout().With(Enumerable.Range(1, 4).Select(w => DaysAgo(7 * w, DayType.Hard,
            Did("Leg Press", Set(160, 10, 2), Failed(160, 13)))).ToArray());

        var next = Decide(s);

        next.Calibration.Observations.ShouldBe(4);
        next.Calibration.Bias.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Decide_BenchAt3RirThenTargetOf4_LighterByTheChart()
    {
        var s = Session(Plan("Barbell Bench Press", 3, "5-8", safeties: true)).On(DayType.Medium)
            .With(DaysAgo(4, DayType.Medium, Did("Barbell Bench Press", Set(85, 8, 3), Set(85, 8, 3), Set(85, 8, 3))));
        var plan = s.Evaluate();
        var nextTarget = plan.Exercises[0].Sets[1].TargetRir;
        var expected = 85 / OneRepMax.FractionOf1Rm(11) * OneRepMax.FractionOf1Rm(8 + nextTarget);

        var next = NextSet.Decide(s, plan, [Done("Barbell Bench Press", 85, 8, 3)]);

        next.WeightKg!.Value.ShouldBe(LoadAdvice.LoadingFor("barbell").Round(Load.Kg(expected), WeightUnit.Kg).InKg, 0.01);
        if (nextTarget >= 3)
            next.WeightKg!.Value.ShouldBeLessThanOrEqualTo(85);
        next.Reasons.Single(r => r.Load).Message.ShouldStartWith($"{Load.Kg(next.WeightKg!.Value)}:");
    }

    [Fact]
    public void Decide_RirBiasFromFailureSets_DoesNotClimbAgainstTheTarget()
    {
        // A lifter whose failure sets ran far past their reports: the bias applies to the target as to the set.
        var history = Enumerable.Range(1, 4).Select(i => DaysAgo(7 * i, DayType.Hard,
            Did("Barbell Bench Press", Set(80, 8, 2), new LoggedSet(80, 14, Rir.Zero, FailureLevel.Absolute)))).ToArray();
        var s = Session(Plan("Barbell Bench Press", 3, "6-8", safeties: true)).On(DayType.Medium).With(history);
        var plan = s.Evaluate();

        var next = NextSet.Decide(s, plan, [Done("Barbell Bench Press", 85, 8, 3)]);

        if (plan.Exercises[0].Sets[1].TargetRir >= 3)
            next.WeightKg!.Value.ShouldBeLessThanOrEqualTo(85);
    }

    [Fact]
    public void Decide_OneSetAt5PlusRir_MovesOneStepAtMost()
    {
        var s = Workout();
        var plan = s.Evaluate();

        var kg = plan.Exercises[0].Sets[0].WeightKg!.Value;

        var next = NextSet.Decide(s, plan, [Done("Barbell Bench Press", kg, 8, 6)]);

        next.WeightKg!.Value.ShouldBe(kg + 2.5);
    }
}

/// <summary>`next` counts the failure already done today: B3 (one failure set per exercise) and B2 (one exercise per session).</summary>
public class NextSetFailureTodayTests
{
    private static DoneSet Done(string name, double kg, int reps, double rir, FailureLevel failure = FailureLevel.None) =>
        new(name, Ex(name), kg, reps, Rir.Of(rir), failure);

    private static Scenario LegDay(params PlannedExercise[] planned) => Session(planned)
        .With(DaysAgo(5, DayType.Medium,
            Did("Leg Press", Set(160, 11, 2), Set(160, 11, 2), Set(160, 11, 2)),
            Did("Leg Extension", Set(50, 12, 2), Set(50, 12, 2), Set(50, 12, 2))));

    [Fact]
    public void Decide_UnplannedFailureOnSet2_Set3NotOfferedFailureAgain()
    {
        var s = LegDay(Plan("Leg Extension", 3, "10-15"));
        var plan = s.Evaluate();
        plan.LastSet("Leg Extension").Failure.ShouldBe(FailureLevel.Absolute);

        var next = NextSet.Decide(s, plan, [Done("Leg Extension", 50, 12, 2), Done("Leg Extension", 50, 13, 0, FailureLevel.Absolute)]);

        next.Set.ShouldBe(3);
        next.Failure.ShouldBe(FailureLevel.None);
        next.TargetRir!.Value.ShouldBeGreaterThanOrEqualTo(1);
        next.Reasons.ShouldContain(r => r.Rule == "B3");
    }

    [Fact]
    public void Decide_FailureOnTheLegPress_LegExtensionsLastSetNoFailure()
    {
        var s = LegDay(Plan("Leg Press", 3, "10-12"), Plan("Leg Extension", 3, "10-15"));
        var plan = s.Evaluate();
        plan.LastSet("Leg Extension").Failure.ShouldBe(FailureLevel.Absolute);
        DoneSet[] done =
        [
            Done("Leg Press", 160, 11, 2), Done("Leg Press", 160, 11, 2), Done("Leg Press", 160, 12, 0, FailureLevel.Absolute),
            Done("Leg Extension", 50, 12, 2), Done("Leg Extension", 50, 12, 2),
        ];

        var next = NextSet.Decide(s, plan, done);

        next.Exercise.ShouldBe("Leg Extension");
        next.Set.ShouldBe(3);
        next.Failure.ShouldBe(FailureLevel.None);
        next.Reasons.ShouldContain(r => r.Rule == "B2");
    }

    [Fact]
    public void Decide_DoneSetForAnExerciseNotInTheSession_Refused()
    {
        var s = LegDay(Plan("Leg Extension", 3, "10-15"));

        var next = NextSet.Decide(s, s.Evaluate(), [Done("Leg Extension", 50, 12, 2), Done("Barbell Curl", 30, 10, 2)]);

        next.Kind.ShouldBe(NextKind.NotInSession);
        next.Exercise.ShouldBe("Barbell Curl");
        next.Reasons.ShouldContain(r => r.Message.Contains("Barbell Curl", StringComparison.Ordinal) && r.Message.Contains("not in today's session", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_AmrapFinisherAfterFailureElsewhereToday_NotShownAsAmrap()
    {
        var s = LegDay(Plan("Leg Press", 3, "10-12"), Plan("Push Up", 2, "AMRAP"))
            .With(DaysAgo(6, DayType.Medium, Did("Push Up", Set(0, 20, 2), Set(0, 18, 2))));
        var plan = s.Evaluate();
        plan.LastSet("Push Up").Reps.ShouldBe("AMRAP");
        DoneSet[] done = [Done("Leg Press", 160, 11, 2), Done("Leg Press", 160, 11, 2), Done("Leg Press", 160, 12, 0, FailureLevel.Absolute), Done("Push Up", 0, 20, 2)];

        var next = NextSet.Decide(s, plan, done);

        next.Exercise.ShouldBe("Push Up");
        next.Failure.ShouldBe(FailureLevel.None);
        next.Reps.ShouldNotBe("AMRAP");
    }
}
