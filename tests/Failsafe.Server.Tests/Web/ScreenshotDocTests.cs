using System.Text.RegularExpressions;
using Failsafe.Tests.Shared;

namespace Failsafe.Server.Tests.Web;

/// <summary>The README shows the pages as the browser tests last saw them: every picture it names exists.</summary>
public sealed partial class ScreenshotDocTests
{
    [GeneratedRegex(@"docs/screenshots/[\w-]+\.png")]
    private static partial Regex Picture();

    [Fact]
    public void Every_screenshot_the_readme_shows_is_written_by_a_test()
    {
        var root = NodeTool.RepoRoot();
        var named = Picture().Matches(File.ReadAllText(Path.Combine(root, "README.md"))).Select(m => m.Value).Distinct().ToList();
        named.Count.ShouldBeGreaterThan(10);
        named.Where(p => !File.Exists(Path.Combine(root, p))).ShouldBeEmpty();
        // Each of them is written by a test (Look.Check(page, "NAME") or a screenshot path), not left from an old run.
        var tests = string.Join("\n", Directory.GetFiles(Path.Combine(root, "tests", "Failsafe.Server.Tests", "Web"), "*.cs").Select(File.ReadAllText));
        named.Select(p => Path.GetFileNameWithoutExtension(p).Replace("-light", "", StringComparison.Ordinal).Replace("-dark", "", StringComparison.Ordinal))
            .Distinct().Where(n => !tests.Contains($"\"{n}\"", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"docs/screenshots/charts/[\w-]+\.png")]
    private static partial Regex Chart();

    [Fact]
    public void Every_chart_the_readme_shows_exists()
    {
        var root = NodeTool.RepoRoot();
        // Written by Failsafe.Store.Tests' ReportChartsTests for its three fixed logs.
        var named = Chart().Matches(File.ReadAllText(Path.Combine(root, "README.md"))).Select(m => m.Value).Distinct().ToList();
        named.Count.ShouldBe(5);
        named.Where(p => !File.Exists(Path.Combine(root, p))).ShouldBeEmpty();
    }
}
