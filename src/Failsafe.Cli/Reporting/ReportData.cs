using System.Collections.Immutable;
using Failsafe.Engine;
using Failsafe.Monitoring;

namespace Failsafe.Cli.Reporting;

/// <summary>One exercise's e1RM per session (the best RIR-adjusted estimate of the day), in kg.</summary>
public sealed record E1RmSeries(string ExerciseId, string Name, ImmutableArray<(DateOnly Date, double E1RmKg)> Points);

/// <summary>Rated working sets of one week (Monday to Sunday) by reps in reserve; <see cref="Unrated"/> had no RPE or RIR.</summary>
public sealed record WeekSets(DateOnly Monday, int Failure, int Rir1, int Rir2, int Rir3, int Rir4Plus)
{
    public int Unrated { get; init; }

    public int Total => Failure + Rir1 + Rir2 + Rir3 + Rir4Plus;

    /// <summary>Share of working sets taken to failure (0 RIR), 0–1.</summary>
    public double FailureShare => Total == 0 ? 0 : (double)Failure / Total;

    /// <summary>Share of working sets stopped 1–3 reps short, 0–1: the "80" of the 80/20 rule.</summary>
    public double ShortShare => Total == 0 ? 0 : (double)(Rir1 + Rir2 + Rir3) / Total;
}

/// <summary>A day of the failure budget: failure sets in the window ending that day against the allowance.</summary>
public sealed record BudgetDay(DateOnly Date, int Used, int Allowed)
{
    public bool Over => Used > Allowed;
}

/// <summary>A day on which the wellness check-ins raise W1 signs.</summary>
public sealed record WarningDay(DateOnly Date, ImmutableArray<string> Codes);

/// <summary>
/// What the report charts, computed from the log in the engine's terms: pure, with the report's date range
/// given (no clock is read here).
/// </summary>
public sealed record ReportData(
    DateOnly From,
    DateOnly To,
    int Sessions,
    int CheckIns,
    ImmutableArray<E1RmSeries> MainLifts,
    ImmutableArray<WeekSets> Weeks,
    ImmutableArray<Wellness> Wellness,
    ImmutableArray<WarningDay> WarningDays,
    int BudgetWindowDays,
    ImmutableArray<BudgetDay> Budget)
{
    /// <summary>At most this many lifts get an e1RM line.</summary>
    public const int MaxMainLifts = 6;

    public bool Empty => Sessions == 0 && CheckIns == 0;

    /// <summary>
    /// The report for the days after <paramref name="from"/> up to <paramref name="to"/> (inclusive).
    /// <paramref name="history"/> and <paramref name="wellness"/> may reach further back: the failure budget
    /// and the wellness baseline look back from the first charted day.
    /// </summary>
    public static ReportData Compute(
        DateOnly from, DateOnly to, ImmutableArray<LoggedSession> history, ImmutableArray<Wellness> wellness,
        Split split, bool competitionPrep, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var log = new TrainingLog(history);
        var inRange = log.Between(from, to).ToArray();
        var checkIns = wellness.IsDefault ? [] : wellness.OrderBy(w => w.Date).ToImmutableArray();
        var charted = checkIns.Where(w => w.Date > from && w.Date <= to).ToImmutableArray();

        // The rolling budget, counted exactly as Facts counts it for an evaluation on each day.
        var window = competitionPrep ? policy.CompetitionPrepWindowDays : policy.BudgetWindowDays;
        var splitAllowance = policy.SplitFailureSetsPerWeek[split] * window / 7;
        var allowed = competitionPrep ? policy.CompetitionPrepFailureSets : Math.Min(policy.FailureSetsPerWindow, splitAllowance);
        var budget = ImmutableArray.CreateBuilder<BudgetDay>();
        var warnings = ImmutableArray.CreateBuilder<WarningDay>();
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (inRange.Length > 0)
                budget.Add(new BudgetDay(day, TrainingLog.FailureSets(log.LastDays(day, window)), allowed));
            if (charted.Length > 0 && WellnessSigns.Detect(checkIns, day, policy) is { IsEmpty: false } signs)
                warnings.Add(new WarningDay(day, [.. signs.Select(s => s.Code).Distinct()]));
        }

        return new ReportData(from, to, inRange.Length, charted.Length, FindMainLifts(inRange), CountWeeks(inRange),
            charted, warnings.ToImmutable(), window, budget.ToImmutable());
    }

    /// <summary>The exercises with the most sessions that carry an e1RM, each with its best estimate per session day.</summary>
    private static ImmutableArray<E1RmSeries> FindMainLifts(LoggedSession[] sessions)
    {
        var series = new Dictionary<string, (string Name, SortedDictionary<DateOnly, double> Points)>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            foreach (var e in session.Exercises)
            {
                if (TrainingLog.BestE1Rm(e, ratedOnly: true) is not { } e1rm)
                    continue;
                if (!series.TryGetValue(e.Exercise.Id, out var s))
                    series[e.Exercise.Id] = s = (e.Exercise.Name, []);
                // Two entries of one exercise on one day are one session: keep the better.
                s.Points[session.Date] = Math.Max(s.Points.GetValueOrDefault(session.Date), e1rm);
            }
        }
        return
        [
            .. series
                .OrderByDescending(s => s.Value.Points.Count)
                .ThenBy(s => s.Value.Name, StringComparer.Ordinal)
                .Take(MaxMainLifts)
                .Select(s => new E1RmSeries(s.Key, s.Value.Name, [.. s.Value.Points.Select(p => (p.Key, p.Value))])),
        ];
    }

    /// <summary>Working sets per calendar week (Monday first), every week from the first session to the last.</summary>
    private static ImmutableArray<WeekSets> CountWeeks(LoggedSession[] sessions)
    {
        if (sessions.Length == 0)
            return [];
        var counts = new SortedDictionary<DateOnly, int[]>();
        foreach (var session in sessions)
        {
            var monday = Monday(session.Date);
            if (!counts.TryGetValue(monday, out var c))
                counts[monday] = c = new int[6];
            foreach (var e in session.Exercises)
            {
                foreach (var set in e.Sets)
                {
                    if (RirBuckets.Of(set) is >= 0 and var b)
                        c[b]++;
                    else if (set.IsWorking)
                        c[5]++;
                }
            }
        }
        var weeks = ImmutableArray.CreateBuilder<WeekSets>();
        for (var monday = counts.Keys.First(); monday <= counts.Keys.Last(); monday = monday.AddDays(7))
        {
            var c = counts.GetValueOrDefault(monday) ?? new int[6];
            weeks.Add(new WeekSets(monday, c[0], c[1], c[2], c[3], c[4]) { Unrated = c[5] });
        }
        return weeks.ToImmutable();
    }

    public static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
