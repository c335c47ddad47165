using Failsafe.Effort;
using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>
/// The suggested load for a planned exercise, with double progression (S6). The base is the e1RM of the
/// lifter's most recent session of the exercise: the load for the middle of today's rep range at the target
/// RIR. Then: if every working set last time reached the top of today's range at or above the target RIR,
/// the load goes up by at least the smallest loadable step (or <see cref="Policy.ProgressionStepKg"/>, if larger); if a set missed the bottom of the range while at or
/// under the target RIR, it goes no higher than last time. Rounded to what the equipment can load, in the
/// lifter's unit. Null when there is no loaded history for the exercise.
/// </summary>
public static class LoadAdvice
{
    public enum Progression { None, Increase, Hold }

    public readonly record struct Advice(double? WeightKg, Progression Progression, string Note);

    public static Advice For(PlannedExercise planned, Scenario scenario, Facts facts, double targetRir)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(facts);
        var last = LastOf(facts.Log, planned.Exercise.Id);
        if (last is null || TrainingLog.BestE1Rm(last) is not { } e1rm)
            return new(null, Progression.None, "");

        var unit = scenario.Athlete.Unit;
        var loading = LoadingFor(planned.Exercise.Equipment);
        var working = last.Sets.Where(s => !s.Warmup && s.WeightKg > 0).ToList();
        var topKg = working.Max(s => s.WeightKg);
        var top = Load.Kg(topKg);
        // The increase is the smallest loadable step, or the policy's larger one rounded up to loadable steps.
        var smallest = loading.SmallestStep(unit);
        var wantedStep = Load.Kg(facts.Policy.ProgressionStepKg).To(unit).Value;
        var step = wantedStep <= smallest ? smallest : Math.Ceiling(wantedStep / smallest - 1e-9) * smallest;
        if (planned.Reps.IsAmrap)
            return new(Math.Round(loading.Round(top, unit).InKg, 2), Progression.None, "");

        var reps = (planned.Reps.Min + planned.Reps.Max) / 2;
        var wanted = OneRepMax.LoadFor(Load.Kg(e1rm), reps, Rir.Of(Math.Round(targetRir * 2) / 2)).To(unit);
        var rounded = loading.Round(wanted, unit);
        var lastInUnit = loading.Round(top, unit);

        var met = working.All(s => s.WeightKg >= topKg && s.Reps >= planned.Reps.Max && s.Rir.Value >= targetRir);
        var missed = working.Any(s => s.WeightKg >= topKg && s.Reps < planned.Reps.Min && s.Rir.Value <= targetRir);
        if (met)
        {
            if (rounded.Value < lastInUnit.Value + step - 1e-9)
                rounded = loading.Round(Load.Of(lastInUnit.Value + step, unit), unit);
            return new(Math.Round(rounded.InKg, 2), Progression.Increase,
                $"every set reached {planned.Reps.Max} reps at {targetRir:0.#}+ RIR last time: up to {rounded} (at least one step over {lastInUnit})");
        }
        if (missed)
        {
            if (rounded.Value > lastInUnit.Value)
                rounded = lastInUnit;
            return new(Math.Round(rounded.InKg, 2), Progression.Hold,
                $"a set missed {planned.Reps.Min} reps last time: no increase over {lastInUnit} until the target is met");
        }
        return new(Math.Round(rounded.InKg, 2), Progression.None, "");
    }

    /// <summary>How the equipment is loaded; bodyweight movements suggest the added weight.</summary>
    public static Loading LoadingFor(string equipment) => equipment switch
    {
        "barbell" or "e-z curl bar" => Loading.Barbell.Standard,
        "dumbbell" => Loading.Dumbbell.Standard,
        "kettlebells" => new Loading.Dumbbell(4, 10),
        "machine" or "cable" => Loading.Machine.Standard,
        "body only" => Loading.Bodyweight.For(Load.Kg(0)),
        _ => new Loading.Machine(1.25, 2.5),
    };

    private static LoggedExercise? LastOf(TrainingLog log, string exerciseId)
    {
        var sessions = log.Sessions;
        for (var i = sessions.Length - 1; i >= 0; i--)
        {
            foreach (var e in sessions[i].Exercises)
            {
                if (e.Exercise.Id == exerciseId && e.Sets.Any(s => !s.Warmup && s.WeightKg > 0))
                    return e;
            }
        }
        return null;
    }
}
