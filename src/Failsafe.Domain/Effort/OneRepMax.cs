namespace Failsafe.Effort;

/// <summary>
/// Estimated one-rep max (e1RM) from a set's load, reps and RIR, and the inverse: the load
/// for a given number of reps at a given RIR.
/// </summary>
/// <remarks>
/// The core is the RTS (Tuchscherer) %1RM chart. The whole chart is one sequence in half-rep
/// steps of reps-to-failure (reps + RIR): RPE 9 at r reps equals RPE 10 at r + 1 reps. Its
/// cells span reps-to-failure 1 to 15.5 (RPE 6.5 × 12 reps), and every cell is used as printed.
/// Between half steps the percentage is interpolated linearly.
/// Beyond 15.5 reps-to-failure we continue with the Mayhew et al. (1992) curve,
/// 52.2 + 41.9·e^(−0.055·r), scaled to meet the chart at 15.5 so the estimate stays continuous and
/// monotone. Mayhew was chosen because linear formulas (Brzycki, Lander) err by +20 % or more
/// above 10 reps (Mayhew et al. 2008) and Brzycki reaches zero at 37 reps.
/// Estimates above <see cref="ReliableRepsToFailure"/> reps-to-failure are flagged less reliable:
/// lifters judge RIR much less accurately on sets above 12 reps (Halperin et al. 2022).
/// </remarks>
public static class OneRepMax
{
    /// <summary>Up to this many reps-to-failure an estimate is considered reliable.</summary>
    public const double ReliableRepsToFailure = 12;

    /// <summary>The chart's last cell in reps-to-failure.</summary>
    public const double ChartLimit = 15.5;

    // %1RM at reps-to-failure 1, 1.5, 2, …, 15.5: RPE 10 row interleaved with RPE 9.5 row,
    // continued by the RPE 9.5/9/…/6.5 rows' 12-rep cells.
    private static readonly double[] Chart =
    [
        100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4,
        76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6,
    ];

    private static double Mayhew(double r) => 52.2 + 41.9 * Math.Exp(-0.055 * r);

    /// <summary>
    /// Fraction of 1RM (0–1] that can be lifted for exactly <paramref name="repsToFailure"/> reps
    /// to failure. Throws for values below 1 or not finite.
    /// </summary>
    public static double FractionOf1Rm(double repsToFailure)
    {
        if (!double.IsFinite(repsToFailure) || repsToFailure < 1)
            throw new ArgumentOutOfRangeException(nameof(repsToFailure), repsToFailure, "Reps to failure must be ≥ 1.");
        if (repsToFailure > ChartLimit)
            return Chart[^1] * Mayhew(repsToFailure) / Mayhew(ChartLimit) / 100;
        var position = (repsToFailure - 1) * 2;
        var lower = (int)Math.Floor(position);
        if (lower >= Chart.Length - 1)
            return Chart[^1] / 100;
        var t = position - lower;
        return (Chart[lower] + t * (Chart[lower + 1] - Chart[lower])) / 100;
    }

    /// <summary>
    /// The inverse of <see cref="FractionOf1Rm"/>: how many reps to failure a load of <paramref name="fraction"/> × 1RM
    /// allows (≥ 1; capped at 100 for very light loads). Found by bisection on the strictly decreasing curve.
    /// </summary>
    public static double RepsToFailure(double fraction)
    {
        if (!double.IsFinite(fraction) || fraction <= 0)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A fraction of 1RM must be above 0.");
        if (fraction >= 1)
            return 1;
        double lo = 1, hi = 100;
        if (FractionOf1Rm(hi) >= fraction)
            return hi;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (FractionOf1Rm(mid) > fraction)
                lo = mid;
            else
                hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>e1RM in the load's unit for <paramref name="reps"/> (≥ 1) done with <paramref name="rir"/> left.</summary>
    public static Estimate Estimate(Load load, int reps, Rir rir)
    {
        if (reps < 1)
            throw new ArgumentOutOfRangeException(nameof(reps), reps, "An e1RM needs at least one rep.");
        var rtf = reps + rir.Value;
        return new Estimate(Load.Of(load.Value / FractionOf1Rm(rtf), load.Unit), rtf <= ReliableRepsToFailure);
    }

    /// <summary>The unrounded load for <paramref name="reps"/> at <paramref name="rir"/> given an e1RM.</summary>
    public static Load LoadFor(Load oneRepMax, int reps, Rir rir)
    {
        if (reps < 1)
            throw new ArgumentOutOfRangeException(nameof(reps), reps, "A set has at least one rep.");
        return Load.Of(oneRepMax.Value * FractionOf1Rm(reps + rir.Value), oneRepMax.Unit);
    }
}

/// <summary>An e1RM with a flag: false when reps-to-failure exceed 12 and the estimate is less reliable.</summary>
public readonly record struct Estimate(Load OneRepMax, bool IsReliable);
