using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;

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
/// <item>Load follows the last set: its e1RM (with the lifter's RIR bias, <see cref="RirCalibration"/>) gives the
/// load for the middle of the rep range at the target RIR — a set that was harder than targeted makes the next
/// lighter (RTS chart), an easier one heavier.</item>
/// <item>A technical failure (form breakdown) ends that exercise (F1).</item>
/// <item>After a set to failure, the next set is expected to manage only a share of the reps at the same load
/// (R6; set-2/set-1 ratios by rest: 1 min 0.55, 2 min 0.72, 3 min 0.78, 5 min 0.90 — midpoints of the bench
/// studies in EVIDENCE), and the load drops accordingly.</item>
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

        for (var i = 0; i < plan.Exercises.Length; i++)
        {
            var decision = plan.Exercises[i];
            var planned = scenario.Session.Exercises[i];
            var mine = new List<DoneSet>();
            for (var j = 0; j < done.Count && mine.Count < planned.Sets; j++)
            {
                if (!consumed[j] && done[j].Exercise.Id == planned.Exercise.Id)
                {
                    consumed[j] = true;
                    mine.Add(done[j]);
                }
            }

            if (Dropped(mine, decision, planned, calibration, policy) is { } drop)
            {
                return new NextSetAdvice(NextKind.StopForToday, planned.Name, null, null, null, null, FailureLevel.None,
                    [new("W2", $"{drop}: the remaining work is cut and today is marked as a sign to watch")], true, calibration);
            }
            if (mine.Any(s => s.Failure == FailureLevel.Technical))
                continue; // F1: technical failure ended this exercise.
            if (mine.Count >= planned.Sets)
                continue;

            var next = decision.Sets[mine.Count];
            var reasons = ImmutableArray.CreateBuilder<Reason>();
            reasons.AddRange(next.Reasons);
            double? weight = next.WeightKg;
            if (mine.Count > 0)
            {
                var last = mine[^1];
                if (last.WeightKg > 0)
                {
                    var reps = planned.Reps.IsAmrap ? last.Reps : (planned.Reps.Min + planned.Reps.Max) / 2;
                    var (e1rm, why) = ExpectedStrength(last, calibration, policy);
                    var wanted = Load.Kg(e1rm * OneRepMax.FractionOf1Rm(reps + next.TargetRir));
                    var rounded = LoadAdvice.LoadingFor(planned.Exercise.Equipment).Round(wanted, unit);
                    weight = Math.Round(rounded.InKg, 2);
                    reasons.Add(new(last.Failure == FailureLevel.Absolute ? "R6" : "S6", why));
                }
            }
            if (mine.Exists(s => s.Failure == FailureLevel.Technical))
                reasons.Add(new("F1", "technical failure ends the exercise"));
            if (calibration.Observations > 0 && Math.Abs(calibration.Bias) >= 0.25)
                reasons.Add(new("S6", $"your RIR reports have run {Math.Abs(calibration.Bias):0.#} reps {(calibration.Bias > 0 ? "conservative" : "optimistic")} (from {calibration.Observations} failure set(s)); loads account for it"));

            return new NextSetAdvice(NextKind.Set, planned.Name, next.Set, next.Reps, next.TargetRir, weight, next.Failure,
                reasons.ToImmutable(), false, calibration);
        }
        return new NextSetAdvice(NextKind.SessionComplete, null, null, null, null, null, FailureLevel.None,
            [new("S1", "every planned set is done")], false, calibration);
    }

    /// <summary>The e1RM to load the next set from, and the reason in words.</summary>
    private static (double E1Rm, string Why) ExpectedStrength(DoneSet last, RirCalibration calibration, Policy policy)
    {
        if (last.Failure == FailureLevel.Absolute)
        {
            var ratio = DropOffRatio(policy.RestSeconds);
            var repsNext = Math.Max(1, last.Reps * ratio);
            return (last.WeightKg / OneRepMax.FractionOf1Rm(repsNext),
                $"after a set to failure ({last.WeightKg:0.##} kg × {last.Reps}) with {policy.RestSeconds / 60.0:0.#} min rest, expect about {ratio:P0} of the reps: lighter");
        }
        var rir = calibration.Adjust(last.Rir);
        var e1rm = last.WeightKg / OneRepMax.FractionOf1Rm(last.Reps + rir);
        return (e1rm, $"last set {last.WeightKg:0.##} kg × {last.Reps} at {last.Rir} RIR: the next load follows that effort (RTS chart)");
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
            var reps = planned.Reps.IsAmrap ? 10 : (planned.Reps.Min + planned.Reps.Max) / 2;
            var expected = plannedKg / OneRepMax.FractionOf1Rm(reps + plannedSet.TargetRir);
            var rir = s.Failure == FailureLevel.Absolute ? 0 : calibration.Adjust(s.Rir);
            var actual = s.WeightKg / OneRepMax.FractionOf1Rm(s.Reps + rir);
            if (actual < expected * floor)
                return $"{planned.Name} set {k + 1}: e1RM {actual:0.#} kg, {1 - actual / expected:P0} under the expected {expected:0.#} kg";
        }
        return null;
    }
}
