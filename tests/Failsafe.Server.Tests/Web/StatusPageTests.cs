using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Status in Chromium at phone size: the same warnings, budget, 80/20 split, e1RM trends as <c>GET /api/status</c>, in words.</summary>
public sealed class StatusPageTests(Browser browser)
{
    private static List<string> Unexpected(WebServer server) =>
        [.. server.Errors.Where(e => !(e.StartsWith("Failed to load resource", StringComparison.Ordinal) && e.Contains("status of 404", StringComparison.Ordinal)))];

    private static async Task Log(IPage page, string date, string exercise, double weight, int reps, double? rir = null, string? failure = null) =>
        await PageApi.Call(page, "POST", "/api/sets", new { date, exercise, weight, reps, rir, failure });

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Status_shows_what_the_API_reports(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        var today = await PageApi.Today(page);
        string Day(int back) => today.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Nothing logged yet: no trend, no failure set.
        await page.GotoAsync("/status");
        (await page.Locator("#since-figure").InnerTextAsync()).ShouldContain("None in the last 120 days");
        await page.GetByText("No trend yet").WaitForAsync();

        // Bench twice (rated, stopped short), a failure set on a machine four days ago, two sets without RIR today.
        await Log(page, Day(6), "bench press", 80, 8, rir: 2);
        await Log(page, Day(6), "bench press", 80, 8, rir: 2);
        await Log(page, Day(4), "leg extension", 50, 12, failure: "absolute");
        await Log(page, Day(4), "leg extension", 45, 12, rir: 1);
        await Log(page, Day(0), "bench press", 85, 8, rir: 2);
        await Log(page, Day(0), "bench press", 85, 7, rir: 3);
        await Log(page, Day(0), "lat pulldown", 60, 10);
        await Log(page, Day(0), "lat pulldown", 60, 10);
        var api = await PageApi.Call(page, "GET", "/api/status");

        await page.GotoAsync("/status");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Status", Level = 1 }).WaitForAsync();

        // The failure budget: the API's numbers, in words.
        var budget = api.GetProperty("budget");
        var (used, allowed, window) = (budget.GetProperty("failureSetsUsed").GetInt32(), budget.GetProperty("failureSetsAllowed").GetInt32(), budget.GetProperty("windowDays").GetInt32());
        used.ShouldBe(1);
        var budgetText = await page.Locator("#budget-figure").InnerTextAsync();
        budgetText.ShouldContain(allowed == 0 ? $"{used} failure set in the last {window} days" : $"{used} of {allowed} failure sets used in the last {window} days");

        // The split: each bucket's count as the API gives it, the unrated sets on their own line.
        var buckets = api.GetProperty("rirBuckets");
        var expected = new Dictionary<string, int> { ["failure"] = 1, ["rir1"] = 1, ["rir2"] = 3, ["rir3"] = 1, ["rir4plus"] = 0 };
        foreach (var (key, count) in expected)
        {
            buckets.GetProperty(key).GetInt32().ShouldBe(count, key);
            (await page.Locator($"li[data-bucket='{key}'] .count").InnerTextAsync()).ShouldBe(count.ToString(CultureInfo.InvariantCulture), key);
        }
        buckets.GetProperty("unratedSets").GetInt32().ShouldBe(2);
        (await page.Locator("#unrated").InnerTextAsync()).ShouldContain("2 working sets logged without RIR or RPE");
        var share = buckets.GetProperty("failureShare").GetDouble();
        (await page.GetByText($"{buckets.GetProperty("workingSets").GetInt32()} rated working sets").InnerTextAsync())
            .ShouldContain($"{Math.Round(share * 100):0} % to failure (limit 20 %)");

        // e1RM trends: first → last in the lifter's unit, the change in per cent.
        var trends = api.GetProperty("e1rmTrends");
        trends.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var t in trends.EnumerateArray())
        {
            var row = page.Locator($"li[data-exercise='{t.GetProperty("exercise").GetString()}']");
            var text = await row.InnerTextAsync();
            text.ShouldContain($"{t.GetProperty("firstKg").GetDouble().ToString("0.##", CultureInfo.InvariantCulture)} kg → {t.GetProperty("lastKg").GetDouble().ToString("0.##", CultureInfo.InvariantCulture)} kg");
            var change = t.GetProperty("change").GetDouble() * 100;
            text.ShouldContain((change >= 0 ? "+" : "−") + Math.Abs(change).ToString("0.0", CultureInfo.InvariantCulture) + " %");
        }

        // The last failure set, four days ago.
        (await page.Locator("#since-figure").InnerTextAsync()).ShouldStartWith("4 days ago");

        // Every warning and action the API gives, in words.
        foreach (var notice in api.GetProperty("warnings").EnumerateArray().Concat(api.GetProperty("actions").EnumerateArray()))
            (await page.Locator("section").First.InnerTextAsync()).ShouldContain(notice.GetProperty("message").GetString()!);

        await Look.Check(page, "status");
        await Look.TapTargets(page);
        Unexpected(server).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_pounds_lifter_reads_the_trend_in_pounds(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page, unit: "lb");
        var today = await PageApi.Today(page);
        await Log(page, today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "bench press", 200, 8, rir: 2);
        await Log(page, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "bench press", 205, 8, rir: 2);

        await page.GotoAsync("/status");
        var text = await page.Locator(".trends li").First.InnerTextAsync();
        text.ShouldContain(" lb → ");
        text.ShouldNotContain("kg");
        text.ShouldContain("+2.5 %");
        Unexpected(server).ShouldBeEmpty();
    }
}
