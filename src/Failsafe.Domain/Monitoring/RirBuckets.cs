namespace Failsafe.Monitoring;

/// <summary>
/// Working sets sorted by reps in reserve, for the 80/20 split (status, report, charts): bucket 0 holds the sets
/// taken to failure (<see cref="LoggedSet.IsFailure"/>: marked so, or at 0 RIR), then 1, 2, 3 and 4+ reps in
/// reserve, half reps rounded up (0.5 → 1, 2.5 → 3). The one bucketing every front end uses. Only rated working sets
/// have a bucket (<see cref="Of"/> returns −1 for the rest): warm-ups, drop sets and sets logged without RPE or RIR.
/// </summary>
public static class RirBuckets
{
    /// <summary>How many buckets: failure, 1, 2, 3, 4+.</summary>
    public const int Count = 5;

    /// <summary>The buckets' names, in order, for people.</summary>
    public static readonly IReadOnlyList<string> Names = ["0 RIR (failure)", "1 RIR", "2 RIR", "3 RIR", "4+ RIR"];

    /// <summary>The buckets' keys in JSON, in order.</summary>
    public static readonly IReadOnlyList<string> Keys = ["failure", "rir1", "rir2", "rir3", "rir4plus"];

    /// <summary>The bucket of <paramref name="set"/>: 0 for a failure set, else 1, 2, 3 or 4 (4+); −1 when it has none.</summary>
    public static int Of(LoggedSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!set.IsWorking)
            return -1;
        if (set.IsFailure)
            return 0;
        if (!set.Rated)
            return -1;
        var rir = set.Rir.Value;
        return rir < 1.5 ? 1 : rir < 2.5 ? 2 : rir < 3.5 ? 3 : 4;
    }
}
