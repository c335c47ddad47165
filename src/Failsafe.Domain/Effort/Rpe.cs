using System.Globalization;

namespace Failsafe.Effort;

/// <summary>
/// Rating of perceived exertion on the RIR-based scale (Helms et al. 2016; Zourdos et al. 2016):
/// 10 = maximal effort, 9 = one rep left, 8 = two, half points allowed, range 1–10.
/// RPE = 10 − RIR is exact for whole points 7–10; below 7 the scale only says "4–6 reps left"
/// (RPE 5–6) or "light", so conversions there are approximations.
/// </summary>
public readonly record struct Rpe : IComparable<Rpe>
{
    public const double MinValue = 1;
    public const double MaxValue = 10;

    private Rpe(double value) => Value = value;

    public double Value { get; }

    public static Rpe Of(double value) =>
        TryOf(value, out var rpe) ? rpe : throw new ArgumentOutOfRangeException(nameof(value), value, "RPE must be 1–10 in half steps.");

    public static bool TryOf(double value, out Rpe rpe)
    {
        rpe = default;
        if (double.IsNaN(value) || value < MinValue || value > MaxValue || Math.Abs(value * 2 - Math.Round(value * 2)) > 1e-9)
            return false;
        rpe = new Rpe(Math.Round(value * 2) / 2);
        return true;
    }

    /// <summary>RIR = 10 − RPE.</summary>
    public Rir ToRir() => Rir.Of(10 - Value);

    public int CompareTo(Rpe other) => Value.CompareTo(other.Value);

    public static bool operator <(Rpe left, Rpe right) => left.Value < right.Value;
    public static bool operator >(Rpe left, Rpe right) => left.Value > right.Value;
    public static bool operator <=(Rpe left, Rpe right) => left.Value <= right.Value;
    public static bool operator >=(Rpe left, Rpe right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("0.#", CultureInfo.InvariantCulture);
}
