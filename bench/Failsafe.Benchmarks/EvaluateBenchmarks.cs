using BenchmarkDotNet.Attributes;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Scenarios;

namespace Failsafe.Benchmarks;

/// <summary>
/// The engine on ten years of history (~1,560 sessions, ~39,000 sets) and a year of daily check-ins.
/// <see cref="Evaluate"/> excludes JSON parsing; <see cref="ParseScenario"/> is the parse on its own.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private byte[] _json = [];
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = ScenarioGenerator.Generate(new DateOnly(2026, 11, 23), years: 10);
        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(_json);
        _scenario = scenario ?? throw new InvalidOperationException(error?.ToString());
    }

    [Benchmark]
    public Evaluation Evaluate() => Evaluator.Evaluate(_scenario);

    [Benchmark]
    public Scenario? ParseScenario() => new ScenarioReader(CatalogLoader.Default).Read(_json).Scenario;
}
