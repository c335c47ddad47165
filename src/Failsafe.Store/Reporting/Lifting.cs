namespace Failsafe.Store.Reporting;

/// <summary>A lift the report can chart: its exercise id, name and working sets in the window.</summary>
public sealed record LiftRef(string Id, string Name, int WorkingSets);

/// <summary>
/// One session of a lift: its best set's estimated 1RM in kg (<paramref name="Best"/> is that set). <paramref name="TrendKg"/>
/// is the rolling median of the lift's sessions up to this one (null for a flagged point); <paramref name="Pr"/> marks a
/// new best over every earlier session of the lift; <paramref name="Flagged"/> a point implausible against its neighbours
/// (most likely a unit mix-up), which is shown as a note, not drawn.
/// </summary>
public sealed record LiftPoint(DateOnly Date, double E1RmKg, LoggedSet Best, double? TrendKg, bool Pr, bool Flagged);

/// <summary>A lift's sessions inside the report's window, with <see cref="BestBeforeKg"/>, its best before the window.</summary>
public sealed record LiftSeries(string Id, string Name, ImmutableArray<LiftPoint> Points, double? BestBeforeKg)
{
    /// <summary>The points drawn: every one not flagged.</summary>
    public IEnumerable<LiftPoint> Plotted => Points.Where(p => !p.Flagged);

    public IEnumerable<LiftPoint> Flagged => Points.Where(p => p.Flagged);
}

/// <summary>
/// Which lifts a report follows and how it reads them: the main lifts (the compound lifts with the most working sets,
/// the squat, bench, deadlift, overhead press and row/pull-up families first), each session's best set, a robust trend,
/// records, and the points too far from their neighbours to be real.
/// </summary>
public static class Lifting
{
    /// <summary>At most this many main lifts.</summary>
    public const int MaxMainLifts = 4;

    /// <summary>The trend at a session reads the sessions this many before and after it (five in all), at least.</summary>
    public const int TrendReach = 2;

    /// <summary>Neighbours looked at on each side of a point to judge it.</summary>
    public const int Neighbours = 3;

    /// <summary>
    /// A point this many times above or below the median of its neighbours is flagged: kg read as lb or back is a factor
    /// of 2.2, while real sessions of one lift, even a novice's first weeks or a return from a layoff, stay well inside it.
    /// </summary>
    public const double ImplausibleRatio = 1.8;

    /// <summary>The movement families main lifts come from first, in the order their panels are shown.</summary>
    public static readonly ImmutableArray<MovementPattern> MainFamilies =
        [MovementPattern.Squat, MovementPattern.HorizontalPress, MovementPattern.Hinge, MovementPattern.VerticalPress, MovementPattern.Pull];

    /// <summary>
    /// The lifter's main lifts in these sessions: among exercises with a loaded working set, the compound lifts of
    /// <see cref="MainFamilies"/> first (the one with the most working sets from each family, then the rest by working
    /// sets), then other compound lifts; only when there is no compound lift at all, whatever was trained most. At most
    /// <see cref="MaxMainLifts"/>, shown squat, bench, deadlift, press, pull.
    /// </summary>
    public static ImmutableArray<LiftRef> MainLifts(IEnumerable<LoggedSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var lifts = new Dictionary<string, (Exercise Exercise, int Sets, bool Loaded)>(StringComparer.Ordinal);
        foreach (var e in sessions.SelectMany(s => s.Exercises))
        {
            var working = e.Sets.Where(s => s.IsWorking).ToList();
            var loaded = working.Any(s => s.WeightKg > 0 && s.Reps >= 1);
            var known = lifts.TryGetValue(e.Exercise.Id, out var k) ? k : (Exercise: e.Exercise, Sets: 0, Loaded: false);
            lifts[e.Exercise.Id] = (e.Exercise, known.Sets + working.Count, known.Loaded || loaded);
        }
        var candidates = lifts.Values.Where(l => l.Loaded)
            .OrderByDescending(l => l.Sets).ThenBy(l => l.Exercise.Name, StringComparer.Ordinal).ToList();
        var main = candidates.Where(l => l.Exercise.Mechanic == Mechanic.Compound && MainFamilies.Contains(l.Exercise.Pattern)).ToList();
        var otherCompound = candidates.Where(l => l.Exercise.Mechanic == Mechanic.Compound && !MainFamilies.Contains(l.Exercise.Pattern));

        var chosen = main.GroupBy(l => l.Exercise.Pattern).Select(g => g.First()).Take(MaxMainLifts).ToList();
        chosen.AddRange(main.Except(chosen).Concat(otherCompound).Take(MaxMainLifts - chosen.Count));
        if (chosen.Count == 0)
            chosen.AddRange(candidates.Take(MaxMainLifts));
        return
        [
            .. chosen
                .OrderBy(l => MainFamilies.IndexOf(l.Exercise.Pattern) is >= 0 and var i ? i : MainFamilies.Length)
                .ThenByDescending(l => l.Sets)
                .Select(l => new LiftRef(l.Exercise.Id, l.Exercise.Name, l.Sets)),
        ];
    }

