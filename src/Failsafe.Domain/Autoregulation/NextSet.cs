namespace Failsafe.Autoregulation;

/// <summary>A set done today, as the lifter logged it.</summary>
public sealed record DoneSet(string Name, Exercise Exercise, double WeightKg, int Reps, Rir Rir, FailureLevel Failure = FailureLevel.None);

public enum NextKind
{
    /// <summary>Do this set next.</summary>
    Set,

    /// <summary>Every planned set is done.</summary>
    SessionComplete,

    /// <summary>Performance fell well below what was expected: the rest of today's work is cut.</summary>
    StopForToday,

    /// <summary>A done set names an exercise that is not in today's session: refused, <see cref="NextSetAdvice.Exercise"/> names it.</summary>
    NotInSession,
}

/// <summary>What to do next, and why.</summary>
public sealed record NextSetAdvice(
    NextKind Kind,
    string? Exercise,
    int? Set,
    string? Reps,
    double? TargetRir,
    double? WeightKg,
    FailureLevel Failure,
    ImmutableArray<Reason> Reasons,
    bool SignToWatch,
    RirCalibration Calibration);

/// <summary>
/// In-session autoregulation: from today's planned sets (the engine's decisions) and the sets done so far,
/// the next set's load, reps and target RIR.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Load follows the last set: its e1RM (with the lifter's RIR bias, <see cref="RirCalibration"/>, applied to the
/// reported RIR and to the target alike) gives the load for the same reps (kept inside the range) at the next target
/// RIR; a set reported at <see cref="Policy.OneStepFromRir"/>+ RIR moves the load one loadable step at most — a set that was harder than targeted makes the next
/// lighter (RTS chart), an easier one heavier.</item>
/// <item>A technical failure (form breakdown) ends that exercise (F1); so does absolute failure on a lift that never
/// goes to failure (F3: a squat, a deadlift, overhead pressing), with a safety note.</item>
/// <item>After a set to failure, the next set is expected to manage only a share of the reps at the same load
/// (R6; set-2/set-1 ratios by rest: 1 min 0.55, 2 min 0.72, 3 min 0.78, 5 min 0.90 — midpoints of the bench
/// studies in EVIDENCE), and the load drops accordingly.</item>
/// <item>Failure already done today counts: after a failure set on an exercise, no further set of it is offered failure
/// (B3: one failure set per exercise), and once the session's failure exercises have failed, no other exercise gets
/// failure (B2), whether the failure was planned or not.</item>
/// <item>A done set of an exercise that is not in today's session is refused (<see cref="NextKind.NotInSession"/>).</item>
/// <item>When a set's e1RM falls more than <see cref="Policy.NextSetDropThreshold"/> below what the plan expected
/// (the planned load at the target), the remaining work is cut and the day is marked as a sign to watch (W1/W2).</item>
/// </list>
/// </remarks>
public static class NextSet
{
    public static NextSetAdvice Decide(Scenario scenario, Evaluation plan, IReadOnlyList<DoneSet> done, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(done);
        policy ??= Policy.Default;
        var calibration = RirCalibration.From(scenario.History, policy.RestSeconds);
        var unit = scenario.Athlete.Unit;
        var consumed = new bool[done.Count];
        var safety = new List<Reason>();
        foreach (var d in done)
        {
            if (!scenario.Session.Exercises.Any(e => e.Exercise.Id == d.Exercise.Id))
            {
                return new NextSetAdvice(NextKind.NotInSession, d.Name, null, null, null, null, FailureLevel.None,
                    [new("S1", $"{d.Name} is not in today's session: add it to the day first, or log it under the exercise it replaced")], false, calibration);
            }
        }
        // Exercises that already went to failure today (B2, B3), planned or not.
        var failedToday = done.Where(IsFailure).Select(d => d.Exercise.Id).ToHashSet(StringComparer.Ordinal);

        for (var i = 0; i < plan.Exercises.Length; i++)
        {
            var decision = plan.Exercises[i];
            var planned = scenario.Session.Exercises[i];
            // An assisted movement is read as the load lifted (bodyweight minus the assistance), like the engine reads
            // it (LoadAdvice): the sets done and the plan's loads become totals here, and the next load goes back to
            // assistance at the end.
            var body = planned.Exercise.IsAssisted ? scenario.Athlete.BodyweightKg : null;
            var measured = body is { } bw
                ? decision with { Sets = [.. decision.Sets.Select(p => p with { WeightKg = p.WeightKg is { } w ? planned.Exercise.TotalKg(w, bw) : null })] }
                : decision;
            var mine = new List<DoneSet>();
            for (var j = 0; j < done.Count && mine.Count < planned.Sets; j++)
            {
                if (!consumed[j] && done[j].Exercise.Id == planned.Exercise.Id)
                {
                    consumed[j] = true;
                    mine.Add(body is { } b ? done[j] with { WeightKg = planned.Exercise.TotalKg(done[j].WeightKg, b) } : done[j]);
                }
            }

            // F3: a lift that never goes to failure (a squat, a deadlift, overhead pressing) failed anyway: the load was too
            // much for today, and another set under it risks the lifter. It is over for today.
            var unsafeFailure = decision.MaxFailure == FailureLevel.None && mine.Exists(s => s.Failure == FailureLevel.Absolute);
            if (unsafeFailure)
            {
                // F4 for a lift that may fail only with a spotter or safeties (a bench press without them), F3 for one that never fails.
                safety.Add(decision.CatalogExercise.MaxFailureWithSpotter > FailureLevel.None
                    ? new("F4", $"{planned.Name} went to failure without a spotter or safeties: it is over for today; rack the bar, and start lighter next time (or set safeties up)") { Safety = true }
                    : new("F3", $"{planned.Name} went to failure, which it never should: it is over for today; rack the bar, and start lighter next time") { Safety = true });
            }
            if (Dropped(mine, measured, planned, calibration, policy) is { } drop)
            {
                return new NextSetAdvice(NextKind.StopForToday, planned.Name, null, null, null, null, FailureLevel.None,
                    [.. safety, new("W2", $"{drop}: the remaining work is cut and today is marked as a sign to watch")], true, calibration);
            }
            if (mine.Any(s => s.Failure == FailureLevel.Technical) || unsafeFailure)
                continue; // F1: technical failure ended this exercise; F3: so did failure on a lift that never fails.
            if (mine.Count >= planned.Sets)
                continue;

            var next = decision.Sets[mine.Count];
            var reasons = ImmutableArray.CreateBuilder<Reason>();
            var inherited = next.Reasons;
            if (next.Failure > FailureLevel.None && FailureDoneToday(planned, failedToday, policy) is { } spent)
            {
                // The set's permissions no longer hold; only its load reason carries over.
                inherited = [.. next.Reasons.Where(r => r.Load)];
                // An AMRAP set that may not fail is the failure rep range with reps in reserve, as the engine writes it (S5).
                next = next with
                {
                    Failure = FailureLevel.None, BeyondFailure = [], TargetRir = Math.Max(1, next.TargetRir),
                    Reps = planned.Reps.IsAmrap ? $"{policy.MinFailureReps}-{policy.MaxFailureReps}" : next.Reps,
                };
                reasons.Add(spent);
            }
            double? weight = next.WeightKg;
            if (mine.Count > 0 && mine[^1].WeightKg > 0)
            {
                var last = mine[^1];
                // The reps just done, kept inside the range: the next set repeats them, so more in reserve means lighter.
                // After a failure set the middle of the range (R6 already expects fewer reps at the same load).
                var reps = planned.Reps.IsAmrap ? last.Reps
                    : last.Failure == FailureLevel.Absolute ? (planned.Reps.Min + planned.Reps.Max) / 2
                    : Math.Clamp(last.Reps, planned.Reps.Min, planned.Reps.Max);
                var (e1rm, why) = ExpectedStrength(last, calibration, policy);
                why += $"; {reps} reps at {next.TargetRir:0.#} RIR next";
                // The target is a reported RIR too: the lifter's bias applies to it as to the set just done.
                var wanted = Load.Kg(e1rm * OneRepMax.FractionOf1Rm(Math.Max(1, reps + calibration.Adjust(Rir.Of(next.TargetRir)))));
                var loading = body is { } bodyKg ? Loading.Bodyweight.For(Load.Kg(bodyKg), assisted: true) : LoadAdvice.LoadingFor(planned.Exercise, scenario.Athlete);
                var rounded = loading.Round(wanted, unit);
                if (last.Failure == FailureLevel.None && last.Rir.Value >= policy.OneStepFromRir)
                {
                    // One easy set is a weak measurement (RIR reports are least accurate far from failure): one step at most.
                    var lastLoad = loading.Round(Load.Kg(last.WeightKg), unit);
                    var up = loading.Above(lastLoad, unit);
                    var down = loading.AtMost(Load.Of(Math.Max(0, lastLoad.Value - loading.SmallestStep(unit)), unit), unit);
                    rounded = rounded.Value > up.Value ? up : rounded.Value < down.Value ? down : rounded;
                    why += $"; a set at {policy.OneStepFromRir:0.#}+ RIR moves the load one step at most";
                }
                weight = LoadAdvice.Kg(rounded);
                var said = $"{rounded}:";
                if (body is { } lifter)
                {
                    var assistance = Load.Of(planned.Exercise.LoggedKg(rounded.Value, Load.Kg(lifter).To(unit).Value), unit);
                    weight = LoadAdvice.Kg(assistance);
                    said = $"{assistance} of assistance ({rounded} lifted):";
                }
                reasons.AddRange(inherited.Where(r => !r.Load));
                reasons.Add(new(last.Failure == FailureLevel.Absolute ? "R6" : "S6", $"{said} {why}") { Load = true });
            }
            else
            {
                reasons.AddRange(inherited);
            }
            if (mine.Exists(s => s.Failure == FailureLevel.Technical))
                reasons.Add(new("F1", "technical failure ends the exercise"));
            if (calibration.Observations > 0 && Math.Abs(calibration.Bias) >= 0.25)
                reasons.Add(new("S6", $"your RIR reports have run {Math.Abs(calibration.Bias):0.#} reps {(calibration.Bias > 0 ? "conservative" : "optimistic")} (from {calibration.Observations} failure set(s)); loads account for it"));

            reasons.InsertRange(0, safety);
            return new NextSetAdvice(NextKind.Set, planned.Name, next.Set, next.Reps, next.TargetRir, weight, next.Failure,
                reasons.ToImmutable(), false, calibration);
        }
        return new NextSetAdvice(NextKind.SessionComplete, null, null, null, null, null, FailureLevel.None,
            [.. safety, new("S1", "every planned set is done")], false, calibration);
    }

