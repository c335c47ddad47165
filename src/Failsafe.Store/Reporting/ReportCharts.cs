using Failsafe.Monitoring;
using ScottPlot;
using Wellness = Failsafe.Engine.Wellness;

namespace Failsafe.Store.Reporting;

/// <summary>
/// Draws a report's charts with ScottPlot, the same for <c>failsafe report</c>'s files and the web app's Progress page
/// (<see cref="ChartMedium"/> sets the size and colours). Every chart spans the report's window; each lift gets a
/// panel with its own scale; wellness is drawn with up meaning better; colours are the Okabe–Ito palette's (told apart
/// with colour blindness), darkened where needed to hold 3:1 on white and on the page's dark background alike.
/// </summary>
public static class ReportCharts
{
    /// <summary>The charts' file names without extension, in the order they are written.</summary>
    public static readonly string[] Names = ["e1rm", "weekly-sets", "muscle-sets", "wellness", "failure-budget"];

    /// <summary>A PNG file's size in pixels.</summary>
    public const int Width = 1200;
    public const int Height = 650;

    /// <summary>A page chart's width in CSS pixels: a phone's width inside the page's margins.</summary>
    public const int PageWidth = 340;

    internal static readonly Color Vermillion = Color.FromHex("#D55E00");
    internal static readonly Color Orange = Color.FromHex("#C77700");
    internal static readonly Color Green = Color.FromHex("#009E73");
    internal static readonly Color Blue = Color.FromHex("#2E86C1");
    internal static readonly Color Purple = Color.FromHex("#CC79A7");
    internal static readonly Color Brown = Color.FromHex("#9D755D");
    internal static readonly Color Grey = Color.FromHex("#7F7F7F");

    /// <summary>Failure, 1, 2, 3, 4+ RIR, unrated.</summary>
    private static readonly Color[] BucketColors = [Vermillion, Orange, Green, Blue, Purple, Grey];

    private static readonly string[] BucketNames = [.. RirBuckets.Names, "unrated (no RIR)"];

    /// <summary>
    /// Writes every chart into <paramref name="directory"/> (created if needed) as PNG and SVG, and <see cref="ReportPage"/>'s
    /// index.html with all of them and a summary; returns the files written.
    /// </summary>
    public static List<string> WriteAll(ReportData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var charts = new List<(string, string, string, string)>();
        foreach (var chart in All(data, ChartMedium.File))
        {
            using (chart)
            {
                var png = Path.Combine(directory, chart.Name + ".png");
                var svg = Path.Combine(directory, chart.Name + ".svg");
                chart.SavePng(png);
                chart.SaveSvg(svg);
                files.Add(png);
                files.Add(svg);
                charts.Add((chart.Name, chart.Title, chart.Description, png));
            }
        }
        var index = Path.Combine(directory, ReportPage.FileName);
        File.WriteAllText(index, ReportPage.Html(data, charts));
        files.Add(index);
        return files;
    }

    /// <summary>Every chart of the report, in <see cref="Names"/>' order (the caller disposes them).</summary>
    public static IEnumerable<ReportChart> All(ReportData data, ChartMedium medium)
    {
        yield return E1Rm(data, medium);
        yield return WeeklySets(data, medium);
        yield return MuscleSets(data, medium);
        yield return WellnessTrends(data, medium);
        yield return FailureBudget(data, medium);
    }

    // ---- how every panel looks ----

    private sealed record Look(ChartMedium Medium, Color Ink, Color Background, float Text, float Small, float Marker)
    {
        public bool Titled => Medium == ChartMedium.File;

        /// <summary>The chart's width in pixels: a file's, or a page column's (<see cref="PageWidth"/>).</summary>
        public int Width => Medium == ChartMedium.File ? 800 : PageWidth;

        /// <summary>A page chart's legend, which the page writes as text beside the chart.</summary>
        public List<ChartKey> Keys { get; } = [];
    }

    private static Look For(ChartMedium medium) => medium == ChartMedium.File
        ? new Look(medium, Color.FromHex("#1F2328"), Colors.White, 13, 12, 6)
        : new Look(medium, ReportChart.PageInk, Colors.Transparent, 12, 11, 5);

