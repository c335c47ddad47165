using Failsafe.Monitoring;

namespace Failsafe.Store.Reporting;

/// <summary>Working sets of one week (Monday to Sunday) by reps in reserve; <see cref="Unrated"/> ones had no RPE, RIR or failure mark.</summary>
public sealed record WeekSets(DateOnly Monday, int Failure, int Rir1, int Rir2, int Rir3, int Rir4Plus, int Unrated = 0)
{
    /// <summary>The rated working sets: the ones the 80/20 split is counted over.</summary>
    public int Total => Failure + Rir1 + Rir2 + Rir3 + Rir4Plus;

    /// <summary>Every working set, rated or not: the height of the week's bar.</summary>
    public int All => Total + Unrated;

    /// <summary>Share of the rated working sets taken to failure (0 RIR), 0–1.</summary>
    public double FailureShare => Total == 0 ? 0 : (double)Failure / Total;

    /// <summary>Share of the rated working sets stopped 1–3 reps short, 0–1: the "80" of the 80/20 rule.</summary>
    public double ShortShare => Total == 0 ? 0 : (double)(Rir1 + Rir2 + Rir3) / Total;

    /// <summary>The week's counts by bucket in chart order: failure, 1, 2, 3, 4+ RIR, then unrated.</summary>
    public int[] Counts => [Failure, Rir1, Rir2, Rir3, Rir4Plus, Unrated];
}

/// <summary>
/// A day of the failure budget: failure sets in the rolling window ending that day against the allowance. Of them,
/// <see cref="Beyond"/> went past failure (drop sets, forced reps, negatives, rest-pause).
/// </summary>
public sealed record BudgetDay(DateOnly Date, int Used, int Allowed, int Beyond = 0)
{
    public bool Over => Used > Allowed;
}

/// <summary>What a report needs to know of the lifter: the split and competition prep set the failure budget; loads are shown in the unit.</summary>
public sealed record ReportLifter(Split Split = Split.FullBody, bool CompetitionPrep = false, WeightUnit Unit = WeightUnit.Kg);

/// <summary>A day on which the wellness check-ins raise W1 signs (their codes, e.g. <c>poor-sleep</c>).</summary>
public sealed record WarningDay(DateOnly Date, ImmutableArray<string> Codes);

/// <summary>
/// What the report charts, computed from the log in the engine's terms: pure, with the window given (no clock is
/// read here). <see cref="Lifts"/> are the lifts charted (the ones pinned, else <see cref="MainLifts"/>).
/// </summary>
public sealed record ReportData(
    ReportWindow Window,
    WeightUnit Unit,
    int Sessions,
    int CheckIns,
    ImmutableArray<LiftRef> MainLifts,
    ImmutableArray<LiftSeries> Lifts,
    ImmutableArray<WeekSets> Weeks,
    ImmutableArray<Wellness> Wellness,
    ImmutableArray<WarningDay> WarningDays,
    int BudgetWindowDays,
    ImmutableArray<BudgetDay> Budget,
    double MaxFailureShare)
{
    public bool Empty => Sessions == 0 && CheckIns == 0;

    /// <summary>Direct working sets per muscle group per week at the end of the window, against their landmarks.</summary>
    public ImmutableArray<MuscleVolume> Muscles { get; init; } = [];

    public string UnitName => Unit == WeightUnit.Lb ? "lb" : "kg";

    /// <summary>
    /// The report for <paramref name="window"/>. <paramref name="history"/> and <paramref name="wellness"/> may reach
    /// further back: the failure budget and the wellness baseline look back from the first charted day, and a lift's
    /// records (PRs), trend and flags are read against all of its history given.
    /// </summary>
    /// <param name="pinned">Exercise ids to chart instead of the main lifts, in this order (none: the main lifts).</param>
    public static ReportData Compute(
        ReportWindow window, ImmutableArray<LoggedSession> history, ImmutableArray<Wellness> wellness,
        ReportLifter lifter, Policy policy, IReadOnlyList<string>? pinned = null)
    {
        ArgumentNullException.ThrowIfNull(lifter);
        ArgumentNullException.ThrowIfNull(policy);
        var log = new TrainingLog(history.Where(s => s.Date <= window.Last).ToImmutableArray());
        var inWindow = log.Between(window.First.AddDays(-1), window.Last).ToArray();
        var checkIns = wellness.IsDefault ? [] : wellness.Where(w => w.Date <= window.Last).OrderBy(w => w.Date).ToImmutableArray();
        var charted = checkIns.Where(w => window.Contains(w.Date)).ToImmutableArray();

        // The rolling budget, counted exactly as Facts counts it for an evaluation on each day.
        var (_, days, allowed, _) = policy.BudgetFor(lifter.Split, lifter.CompetitionPrep);
        var budget = ImmutableArray.CreateBuilder<BudgetDay>();
        var warnings = ImmutableArray.CreateBuilder<WarningDay>();
        // The signs of a day read only the check-ins of its recent and baseline windows: a slice moving with the day.
        var lookBack = policy.WellnessRecentDays + policy.WellnessBaselineDays;
        var (from, to) = (0, 0);
        for (var day = window.First; day <= window.Last; day = day.AddDays(1))
        {
            while (to < checkIns.Length && checkIns[to].Date <= day)
                to++;
            while (from < to && checkIns[from].Date <= day.AddDays(-lookBack))
                from++;
            if (inWindow.Length > 0)
            {
                var last = log.LastDays(day, days);
                budget.Add(new BudgetDay(day, TrainingLog.FailureSets(last), allowed, BeyondFailure(last)));
            }
            if (charted.Length > 0 && WellnessSigns.Detect(checkIns[from..to], day, policy) is { IsEmpty: false } signs)
                warnings.Add(new WarningDay(day, [.. signs.Select(s => s.Code).Distinct()]));
        }

        var main = Lifting.MainLifts(inWindow);
        var chartedLifts = pinned is { Count: > 0 } ? pinned : main.Select(l => l.Id).ToList();
        var lifts = chartedLifts.Select(id => Lifting.Series(log.Sessions, id, window,
            main.FirstOrDefault(l => l.Id == id)?.Name)).ToImmutableArray();

        return new ReportData(window, lifter.Unit, inWindow.Length, charted.Length, main, lifts, CountWeeks(inWindow, window),
            charted, warnings.ToImmutable(), days, budget.ToImmutable(), policy.MaxFailureShare)
        {
            Muscles = VolumeLandmarks.Count(inWindow, window),
        };
    }

    /// <summary>Failure sets that went on past failure: drop sets and sets with a technique beyond it.</summary>
    private static int BeyondFailure(ReadOnlySpan<LoggedSession> sessions)
    {
        var n = 0;
        foreach (var s in sessions)
        {
            foreach (var e in s.Exercises)
                n += e.Sets.Count(set => set.IsFailure && (set.Drop || set.Technique is not null));
        }
        return n;
    }

    /// <summary>Working sets per calendar week (Monday first), every week of the window, empty ones included.</summary>
    private static ImmutableArray<WeekSets> CountWeeks(LoggedSession[] sessions, ReportWindow window)
    {
        if (sessions.Length == 0)
            return [];
        var counts = new Dictionary<DateOnly, int[]>();
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
        for (var monday = Monday(window.First); monday <= window.Last; monday = monday.AddDays(7))
        {
            var c = counts.GetValueOrDefault(monday) ?? new int[6];
            weeks.Add(new WeekSets(monday, c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return weeks.ToImmutable();
    }

    public static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
