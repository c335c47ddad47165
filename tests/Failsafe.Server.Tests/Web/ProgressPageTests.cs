using System.Globalization;
using System.Text.RegularExpressions;
using Failsafe.Effort;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// Progress in Chromium at phone size: a lifter with three weeks of logged sets and check-ins sees the charts as SVG
/// drawn on the server, each titled and described with its numbers; the picker switches the lift; the window follows
/// the query; an empty log gets a sentence, a bad query a clear error.
/// </summary>
public sealed partial class ProgressPageTests(Browser browser)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The pages' errors, less the onboarding page's 404 (that page is built elsewhere) the sign-up lands on.</summary>
    private static List<string> Errors(WebServer server, bool badQueries = false) =>
        [.. server.Errors.Where(e => !e.Contains("status of 404", StringComparison.Ordinal) && !(badQueries && e.Contains("status of 400", StringComparison.Ordinal)))];

    /// <summary>The e1RM the report reads from a set (every set here is at most 12 reps: a reliable estimate).</summary>
    private static double E1Rm(double kg, int reps, double rir) => OneRepMax.Estimate(Load.Kg(kg), reps, Rir.Of(rir)).OneRepMax.Value;

    private static async Task<string> Text(ILocator locator) => await locator.TextContentAsync() ?? "";

    private static string Kg(double kg) => kg.ToString("0.#", CultureInfo.InvariantCulture) + " kg";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_lifter_with_three_weeks_of_training_sees_the_charts_and_picks_a_lift(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);

        // Three weeks: squat and bench every other day with rising loads, a curl to failure now and then; a check-in
        // every day, the last four of them bad (a warning).
        var first = Today.AddDays(-20);
        double squatBest = 0, benchBest = 0;
        var (working, failures) = (0, 0);
        for (var i = 0; i <= 20; i++)
        {
            var day = first.AddDays(i);
            if (i % 2 == 0)
            {
                var squat = 100 + 2.5 * (i / 2);
                var bench = 70 + 1.25 * (i / 2);
                foreach (var (exercise, kg, reps, rir) in new[] { ("squat", squat, 5, 2.0), ("squat", squat, 5, 1.0), ("bench press", bench, 8, 2.0), ("bench press", bench, 8, 1.5) })
                {
                    await PageApi.Call(page, "POST", "/api/sets", new { exercise, weight = kg, unit = "kg", reps, rir, date = Iso(day) });
                    working++;
                }
                squatBest = Math.Max(squatBest, Math.Max(E1Rm(squat, 5, 2), E1Rm(squat, 5, 1)));
                benchBest = Math.Max(benchBest, Math.Max(E1Rm(bench, 8, 2), E1Rm(bench, 8, 1.5)));
                var toFailure = i % 6 == 0;
                await PageApi.Call(page, "POST", "/api/sets", toFailure
                    ? new { exercise = "dumbbell curl", weight = 14.0, unit = "kg", reps = 12, failure = "absolute", date = Iso(day) }
                    : (object)new { exercise = "dumbbell curl", weight = 14.0, unit = "kg", reps = 10, rir = 2.0, date = Iso(day) });
                working++;
                failures += toFailure ? 1 : 0;
            }
            var bad = i > 16;
            await PageApi.Call(page, "PUT", $"/api/checkins/{Iso(day)}", new
            {
                sleepHours = bad ? 5.0 : 8.0, sleepQuality = bad ? 2 : 4, fatigue = bad ? 5 : 2, mood = bad ? 2 : 4, soreness = 2, aches = 1, motivation = bad ? 2 : 4,
            });
        }

        var response = await page.GotoAsync("/progress");
        response!.Status.ShouldBe(200);
        // The page with its five charts inline, before any compression: well inside the first visit's 150 KB.
        var bytes = (await response.BodyAsync()).Length;
        TestContext.Current.SendDiagnosticMessage($"/progress with three weeks logged: {bytes} bytes");
        bytes.ShouldBeLessThan(100_000);
        (await Text(page.Locator("h1"))).ShouldBe("Progress");
        // Three weeks of data in the default 26-week window: the window fits them (from the first week, at least 4 weeks).
        (await Text(page.Locator(".lead"))).ShouldContain("(4 weeks)");
        (await Text(page.Locator(".lead"))).ShouldContain("11 sessions, 21 check-ins");

        var charts = page.Locator("svg[role=img]");
        (await charts.CountAsync()).ShouldBe(5);
        foreach (var chart in await charts.AllAsync())
        {
            (await Text(chart.Locator("title"))).ShouldNotBeNullOrWhiteSpace();
            (await Text(chart.Locator("desc"))).ShouldNotBeNullOrWhiteSpace();
            // Text and axes take the page's colour (light or dark); nothing is drawn in a fixed black.
            (await chart.Locator("text[fill=currentColor]").CountAsync()).ShouldBeGreaterThan(0);
            (await chart.Locator("text:not([fill]), [fill=black], [stroke=black], [fill='#000000'], [stroke='#000000']").CountAsync()).ShouldBe(0);
        }

        // The squat first (the squat family leads), with its numbers in the chart's title and description.
        var picker = page.GetByRole(AriaRole.Navigation, new() { Name = "Lift" });
        var lifts = await picker.GetByRole(AriaRole.Link).AllTextContentsAsync();
        lifts.Count.ShouldBe(2, string.Join(", ", lifts));
        lifts[0].ShouldContain("Squat");
        lifts.ShouldNotContain(l => l.Contains("Curl", StringComparison.OrdinalIgnoreCase));
        (await Text(picker.Locator("[aria-current=page]"))).ShouldBe(lifts[0]);
        var e1rm = page.Locator("#chart-e1rm-desc");
        (await Text(e1rm)).ShouldContain($"11 sessions");
        (await Text(e1rm)).ShouldContain($"Best e1RM {Kg(squatBest)}");
        (await Text(page.Locator("#chart-e1rm-title"))).ShouldBe($"{lifts[0]}: estimated 1RM");
        (await Text(page.Locator(".figure .alt").First)).ShouldContain($"Best e1RM {Kg(squatBest)}");

        var sets = await Text(page.Locator("#chart-weekly-sets-desc"));
        sets.ShouldContain($"{working} working sets");
        sets.ShouldContain($"{failures} failure sets in all");
        WarningDays().IsMatch(await Text(page.Locator("#chart-wellness-desc"))).ShouldBeTrue(await Text(page.Locator("#chart-wellness-desc")));
        (await Text(page.Locator("#chart-failure-budget-desc"))).ShouldContain("failure set");
        // Curls, squats and bench: a set counts for each primary muscle group, against the published landmarks.
        var muscles = await Text(page.Locator("#chart-muscle-sets-desc"));
        muscles.ShouldContain("biceps");
        muscles.ShouldContain("quads");
        muscles.ShouldContain("MEV");

        // The numbers behind the chart, as a table behind a toggle.
        await page.Locator("section").Filter(new() { HasText = "Estimated 1RM" }).GetByText("The numbers").ClickAsync();
        var rows = page.Locator("section").Filter(new() { HasText = "Estimated 1RM" }).Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(11);
        (await Text(rows.Last)).ShouldContain("125 kg × 5 @ 2 RIR");

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Look.Check(page, "progress");
        await Look.TapTargets(page);

        // The picker switches the lift.
        await picker.GetByRole(AriaRole.Link, new() { Name = lifts[1] }).ClickAsync();
        await page.WaitForURLAsync(new Regex("lift="));
        (await Text(page.Locator("#chart-e1rm-title"))).ShouldBe($"{lifts[1]}: estimated 1RM");
        (await Text(page.Locator("#chart-e1rm-desc"))).ShouldContain($"Best e1RM {Kg(benchBest)}");
        (await Text(page.GetByRole(AriaRole.Navigation, new() { Name = "Lift" }).Locator("[aria-current=page]"))).ShouldBe(lifts[1]);
        // A range keeps the lift picked.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Weeks shown" }).GetByRole(AriaRole.Link, new() { Name = "12 weeks" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("weeks=12"));
        page.Url.ShouldContain("lift=");
        (await Text(page.Locator("#chart-e1rm-title"))).ShouldBe($"{lifts[1]}: estimated 1RM");

        Errors(server).ShouldBeEmpty();
    }

    [GeneratedRegex(@"\d+ warning days?: .*lasting fatigue")]
    private static partial Regex WarningDays();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_empty_log_gets_a_sentence_a_bad_query_an_error_and_loads_show_in_the_lifters_unit(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page, unit: "lb");

        await page.GotoAsync("/progress");
        (await Text(page.Locator("main"))).ShouldContain("Nothing is logged in these weeks yet");
        (await page.Locator("svg[role=img]").CountAsync()).ShouldBe(0);
        await Look.Check(page, "progress-empty", screenshot: false);

        var bad = await page.GotoAsync("/progress?weeks=0");
        bad!.Status.ShouldBe(400);
        (await Text(page.GetByRole(AriaRole.Alert))).ShouldContain("Weeks: 0 is out of range (1–520)");
        bad = await page.GotoAsync("/progress?since=yesterday");
        bad!.Status.ShouldBe(400);
        (await Text(page.GetByRole(AriaRole.Alert))).ShouldContain("First day: 'yesterday' is not a date (yyyy-MM-dd)");
        (await page.GetByLabel("First day").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        bad = await page.GotoAsync("/progress?lift=no+such+lift+at+all");
        bad!.Status.ShouldBe(400);
        (await Text(page.GetByRole(AriaRole.Alert))).ShouldContain("Lift: 'no such lift at all' is not an exercise");

        // Two squat sessions in pounds, ten days apart: shown in lb, and the date form sets the window.
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = "squat", weight = 225.0, unit = "lb", reps = 5, rir = 2.0, date = Iso(Today.AddDays(-10)) });
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = "squat", weight = 235.0, unit = "lb", reps = 5, rir = 2.0, date = Iso(Today.AddDays(-3)) });
        await page.GotoAsync("/progress");
        var best = Load.Kg(E1Rm(Load.Lb(235).InKg, 5, 2)).To(WeightUnit.Lb).Value;
        (await Text(page.Locator("#chart-e1rm-desc"))).ShouldContain($"Best e1RM {best.ToString("0.#", CultureInfo.InvariantCulture)} lb");
        (await Text(page.Locator(".lead"))).ShouldContain("Loads in lb");

        await page.GetByText("From a date").ClickAsync();
        await page.GetByLabel("First day").FillAsync(Iso(Today.AddDays(-5)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("since="));
        // From five days back: one session; the window as asked (narrower than four weeks when asked so).
        (await Text(page.Locator(".lead"))).ShouldContain("1 session,");
        (await Text(page.Locator(".lead"))).ShouldContain("(6 days)");

        Errors(server, badQueries: true).ShouldBeEmpty();
    }
}
