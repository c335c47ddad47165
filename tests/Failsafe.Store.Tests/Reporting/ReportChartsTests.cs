using System.Collections.Immutable;
using System.Xml.Linq;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Reporting;
using Failsafe.Tests.Shared;
using ScottPlot;

namespace Failsafe.Store.Tests.Reporting;

/// <summary>
/// Every chart drawn for three fixed logs — two weeks, a year and ten years — and checked for what code can check:
/// the window, the lifts chosen, each panel's scale, the flipped wellness scale and its ticks, nothing drawn outside
/// the image; the page's SVG. The files' PNGs go to docs/screenshots/charts/ to be looked at.
/// </summary>
public sealed class ReportChartsTests
{
    private static readonly DateOnly Last = new(2025, 6, 29);

    private static Exercise X(string name) => CatalogLoader.Default.Resolve(name).Exercise ?? throw new InvalidOperationException(name);

    /// <summary>
    /// A lifter's log of <paramref name="days"/> days up to <see cref="Last"/>: squat, bench, deadlift, press and row
    /// three days a week with slowly rising loads, curls and calf presses (logged most, never main lifts), every 60th
    /// session's calf presses entered in lb as kg, unrated sets after a while as an import leaves them, failure sets now and then, and a
    /// check-in every day with a bad week in the last month.
    /// </summary>
    private static (ImmutableArray<LoggedSession> History, ImmutableArray<Wellness> Wellness) Log(int days)
    {
        var random = new Random(days);
        var sessions = ImmutableArray.CreateBuilder<LoggedSession>();
        var wellness = ImmutableArray.CreateBuilder<Wellness>();
        var first = Last.AddDays(1 - days);
        for (var i = 0; i < days; i++)
        {
            var day = first.AddDays(i);
            var weeks = i / 7.0;
            // Progress that slows down, with a layoff's dip every couple of years.
            var level = 1 + 0.3 * (1 - Math.Exp(-weeks / 40)) - (i % 700 > 660 ? 0.1 : 0);
            if (day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday)
            {
                LoggedSet Set(double kg, int reps, bool maybeFail = false)
                {
                    if (maybeFail && random.Next(5) == 0)
                        return new LoggedSet(Math.Round(kg), reps, Rir.Of(0), FailureLevel.Absolute);
                    return i % 50 == 7 ? new LoggedSet(Math.Round(kg), reps, Rir.Of(0), Rated: false) : new LoggedSet(Math.Round(kg), reps, Rir.Of(1 + random.Next(3)));
                }
                var calf = sessions.Count % 60 == 30 ? 2.2 : 1;
                sessions.Add(new LoggedSession(day, DayType.Medium,
                [
                    new("squat", X("Barbell Squat"), [Set(100 * level, 5), Set(100 * level, 5), Set(100 * level, 5)]),
                    new("bench", X("Barbell Bench Press - Medium Grip"), [Set(80 * level, 6), Set(80 * level, 6)]),
                    day.DayOfWeek == DayOfWeek.Wednesday
                        ? new("deadlift", X("Barbell Deadlift"), [Set(140 * level, 5), Set(140 * level, 5)])
                        : new("press", X("Standing Military Press"), [Set(50 * level, 6), Set(50 * level, 6)]),
                    new("row", X("Bent Over Barbell Row"), [Set(70 * level, 8), Set(70 * level, 8)]),
                    new("curl", X("Preacher Curl"), [Set(25, 10), Set(25, 10), Set(25, 10), Set(25, 12, maybeFail: true)]),
                    new("calf", X("Calf Press"), [Set(150 * calf, 12), Set(150 * calf, 12), Set(150 * calf, 12), Set(150 * calf, 12, maybeFail: true)]),
                ]));
            }
            var bad = i > days - 30 && i < days - 22;
            wellness.Add(new Wellness(day, bad ? 5.5 : 7.5, bad ? 2 : 3 + random.Next(2), bad ? 4 + random.Next(2) : 2 + random.Next(2),
                bad ? 2 : 4, 1 + random.Next(3), 1 + random.Next(2), bad ? 2 : 3 + random.Next(2)));
        }
        return (sessions.ToImmutable(), wellness.ToImmutable());
    }

