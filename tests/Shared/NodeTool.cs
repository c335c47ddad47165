using System.ComponentModel;
using System.Diagnostics;

namespace Failsafe.Tests.Shared;

/// <summary>
/// Runs the independent validators under node (tests/ical-check, tests/openapi-check) from a test: finds the
/// repository, tells whether node and the npm packages are there, runs a script. Linked into each test project
/// that needs it.
/// </summary>
internal static class NodeTool
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Failsafe.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Fails (in CI, <c>CI=true</c>) or skips (elsewhere) when node or one of <paramref name="packages"/> under
    /// <c>tests/<paramref name="project"/>/node_modules</c> is missing; returns the project's folder otherwise.
    /// </summary>
    public static async Task<string> Require(string project, params string[] packages)
    {
        var dir = Path.Combine(RepoRoot(), "tests", project);
        var missing = packages.Any(p => !Directory.Exists(Path.Combine(dir, "node_modules", p)))
            ? $"tests/{project}/node_modules"
            : !await NodeAvailable() ? "node" : null;
        if (missing is not null)
        {
            var message = $"{missing} is missing: install node and run `npm ci --prefix tests/{project}` to run this check.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"CI=true: {message}");
            Assert.Skip(message);
        }
        return dir;
    }

    public static async Task<bool> NodeAvailable()
    {
        try
        {
            var (exitCode, _, _) = await Run("node", Environment.CurrentDirectory, TimeSpan.FromMinutes(1), "--version");
            return exitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> Run(string program, string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
