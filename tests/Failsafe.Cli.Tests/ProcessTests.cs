using System.Diagnostics;

namespace Failsafe.Cli.Tests;

/// <summary>The real built program, run as a separate process: exit codes and streams as a script sees them.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string FailsafeDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "failsafe.dll");
        File.Exists(dll).ShouldBeTrue($"failsafe.dll not found in {AppContext.BaseDirectory}");
        return dll;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FailsafeDll());
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"failsafe {string.Join(' ', args)} did not finish within {Timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Evaluate_Example_ExitsOkWithJson()
    {
        var (code, stdout, stderr) = await RunAsync("evaluate", CliTests.ExamplePath, "--json");

        code.ShouldBe(0);
        stderr.ShouldBeEmpty();
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("today").GetString().ShouldBe("2026-11-23");
        doc.RootElement.GetProperty("exercises").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task Evaluate_InvalidFile_ExitsInvalidInputWithErrorOnStderrOnly()
    {
        using var dir = new CliTests.TempDir();
        var example = await File.ReadAllTextAsync(CliTests.ExamplePath, TestContext.Current.CancellationToken);
        var file = dir.Write("bad.json", example.Replace("\"weightKg\": 120, \"reps\": 6, \"rir\": 2 },", "\"weightKg\": 120, \"reps\": 6, \"rir\": -1 },", StringComparison.Ordinal));

        var (code, stdout, stderr) = await RunAsync("evaluate", file, "--json");

        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("$.history[0].exercises[0].sets[0].rir");
        stderr.ShouldContain("out of range");
    }

    [Fact]
    public async Task Run_UnknownCommand_ExitsUsage()
    {
        var (code, _, stderr) = await RunAsync("frobnicate");

        code.ShouldBe(1);
        stderr.ShouldNotBeEmpty();
    }
}