    private static ReportData Data(int days)
    {
        var (history, wellness) = Log(days);
        var asked = ReportWindow.Asked(Last, days > 7 * ReportWindow.DefaultWeeks ? null : ReportWindow.DefaultWeeks, days > 7 * ReportWindow.DefaultWeeks ? Last.AddDays(1 - days) : null, out _)!.Value;
        var window = asked.Fit(history[0].Date < wellness[0].Date ? history[0].Date : wellness[0].Date);
        return ReportData.Compute(window, history, wellness, new ReportLifter(Split.FullBody), Policy.Default);
    }

    public static TheoryData<string, int> Logs => new() { { "two-weeks", 14 }, { "one-year", 365 }, { "ten-years", 3652 } };

    [Theory]
    [MemberData(nameof(Logs))]
    public void EveryChart_FitsTheWindowAndItsData_NothingOutsideTheImage(string log, int days)
    {
        var data = Data(days);
        var dir = Path.Combine(NodeTool.RepoRoot(), "docs", "screenshots", "charts");
        Directory.CreateDirectory(dir);

        // The window: the data's, at least four weeks.
        data.Window.Last.ShouldBe(Last);
        data.Window.Days.ShouldBe(Math.Max(28, days));
        // The main lifts: the compound families with the most working sets (the deadlift, once a week, has the fewest),
        // never the curls and calf presses logged more.
        data.Lifts.Select(l => l.Name).ShouldBe([X("Barbell Squat").Name, X("Barbell Bench Press - Medium Grip").Name, X("Standing Military Press").Name, X("Bent Over Barbell Row").Name]);

        foreach (var chart in ReportCharts.All(data, ChartMedium.File))
        {
            using (chart)
            {
                chart.SavePng(Path.Combine(dir, $"{log}-{chart.Name}.png"));
                foreach (var plot in chart.Panels)
                {
                    var figure = plot.RenderManager.LastRender.FigureRect;
                    foreach (var text in plot.GetPlottables().OfType<ScottPlot.Plottables.Text>())
                    {
                        var r = text.LabelLastRenderPixelRect;
                        r.Left.ShouldBeGreaterThanOrEqualTo(figure.Left - 0.5f, $"{chart.Name}: '{text.LabelText}' runs off the left");
                        r.Right.ShouldBeLessThanOrEqualTo(figure.Right + 0.5f, $"{chart.Name}: '{text.LabelText}' runs off the right");
                        r.Top.ShouldBeGreaterThanOrEqualTo(figure.Top - 0.5f, $"{chart.Name}: '{text.LabelText}' runs off the top");
                    }
                    // Sets per muscle group is not drawn over time.
                    if (chart.Name == "muscle-sets")
                        continue;
                    var x = plot.Axes.Bottom.Range;
                    // The date axis starts with the window (the weekly bars with the Monday of its first week).
                    var first = chart.Name == "weekly-sets" ? ReportData.Monday(data.Window.First) : data.Window.First;
                    // (the e1RM panels with a little room either side for a whole dot on the first and last day).
                    var room = chart.Name == "e1rm" ? Math.Max(0.5, data.Window.Days * 0.02) : 0;
                    x.Min.ShouldBe(first.ToDateTime(TimeOnly.MinValue).ToOADate() - 0.5 - room, 0.01, chart.Name);
                    x.Max.ShouldBeGreaterThanOrEqualTo(data.Window.Last.ToDateTime(TimeOnly.MinValue).ToOADate() + 0.5 - 0.01);
                    x.Max.ShouldBeLessThanOrEqualTo(data.Window.Last.ToDateTime(TimeOnly.MinValue).ToOADate() + 7 + room);
                }
            }
        }
    }