    /// <summary>A sans-serif family the system has: Skia's own fallback on Linux is often a serif face.</summary>
    private static readonly Lazy<string?> SansFont = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica", "Segoe UI" }.FirstOrDefault(installed.Contains);
    });

    private static double X(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static Plot Panel(Look look, ReportWindow window, string? title = null, double extraDaysRight = 0)
    {
        var plot = new Plot();
        // The date axis first: it replaces the bottom axis, which the colours and sizes below then apply to.
        var dates = plot.Axes.DateTimeTicksBottom();
        if (dates.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            var format = window.Days > 250 ? "MMM yyyy" : "d MMM";
            automatic.LabelFormatter = d => d.ToString(format, CultureInfo.InvariantCulture);
        }
        Style(plot, look, title);
        plot.Axes.SetLimitsX(X(window.First) - 0.5, X(window.Last) + 0.5 + extraDaysRight);
        // Room right of the data for the last date's label, which is centred on its tick.
        plot.Axes.Right.MinimumSize = 22;
        return plot;
    }

    /// <summary>The look every panel shares: font, colours, title and tick sizes (after any axis is replaced).</summary>
    private static void Style(Plot plot, Look look, string? title)
    {
        if (SansFont.Value is { } font)
            plot.Font.Set(font);
        plot.FigureBackground.Color = look.Background;
        plot.DataBackground.Color = look.Background;
        plot.Axes.Color(look.Ink);
        plot.Grid.MajorLineColor = look.Ink.WithAlpha(0.12);
        plot.Legend.BackgroundColor = look.Background;
        plot.Legend.OutlineColor = look.Ink.WithAlpha(0.3);
        plot.Legend.FontColor = look.Ink;
        plot.Legend.FontSize = look.Small;
        if (title is not null && look.Titled)
        {
            plot.Title(title);
            plot.Axes.Title.Label.FontSize = look.Text + 3;
        }
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = look.Small;
            axis.Label.FontSize = look.Text;
            axis.Label.Bold = false;
            axis.MinorTickStyle.Length = 0;
        }
    }

    private static void IntegerTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.EvenlySpacedMinorTickGenerator(0),
        };

    private static void NoMinorTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { MinorTickGenerator = new ScottPlot.TickGenerators.EvenlySpacedMinorTickGenerator(0) };

    /// <summary>
    /// The panel's legend, in the order given: beside the panel in a file; on a page, where a phone has no room beside
    /// it, as the chart's <see cref="ReportChart.Key"/>, which the page writes as text.
    /// </summary>
    private static void Legend(Plot plot, Look look, IEnumerable<LegendItem> items, Alignment? inside = null)
    {
        if (look.Medium == ChartMedium.Page)
        {
            look.Keys.AddRange(items.Select(Key));
            return;
        }
        plot.Legend.ManualItems.AddRange(items);
        foreach (var item in plot.Legend.ManualItems)
        {
            if (Key(item).Shape != KeyShape.Text)
                item.LabelFontColor = look.Ink;
            item.LabelFontSize = look.Small;
            if (SansFont.Value is { } font)
                item.LabelFontName = font;
        }
        if (inside is { } corner)
        {
            plot.ShowLegend(corner);
            return;
        }
        // One width for every legend beside a panel, so stacked panels' dates line up.
        var panel = plot.ShowLegend(Edge.Right);
        panel.MinimumSize = panel.MaximumSize = 200;
    }

    private static ChartKey Key(LegendItem item)
    {
        static string Css(Color c) => c.ToHex()[..7].Equals(ReportChart.PageInk.ToHex()[..7], StringComparison.OrdinalIgnoreCase) ? "currentColor" : c.ToHex()[..7];
        static double Alpha(Color c) => Math.Round(c.A / 255.0, 2);
        if (item.LineWidth > 0)
            return new ChartKey(item.LabelText, KeyShape.Line, Css(item.LineColor), 1, item.MarkerShape);
        if (item.MarkerShape != MarkerShape.None)
            return new ChartKey(item.LabelText, KeyShape.Marker, Css(item.MarkerFillColor), 1, item.MarkerShape);
        if (item.FillColor.A > 0)
            return new ChartKey(item.LabelText, KeyShape.Swatch, Css(item.FillColor), Alpha(item.FillColor), MarkerShape.None);
        return new ChartKey(item.LabelText, KeyShape.Text, Css(item.LabelFontColor), 1, MarkerShape.None);
    }

    private static LegendItem Swatch(string label, Color fill) => new() { LabelText = label, FillColor = fill, OutlineWidth = 0 };

    private static LegendItem Line(string label, Color color, MarkerShape marker = MarkerShape.None) =>
        new() { LabelText = label, LineColor = color, LineWidth = 2, MarkerShape = marker, MarkerFillColor = color, MarkerLineColor = color, MarkerSize = 6 };

    private static LegendItem Dot(string label, Color color, MarkerShape marker = MarkerShape.FilledCircle) =>
        new() { LabelText = label, LineWidth = 0, MarkerShape = marker, MarkerFillColor = color, MarkerLineColor = color, MarkerSize = 7 };

    private static ScottPlot.Plottables.Text Note(Plot plot, Look look, string text, double x, double y, Color color, Alignment alignment)
    {
        var note = plot.Add.Text(text, x, y);
        note.LabelFontColor = color;
        note.LabelFontSize = look.Small;
        note.LabelAlignment = alignment;
        if (SansFont.Value is { } font)
            note.LabelFontName = font;
        return note;
    }

    /// <summary>A message in the middle of an empty panel.</summary>
    private static void Nothing(Plot plot, Look look, string text)
    {
        var limits = plot.Axes.GetLimits();
        Note(plot, look, text, (limits.Left + limits.Right) / 2, 0.5, look.Ink, Alignment.MiddleCenter);
        plot.Axes.SetLimitsY(0, 1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
    }

    private static string Title(string title, bool empty) => empty ? $"{title} — no data" : title;

    private static ReportChart Stack(string name, string title, string description, Look look, params (Plot Plot, int Height)[] rows)
    {
        var panels = new List<(Plot, PixelRect)>();
        var top = 0;
        foreach (var (plot, height) in rows)
        {
            panels.Add((plot, new PixelRect(0, look.Width, top + height, top)));
            top += height;
        }
        return new ReportChart(name, title, description, look.Medium, look.Width, top, panels, look.Keys);
    }

    /// <summary>The left axes of stacked panels as wide as each other, so their dates line up.</summary>
    private static void AlignLeft(params Plot[] plots)
    {
        foreach (var p in plots)
            p.Axes.Left.MinimumSize = p.Axes.Left.MaximumSize = 58;
    }

    /// <summary>Two panels over one date axis, one above the other, the upper one titled and their dates lined up.</summary>
    private static (Plot Upper, Plot Lower) Stacked(Look look, ReportWindow window, string title, string upperLabel, string lowerLabel, double extraDaysRight = 0)
    {
        var upper = Panel(look, window, title, extraDaysRight);
        upper.YLabel(upperLabel);
        var lower = Panel(look, window, null, extraDaysRight);
        lower.YLabel(lowerLabel);
        AlignLeft(upper, lower);
        return (upper, lower);
    }

    // ---- e1RM ----

    /// <summary>
    /// The estimated 1RM of each lift charted, one panel per lift with its own scale: each session's best set as a
    /// dot, a robust running mean as the line (<see cref="Lifting.Trend"/>), records as triangles; implausible points are left out and named under the
    /// panel. On a page, only <paramref name="lift"/> (default: the first lift).
    /// </summary>
    public static ReportChart E1Rm(ReportData data, ChartMedium medium, LiftSeries? lift = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var look = For(medium);
        var title = "Estimated 1RM (best set per session)";
        if (medium == ChartMedium.Page)
        {
            var series = lift ?? data.Lifts.FirstOrDefault();
            var plot = LiftPanel(data, look, series, titled: false);
            return Stack(Names[0], series is null ? title : $"{series.Name}: estimated 1RM", ReportText.Lift(data, series), look, (plot, 210));
        }

        var lifts = data.Lifts;
        if (lifts.IsEmpty)
        {
            var plot = Panel(look, data.Window, Title(title, true));
            Nothing(plot, look, "no sessions with loaded sets");
            return Stack(Names[0], Title(title, true), ReportText.E1Rm(data), look, (plot, 433));
        }
        var columns = lifts.Length == 1 ? 1 : 2;
        var rowCount = (lifts.Length + columns - 1) / columns;
        var width = 800;
        var height = 433;
        var panels = new List<(Plot, PixelRect)>();
        for (var i = 0; i < lifts.Length; i++)
        {
            var plot = LiftPanel(data, look, lifts[i], titled: true);
            AlignLeft(plot);
            float w = width / columns, h = (float)height / rowCount;
            var (r, c) = (i / columns, i % columns);
            panels.Add((plot, new PixelRect(c * w, (c + 1) * w, (r + 1) * h, r * h)));
        }
        return new ReportChart(Names[0], title, ReportText.E1Rm(data), medium, width, height, panels, look.Keys);
    }

    private static Plot LiftPanel(ReportData data, Look look, LiftSeries? lift, bool titled)
    {
        var plot = Panel(look, data.Window, titled ? lift?.Name : null);
        // A little room beyond the window's days, so a session on its first or last day is a whole dot, not half of one.
        var room = Math.Max(0.5, data.Window.Days * 0.02);
        plot.Axes.SetLimitsX(X(data.Window.First) - 0.5 - room, X(data.Window.Last) + 0.5 + room);
        plot.YLabel($"e1RM ({data.UnitName})");
        NoMinorTicks(plot.Axes.Left);
        var shown = lift?.Plotted.ToList() ?? [];
        if (shown.Count == 0)
        {
            Nothing(plot, look, lift is null ? "no sessions with loaded sets" : "no loaded sets of this lift here");
            return plot;
        }
        double Shown(double kg) => Load.Kg(kg).To(data.Unit).Value;
        var xs = shown.Select(p => X(p.Date)).ToArray();

        var trend = plot.Add.ScatterLine(xs, shown.Select(p => Shown(p.TrendKg ?? p.E1RmKg)).ToArray());
        trend.Color = look.Ink;
        trend.LineWidth = 2;
        // A record is an orange triangle behind its dot.
        var prs = shown.Where(p => p.Pr).ToList();
        if (prs.Count > 0)
            plot.Add.Markers(prs.Select(p => X(p.Date)).ToArray(), prs.Select(p => Shown(p.E1RmKg)).ToArray(), MarkerShape.FilledTriangleUp, look.Marker + 6, Orange);
        var dots = plot.Add.ScatterPoints(xs, shown.Select(p => Shown(p.E1RmKg)).ToArray());
        dots.Color = Blue;
        // Hundreds of sessions side by side: smaller dots, so the trend shows through.
        dots.MarkerSize = shown.Count > 200 ? look.Marker / 2 : look.Marker;

        var values = shown.Select(p => Shown(p.E1RmKg)).Concat(shown.Select(p => Shown(p.TrendKg ?? p.E1RmKg))).ToList();
        var (low, high) = (values.Min(), values.Max());
        var pad = Math.Max((high - low) * 0.12, Math.Max(high * 0.02, 1));
        plot.Axes.SetLimitsY(low - pad, high + pad * 1.5);

        if (lift!.Flagged.ToList() is { Count: > 0 } flagged)
        {
            var first = flagged[0];
            plot.XLabel(flagged.Count == 1
                ? $"Left out: {Shown(first.E1RmKg):0} {data.UnitName} on {first.Date:d MMM}, far off the rest (unit mix-up?)"
                : $"Left out: {flagged.Count} points far off the rest (unit mix-ups?)");
            plot.Axes.Bottom.Label.FontSize = look.Small;
            plot.Axes.Bottom.Label.ForeColor = Vermillion;
        }
        if (look.Medium == ChartMedium.Page || data.Lifts.Length == 1 || ReferenceEquals(lift, data.Lifts[0]))
        {
            List<LegendItem> items = [Dot("best set", Blue), Line("trend", look.Ink)];
            if (prs.Count > 0)
                items.Add(Dot("PR", Orange, MarkerShape.FilledTriangleUp));
            Legend(plot, look, items, EmptiestCorner(shown.Select(p => (X(p.Date), Shown(p.E1RmKg))), plot.Axes.GetLimits()));
        }
        return plot;
    }

    /// <summary>The corner of the data area with the fewest points near it: where a legend hides the least.</summary>
    private static Alignment EmptiestCorner(IEnumerable<(double X, double Y)> points, AxisLimits limits)
    {
        var corners = new[] { Alignment.LowerRight, Alignment.LowerLeft, Alignment.UpperLeft, Alignment.UpperRight };
        var counts = new int[corners.Length];
        foreach (var (x, y) in points)
        {
            var fx = (x - limits.Left) / (limits.Right - limits.Left);
            var fy = (y - limits.Bottom) / (limits.Top - limits.Bottom);
            for (var c = 0; c < corners.Length; c++)
            {
                var nearX = corners[c] is Alignment.LowerRight or Alignment.UpperRight ? fx > 0.5 : fx < 0.5;
                var nearY = corners[c] is Alignment.LowerRight or Alignment.LowerLeft ? fy < 0.45 : fy > 0.55;
                if (nearX && nearY)
                    counts[c]++;
            }
        }
        return corners[Array.IndexOf(counts, counts.Min())];
    }

    // ---- weekly sets ----

    /// <summary>
    /// Working sets per week stacked by reps in reserve, unrated sets as their own grey bucket on top and each week's
    /// failure sets counted above its bar; under it, the week's shares of rated sets against the 80/20 bands.
    /// </summary>
    public static ReportChart WeeklySets(ReportData data, ChartMedium medium)
    {
        ArgumentNullException.ThrowIfNull(data);
        var look = For(medium);
        var empty = data.Weeks.IsEmpty;
        var title = Title("Weekly working sets by reps in reserve, and the 80/20 split", empty);
        // Whole weeks: the last week's bar is drawn to its Sunday.
        var weeks = new ReportWindow(ReportData.Monday(data.Window.First), data.Window.Last);
        var extra = ReportData.Monday(data.Window.Last).AddDays(6).DayNumber - data.Window.Last.DayNumber;
        var (bars, shares) = Stacked(look, weeks, title, "sets per week", "% of rated", extra);
        var (barHeight, shareHeight) = medium == ChartMedium.File ? (283, 150) : (200, 130);
        if (empty)
        {
            Nothing(bars, look, "no working sets");
            Nothing(shares, look, "");
            return Stack(Names[1], title, ReportText.WeeklySets(data), look, (bars, barHeight), (shares, shareHeight));
        }

        var list = new List<Bar>();
        var top = 0;
        foreach (var week in data.Weeks)
        {
            var counts = week.Counts;
            var bottom = 0;
            for (var b = 0; b < counts.Length; b++)
            {
                if (counts[b] == 0)
                    continue;
                list.Add(new Bar
                {
                    Position = X(week.Monday) + 3,
                    ValueBase = bottom,
                    Value = bottom + counts[b],
                    FillColor = BucketColors[b],
                    LineWidth = 0,
                    Size = 5.2,
                });
                bottom += counts[b];
            }
            top = Math.Max(top, bottom);
        }
        if (list.Count > 0)
            bars.Add.Bars(list);
        foreach (var week in data.Weeks.Where(w => w.Failure > 0))
        {
            var mark = Note(bars, look, week.Failure.ToString(CultureInfo.InvariantCulture), X(week.Monday) + 3, week.All, Vermillion, Alignment.LowerCenter);
            mark.LabelBold = true;
            mark.OffsetY = -2;
        }
        IntegerTicks(bars.Axes.Left);
        // Room above the tallest bar for its failure count.
        bars.Axes.SetLimitsY(0, Math.Max(5, top * 1.22 + 1));
        List<LegendItem> buckets = [.. BucketNames.Select((n, b) => Swatch(n, BucketColors[b]))];
        buckets.Add(new LegendItem { LabelText = "n: failure sets that week", LabelFontColor = Vermillion, FillColor = Colors.Transparent, LineWidth = 0, MarkerShape = MarkerShape.None });
        Legend(bars, look, buckets);

        var goal = shares.Add.VerticalSpan((1 - data.MaxFailureShare) * 100, 100, Green.WithAlpha(0.16));
        goal.LineWidth = 0;
        var limit = shares.Add.VerticalSpan(0, data.MaxFailureShare * 100, Vermillion.WithAlpha(0.12));
        limit.LineWidth = 0;
        var rated = data.Weeks.Where(w => w.Total > 0).ToList();
        var xs = rated.Select(w => X(w.Monday) + 3).ToArray();
        var shortShare = shares.Add.Scatter(xs, rated.Select(w => w.ShortShare * 100).ToArray());
        shortShare.Color = Green;
        shortShare.LineWidth = 2;
        shortShare.MarkerSize = look.Marker;
        var failureShare = shares.Add.Scatter(xs, rated.Select(w => w.FailureShare * 100).ToArray());
        failureShare.Color = Vermillion;
        failureShare.LineWidth = 2;
        failureShare.MarkerSize = look.Marker + 1;
        failureShare.MarkerShape = MarkerShape.FilledDiamond;
        shares.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 20, 50, 80, 100], ["0", "20", "50", "80", "100"]);
        shares.Axes.SetLimitsY(-4, 104);
        Legend(shares, look,
        [
            Line("at 1–3 RIR", Green, MarkerShape.FilledCircle),
            Swatch($"goal ≥ {1 - data.MaxFailureShare:P0}", Green.WithAlpha(0.3)),
            Line("to failure", Vermillion, MarkerShape.FilledDiamond),
            Swatch($"limit ≤ {data.MaxFailureShare:P0}", Vermillion.WithAlpha(0.25)),
        ]);
        return Stack(Names[1], title, ReportText.WeeklySets(data), look, (bars, barHeight), (shares, shareHeight));
    }

    // ---- sets per muscle group ----

    /// <summary>
    /// Direct working sets per muscle group per week, one bar each (the mean of the window's last weeks) with the last
    /// week as a dot, against the landmarks the evidence gives (<see cref="VolumeLandmarks"/>): the MEV as a mark,
    /// chest's MRV range as a band. Groups without a published landmark have none drawn.
    /// </summary>
    public static ReportChart MuscleSets(ReportData data, ChartMedium medium)
    {
        ArgumentNullException.ThrowIfNull(data);
        var look = For(medium);
        var muscles = data.Muscles;
        var weeks = muscles.IsEmpty ? VolumeLandmarks.MeanWeeks : muscles[0].Weeks;
        var title = Title(weeks == 1 ? "Direct sets per muscle group this week" : $"Direct sets per muscle group per week (mean of the last {weeks} weeks)", muscles.IsEmpty);
        var plot = new Plot();
        Style(plot, look, title);
        // A file is the size of every other chart's (its rows share it); a page grows a row per group.
        var height = medium == ChartMedium.File ? 433 : Math.Max(160, 90 + 28 * Math.Max(1, muscles.Length));
        if (muscles.IsEmpty)
        {
            plot.Axes.SetLimitsX(0, 1);
            Nothing(plot, look, "no working sets");
            return Stack(Names[2], title, ReportText.MuscleSets(data), look, (plot, height));
        }

        // The first group at the top: rows are drawn from the top down.
        double Row(int i) => muscles.Length - 1 - i;
        var bars = plot.Add.Bars(muscles.Select((m, i) => new Bar
        {
            Position = Row(i),
            Value = m.PerWeek,
            FillColor = Blue.WithAlpha(0.75),
            LineWidth = 0,
            Size = 0.6,
        }).ToList());
        bars.Horizontal = true;
        var right = muscles.Max(m => Math.Max(m.PerWeek, m.LastWeek));
        for (var i = 0; i < muscles.Length; i++)
        {
            if (muscles[i].Landmark is not { } mark)
                continue;
            if (mark.MrvLow is { } low && mark.MrvHigh is { } high)
            {
                var band = plot.Add.Rectangle(low, high, Row(i) - 0.42, Row(i) + 0.42);
                band.FillStyle.Color = Vermillion.WithAlpha(0.16);
                band.LineStyle.Width = 0;
                right = Math.Max(right, high);
            }
            var mev = plot.Add.Line(mark.Mev, Row(i) - 0.42, mark.Mev, Row(i) + 0.42);
            mev.LineColor = Green;
            mev.LineWidth = 3;
            right = Math.Max(right, mark.Mev);
        }
        var lastWeek = plot.Add.ScatterPoints(muscles.Select(m => (double)m.LastWeek).ToArray(), muscles.Select((_, i) => Row(i)).ToArray());
        lastWeek.Color = look.Ink;
        lastWeek.MarkerShape = MarkerShape.FilledDiamond;
        lastWeek.MarkerSize = look.Marker + 2;

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. muscles.Select((_, i) => Row(i))], [.. muscles.Select(m => m.Group)]);
        IntegerTicks(plot.Axes.Bottom);
        plot.Axes.SetLimitsY(-0.6, muscles.Length - 0.4);
        plot.Axes.SetLimitsX(0, Math.Ceiling(right * 1.08 + 1));
        plot.XLabel("direct working sets per week");
        List<LegendItem> key =
        [
            Swatch(weeks == 1 ? "this week" : $"mean of {weeks} weeks", Blue.WithAlpha(0.75)),
            Dot("the last week", look.Ink, MarkerShape.FilledDiamond),
            Line("MEV: least that grows", Green),
            Swatch("MRV: most you recover", Vermillion.WithAlpha(0.25)),
        ];
        Legend(plot, look, key);
        return Stack(Names[2], title, ReportText.MuscleSets(data), look, (plot, height));
    }

    // ---- wellness ----

    /// <summary>The wellness trend lines average this many days of check-ins.</summary>
    public const int TrendDays = 7;

    private static readonly (string Name, Func<Wellness, int?> Value, Color Color, MarkerShape Marker)[] GoodThings =
    [
        ("sleep quality", w => w.SleepQuality, Blue, MarkerShape.FilledCircle),
        ("mood", w => w.Mood, Green, MarkerShape.FilledSquare),
        ("motivation", w => w.Motivation, Orange, MarkerShape.FilledTriangleUp),
    ];

    private static readonly (string Name, Func<Wellness, int?> Value, Color Color, MarkerShape Marker)[] Strains =
    [
        ("fatigue", w => w.Fatigue, Vermillion, MarkerShape.FilledCircle),
        ("soreness", w => w.Soreness, Purple, MarkerShape.FilledSquare),
        ("aches", w => w.Aches, Brown, MarkerShape.FilledTriangleUp),
    ];

    /// <summary>
    /// Check-ins in two panels, up meaning better in both: sleep quality, mood and motivation; then fatigue, soreness
    /// and aches on a flipped scale (5 at the bottom). Dots are the days, lines the <see cref="TrendDays"/>-day means;
    /// warning days (W1 signs) are shaded and named.
    /// </summary>
    public static ReportChart WellnessTrends(ReportData data, ChartMedium medium)
    {
        ArgumentNullException.ThrowIfNull(data);
        var look = For(medium);
        var empty = data.Wellness.IsEmpty;
        var title = Title($"Wellness ({TrendDays}-day means, up is better) and warning days", empty);
        var (good, bad) = Stacked(look, data.Window, title, "1–5, 5 best", "1–5, flipped");
        var (goodHeight, badHeight) = medium == ChartMedium.File ? (233, 200) : (180, 165);
        if (empty)
        {
            Nothing(good, look, "no check-ins");
            Nothing(bad, look, "");
            return Stack(Names[3], title, ReportText.Wellness(data), look, (good, goodHeight), (bad, badHeight));
        }

        var runs = ReportText.Runs(data.WarningDays);
        foreach (var plot in new[] { good, bad })
        {
            foreach (var run in runs)
            {
                var span = plot.Add.HorizontalSpan(X(run.First) - 0.5, X(run.Last) + 0.5, Orange.WithAlpha(0.22));
                span.LineWidth = 0;
            }
        }
        // Each run named at the top of the upper panel; a run near the right edge is named leftwards, so no name is cut.
        // Each run named at the top of the upper panel; a run near the right edge is named leftwards, so no name is cut,
        // and a run whose name would run into the one before it is left to the shading (and the description's words).
        var middle = data.Window.First.AddDays(data.Window.Days / 2);
        var plotWidth = look.Width - 58 - (medium == ChartMedium.File ? 230 : 20);
        var daysPerChar = data.Window.Days * look.Small * 0.62 / plotWidth;
        var free = data.Window.First.AddDays(-1);
        foreach (var run in runs)
        {
            var name = string.Join(", ", run.Codes.Select(ReportText.Label));
            var left = run.First > middle;
            var (from, to) = left
                ? (run.Last.AddDays(-(int)Math.Ceiling(name.Length * daysPerChar)), run.Last)
                : (run.First, run.First.AddDays((int)Math.Ceiling(name.Length * daysPerChar)));
            if (from <= free)
                continue;
            Note(good, look, name, left ? X(run.Last) + 0.5 : X(run.First) - 0.5, 5.45, look.Ink, left ? Alignment.UpperRight : Alignment.UpperLeft);
            free = to.AddDays((int)Math.Ceiling(daysPerChar));
        }

        // Each day as a faint dot too, where there is room: a page of many weeks would carry hundreds.
        var dots = data.Window.Days <= (medium == ChartMedium.File ? 2 * DailyDotsDays : DailyDotsDays);
        Draw(good, GoodThings, look, data.Wellness, dots);
        Draw(bad, Strains, look, data.Wellness, dots);
        foreach (var plot in new[] { good, bad })
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"]);
        good.Axes.SetLimitsY(0.6, runs.Count > 0 ? 6.1 : 5.4);
        // The strains' scale runs downwards: 1 (none) at the top, so up means better here too.
        bad.Axes.SetLimitsY(5.4, 0.6);
        List<LegendItem> goodItems = [.. GoodThings.Select(m => Line(m.Name, m.Color, m.Marker))];
        if (runs.Count > 0)
            goodItems.Add(Swatch("warning days", Orange.WithAlpha(0.35)));
        Legend(good, look, goodItems);
        Legend(bad, look, Strains.Select(m => Line(m.Name + " (up = less)", m.Color, m.Marker)));
        return Stack(Names[3], title, ReportText.Wellness(data), look, (good, goodHeight), (bad, badHeight));
    }

    /// <summary>For each day, the mean of its score and the scores of the <see cref="TrendDays"/> − 1 days before it.</summary>
    private static double[] Means(List<(DateOnly Date, double Value)> points)
    {
        var means = new double[points.Count];
        var (from, sum) = (0, 0.0);
        for (var i = 0; i < points.Count; i++)
        {
            sum += points[i].Value;
            while (points[from].Date <= points[i].Date.AddDays(-TrendDays))
                sum -= points[from++].Value;
            means[i] = sum / (i - from + 1);
        }
        return means;
    }

    /// <summary>A page's wellness chart shows each day's scores as dots up to this wide a window (a file's up to twice as wide).</summary>
    public const int DailyDotsDays = 70;

    private static void Draw(Plot plot, (string Name, Func<Wellness, int?> Value, Color Color, MarkerShape Marker)[] measures, Look look, IReadOnlyList<Wellness> wellness, bool dots)
    {
        foreach (var (_, value, color, marker) in measures)
        {
            var points = wellness.Where(w => value(w) is not null).Select(w => (w.Date, Value: (double)value(w)!.Value)).ToList();
            if (points.Count == 0)
                continue;
            var xs = points.Select(p => X(p.Date)).ToArray();
            if (dots)
            {
                var days = plot.Add.ScatterPoints(xs, points.Select(p => p.Value).ToArray());
                days.Color = color.WithAlpha(0.4);
                days.MarkerSize = look.Marker - 2;
                days.MarkerShape = marker;
            }
            // Years of days are more points than the line has pixels: every few days' mean is as good a line.
            var means = Means(points);
            var step = Math.Max(1, points.Count / 240);
            var kept = Enumerable.Range(0, points.Count).Where(i => i % step == 0 || i == points.Count - 1).ToList();
            var line = plot.Add.ScatterLine(kept.Select(i => xs[i]).ToArray(), kept.Select(i => means[i]).ToArray());
            line.Color = color;
            line.LineWidth = 2;
        }
    }

    // ---- failure budget ----

    /// <summary>
    /// The rolling failure budget: failure sets in the window ending each day (those that went beyond failure apart,
    /// underneath), the allowance as a line, the days over it marked.
    /// </summary>
    public static ReportChart FailureBudget(ReportData data, ChartMedium medium)
    {
        ArgumentNullException.ThrowIfNull(data);
        var look = For(medium);
        var empty = data.Budget.IsEmpty;
        var title = Title($"Failure budget: failure sets in the last {data.BudgetWindowDays} days", empty);
        var plot = Panel(look, data.Window, title);
        plot.YLabel($"sets in {data.BudgetWindowDays} days");
        var height = medium == ChartMedium.File ? 433 : 200;
        if (empty)
        {
            Nothing(plot, look, "no sessions");
            return Stack(Names[4], title, ReportText.FailureBudget(data), look, (plot, height));
        }

        var allowed = data.Budget[^1].Allowed;
        // Steps from each day's middle to the next, so each day's count sits over its date; a step only where the
        // counts change (a year is a few dozen steps, not 365 points).
        var changes = data.Budget.Where((b, i) => i == 0 || b.Used != data.Budget[i - 1].Used || b.Beyond != data.Budget[i - 1].Beyond).ToList();
        var xs = changes.Select(b => X(b.Date) - 0.5).Append(X(data.Budget[^1].Date) + 0.5).ToArray();
        void Steps(Func<BudgetDay, int> value, float width, Color color, double fill)
        {
            double[] ys = [.. changes.Select(b => (double)value(b)), value(data.Budget[^1])];
            var steps = plot.Add.Scatter(xs, ys);
            steps.ConnectStyle = ConnectStyle.StepHorizontal;
            steps.LineWidth = width;
            steps.MarkerSize = 0;
            steps.Color = color;
            steps.FillY = true;
            steps.FillYColor = color.WithAlpha(fill);
        }
        Steps(b => b.Used, 2, Blue, 0.18);
        var hasBeyond = data.Budget.Any(b => b.Beyond > 0);
        if (hasBeyond)
            Steps(b => b.Beyond, 1.5f, Purple, 0.45);
        var limit = plot.Add.HorizontalLine(allowed, 2, Vermillion);
        limit.LinePattern = LinePattern.Solid;
        var over = data.Budget.Where(b => b.Over).ToList();
        if (over.Count > 0)
            plot.Add.Markers(over.Select(b => X(b.Date)).ToArray(), over.Select(b => (double)b.Used).ToArray(), MarkerShape.FilledDiamond, look.Marker + 1, Vermillion);
        var top = Math.Max(allowed, data.Budget.Max(b => b.Used));
        IntegerTicks(plot.Axes.Left);
        plot.Axes.SetLimitsY(0, top + Math.Max(1.5, top * 0.15));

        List<LegendItem> items = [Swatch("failure sets", Blue.WithAlpha(0.5))];
        if (hasBeyond)
            items.Add(Swatch("of them beyond failure", Purple.WithAlpha(0.7)));
        items.Add(Line($"allowed: {allowed}", Vermillion));
        if (over.Count > 0)
            items.Add(Dot("over", Vermillion, MarkerShape.FilledDiamond));
        Legend(plot, look, items);
        return Stack(Names[4], title, ReportText.FailureBudget(data), look, (plot, height));
    }
}