    private static bool IsFailure(DoneSet d) => d.Failure != FailureLevel.None || d.Rir.Value == 0;

    /// <summary>B3/B2: why the next set may not fail after what was done today, or null when it still may.</summary>
    private static Reason? FailureDoneToday(PlannedExercise planned, HashSet<string> failedToday, Policy policy)
    {
        if (failedToday.Contains(planned.Exercise.Id))
            return new("B3", $"{planned.Name} already went to failure today: one failure set per exercise, so this set stops with reps in reserve");
        return failedToday.Count >= policy.MaxFailureExercisesPerSession
            ? new("B2", $"failure already done today on {failedToday.Count} exercise(s), the session's limit of {policy.MaxFailureExercisesPerSession}: this set stops with reps in reserve")
            : null;
    }

    /// <summary>The e1RM to load the next set from, and the reason in words.</summary>
    private static (double E1Rm, string Why) ExpectedStrength(DoneSet last, RirCalibration calibration, Policy policy)
    {
        if (last.Failure == FailureLevel.Absolute)
        {
            var ratio = DropOffRatio(policy.RestSeconds);
            var repsNext = Math.Max(1, last.Reps * ratio);
            return (last.WeightKg / OneRepMax.FractionOf1Rm(repsNext),
                $"after a set to failure (last set {last.WeightKg:0.##} kg × {last.Reps}) with {policy.RestSeconds / 60.0:0.#} min rest, expect about {ratio:P0} of the reps: lighter");
        }
        var rir = calibration.Adjust(last.Rir);
        var e1rm = last.WeightKg / OneRepMax.FractionOf1Rm(last.Reps + rir);
        return (e1rm, $"last set {last.WeightKg:0.##} kg × {last.Reps} at {last.Rir} RIR: the next load follows that effort and the next target (RTS chart)");
    }