    [Fact]
    public void E1Rm_OnePanelPerLift_EachOnItsOwnScale_TheUnitMixUpLeftOut()
    {
        var data = Data(365);
        var calf = ReportData.Compute(data.Window, Log(365).History, [], new ReportLifter(), Policy.Default, [X("Calf Press").Id]);

        using var chart = ReportCharts.E1Rm(data, ChartMedium.File);
        using var calfChart = ReportCharts.E1Rm(calf, ChartMedium.File);
        calfChart.SavePng(Path.GetTempFileName());
        chart.SavePng(Path.GetTempFileName());

        chart.Panels.Count.ShouldBe(4);
        for (var i = 0; i < 4; i++)
        {
            var shown = data.Lifts[i].Plotted.Select(p => p.E1RmKg).ToList();
            var y = chart.Panels[i].Axes.Left.Range;
            y.Min.ShouldBeLessThan(shown.Min());
            y.Max.ShouldBeGreaterThan(shown.Max());
            // Its own scale: no lift's axis spans another's (a deadlift's 200 kg does not squash a press's 70).
            (y.Max - y.Min).ShouldBeLessThan(shown.Max() * 0.8);
        }
        // Sessions 30, 90 and 150 of the year had their calf presses entered in lb: flagged, named, not drawn.
        var lift = calf.Lifts.ShouldHaveSingleItem();
        lift.Flagged.Count().ShouldBe(3);
        lift.Flagged.ShouldAllBe(p => p.E1RmKg > 2 * lift.Plotted.Max(q => q.E1RmKg) / 1.2);
        calfChart.Panels[0].Axes.Left.Range.Max.ShouldBeLessThan(lift.Flagged.Min(p => p.E1RmKg));
        calfChart.Panels[0].Axes.Bottom.Label.Text.ShouldBe("Left out: 3 points far off the rest (unit mix-ups?)");
        calfChart.Description.ShouldContain("Left out: ");
    }

