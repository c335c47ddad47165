namespace Failsafe.Monitoring;

/// <summary>History sorted by date, with the counts the budget and recovery rules need.</summary>
public sealed class TrainingLog
{
    private readonly ImmutableArray<LoggedSession> _sessions;

    public TrainingLog(ImmutableArray<LoggedSession> history)
    {
        _sessions = history.IsDefaultOrEmpty ? [] : [.. history.OrderBy(s => s.Date)];
    }

    public ImmutableArray<LoggedSession> Sessions => _sessions;

    public LoggedSession? Last => _sessions.IsEmpty ? null : _sessions[^1];

    /// <summary>Sessions dated after <paramref name="from"/> (exclusive) and up to <paramref name="to"/> (inclusive).</summary>
    public ReadOnlySpan<LoggedSession> Between(DateOnly from, DateOnly to)
    {
        var start = FirstAfter(from);
        var end = FirstAfter(to);
        return _sessions.AsSpan()[start..end];
    }

    /// <summary>Sessions in the <paramref name="days"/> days ending on <paramref name="today"/> (today included).</summary>
    public ReadOnlySpan<LoggedSession> LastDays(DateOnly today, int days) => Between(today.AddDays(-days), today);

    private int FirstAfter(DateOnly date)
    {
        int lo = 0, hi = _sessions.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sessions[mid].Date <= date)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Failure sets (sets marked failed or rated 0 RIR, drop sets included: the failure budget) in the given sessions.</summary>
    public static int FailureSets(ReadOnlySpan<LoggedSession> sessions)
    {
        var n = 0;
        foreach (var s in sessions)
        {
            foreach (var e in s.Exercises)
            {
                foreach (var set in e.Sets)
                {
                    if (set.IsFailure)
                        n++;
                }
            }
        }
        return n;
    }

    /// <summary>Working sets (neither warm-ups nor drop sets) in the given sessions.</summary>
    public static int WorkingSets(ReadOnlySpan<LoggedSession> sessions)
    {
        var (rated, _, unrated) = Split(sessions);
        return rated + unrated;
    }

    /// <summary>
    /// The 80/20 split's counts (B1) over working sets: the rated ones, those of them taken to failure, and the unrated
    /// ones (logged without RPE or RIR), which cannot be placed and are only counted.
    /// </summary>
    public static (int Rated, int Failures, int Unrated) Split(ReadOnlySpan<LoggedSession> sessions)
    {
        int rated = 0, failures = 0, unrated = 0;
        foreach (var s in sessions)
        {
            foreach (var e in s.Exercises)
            {
                foreach (var set in e.Sets)
                {
                    if (!set.IsWorking)
                        continue;
                    if (set.Failure != Catalog.FailureLevel.None || set.Rated)
                    {
                        rated++;
                        if (set.IsFailure)
                            failures++;
                    }
                    else
                    {
                        unrated++;
                    }
                }
            }
        }
        return (rated, failures, unrated);
    }

    /// <summary>
    /// The session's best e1RM in kg for one exercise: the highest estimate over working sets with load,
    /// preferring reliable estimates (≤ 12 reps to failure); null when no set carries load.
    /// RIR-adjusted, so a light day at 3 RIR is not read as lost strength. With
    /// <paramref name="controlledOnly"/>, only rated sets stopped short of failure count (see <see cref="StrengthTrend"/>);
    /// with <paramref name="ratedOnly"/>, only rated sets (failure sets included); otherwise an unrated set is read as taken to
    /// failure (the lowest estimate it allows). Warm-ups and drop sets never count.
    /// </summary>
    public static double? BestE1Rm(LoggedExercise exercise, bool controlledOnly = false, bool ratedOnly = false)
    {
        double? reliable = null, any = null;
        foreach (var set in exercise.Sets)
        {
            if (!set.IsWorking || set.WeightKg <= 0 || set.Reps < 1 || (controlledOnly && (set.IsFailure || !set.Rated)) || (ratedOnly && !set.Rated && set.Failure == Catalog.FailureLevel.None))
                continue;
            var estimate = OneRepMax.Estimate(Load.Kg(set.WeightKg), set.Reps, set.Rir);
            var kg = estimate.OneRepMax.Value;
            any = Math.Max(any ?? 0, kg);
            if (estimate.IsReliable)
                reliable = Math.Max(reliable ?? 0, kg);
        }
        return reliable ?? any;
    }
}
