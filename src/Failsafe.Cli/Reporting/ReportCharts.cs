using Failsafe.Monitoring;
using System.Globalization;
using Failsafe.Effort;
using ScottPlot;
using Wellness = Failsafe.Engine.Wellness;

namespace Failsafe.Cli.Reporting;

/// <summary>Draws the report's charts with ScottPlot and saves each as PNG and SVG.</summary>
public static class ReportCharts
{
    public const int Width = 1200;
    public const int Height = 650;

    /// <summary>The charts' file names without extension, in the order they are written.</summary>
    public static readonly string[] Names = ["e1rm", "weekly-sets", "wellness", "failure-budget"];

    private static readonly Color FailureColor = Color.FromHex("#d62728");
    private static readonly Color[] BucketColors =
    [
        FailureColor,
        Color.FromHex("#ff7f0e"),
        Color.FromHex("#2ca02c"),
        Color.FromHex("#1f77b4"),
        Color.FromHex("#9e9e9e"),
    ];

    /// <summary>Writes every chart into <paramref name="directory"/> (created if needed); returns the files written.</summary>
    public static List<string> WriteAll(ReportData data, string directory, WeightUnit unit, double maxFailureShare)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        void Save(Plot plot, string name)
        {
            var png = Path.Combine(directory, name + ".png");
            var svg = Path.Combine(directory, name + ".svg");
            plot.SavePng(png, Width, Height);
            SolidLines(plot);
            plot.SaveSvg(svg, Width, Height);
            files.Add(png);
            files.Add(svg);
        }