    [Fact]
    public void Wellness_UpIsBetterInBothPanels_IntegerTicksOneToFive()
    {
        var data = Data(60);

        using var chart = ReportCharts.WellnessTrends(data, ChartMedium.File);
        chart.SavePng(Path.GetTempFileName());

        chart.Panels.Count.ShouldBe(2);
        var (good, strains) = (chart.Panels[0].Axes.Left, chart.Panels[1].Axes.Left);
        good.Range.Min.ShouldBeLessThan(good.Range.Max);
        // Fatigue, soreness and aches: 5 (worst) at the bottom.
        strains.Range.Min.ShouldBeGreaterThan(strains.Range.Max);
        foreach (var axis in new[] { good, strains })
            axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).Order().ShouldBe([1, 2, 3, 4, 5]);
        chart.Description.ShouldContain("soreness");
        data.WarningDays.ShouldNotBeEmpty();
        chart.Description.ShouldContain("warning day");
    }

    [Fact]
    public void WeeklySets_UnratedTheirOwnBucket_RoomAboveTheTallestBar()
    {
        var data = Data(365);

        using var chart = ReportCharts.WeeklySets(data, ChartMedium.Page);
        chart.ForPage("sets");

        data.Weeks.Sum(w => w.Unrated).ShouldBeGreaterThan(0);
        chart.Key.Select(k => k.Label).ShouldContain("unrated (no RIR)");
        chart.Key.Single(k => k.Label == "unrated (no RIR)").Color.ShouldBe("#7F7F7F");
        chart.Panels[0].Axes.Left.Range.Max.ShouldBeGreaterThan(data.Weeks.Max(w => w.All) * 1.15);
        chart.Panels[0].GetPlottables().OfType<ScottPlot.Plottables.Text>().Count().ShouldBe(data.Weeks.Count(w => w.Failure > 0));
        chart.Panels[0].Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ShouldAllBe(t => t.Position == Math.Round(t.Position));
    }

    [Fact]
    public void ForPage_IsAnAccessibleScalableSvgInThePagesColours()
    {
        var data = Data(182);
        var sizes = new List<string>();

        foreach (var chart in ReportCharts.All(data, ChartMedium.Page))
        {
            using (chart)
            {
                var text = chart.ForPage($"c-{chart.Name}");
                sizes.Add($"{chart.Name} {text.Length} B");
                var svg = XElement.Parse(text);
                XNamespace ns = "http://www.w3.org/2000/svg";
                svg.Attribute("role")!.Value.ShouldBe("img");
                svg.Attribute("viewBox")!.Value.ShouldBe($"0 0 {chart.Width} {chart.Height}");
                svg.Attribute("width").ShouldBeNull();
                svg.Attribute("aria-labelledby")!.Value.ShouldBe($"c-{chart.Name}-title c-{chart.Name}-desc");
                svg.Element(ns + "title")!.Value.ShouldBe(chart.Title);
                svg.Element(ns + "desc")!.Value.ShouldBe(chart.Description);
                // Every id is the chart's own, so charts can share a page.
                svg.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ShouldAllBe(id => id.StartsWith($"c-{chart.Name}-", StringComparison.Ordinal));
                // Ink in the page's colour; no black from a background or a forgotten axis.
                text.ShouldNotContain("#010203", Case.Insensitive);
                text.ShouldContain("currentColor");
                svg.Descendants(ns + "text").ShouldAllBe(t => t.Attribute("fill") != null);
                svg.Descendants().Where(e => e.Name != ns + "rect" || e.Parent!.Name != ns + "clipPath").ShouldAllBe(e => e.Name != ns + "rect" || e.Attribute("fill") != null);
                // Half a year on a phone stays small.
                text.Length.ShouldBeLessThan(40_000, chart.Name);
            }
        }
        TestContext.Current.SendDiagnosticMessage("page SVG sizes, 26 weeks: " + string.Join(", ", sizes));
    }

    [Fact]
    public void WriteAll_TenYears_EveryChartAsPngAndSvg()
    {
        var data = Data(3652);
        var dir = Directory.CreateTempSubdirectory().FullName;

        var files = ReportCharts.WriteAll(data, dir);

        // How fast is measured by ChartBenchmarks (bench/README.md), not here.
        files.Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
            ReportCharts.Names.SelectMany(n => new[] { n + ".png", n + ".svg" }).Append("index.html").Order(StringComparer.Ordinal));
        files.ShouldAllBe(f => new FileInfo(f).Length > 1000);
    }

    [Fact]
    public void MuscleSets_CountsEachWorkingSetForItsPrimaryGroups_AgainstThePublishedLandmarks()
    {
        var data = Data(365);

        using var chart = ReportCharts.MuscleSets(data, ChartMedium.File);
        chart.SavePng(Path.GetTempFileName());

        var muscles = data.Muscles.ToDictionary(m => m.Group);
        muscles.Values.ShouldAllBe(m => m.Weeks == VolumeLandmarks.MeanWeeks);
        // Two weeks of training are averaged over those two weeks, not over four.
        Data(14).Muscles.ShouldAllBe(m => m.Weeks == 2);
        // The log's last four weeks: 12 sessions, two bench sets each; the row (lats/middle back) counts once as back.
        var lastFour = Log(365).History.Where(s => s.Date >= ReportData.Monday(Last).AddDays(-21)).ToList();
        var chest = lastFour.SelectMany(s => s.Exercises).Where(e => e.Exercise.PrimaryMuscles.Contains("chest")).Sum(e => e.Sets.Count(x => x.IsWorking));
        muscles["chest"].PerWeek.ShouldBe(chest / 4.0);
        muscles["chest"].Landmark.ShouldBe(new VolumeLandmark(6, 20, 35));
        muscles.ShouldContainKey("back");
        muscles.Keys.ShouldNotContain("lats");
        muscles.Keys.ShouldNotContain("quadriceps");
        muscles["biceps"].Landmark.ShouldBeNull();
        data.Muscles.Select(m => m.PerWeek).ShouldBeInOrder(SortDirection.Descending);
        // One bar per group, the groups named on the axis, the chest's MRV band and an MEV mark per landmark.
        var plot = chart.Panels.ShouldHaveSingleItem();
        plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars.Count.ShouldBe(data.Muscles.Length);
        plot.Axes.Left.TickGenerator.Ticks.Select(t => t.Label).Order(StringComparer.Ordinal).ShouldBe(data.Muscles.Select(m => m.Group).Order(StringComparer.Ordinal));
        plot.GetPlottables().OfType<ScottPlot.Plottables.Rectangle>().Count().ShouldBe(1);
        plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>().Count().ShouldBe(data.Muscles.Count(m => m.Landmark is not null));
        plot.Axes.Bottom.Range.Max.ShouldBeGreaterThan(35);
        chart.Description.ShouldContain("chest");
        chart.Description.ShouldContain(VolumeLandmarks.Source);
    }
}
