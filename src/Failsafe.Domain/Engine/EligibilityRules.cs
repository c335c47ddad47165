using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>E1–E4: who may train to failure, and who may go beyond it.</summary>
public static class EligibilityRules
{
    public static Eligibility Evaluate(Scenario scenario, TrainingLog log, Policy p)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(p);
        var a = scenario.Athlete;
        var missing = new List<string>();
        if (a.TrainingYears < p.MinTrainingYears)
            missing.Add($"{a.TrainingYears:0.#} years of training (needs {p.MinTrainingYears:0.#})");
        if (p.RequireExcellentForm && a.FormUnderFatigue != FormUnderFatigue.Excellent)
            missing.Add($"{a.FormUnderFatigue.ToString().ToLowerInvariant()} form under fatigue (needs excellent)");
        if (a.SleepHours < p.MinSleepHours)
            missing.Add($"{a.SleepHours:0.#} h sleep (needs {p.MinSleepHours:0.#}+)");
        if (a.Stress > p.MaxStress)
            missing.Add($"{a.Stress.ToString().ToLowerInvariant()} stress");
        if (a.Injured)
            missing.Add($"a current injury ({string.Join(", ", a.Injuries)})");

        var reasons = ImmutableArray.CreateBuilder<Reason>();
        var e1 = missing.Count == 0;
        reasons.Add(new("E1", e1
            ? "eligible for failure training: experienced, excellent form under fatigue, sleeping and recovering well, uninjured"
            : $"not eligible for failure training: {string.Join("; ", missing)}"));
        if (!e1)
            reasons.Add(new("E2", $"train to {p.NotEligibleMinRir:0.#}–3 reps in reserve instead: it builds muscle and strength with less risk"));
        if (a.InSeason)
            reasons.Add(new("E4", "an endurance athlete in season holds off failure"));

        var failure = e1 && !a.InSeason;
        var advanced = failure && IsAdvanced(log, p);
        // The bar in the lifter's unit, as the source states it for pounds (225 lb × 8 ≈ 102 kg × 8).
        var benchBar = a.Unit == Effort.WeightUnit.Lb
            ? $"{Math.Round(Effort.Load.Kg(p.AdvancedBenchKg).InLb / 5) * 5:0} lb × {p.AdvancedBenchReps}"
            : $"{p.AdvancedBenchKg:0.#} kg × {p.AdvancedBenchReps}";
        reasons.Add(new("E3", advanced
            ? $"advanced: has benched the equivalent of {benchBar}, so beyond-failure techniques may be used"
            : $"beyond-failure techniques are for advanced lifters only (bench equivalent of {benchBar})"));
        return new Eligibility(failure, advanced, reasons.ToImmutable());
    }

    /// <summary>
    /// E3: any barbell bench press in history, stopped short of failure, whose e1RM reaches that of 102 kg × 8
    /// to failure. Strength shown under control is what counts: a single all-out set does not unlock
    /// beyond-failure work.
    /// </summary>
    private static bool IsAdvanced(TrainingLog log, Policy p)
    {
        var bar = Facts.AdvancedBenchE1Rm(p) - 1e-6;
        foreach (var s in log.Sessions)
        {
            foreach (var e in s.Exercises)
            {
                if (e.Exercise.Pattern == MovementPattern.HorizontalPress && e.Exercise.Equipment == "barbell"
                    && e.Exercise.Name.Contains("Bench Press", StringComparison.OrdinalIgnoreCase)
                    && TrainingLog.BestE1Rm(e, controlledOnly: true) >= bar)
                    return true;
            }
        }
        return false;
    }
}
