using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>History in Chromium at phone size: sessions newest first with their sets, a set edited (and a stale edit refused), a set deleted.</summary>
public sealed class HistoryPageTests(Browser browser)
{
    /// <summary>
    /// Script and console errors, less the answers the test expects the browser to report: the onboarding page's 404
    /// (while that page is not built) and the <paramref name="expected"/> statuses.
    /// </summary>
    private static List<string> Unexpected(WebServer server, params int[] expected) =>
        [.. server.Errors.Where(e => !(e.StartsWith("Failed to load resource", StringComparison.Ordinal)
            && expected.Append(404).Any(status => e.Contains($"status of {status} ", StringComparison.Ordinal))))];

    private static async Task<long> Log(IPage page, object set) =>
        (await PageApi.Call(page, "POST", "/api/sets", set)).GetProperty("id").GetInt64();

    /// <summary>The stored set <paramref name="id"/> as <c>GET /api/sessions</c> answers it (over the last year), or null when there is none.</summary>
    private static async Task<JsonElement?> Stored(IPage page, long id, string from)
    {
        foreach (var session in (await PageApi.Call(page, "GET", $"/api/sessions?from={from}")).EnumerateArray())
        {
            foreach (var set in session.GetProperty("sets").EnumerateArray())
            {
                if (set.GetProperty("id").GetInt64() == id)
                    return set;
            }
        }
        return null;
    }

    /// <summary>A PUT of a set with If-Match, as another phone of the lifter's would send it.</summary>
    private static async Task Put(IPage page, long id, int version, object body)
    {
        var request = page.Context.APIRequest;
        var xsrf = (await (await request.GetAsync("/account/antiforgery")).JsonAsync())!.Value.GetProperty("token").GetString()!;
        var response = await request.FetchAsync($"/api/sets/{id}", new()
        {
            Method = "PUT", DataObject = body,
            Headers = new Dictionary<string, string> { ["X-XSRF-TOKEN"] = xsrf, ["If-Match"] = $"\"{version}\"" },
        });
        response.Status.ShouldBe(200, await response.TextAsync());
    }

