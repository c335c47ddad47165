using BenchmarkDotNet.Attributes;
using Failsafe.Autoregulation;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Planning;
using Failsafe.Store.Catalog;
using Failsafe.Store.Planning;
using Failsafe.Store.Scenarios;

namespace Failsafe.Benchmarks;

/// <summary>
/// A 52-week full-body plan (156 sessions, every set decided by the engine) from one year of history, and
/// the next-set decision in the middle of a session.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private Scenario _scenario = null!;
    private PlanRequest _request = null!;
    private Evaluation _today = null!;
    private DoneSet[] _done = [];

    [GlobalSetup]
    public void Setup()
    {
        var json = ScenarioGenerator.Generate(new DateOnly(2026, 11, 23), years: 1);
        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(json);
        _scenario = scenario ?? throw new InvalidOperationException(error?.ToString());
        _request = new PlanRequest(_scenario.Today, 52, SplitTemplates.DefaultDays(Split.FullBody), SplitTemplates.For(Split.FullBody, CatalogLoader.Default));
        _today = Evaluator.Evaluate(_scenario);
        var squat = _scenario.Session.Exercises[0];
        _done = [new DoneSet(squat.Name, squat.Exercise, 100, 7, Rir.Of(2)), new DoneSet(squat.Name, squat.Exercise, 100, 6, Rir.Of(1))];
    }

    [Benchmark]
    public Plan Plan52Weeks() => PlanGenerator.Generate(_scenario, _request);

    [Benchmark]
    public NextSetAdvice Next() => NextSet.Decide(_scenario, _today, _done);
}
