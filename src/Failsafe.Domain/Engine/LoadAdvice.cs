using Failsafe.Effort;
using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>
/// The suggested load for a planned exercise (S6): from the e1RM of the lifter's most recent session of
/// that exercise, the load for the middle of today's rep range at the target RIR, rounded to what the
/// equipment can load in the lifter's unit. If that session missed the bottom of today's range while at
/// or under the target RIR, the load is held at what was lifted then: no increase until the target is met.
/// Null when there is no loaded history for the exercise.
/// </summary>
public static class LoadAdvice
{
    public readonly record struct Advice(double? WeightKg, bool Held, string Note);

    public static Advice For(PlannedExercise planned, Scenario scenario, Facts facts, Policy policy, double targetRir)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(facts);
        var last = LastOf(facts.Log, planned.Exercise.Id);
        if (last is null || TrainingLog.BestE1Rm(last) is not { } e1rm)
            return new(null, false, "");

        var unit = scenario.Athlete.Unit;
        var loading = LoadingFor(planned.Exercise.Equipment);
        var topLoad = last.Sets.Where(s => !s.Warmup).Max(s => s.WeightKg);
        double wantedKg;
        if (planned.Reps.IsAmrap)
        {
            wantedKg = topLoad;
        }
        else
        {
            var reps = (planned.Reps.Min + planned.Reps.Max) / 2;
            wantedKg = OneRepMax.LoadFor(Load.Kg(e1rm), reps, Rir.Of(Math.Round(targetRir * 2) / 2)).Value;
        }

        var missed = !planned.Reps.IsAmrap && last.Sets.Any(s => !s.Warmup && s.WeightKg >= topLoad && s.Reps < planned.Reps.Min && s.Rir.Value <= targetRir);
        var held = missed && wantedKg > topLoad;
        if (held)
            wantedKg = topLoad;
        var rounded = loading.Round(Load.Kg(wantedKg), unit);
        if (held && rounded.InKg > topLoad + 1e-9)
            rounded = Load.Of(rounded.Value - loading.SmallestStep(unit), unit);
        return new(Math.Round(rounded.InKg, 2), held,
            held ? $"last time the top sets missed {planned.Reps.Min} reps: load held at {topLoad:0.##} kg until the target is met" : "");
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
