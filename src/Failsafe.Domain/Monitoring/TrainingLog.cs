using System.Collections.Immutable;
using Failsafe.Effort;
using Failsafe.Engine;

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

    /// <summary>Failure sets (working sets marked failed or stopped at 0 RIR) in the given sessions.</summary>
    public static int FailureSets(ReadOnlySpan<LoggedSession> sessions) => Count(sessions, static set => set.IsFailure);

    /// <summary>Working (non-warm-up) sets in the given sessions.</summary>
    public static int WorkingSets(ReadOnlySpan<LoggedSession> sessions) => Count(sessions, static set => !set.Warmup);

    private static int Count(ReadOnlySpan<LoggedSession> sessions, Func<LoggedSet, bool> counts)
    {
        var n = 0;
        foreach (var s in sessions)
        {
            foreach (var e in s.Exercises)
            {
                foreach (var set in e.Sets)
                {
                    if (counts(set))
                        n++;
                }
            }
        }
        return n;
    }

    /// <summary>
    /// The session's best e1RM in kg for one exercise: the highest estimate over working sets with load,
    /// preferring reliable estimates (≤ 12 reps to failure); null when no set carries load.
    /// RIR-adjusted, so a light day at 3 RIR is not read as lost strength. With
    /// <paramref name="controlledOnly"/>, sets taken to failure are left out (see <see cref="StrengthTrend"/>).
    /// </summary>
    public static double? BestE1Rm(LoggedExercise exercise, bool controlledOnly = false)
    {
        double? reliable = null, any = null;
        foreach (var set in exercise.Sets)
        {
            if (set.Warmup || set.WeightKg <= 0 || set.Reps < 1 || (controlledOnly && set.IsFailure))
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