    /// <summary>
    /// The best set of <paramref name="exercise"/> by estimated 1RM, RIR-adjusted, preferring reliable estimates, as
    /// <see cref="Monitoring.TrainingLog.BestE1Rm"/> reads them: with <paramref name="ratedOnly"/> only rated sets (failure
    /// sets included), else an unrated set counts as taken to failure (the lowest estimate it allows). Null when no such
    /// working set carries load.
    /// </summary>
    public static (LoggedSet Set, double E1RmKg)? BestSet(LoggedExercise exercise, bool ratedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        (LoggedSet, double)? reliable = null, any = null;
        foreach (var set in exercise.Sets)
        {
            if (!set.IsWorking || set.WeightKg <= 0 || set.Reps < 1 || (ratedOnly && !Rated(set)))
                continue;
            var estimate = OneRepMax.Estimate(Load.Kg(set.WeightKg), set.Reps, set.Rir);
            var kg = estimate.OneRepMax.Value;
            if (any is not { } a || kg > a.Item2)
                any = (set, kg);
            if (estimate.IsReliable && (reliable is not { } r || kg > r.Item2))
                reliable = (set, kg);
        }
        return reliable ?? any;
    }

    /// <summary>
    /// Lift <paramref name="id"/> in <paramref name="window"/>: each session's best set, flagged, trended and with its
    /// records read against all of <paramref name="history"/> before it. <paramref name="name"/> when the lift has no
    /// session to name it (else its exercise's name).
    /// </summary>
    public static LiftSeries Series(IEnumerable<LoggedSession> history, string id, ReportWindow window, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = history.Where(s => s.Date <= window.Last)
            .SelectMany(s => s.Exercises.Where(e => e.Exercise.Id == id).Select(e => (s.Date, Exercise: e))).ToList();
        // Rated sets only, as every e1RM trend reads them; a lift never rated (an import without RPE) is read from its
        // unrated sets as taken to failure rather than not at all.
        var ratedOnly = entries.Any(e => e.Exercise.Sets.Any(set => set.IsWorking && set.WeightKg > 0 && Rated(set)));
        var days = new SortedDictionary<DateOnly, (LoggedSet Set, double Kg)>();
        foreach (var (date, e) in entries)
        {
            name ??= e.Exercise.Name;
            // Two entries of one exercise on one day are one session: keep the better.
            if (BestSet(e, ratedOnly) is { } top && (!days.TryGetValue(date, out var known) || top.E1RmKg > known.Kg))
                days[date] = top;
        }
        var all = days.ToList();
        var values = all.Select(d => d.Value.Kg).ToList();
        var flags = Flags(values);
        // Years of sessions in a panel a few hundred pixels wide: the median reaches further, so the line stays a trend.
        var inWindow = all.Count(d => window.Contains(d.Key));
        var trend = Trend(values, flags, Math.Max(TrendReach, inWindow / 60));
        var points = ImmutableArray.CreateBuilder<LiftPoint>();
        double? best = null, bestBefore = null;
        for (var i = 0; i < all.Count; i++)
        {
            var (date, (set, kg)) = (all[i].Key, all[i].Value);
            var pr = !flags[i] && best is { } b && kg > b;
            if (window.Contains(date))
                points.Add(new LiftPoint(date, kg, set, trend[i], pr, flags[i]));
            else if (date < window.First && !flags[i])
                bestBefore = Math.Max(bestBefore ?? 0, kg);
            if (!flags[i])
                best = Math.Max(best ?? 0, kg);
        }
        return new LiftSeries(id, name ?? id, points.ToImmutable(), bestBefore);
    }

    /// <summary>
    /// For each value, whether it is implausible: more than <see cref="ImplausibleRatio"/> times above or below the
    /// median of up to <see cref="Neighbours"/> values on each side (at least two neighbours needed to judge).
    /// </summary>
    public static bool[] Flags(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flags = new bool[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var around = new List<double>();
            for (var j = Math.Max(0, i - Neighbours); j <= Math.Min(values.Count - 1, i + Neighbours); j++)
            {
                if (j != i)
                    around.Add(values[j]);
            }
            if (around.Count < 2)
                continue;
            var median = Median(around);
            flags[i] = values[i] > median * ImplausibleRatio || values[i] < median / ImplausibleRatio;
        }
        return flags;
    }

    /// <summary>
    /// For each unflagged value, the mean of the middle half of the unflagged values from <paramref name="reachOut"/>
    /// sessions before it to as many after it (the highest and lowest quarter left out: of five, the middle three), fewer
    /// towards either end (the first and the latest stand for themselves); null for a flagged one. Robust like a median
    /// (one odd session does not bend it) and, over many sessions, smooth where a median jumps between levels.
    /// </summary>
    public static double?[] Trend(IReadOnlyList<double> values, IReadOnlyList<bool> flags, int reachOut = TrendReach)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(flags);
        var kept = Enumerable.Range(0, values.Count).Where(i => !flags[i]).ToList();
        var trend = new double?[values.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            var reach = Math.Min(reachOut, Math.Min(k, kept.Count - 1 - k));
            trend[kept[k]] = MiddleMean([.. kept[(k - reach)..(k + reach + 1)].Select(i => values[i])]);
        }
        return trend;
    }

    private static bool Rated(LoggedSet set) => set.Rated || set.Failure != FailureLevel.None;

    private static double MiddleMean(List<double> values)
    {
        var sorted = values.Order().ToList();
        var cut = sorted.Count / 4;
        return sorted.Skip(cut).Take(sorted.Count - 2 * cut).Average();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
