using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>
/// The suggested load for a planned exercise, and the one reason that names it: both come from the same final
/// number, so they can never disagree.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The base is the e1RM of the lifter's most recent session of the exercise (its working sets; unrated sets
/// are read as taken to failure, the conservative reading): the load for the middle of today's rep range at the target
/// RIR (RTS chart).</item>
/// <item>Double progression (S6): if every working set last time reached the top of the range at or above the target
/// RIR, at least one loadable step over last time's top load; if a set missed the bottom of the range at or under the
/// target, no higher than last time.</item>
/// <item>The rise cap (S6, "gradually"): at most <see cref="Policy.MaxRiseHeavyCompound"/> over last time on a heavy
/// compound (high CNS demand), <see cref="Policy.MaxRise"/> on anything else, and never less than one loadable step.</item>
/// <item>Warning signs (W2): no rise at all while failure is scaled back.</item>
/// <item>Layoff (E5): after <see cref="Policy.LayoffDays"/> days without training, at least
/// <see cref="Policy.LayoffLoadCut"/> under the last logged load.</item>
/// </list>
/// Every load is rounded to what the lifter's equipment can make (<see cref="Athlete.Gear"/>), in the lifter's unit.
/// Null when there is no loaded history for the exercise.
/// </remarks>
public static class LoadAdvice
{
    public enum Progression { None, Increase, Hold, Capped, WarningSigns, Reentry }

    /// <summary>The load in kg (null without history), how it moved, and the reason naming it (null without a load).</summary>
    public readonly record struct Advice(double? WeightKg, Progression Progression, Reason? Reason);

    public static Advice For(PlannedExercise planned, Scenario scenario, Facts facts, double targetRir)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(facts);
        // A bodyweight movement lifts the body plus the added load (an assisted one, the body minus the assistance):
        // estimates and steps work on that total, and the prescription is the added part (0 = bodyweight alone) or the
        // assistance. Without a bodyweight an assisted movement gets no load: more assistance is less load.
        var exercise = planned.Exercise;
        var body = exercise.MovesBody ? scenario.Athlete.BodyweightKg : null;
        if (body is null && exercise.IsAssisted)
            return new(null, Progression.None, null);
        var last = LastOf(facts.Log, exercise.Id, body is not null);
        if (last is null)
            return new(null, Progression.None, null);
        if (body is { } b)
            last = last with { Sets = [.. last.Sets.Select(s => s with { WeightKg = exercise.TotalKg(s.WeightKg, b) })] };
        if (TrainingLog.BestE1Rm(last) is not { } e1rm)
            return new(null, Progression.None, null);

        var unit = scenario.Athlete.Unit;
        var policy = facts.Policy;
        var loading = body is { } bw ? Loading.Bodyweight.For(Load.Kg(bw), exercise.IsAssisted) : LoadingFor(exercise, scenario.Athlete);
        var working = last.Sets.Where(s => s.IsWorking && s.WeightKg > 0 && s.Reps >= 1).ToList();
        var topKg = working.Max(s => s.WeightKg);
        var lastLoad = loading.Round(Load.Kg(topKg), unit);

        // AMRAP sets stop short of failure unless a rule grants it, so they progress over the failure rep range (S5).
        var (min, max) = planned.Reps.IsAmrap ? (policy.MinFailureReps, policy.MaxFailureReps) : (planned.Reps.Min, planned.Reps.Max);
        var reps = (min + max) / 2;
        var rir = Rir.Of(Math.Round(targetRir * 2) / 2);
        var load = loading.Round(OneRepMax.LoadFor(Load.Kg(e1rm), reps, rir).To(unit), unit);
        Progression progression;
        string why;
        // A set taken to failure met the target when it went past the top by the target's reps in reserve.
        var met = working.All(s => s.WeightKg >= topKg
            && (s.IsFailure ? s.Reps >= max + targetRir : s.Rated && s.Reps >= max && s.Rir.Value >= targetRir));
        var missed = working.Any(s => s.WeightKg >= topKg && s.Reps < min && (!s.Rated || s.Rir.Value <= targetRir));
        if (met)
        {
            var stepUp = StepUp(loading, lastLoad, unit, policy);
            if (load.Value < stepUp.Value)
                load = stepUp;
            progression = Progression.Increase;
            why = $"every set reached {max} reps at {targetRir:0.#}+ RIR last time: a step up from {lastLoad}";
        }
        else if (missed)
        {
            if (load.Value > lastLoad.Value)
                load = lastLoad;
            progression = Progression.Hold;
            why = $"a set missed {min} reps last time: no increase over {lastLoad} until the target is met";
        }
        else
        {
            progression = Progression.None;
            why = $"{reps} reps at {rir} RIR from last time's e1RM of {Load.Kg(e1rm).To(unit)} (RTS chart)";
        }

