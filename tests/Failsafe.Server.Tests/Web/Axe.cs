using System.Text.Json;
using Failsafe.Tests.Shared;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// axe-core (npm, tests/web-check) run inside the page: every violation of WCAG 2.x A/AA and best practice, with
/// the elements it found, as one readable failure.
/// </summary>
public static class Axe
{
    private static string? _script;

    public static async Task Check(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dir = await NodeTool.Require("web-check", "axe-core");
        _script ??= await File.ReadAllTextAsync(Path.Combine(dir, "node_modules", "axe-core", "axe.min.js"));
        // Added as a script element's text would need 'unsafe-inline': evaluated by the test driver instead, which the page's content policy does not govern.
        await page.EvaluateAsync(_script);
        var json = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }); return r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary) })); }");
        var violations = json.EnumerateArray().Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}):\n    " + string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))).ToList();
        violations.ShouldBeEmpty($"axe found accessibility violations on {what}:\n" + string.Join("\n", violations));
    }
}
