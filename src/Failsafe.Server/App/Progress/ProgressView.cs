using Failsafe.Store.Reporting;

namespace Failsafe.Server.App.Progress;

/// <summary>
/// What the Progress page shows: the report <c>failsafe report</c> draws, read by the same <see cref="ReportReader"/>
/// and drawn by the same <see cref="ReportCharts"/>, as SVG for the page (<see cref="ChartMedium.Page"/>), with the lift
/// chosen in the picker. The page only lays it out.
/// </summary>
public sealed class ProgressView
{
    private ProgressView(ReportData data, LiftSeries? lift, IReadOnlyList<LiftRef> picker, IReadOnlyList<Drawn> charts)
    {
        Data = data;
        Lift = lift;
        Picker = picker;
        Charts = charts;
    }

    /// <summary>One chart as the page shows it: the chart (title, description, key) and its SVG element.</summary>
    public sealed record Drawn(string Name, string Title, string Description, IReadOnlyList<ChartKey> Key, string Svg);

    public ReportData Data { get; }

    /// <summary>The lift whose e1RM is shown (null when no lift has loaded sets).</summary>
    public LiftSeries? Lift { get; }

    /// <summary>The lifts the picker offers: the main lifts, and the one asked for when it is not among them.</summary>
    public IReadOnlyList<LiftRef> Picker { get; }

    /// <summary>The charts with something to show, by name (<see cref="ReportCharts.Names"/>); a chart without data is absent.</summary>
    public IReadOnlyList<Drawn> Charts { get; }

    public Drawn? Chart(string name) => Charts.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// The page's report ending on <paramref name="today"/>, or the problem with the query (its field and what is wrong).
    /// <paramref name="weeks"/>, <paramref name="since"/> and <paramref name="lift"/> are the query's text as given.
    /// </summary>
    public static ProgressView? Build(LogReader log, DateOnly today, string? weeks, string? since, string? lift, out ReportProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(log);
        problem = null;
        int? weekCount = null;
        DateOnly? first = null;
        if (!string.IsNullOrEmpty(weeks))
        {
            if (!int.TryParse(weeks, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problem = new ReportProblem("weeks", $"'{weeks}' is not a whole number of weeks");
                return null;
            }
            weekCount = n;
        }
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problem = new ReportProblem("since", $"'{since}' is not a date (yyyy-MM-dd)");
                return null;
            }
            first = day;
        }
        string[] pinned = string.IsNullOrWhiteSpace(lift) ? [] : [lift];
        if (ReportReader.Read(log, log.StoredPolicy(), today, new ReportRequest(weekCount, first, pinned), out problem) is not { } data)
            return null;

        var shown = data.Lifts.FirstOrDefault(l => l.Plotted.Any()) ?? data.Lifts.FirstOrDefault();
        var picker = data.MainLifts.ToList();
        if (shown is not null && picker.All(l => l.Id != shown.Id))
            picker.Add(new LiftRef(shown.Id, shown.Name, 0));

        var charts = new List<Drawn>();
        void Add(ReportChart chart, bool show)
        {
            using (chart)
            {
                if (!show)
                    return;
                var svg = chart.ForPage($"chart-{chart.Name}");
                charts.Add(new Drawn(chart.Name, chart.Title, chart.Description, chart.Key, svg));
            }
        }
        Add(ReportCharts.E1Rm(data, ChartMedium.Page, shown), shown?.Plotted.Any() == true);
        Add(ReportCharts.WeeklySets(data, ChartMedium.Page), data.Weeks.Any(w => w.All > 0));
        Add(ReportCharts.MuscleSets(data, ChartMedium.Page), !data.Muscles.IsEmpty);
        Add(ReportCharts.WellnessTrends(data, ChartMedium.Page), !data.Wellness.IsEmpty);
        Add(ReportCharts.FailureBudget(data, ChartMedium.Page), !data.Budget.IsEmpty);
        return new ProgressView(data, shown, picker, charts);
    }

    public string Load(double kg) => ReportText.Load(Data, kg);

    public string Day(DateOnly day) => ReportText.Day(Data, day);

    /// <summary>A set as the lifter logged it: "100 kg × 5 @ 2 RIR", "… to failure", or unrated.</summary>
    public string Set(LoggedSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var effort = set.Failure != global::Failsafe.Catalog.FailureLevel.None ? ", to failure" : set.Rated ? string.Create(CultureInfo.InvariantCulture, $" @ {set.Rir.Value:0.#} RIR") : "";
        return $"{Load(set.WeightKg)} × {set.Reps}{effort}";
    }

    /// <summary>The weeks of the window (Monday first) with each measure's mean that week and the warning days in it.</summary>
    public IEnumerable<(DateOnly Monday, double?[] Means, int Warnings)> WellnessWeeks()
    {
        Func<Wellness, int?>[] measures = [w => w.SleepQuality, w => w.Mood, w => w.Motivation, w => w.Fatigue, w => w.Soreness, w => w.Aches];
        return Data.Wellness.GroupBy(w => ReportData.Monday(w.Date)).OrderBy(g => g.Key).Select(g => (
            g.Key,
            measures.Select(m => g.Select(m).OfType<int>().ToList() is { Count: > 0 } v ? (double?)v.Average() : null).ToArray(),
            Data.WarningDays.Count(d => ReportData.Monday(d.Date) == g.Key)));
    }

    /// <summary>The budget at the end of each week of the window (its Sunday, or the last day), with the days over it that week.</summary>
    public IEnumerable<(BudgetDay Day, int DaysOver)> BudgetWeeks() =>
        Data.Budget.GroupBy(b => ReportData.Monday(b.Date)).OrderBy(g => g.Key).Select(g => (g.Last(), g.Count(b => b.Over)));
}