        using (var plot = E1Rm(data, unit))
            Save(plot, Names[0]);
        using (var plot = WeeklySets(data, maxFailureShare))
            Save(plot, Names[1]);
        using (var plot = WellnessTrends(data))
            Save(plot, Names[2]);
        using (var plot = FailureBudget(data))
            Save(plot, Names[3]);
        return files;
    }

    /// <summary>
    /// Skia's SVG canvas has no dashes (it prints "Unsupported path effect in addPaint." on the process's stderr
    /// for each), so the SVG gets the reference lines solid; their colours and the legend still tell them apart.
    /// </summary>
    private static void SolidLines(Plot plot)
    {
        foreach (var line in plot.GetPlottables().OfType<IHasLine>())
            line.LinePattern = LinePattern.Solid;
        foreach (var item in plot.Legend.ManualItems)
            item.LinePattern = LinePattern.Solid;
    }

    private static double X(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    /// <summary>A sans-serif family the system has: Skia's own fallback on Linux is often a serif face.</summary>
    private static readonly Lazy<string?> SansFont = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica", "Segoe UI" }.FirstOrDefault(installed.Contains);
    });

    private static Plot NewPlot(string title, bool empty)
    {
        var plot = new Plot();
        if (SansFont.Value is { } font)
            plot.Font.Set(font);
        plot.Title(empty ? $"{title} — no data" : title);
        var dates = plot.Axes.DateTimeTicksBottom();
        if (dates.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
            automatic.LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return plot;
    }

    private static void IntegerTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Moves the plot's legend entries into its manual list, in the order given, so the legend reads as the chart does.</summary>
    private static void Legend(Plot plot, IEnumerable<LegendItem> first, params IPlottable[] then)
    {
        plot.Legend.ManualItems.AddRange(first);
        foreach (var p in then)
        {
            plot.Legend.ManualItems.AddRange(p.LegendItems.ToList());
            if (p is IHasLegendText labelled)
                labelled.LegendText = "";
        }
    }

    /// <summary>The charted range on the date axis, after fitting the values.</summary>
    private static void DateRange(Plot plot, ReportData data)
    {
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(X(data.From.AddDays(1)) - 1, X(data.To) + 1);
    }

    private static string Range(ReportData data) =>
        string.Create(CultureInfo.InvariantCulture, $"{data.From.AddDays(1):yyyy-MM-dd} to {data.To:yyyy-MM-dd}");

    public static Plot E1Rm(ReportData data, WeightUnit unit)
    {
        ArgumentNullException.ThrowIfNull(data);
        var empty = data.MainLifts.IsEmpty;
        var plot = NewPlot("Estimated 1RM per main lift (best RIR-adjusted set per session)", empty);
        var unitWord = unit == WeightUnit.Lb ? "lb" : "kg";
        plot.YLabel($"e1RM ({unitWord})");
        plot.XLabel(Range(data));
        foreach (var lift in data.MainLifts)
        {
            var xs = lift.Points.Select(p => X(p.Date)).ToArray();
            var ys = lift.Points.Select(p => Load.Kg(p.E1RmKg).To(unit).Value).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = lift.Name;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        if (!empty)
            plot.ShowLegend(Edge.Right);
        DateRange(plot, data);
        if (empty)
            plot.Axes.SetLimitsY(0, 100);
        return plot;
    }

    public static Plot WeeklySets(ReportData data, double maxFailureShare)
    {
        ArgumentNullException.ThrowIfNull(data);
        var empty = data.Weeks.IsEmpty;
        var plot = NewPlot("Weekly working sets by reps in reserve (80/20: at least 80 % stopped 1–3 short)", empty);
        plot.YLabel("working sets");
        plot.XLabel(Range(data));
        plot.Axes.Right.Label.Text = "share of the week's sets (%)";

        var bars = new List<Bar>();
        var top = 0;
        foreach (var week in data.Weeks)
        {
            int[] counts = [week.Failure, week.Rir1, week.Rir2, week.Rir3, week.Rir4Plus];
            var bottom = 0;
            for (var b = 0; b < counts.Length; b++)
            {
                if (counts[b] == 0)
                    continue;
                bars.Add(new Bar
                {
                    Position = X(week.Monday) + 3,
                    ValueBase = bottom,
                    Value = bottom + counts[b],
                    FillColor = BucketColors[b],
                    LineWidth = 0,
                    Size = 5,
                });
                bottom += counts[b];
            }
            top = Math.Max(top, bottom);
        }
        if (bars.Count > 0)
            plot.Add.Bars(bars);
        foreach (var week in data.Weeks.Where(w => w.Failure > 0))
        {
            var mark = plot.Add.Text($"{week.Failure} F", X(week.Monday) + 3, week.Total);
            mark.LabelFontColor = FailureColor;
            mark.LabelBold = true;
            mark.LabelFontSize = 12;
            if (SansFont.Value is { } font)
                mark.LabelFontName = font;
            mark.LabelAlignment = Alignment.LowerCenter;
        }

        var lines = new List<IPlottable>();
        if (!empty)
        {
            var xs = data.Weeks.Select(w => X(w.Monday) + 3).ToArray();
            var shortShare = plot.Add.Scatter(xs, data.Weeks.Select(w => w.ShortShare * 100).ToArray());
            shortShare.Axes.YAxis = plot.Axes.Right;
            shortShare.Color = Colors.Black;
            shortShare.LineWidth = 2;
            shortShare.MarkerSize = 5;
            shortShare.LegendText = "% of sets at 1–3 RIR (right axis)";
            var failureShare = plot.Add.Scatter(xs, data.Weeks.Select(w => w.FailureShare * 100).ToArray());
            failureShare.Axes.YAxis = plot.Axes.Right;
            failureShare.Color = Color.FromHex("#7f0000");
            failureShare.LineWidth = 2;
            failureShare.MarkerSize = 6;
            failureShare.MarkerShape = MarkerShape.FilledDiamond;
            failureShare.LegendText = "% of sets at 0 RIR (right axis)";
            lines.Add(shortShare);
            lines.Add(failureShare);
        }
        var eighty = plot.Add.HorizontalLine((1 - maxFailureShare) * 100, 1.5f, Colors.Black, LinePattern.Dashed);
        eighty.Axes.YAxis = plot.Axes.Right;
        eighty.LegendText = $"{1 - maxFailureShare:P0}: at least this share at 1–3 RIR";
        var twenty = plot.Add.HorizontalLine(maxFailureShare * 100, 1.5f, FailureColor, LinePattern.Dashed);
        twenty.Axes.YAxis = plot.Axes.Right;
        twenty.LegendText = $"{maxFailureShare:P0}: at most this share to failure";
        lines.Add(eighty);
        lines.Add(twenty);

        Legend(plot, RirBuckets.Names.Select((n, b) => new LegendItem { LabelText = n, FillColor = BucketColors[b] }), [.. lines]);
        plot.ShowLegend(Edge.Right);
        IntegerTicks(plot.Axes.Left);

        DateRange(plot, data);
        plot.Axes.SetLimitsY(0, Math.Max(10, top * 1.15), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        return plot;
    }

    /// <summary>The wellness trend lines average this many days of check-ins.</summary>
    public const int TrendDays = 7;

    public static Plot WellnessTrends(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var empty = data.Wellness.IsEmpty;
        var plot = NewPlot($"Wellness check-ins (1–5, lines: {TrendDays}-day means) with warning days (W1 signs) shaded", empty);
        plot.YLabel("score (1–5)");
        plot.XLabel(Range(data));

        // Runs of consecutive warning days as one shaded span each.
        var first = true;
        var days = data.WarningDays.Select(w => w.Date).ToList();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1))
                j++;
            // A horizontal span covers a range of the horizontal (date) axis.
            var span = plot.Add.HorizontalSpan(X(days[i]) - 0.5, X(days[j]) + 0.5);
            span.FillStyle.Color = Color.FromHex("#ff7f0e").WithAlpha(0.25);
            span.LineStyle.Width = 0;
            if (first)
                span.LegendText = "warning days";
            first = false;
            i = j + 1;
        }

        (string Name, Func<Wellness, int?> Value, Color Color)[] measures =
        [
            ("fatigue (5 = exhausted)", w => w.Fatigue, Color.FromHex("#d62728")),
            ("mood", w => w.Mood, Color.FromHex("#2ca02c")),
            ("sleep quality", w => w.SleepQuality, Color.FromHex("#1f77b4")),
            ("motivation", w => w.Motivation, Color.FromHex("#9467bd")),
            ("aches (5 = severe)", w => w.Aches, Color.FromHex("#8c564b")),
        ];
        foreach (var (name, value, color) in measures)
        {
            var points = data.Wellness.Where(w => value(w) is not null).Select(w => (w.Date, Value: (double)value(w)!.Value)).ToList();
            if (points.Count == 0)
                continue;
            // Each day's score as a faint dot; the trend as the mean of the scores of the last seven days.
            var xs = points.Select(p => X(p.Date)).ToArray();
            var dots = plot.Add.ScatterPoints(xs, points.Select(p => p.Value).ToArray());
            dots.Color = color.WithAlpha(0.35);
            dots.MarkerSize = 4;
            var trend = points.Select(p => points.Where(q => q.Date > p.Date.AddDays(-TrendDays) && q.Date <= p.Date).Average(q => q.Value)).ToArray();
            var line = plot.Add.ScatterLine(xs, trend);
            line.LegendText = name;
            line.Color = color;
            line.LineWidth = 2;
        }
        if (!empty || days.Count > 0)
            plot.ShowLegend(Edge.Right);
        DateRange(plot, data);
        plot.Axes.SetLimitsY(0.5, 5.5);
        return plot;
    }

    public static Plot FailureBudget(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var empty = data.Budget.IsEmpty;
        var plot = NewPlot($"Failure budget: failure sets in the trailing {data.BudgetWindowDays} days vs allowed", empty);
        plot.YLabel($"failure sets in {data.BudgetWindowDays} days");
        plot.XLabel(Range(data));
        var top = 1;
        if (!empty)
        {
            var allowed = data.Budget[^1].Allowed;
            var xs = data.Budget.Select(b => X(b.Date)).ToArray();
            var used = plot.Add.Scatter(xs, data.Budget.Select(b => (double)b.Used).ToArray());
            used.ConnectStyle = ConnectStyle.StepHorizontal;
            used.LineWidth = 2;
            used.MarkerSize = 0;
            used.Color = Color.FromHex("#1f77b4");
            used.LegendText = "failure sets used";
            var limit = plot.Add.HorizontalLine(allowed, 2, FailureColor, LinePattern.Dashed);
            limit.LegendText = $"allowed ({allowed})";
            var over = data.Budget.Where(b => b.Over).ToList();
            if (over.Count > 0)
            {
                var marks = plot.Add.ScatterPoints(over.Select(b => X(b.Date)).ToArray(), over.Select(b => (double)b.Used).ToArray());
                marks.Color = FailureColor;
                marks.MarkerSize = 7;
                marks.LegendText = "over budget";
            }
            top = Math.Max(allowed, data.Budget.Max(b => b.Used));
            plot.ShowLegend(Alignment.UpperLeft);
        }
        IntegerTicks(plot.Axes.Left);
        DateRange(plot, data);
        plot.Axes.SetLimitsY(0, top + 1.5);
        return plot;
    }
}