    private static ILocator Line(IPage page, long id) => page.Locator($"#set-{id} .line");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sets_are_listed_edited_and_deleted(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        var today = await PageApi.Today(page);
        string Day(int back) => today.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var warmup = await Log(page, new { date = Day(3), exercise = "squat", weight = 60, reps = 5, warmup = true });
        var squat = await Log(page, new { date = Day(3), exercise = "squat", weight = 100, reps = 5, rir = 2 });
        var failed = await Log(page, new { date = Day(3), exercise = "leg extension", weight = 50, reps = 12, failure = "absolute" });
        var bench = await Log(page, new { date = Day(0), exercise = "bench press", weight = 80, reps = 8, rpe = 8, notes = "paused reps" });
        var bench2 = await Log(page, new { date = Day(0), exercise = "bench press", weight = 80, reps = 8, rir = 1 });
        var unrated = await Log(page, new { date = Day(0), exercise = "lat pulldown", weight = 60, reps = 10 });
        var old = await Log(page, new { date = Day(40), exercise = "squat", weight = 90, reps = 5, rir = 3 });

        await page.GotoAsync("/history");
        // Newest first, each set in the lifter's unit with its effort and marks; 40 days ago is beyond the default range.
        var titles = await page.Locator("section.session h2").AllInnerTextsAsync();
        titles.Count.ShouldBe(2);
        titles[0].ShouldBe(today.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        titles[1].ShouldBe(today.AddDays(-3).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        (await Line(page, bench).InnerTextAsync()).ShouldContain("80 kg × 8 @ RPE 8");
        (await page.Locator($"#set-{bench} .notes").InnerTextAsync()).ShouldBe("paused reps");
        (await Line(page, bench2).InnerTextAsync()).ShouldContain("80 kg × 8 @ 1 RIR");
        (await page.Locator($"#set-{unrated}").InnerTextAsync()).ShouldContain("No RIR");
        (await page.Locator($"#set-{warmup}").InnerTextAsync()).ShouldContain("Warm-up");
        (await Line(page, squat).InnerTextAsync()).ShouldContain("100 kg × 5 @ 2 RIR");
        (await page.Locator($"#set-{failed}").InnerTextAsync()).ShouldContain("Absolute failure");
        (await page.Locator($"#set-{old}").CountAsync()).ShouldBe(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import from another app" }).WaitForAsync();
        await Look.Check(page, "history");
        await Look.TapTargets(page);

        // Older sessions are one link away.
        await page.GetByRole(AriaRole.Link, new() { Name = "← Older" }).ClickAsync();
        await page.WaitForURLAsync("**/history?from=*");
        (await Line(page, old).InnerTextAsync()).ShouldContain("90 kg × 5 @ 3 RIR");
        await page.GetByRole(AriaRole.Link, new() { Name = "Newer →" }).ClickAsync();
        await Line(page, bench).WaitForAsync();

        // Edit: the new values are shown and stored; what the form does not show (the notes, the exercise) is kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Barbell Bench Press - Medium Grip set 1" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Edit Barbell Bench Press - Medium Grip set 1" });
        (await form.GetByLabel("RPE").InputValueAsync()).ShouldBe("8");
        await Look.Check(page, "history-edit", screenshot: false);
        await Look.TapTargets(page);
        await form.GetByLabel("Weight (kg)").FillAsync("82.5");
        await form.GetByLabel("Reps").FillAsync("7");
        await form.GetByLabel("RPE").FillAsync("9");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save set" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("edit=", StringComparison.Ordinal));
        (await Line(page, bench).InnerTextAsync()).ShouldContain("82.5 kg × 7 @ RPE 9");
        var edited = (await Stored(page, bench, Day(30)))!.Value;
        edited.GetProperty("weightKg").GetDouble().ShouldBe(82.5);
        edited.GetProperty("reps").GetInt32().ShouldBe(7);
        edited.GetProperty("rpe").GetDouble().ShouldBe(9);
        edited.GetProperty("rir").GetDouble().ShouldBe(1);
        edited.GetProperty("notes").GetString().ShouldBe("paused reps");
        edited.GetProperty("exercise").GetString().ShouldBe("bench press");

        // A set to failure: marked in the form, RIR and failure changed to a set stopped short.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Leg Extensions set 1" }).ClickAsync();
        form = page.GetByRole(AriaRole.Form, new() { Name = "Edit Leg Extensions set 1" });
        (await form.GetByLabel("Failure").InputValueAsync()).ShouldBe("absolute");
        await form.GetByLabel("Failure").SelectOptionAsync("none");
        await form.GetByLabel("RIR").FillAsync("1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save set" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("edit=", StringComparison.Ordinal));
        (await Line(page, failed).InnerTextAsync()).ShouldContain("50 kg × 12 @ 1 RIR");
        var stopped = (await Stored(page, failed, Day(30)))!.Value;
        stopped.GetProperty("failure").GetString().ShouldBe("none");
        stopped.GetProperty("rir").GetDouble().ShouldBe(1);

        // Delete: nothing happens when the question is dismissed; accepted, the set is gone from the page and the log.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Wide-Grip Lat Pulldown set 1" }).ClickAsync();
        // The dialog's event may come after the click returns: the question is awaited, not read at once.
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Dismiss(object? sender, IDialog d) { asked.TrySetResult(d.Message); _ = d.DismissAsync(); }
        page.Dialog += Dismiss;
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete set" }).ClickAsync();
        var question = await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), Api.Cancel);
        page.Dialog -= Dismiss;
        question.ShouldContain("Delete Wide-Grip Lat Pulldown set 1 (60 kg × 10)?");
        (await Stored(page, unrated, Day(30))).ShouldNotBeNull();
        page.Dialog += (_, d) => d.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete set" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("edit=", StringComparison.Ordinal));
        (await page.Locator($"#set-{unrated}").CountAsync()).ShouldBe(0);
        (await Stored(page, unrated, Day(30))).ShouldBeNull();
        (await Stored(page, bench2, Day(30))).ShouldNotBeNull();
        Unexpected(server).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_stale_edit_gets_the_APIs_412_message(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        var logged = await PageApi.Call(page, "POST", "/api/sets", new { exercise = "squat", weight = 100, reps = 5, rir = 2 });
        var (set, version) = (logged.GetProperty("id").GetInt64(), logged.GetProperty("version").GetInt32());
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GotoAsync("/history");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Barbell Squat set 1" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Edit Barbell Squat set 1" });
        await form.GetByLabel("Reps").FillAsync("6");

        // Meanwhile the set is corrected elsewhere.
        await Put(page, set, version, new { exercise = "squat", weight = 102.5, reps = 5, rir = 2 });

        await form.GetByRole(AriaRole.Button, new() { Name = "Save set" }).ClickAsync();
        var error = form.Locator(".form-error");
        await error.WaitForAsync();
        (await error.InnerTextAsync()).ShouldContain($"The set changed since you read it (your version {version}, now {version + 1})");
        page.Url.ShouldContain("edit=");
        var stored = (await Stored(page, set, from))!.Value;
        stored.GetProperty("weightKg").GetDouble().ShouldBe(102.5);
        stored.GetProperty("reps").GetInt32().ShouldBe(5);

        // Reading it again shows the other correction, and the edit then goes through.
        await page.ReloadAsync();
        (await form.GetByLabel("Weight (kg)").InputValueAsync()).ShouldBe("102.5");
        await form.GetByLabel("Reps").FillAsync("6");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save set" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("edit=", StringComparison.Ordinal));
        (await Line(page, set).InnerTextAsync()).ShouldContain("102.5 kg × 6 @ 2 RIR");
        Unexpected(server, 412).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_coach_reads_the_athletes_pages_without_changing_them(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var athlete = await server.Visitor();
        var email = await WebServer.CreateAccount(athlete);
        await PageApi.Lifter(athlete);
        var set = await Log(athlete, new { exercise = "squat", weight = 100, reps = 5, rir = 2 });
        var coach = await server.Visitor();
        await WebServer.CreateAccount(coach);
        await PageApi.Call(coach, "POST", "/api/coaching/invitations", new { email });
        var invitation = (await PageApi.Call(athlete, "GET", "/api/coaching/invitations"))[0].GetProperty("id").GetInt64();
        await PageApi.Call(athlete, "POST", $"/api/coaching/invitations/{invitation}/accept");
        var id = (await PageApi.Call(coach, "GET", "/api/coaching/athletes"))[0].GetProperty("athleteId").GetInt32();

        await coach.GotoAsync($"/history?athlete={id}");
        (await Line(coach, set).InnerTextAsync()).ShouldContain("100 kg × 5 @ 2 RIR");
        (await coach.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = false }).CountAsync()).ShouldBe(0);
        (await coach.GetByRole(AriaRole.Link, new() { Name = "← Older" }).GetAttributeAsync("href")).ShouldEndWith($"&athlete={id}");
        await coach.GotoAsync($"/status?athlete={id}");
        await coach.Locator("li[data-bucket='rir2'] .count").Filter(new() { HasText = "1" }).WaitForAsync();
        await coach.GotoAsync($"/checkin?athlete={id}");
        await coach.GetByText("Only the athlete records their check-in").WaitForAsync();
        (await coach.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).CountAsync()).ShouldBe(0);

        // Someone the coach does not coach: nothing to see, as on a page that does not exist.
        foreach (var path in new[] { "/history", "/status", "/checkin" })
        {
            var response = await coach.GotoAsync($"{path}?athlete={id + 1000}");
            response!.Status.ShouldBe(404, path);
            await coach.GetByRole(AriaRole.Heading, new() { Name = "Not found" }).WaitForAsync();
        }
        Unexpected(server).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_malformed_range_is_named(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        var response = await page.GotoAsync("/history?from=last-week");
        response!.Status.ShouldBe(400);
        (await page.Locator(".form-error").InnerTextAsync()).ShouldContain("From: 'last-week' is not a date like");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show the last 30 days" }).ClickAsync();
        await page.GetByText("No sessions from").WaitForAsync();
        Unexpected(server, 400).ShouldBeEmpty();
    }
}
