using BenchmarkDotNet.Running;
using Failsafe.Benchmarks;

// `generate FILE [YEARS]` writes the large scenario used by the benchmarks and by bench/run.sh; anything
// else goes to BenchmarkDotNet (e.g. `--filter '*'`).
if (args is ["generate", var path, ..])
{
    var years = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var json = ScenarioGenerator.Generate(new DateOnly(2026, 11, 23), years);
    File.WriteAllBytes(path, json);
    Console.WriteLine($"{path}: {ScenarioGenerator.Describe(json)}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluateBenchmarks).Assembly).Run(args);
return 0;
