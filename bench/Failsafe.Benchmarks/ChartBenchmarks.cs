using BenchmarkDotNet.Attributes;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Reporting;
using Failsafe.Store.Scenarios;

namespace Failsafe.Benchmarks;

/// <summary>
/// The report's charts for ten years of history (~1,560 sessions, ~39,000 sets, a year of daily check-ins), the
/// window spanning all ten years (`failsafe report --since` the first day): <see cref="Compute"/> is what the charts
/// are drawn from, <see cref="DrawAllFiles"/> every chart drawn and written as PNG and SVG (`failsafe report`),
/// <see cref="DrawAllPage"/> every chart as the Progress page's SVG. Budget: all charts for ten years in under 1 s.
/// </summary>
[MemoryDiagnoser]
public class ChartBenchmarks
{
    private Scenario _scenario = null!;
    private ReportWindow _window;
    private ReportData _data = null!;
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        var json = ScenarioGenerator.Generate(new DateOnly(2026, 11, 23), years: 10);
        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(json);
        _scenario = scenario ?? throw new InvalidOperationException(error?.ToString());
        _window = new ReportWindow(_scenario.History[0].Date, _scenario.Today);
        _data = Compute();
        _directory = Directory.CreateTempSubdirectory("failsafe-charts-").FullName;
        if (_data.Sessions < 1000 || _data.Muscles.IsEmpty)
            throw new InvalidOperationException($"the ten-year log has {_data.Sessions} sessions in the window: not what this measures");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public ReportData Compute() => ReportData.Compute(_window, _scenario.History, _scenario.Wellness, new ReportLifter(), Policy.Default);

    [Benchmark]
    public int DrawAllFiles() => ReportCharts.WriteAll(_data, _directory).Count;

    [Benchmark]
    public int DrawAllPage()
    {
        var bytes = 0;
        foreach (var chart in ReportCharts.All(_data, ChartMedium.Page))
        {
            using (chart)
                bytes += chart.ForPage("c").Length;
        }
        return bytes;
    }
}
