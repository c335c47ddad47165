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
    private static readonly string[] BucketNames = ["0 RIR (failure)", "1 RIR", "2 RIR", "3 RIR", "4+ RIR"];

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

    private static double X(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static Plot NewPlot(string title, bool empty)
    {
        var plot = new Plot();
        plot.Title(empty ? $"{title} — no data" : title);
        plot.Axes.DateTimeTicksBottom();
        return plot;
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
            plot.ShowLegend(Alignment.LowerLeft);
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
            mark.LabelFontSize = 11;
            mark.LabelAlignment = Alignment.LowerCenter;
        }

        if (!empty)
        {
            var xs = data.Weeks.Select(w => X(w.Monday) + 3).ToArray();
            var shortShare = plot.Add.Scatter(xs, data.Weeks.Select(w => w.ShortShare * 100).ToArray());
            shortShare.Axes.YAxis = plot.Axes.Right;
            shortShare.Color = Colors.Black;
            shortShare.LineWidth = 2;
            shortShare.MarkerSize = 5;
            shortShare.LegendText = "% of sets at 1–3 RIR";
            var failureShare = plot.Add.Scatter(xs, data.Weeks.Select(w => w.FailureShare * 100).ToArray());
            failureShare.Axes.YAxis = plot.Axes.Right;
            failureShare.Color = FailureColor;
            failureShare.LineWidth = 2;
            failureShare.MarkerSize = 5;
            failureShare.MarkerShape = MarkerShape.FilledDiamond;
            failureShare.LegendText = "% of sets at 0 RIR (failure)";
        }
        var eighty = plot.Add.HorizontalLine((1 - maxFailureShare) * 100, 1.5f, Colors.Black, LinePattern.Dashed);
        eighty.Axes.YAxis = plot.Axes.Right;
        eighty.LegendText = $"{1 - maxFailureShare:P0} of sets at 1–3 RIR (at least)";
        var twenty = plot.Add.HorizontalLine(maxFailureShare * 100, 1.5f, FailureColor, LinePattern.Dashed);
        twenty.Axes.YAxis = plot.Axes.Right;
        twenty.LegendText = $"{maxFailureShare:P0} failure limit (at most)";

        for (var b = 0; b < BucketNames.Length; b++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = BucketNames[b], FillColor = BucketColors[b] });
        foreach (var item in new IPlottable[] { eighty, twenty })
        {
            foreach (var li in item.LegendItems)
                plot.Legend.ManualItems.Add(li);
        }
        if (!empty)
        {
            foreach (var p in plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>())
            {
                foreach (var li in p.LegendItems)
                    plot.Legend.ManualItems.Add(li);
            }
        }
        plot.ShowLegend(Edge.Right);

        DateRange(plot, data);
        plot.Axes.SetLimitsY(0, Math.Max(10, top * 1.15), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        return plot;
    }

    public static Plot WellnessTrends(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var empty = data.Wellness.IsEmpty;
        var plot = NewPlot("Wellness check-ins (1–5) with warning days (W1 signs)", empty);
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
            var span = plot.Add.VerticalSpan(X(days[i]) - 0.5, X(days[j]) + 0.5);
            span.FillStyle.Color = Color.FromHex("#ff7f0e").WithAlpha(0.18);
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
            var points = data.Wellness.Where(w => value(w) is not null).ToList();
            if (points.Count == 0)
                continue;
            var line = plot.Add.Scatter(points.Select(p => X(p.Date)).ToArray(), points.Select(p => (double)value(p)!.Value).ToArray());
            line.LegendText = name;
            line.Color = color;
            line.LineWidth = 1.5f;
            line.MarkerSize = 4;
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
        DateRange(plot, data);
        plot.Axes.SetLimitsY(0, top + 1.5);
        return plot;
    }
}
