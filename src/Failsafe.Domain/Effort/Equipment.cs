using System.Globalization;

namespace Failsafe.Effort;

/// <summary>
/// What a lifter can load, in one unit (<see cref="Unit"/>): a bar and the plates owned (any number of pairs of each),
/// micro-plates, the dumbbells there are, and the step of each machine's stack. Every prescribed load is rounded to
/// what this equipment can make (<see cref="For"/>), so a prescription is always a weight the lifter can put on.
/// </summary>
public sealed record Equipment
{
    /// <summary>The unit every weight of this record is in.</summary>
    public required WeightUnit Unit { get; init; }

    /// <summary>The barbell's own weight (also used for the E-Z bar).</summary>
    public required double Bar { get; init; }

    /// <summary>Plate weights owned, any number of pairs of each.</summary>
    public required ImmutableArray<double> Plates { get; init; }

    /// <summary>Fractional plates (e.g. 0.5 and 0.25 kg), owned in pairs; they make the barbell's smallest step.</summary>
    public ImmutableArray<double> MicroPlates { get; init; } = [];

    /// <summary>Every dumbbell weight there is (per hand).</summary>
    public required ImmutableArray<double> Dumbbells { get; init; }

    /// <summary>The step of a machine or cable stack, unless <see cref="MachineSteps"/> names the exercise.</summary>
    public required double MachineStep { get; init; }

    /// <summary>Stack steps by catalog exercise id, for machines that differ from <see cref="MachineStep"/>.</summary>
    public ImmutableDictionary<string, double> MachineSteps { get; init; } = ImmutableDictionary<string, double>.Empty;

    private static readonly Equipment Kg = new()
    {
        Unit = WeightUnit.Kg,
        Bar = 20,
        Plates = [1.25, 2.5, 5, 10, 15, 20, 25],
        Dumbbells = [.. Enumerable.Range(1, 10).Select(i => (double)i), .. Enumerable.Range(5, 16).Select(i => i * 2.5)],
        MachineStep = 5,
    };

    private static readonly Equipment Lb = new()
    {
        Unit = WeightUnit.Lb,
        Bar = 45,
        Plates = [2.5, 5, 10, 25, 35, 45],
        Dumbbells = [.. Enumerable.Range(1, 20).Select(i => i * 5.0)],
        MachineStep = 10,
    };

    /// <summary>
    /// A commercial gym: in kg a 20 kg bar with plates down to 1.25 kg, dumbbells 1–10 kg in 1 kg steps and
    /// 12.5–50 kg in 2.5 kg steps, 5 kg stacks; in lb a 45 lb bar with plates down to 2.5 lb, dumbbells 5–100 lb in
    /// 5 lb steps, 10 lb stacks.
    /// </summary>
    public static Equipment Standard(WeightUnit unit) => unit == WeightUnit.Kg ? Kg : Lb;

    /// <summary>The barbell's smallest step: a pair of the lightest plate or micro-plate.</summary>
    public double BarbellStep => 2 * Plates.AddRange(MicroPlates).Min();

    /// <summary>How loads on <paramref name="exercise"/> are made with this equipment; on bodyweight movements, the added weight.</summary>
    public Loading For(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return exercise.Equipment switch
        {
            "barbell" or "e-z curl bar" => new Loading.Barbell(InKg(Bar), InKg(BarbellStep / 2), InLb(Bar), InLb(BarbellStep / 2)),
            "dumbbell" => new Loading.Listed([.. Dumbbells.Select(InKg)], [.. Dumbbells.Select(InLb)]),
            "kettlebells" => new Loading.Dumbbell(4, 10),
            "machine" or "cable" => MachineSteps.TryGetValue(exercise.Id, out var step)
                ? new Loading.Machine(InKg(step), InLb(step))
                : new Loading.Machine(InKg(MachineStep), InLb(MachineStep)),
            "body only" => Loading.Bodyweight.For(Load.Kg(0)),
            _ => new Loading.Machine(1.25, 2.5),
        };
    }

    /// <summary>The first value that makes no sense, as "field: problem" naming the value, or null when usable.</summary>
    public string? Validate()
    {
        var u = Unit == WeightUnit.Kg ? "kg" : "lb";
        var scale = Unit == WeightUnit.Kg ? 1 : 2.2;
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (!double.IsFinite(Bar) || Bar < 0 || Bar > 50 * scale)
            return $"bar: {N(Bar)} {u} is not a bar weight (0–{N(50 * scale)} {u})";
        if (Plates.IsDefaultOrEmpty)
            return "plates: at least one plate weight is needed";
        foreach (var (field, list, max) in new[] { ("plates", Plates, 50 * scale), ("microPlates", MicroPlates, 2.5 * scale), ("dumbbells", Dumbbells, 100 * scale) })
        {
            if (list.IsDefault)
                continue;
            foreach (var v in list)
            {
                if (!double.IsFinite(v) || v <= 0 || v > max)
                    return $"{field}: {N(v)} {u} is not a weight for this (above 0, at most {N(max)} {u})";
            }
        }
        if (Dumbbells.IsDefaultOrEmpty)
            return "dumbbells: at least one dumbbell weight is needed";
        foreach (var (id, step) in MachineSteps.Add("*", MachineStep))
        {
            if (!double.IsFinite(step) || step <= 0 || step > 25 * scale)
                return $"{(id == "*" ? "machineStep" : $"machineSteps.{id}")}: {N(step)} {u} is not a stack step (above 0, at most {N(25 * scale)} {u})";
        }
        return null;
    }

    private double InKg(double v) => Unit == WeightUnit.Kg ? v : Math.Round(v * Load.KgPerLb, 4);

    private double InLb(double v) => Unit == WeightUnit.Lb ? v : Math.Round(v / Load.KgPerLb, 4);
}