    /// <summary>Set-2/set-1 rep ratio after a set to failure, by rest (EVIDENCE: bench, ~75–80 % 1RM), interpolated.</summary>
    public static double DropOffRatio(int restSeconds)
    {
        ReadOnlySpan<(int Seconds, double Ratio)> points = [(60, 0.55), (120, 0.725), (180, 0.775), (300, 0.90)];
        if (restSeconds <= points[0].Seconds)
            return points[0].Ratio;
        for (var i = 1; i < points.Length; i++)
        {
            if (restSeconds <= points[i].Seconds)
            {
                var t = (double)(restSeconds - points[i - 1].Seconds) / (points[i].Seconds - points[i - 1].Seconds);
                return points[i - 1].Ratio + t * (points[i].Ratio - points[i - 1].Ratio);
            }
        }
        return points[^1].Ratio;
    }

    /// <summary>A rated set (not after a failure) whose e1RM fell below the plan's expectation by more than the threshold.</summary>
    private static string? Dropped(List<DoneSet> mine, ExerciseDecision decision, PlannedExercise planned, RirCalibration calibration, Policy policy)
    {
        var floor = 1 - policy.NextSetDropThreshold;
        for (var k = 0; k < mine.Count; k++)
        {
            var s = mine[k];
            if (k > 0 && mine[k - 1].Failure != FailureLevel.None)
                return null;
            if (s.Reps < 1)
                return $"{planned.Name} set {k + 1}: a missed attempt at {s.WeightKg:0.##} kg";
            if (s.WeightKg <= 0 || s.Failure == FailureLevel.Technical || decision.Sets[Math.Min(k, decision.Sets.Length - 1)] is not { WeightKg: { } plannedKg } plannedSet)
                continue;
            // The least that is still on target: the planned load for the bottom of the range at the target RIR, read
            // through the lifter's RIR calibration like the set itself, so a set done as prescribed is never "under".
            var reps = planned.Reps.IsAmrap ? 10 : planned.Reps.Min;
            var expected = plannedKg / OneRepMax.FractionOf1Rm(reps + calibration.Adjust(Rir.Of(plannedSet.TargetRir)));
            var rir = s.Failure == FailureLevel.Absolute ? 0 : calibration.Adjust(s.Rir);
            var actual = s.WeightKg / OneRepMax.FractionOf1Rm(s.Reps + rir);
            if (actual < expected * floor)
                return $"{planned.Name} set {k + 1}: e1RM {actual:0.#} kg, {1 - actual / expected:P0} under the expected {expected:0.#} kg";
        }
        return null;
    }
}
