using System.Globalization;

namespace Failsafe.Effort;

/// <summary>
/// Reps in reserve: the reps a lifter could still have done when the set stopped.
/// Half points are allowed (0, 0.5, 1, …); the range is 0–10. 0 means the set went to failure.
/// </summary>
public readonly record struct Rir : IComparable<Rir>
{
    public const double MaxValue = 10;

    private Rir(double value) => Value = value;

    /// <summary>Reps left, in half steps, 0–10.</summary>
    public double Value { get; }

    public static Rir Zero => default;

    /// <summary>Creates a RIR; throws for values outside 0–10 or not on a half step.</summary>
    public static Rir Of(double value) =>
        TryOf(value, out var rir) ? rir : throw new ArgumentOutOfRangeException(nameof(value), value, "RIR must be 0–10 in half steps.");

    public static bool TryOf(double value, out Rir rir)
    {
        rir = default;
        if (double.IsNaN(value) || value < 0 || value > MaxValue || Math.Abs(value * 2 - Math.Round(value * 2)) > 1e-9)
            return false;
        rir = new Rir(Math.Round(value * 2) / 2);
        return true;
    }

    public int CompareTo(Rir other) => Value.CompareTo(other.Value);

    public static bool operator <(Rir left, Rir right) => left.Value < right.Value;
    public static bool operator >(Rir left, Rir right) => left.Value > right.Value;
    public static bool operator <=(Rir left, Rir right) => left.Value <= right.Value;
    public static bool operator >=(Rir left, Rir right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("0.#", CultureInfo.InvariantCulture);
}