        var rule = "S6";
        if (load.Value > lastLoad.Value + 1e-9)
        {
            var heavy = planned.Exercise.Cns == CnsDemand.High;
            var share = heavy ? policy.MaxRiseHeavyCompound : policy.MaxRise;
            var cap = loading.AtMost(Load.Of(lastLoad.Value * (1 + share), unit), unit);
            var oneStep = StepUp(loading, lastLoad, unit, policy);
            if (cap.Value < oneStep.Value)
                cap = oneStep;
            if (facts.ScaleBack)
            {
                load = lastLoad;
                progression = Progression.WarningSigns;
                rule = "W2";
                why = $"warning signs: no increase over last time's {lastLoad} until they clear";
            }
            else if (load.Value > cap.Value + 1e-9)
            {
                load = cap;
                progression = Progression.Capped;
                why = $"{(heavy ? "a heavy compound" : "this exercise")} rises at most {share:P0} (or one step) per session over last time's {lastLoad}";
            }
        }
        if (facts.LayoffDays is { } off)
        {
            var reentry = loading.AtMost(Load.Of(lastLoad.Value * (1 - policy.LayoffLoadCut), unit), unit);
            if (load.Value > reentry.Value)
                load = reentry;
            progression = Progression.Reentry;
            rule = "E5";
            why = $"{off} days off: re-entry at least {policy.LayoffLoadCut:P0} under the last logged {lastLoad} and at {policy.LayoffRir:0.#}+ RIR, because failure comes sooner after a layoff [001]";
        }
        if (body is { } bodyKg)
        {
            // Loads above are totals; the lifter adds only what is over their bodyweight, or sets the assistance.
            var bodyLoad = Load.Kg(bodyKg).To(unit);
            var logged = Load.Of(exercise.LoggedKg(load.Value, bodyLoad.Value), unit);
            var what = exercise.IsAssisted
                ? logged.Value > 0 ? $"of assistance ({load} lifted)" : "of assistance: bodyweight alone, no assistance needed"
                : logged.Value > 0 ? $"added to bodyweight ({load} in all)" : "bodyweight alone";
            return new(Kg(logged), progression, new Reason(rule, $"{logged}{(exercise.IsAssisted ? " " : ": ")}{what}, totals counting bodyweight {bodyLoad}; {why}") { Load = true });
        }
        return new(Kg(load), progression, new Reason(rule, $"{load}: {why}") { Load = true });
    }

    /// <summary>A load in kg to 4 decimals: enough that a load in lb comes back as the same number in lb.</summary>
    public static double Kg(Load load) => Math.Round(load.InKg, 4);

    /// <summary>How the standard equipment in kg loads this kind of equipment (the planner's and tests' yardstick).</summary>
    public static Loading LoadingFor(string equipment) => equipment switch
    {
        "barbell" or "e-z curl bar" => Loading.Barbell.Standard,
        "dumbbell" => Loading.Dumbbell.Standard,
        "kettlebells" => new Loading.Dumbbell(4, 10),
        "machine" or "cable" => Loading.Machine.Standard,
        "body only" => Loading.Bodyweight.For(Load.Kg(0)),
        _ => new Loading.Machine(1.25, 2.5),
    };

    /// <summary>How the lifter's own equipment loads <paramref name="exercise"/>.</summary>
    public static Loading LoadingFor(Exercise exercise, Athlete athlete)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(athlete);
        return athlete.Gear.For(exercise);
    }

    /// <summary>
    /// One progression step up from <paramref name="last"/> (S6): the next loadable weight, or more when the policy
    /// sets a larger <see cref="Policy.ProgressionStepKg"/> (rounded up to loadable weights).
    /// </summary>
    public static Load StepUp(Loading loading, Load last, WeightUnit unit, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(loading);
        ArgumentNullException.ThrowIfNull(policy);
        var up = loading.Above(last, unit);
        var wanted = loading.Round(last, unit).Value + Load.Kg(policy.ProgressionStepKg).To(unit).Value;
        while (up.Value < wanted - 1e-9)
        {
            var next = loading.Above(up, unit);
            if (next.Value <= up.Value)
                break;
            up = next;
        }
        return up;
    }

    private static LoggedExercise? LastOf(TrainingLog log, string exerciseId, bool bodyweight)
    {
        var sessions = log.Sessions;
        for (var i = sessions.Length - 1; i >= 0; i--)
        {
            foreach (var e in sessions[i].Exercises)
            {
                if (e.Exercise.Id == exerciseId && e.Sets.Any(s => s.IsWorking && (bodyweight ? s.Reps >= 1 : s.WeightKg > 0)))
                    return e;
            }
        }
        return null;
    }
}
