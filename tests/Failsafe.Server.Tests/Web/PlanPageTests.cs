using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// The Plan page in Chromium at phone size: a plan made on the page and shown as days in words, a day's sets, an
/// event on its day, an injury added and cleared, and the private calendar link made, copied, rotated and turned off.
/// </summary>
public sealed class PlanPageTests(Browser browser)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The server's today: the profile has no time zone, so UTC.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_lifter_plans_adds_an_event_and_an_injury_and_makes_a_private_calendar_link(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Call(page, "PUT", "/api/profile", new
        {
            name = "Sam", trainingYears = 3, formUnderFatigue = "good", sleepHours = 8, stress = "low", goal = "hypertrophy",
            split = "upper-lower", unit = "kg", trainingDays = "mon,wed,fri", bodyweightKg = 80,
        });
        // Sign-up lands on onboarding, which is another page's work: its errors are not this page's.
        var errorsBefore = server.Errors.Count;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // No plan yet: the form is open, with the profile's days ticked.
        await page.GotoAsync("/plan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No active plan yet")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Mon")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Tue")).Not.ToBeCheckedAsync();

        // Every day unticked is refused in words before anything is sent.
        foreach (var day in new[] { "Mon", "Wed", "Fri" })
            await page.GetByLabel(day).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make plan" }).ClickAsync();
        await Expect(page.Locator(".form-error")).ToContainTextAsync("tick at least one training day");
        (await Api(page, "GET", "/api/plans/active")).Status.ShouldBe(404);

        // A four-week plan on Tuesday, Thursday and Saturday.
        await page.GetByLabel("Weeks (1–104)").FillAsync("4");
        foreach (var day in new[] { "Tue", "Thu", "Sat" })
            await page.GetByLabel(day).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weeks" })).ToBeVisibleAsync();
        var plan = await PageApi.Call(page, "GET", "/api/plans/active");
        plan.GetProperty("start").GetString().ShouldBe(Iso(Today));
        plan.GetProperty("weeks").GetArrayLength().ShouldBe(4);
        await Expect(page.Locator(".lead")).ToContainTextAsync("4 weeks from");
        await Expect(page.Locator(".lead")).ToContainTextAsync("training Tue, Thu, Sat");

        // Each day of the plan, as the API lays it out, in words on the page; today marked.
        var days = plan.GetProperty("weeks").EnumerateArray().SelectMany(w => w.GetProperty("days").EnumerateArray()).ToList();
        days.Count.ShouldBe(28);
        var shown = await page.Locator("li.day").EvaluateAllAsync<string[][]>("rows => rows.map(r => [r.dataset.date, r.querySelector('.day-type').textContent.trim()])");
        shown.Select(r => (r[0], r[1])).ShouldBe(days.Select(d => (d.GetProperty("date").GetString()!, Word(d))));
        shown.Count(r => r[1] == "Rest").ShouldBe(16);
        var today = page.Locator("li.day[aria-current=date]");
        await Expect(today).ToHaveCountAsync(1);
        await Expect(today).ToHaveAttributeAsync("data-date", Iso(Today));
        await Expect(today.Locator(".badge.now")).ToHaveTextAsync("Today");

        // Tapping a training day shows its exercises and sets.
        var training = days.First(d => d.GetProperty("exercises").GetArrayLength() > 0);
        var row = page.Locator($"li.day[data-date='{training.GetProperty("date").GetString()}']");
        await row.Locator("summary").ClickAsync();
        var exercise = training.GetProperty("exercises")[0];
        await Expect(row.GetByRole(AriaRole.Heading, new() { Name = exercise.GetProperty("exercise").GetString()!, Level = 3 })).ToBeVisibleAsync();
        await Expect(row.Locator(".set-lines li").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Sets? 1"));

        // An event shows on its day, and can be removed.
        var meet = Today.AddDays(9);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(meet));
        await page.GetByLabel("What it is").FillAsync("Club meet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add event" }).ClickAsync();
        var meetDay = page.Locator($"li.day[data-date='{Iso(meet)}']");
        await Expect(meetDay.Locator(".badge.event")).ToHaveTextAsync("Event: Club meet");
        await Expect(meetDay).ToBeVisibleAsync();
        (await PageApi.Call(page, "GET", "/api/events")).EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Club meet");

        // An injury, added and then cleared today.
        await page.GetByLabel("What hurts").FillAsync("Left shoulder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add injury" }).ClickAsync();
        await Expect(page.Locator("section:has(#injuries-title) .items li")).ToContainTextAsync("Left shoulder · since " + Today.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        var injury = (await PageApi.Call(page, "GET", "/api/injuries")).EnumerateArray().Single();
        injury.GetProperty("clearedOn").ValueKind.ShouldBe(JsonValueKind.Null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cleared today (Left shoulder)" }).ClickAsync();
        await Expect(page.GetByText("No current injury.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Cleared (1)")).ToBeVisibleAsync();
        (await PageApi.Call(page, "GET", "/api/injuries")).EnumerateArray().Single().GetProperty("clearedOn").GetString().ShouldBe(Iso(Today));

        // The calendar link: made, shown once, copied, and readable by a client with no sign-in.
        await Expect(page.GetByText("Anyone who has the link can see your plan")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar link" }).ClickAsync();
        var link = page.GetByLabel("Your calendar link");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(server.BaseUrl)}/calendar/[A-Za-z0-9_-]{{43}}\\.ics$"));
        var first = await link.InputValueAsync();
        await Expect(page.Locator(".feed-state")).ToContainTextAsync("On");
        using var calendarApp = new HttpClient();
        await Feed(calendarApp, first, HttpStatusCode.OK);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.BaseUrl });
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(page.Locator("#feed-status")).ToContainTextAsync("Copied.");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(first);

        // Rotated: the old link is dead at once, the new one works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate link" }).ClickAsync();
        await Expect(link).Not.ToHaveValueAsync(first);
        var second = await link.InputValueAsync();
        second.ShouldStartWith(server.BaseUrl + "/calendar/");
        await Feed(calendarApp, first, HttpStatusCode.NotFound);
        await Feed(calendarApp, second, HttpStatusCode.OK);

        // Looked at with the first training day open, as a lifter checks what is coming.
        await row.Locator("summary").ClickAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Look.Check(page, "plan");
        await Look.TapTargets(page);

        // Turned off: no link works, and the page says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(page.Locator(".feed-state")).ToContainTextAsync("Off");
        await Feed(calendarApp, second, HttpStatusCode.NotFound);

        // Removing the event takes it off its day.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Club meet" }).ClickAsync();
        await Expect(meetDay.Locator(".badge.event")).ToHaveCountAsync(0);
        (await PageApi.Call(page, "GET", "/api/events")).GetArrayLength().ShouldBe(0);

        server.Errors.Skip(errorsBefore).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Past_days_say_whether_a_session_was_logged_and_re_laying_starts_the_plan_today(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await PageApi.Call(page, "POST", "/api/plans", new { weeks = 4, start = Iso(Today.AddDays(-8)) });
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = "bench press", set = "60x8@3", date = Iso(Today.AddDays(-3)) });
        var errorsBefore = server.Errors.Count;
        await page.GotoAsync("/plan");
        await Expect(page.Locator(".lead")).ToContainTextAsync("4 weeks from " + Today.AddDays(-8).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));

        // Past days say whether a session was logged; days to come say nothing yet.
        var plan = await PageApi.Call(page, "GET", "/api/plans/active");
        var past = plan.GetProperty("weeks").EnumerateArray().SelectMany(w => w.GetProperty("days").EnumerateArray())
            .Where(d => string.CompareOrdinal(d.GetProperty("date").GetString(), Iso(Today)) < 0 && d.GetProperty("date").GetString() != Iso(Today.AddDays(-3)))
            .ToList();
        past.Count.ShouldBe(7);
        foreach (var day in past)
        {
            var status = page.Locator($"li.day[data-date='{day.GetProperty("date").GetString()}'] .day-status");
            if (day.GetProperty("dayType").GetString() == "rest")
                await Expect(status).ToHaveCountAsync(0);
            else
                await Expect(status).ToHaveTextAsync("Not logged");
        }
        await Expect(page.Locator($"li.day[data-date='{Iso(Today.AddDays(-3))}'] .day-status")).ToHaveTextAsync("Logged: 1 set");
        await Expect(page.Locator($"li.day[data-date='{Iso(Today.AddDays(1))}'] .day-status")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Re-lay from today" }).ClickAsync();

        await Expect(page.Locator(".lead")).ToContainTextAsync("3 weeks from " + Today.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        (await PageApi.Call(page, "GET", "/api/plans/active")).GetProperty("start").GetString().ShouldBe(Iso(Today));
        await Expect(page.Locator("li.day").First).ToHaveAttributeAsync("aria-current", "date");
        server.Errors.Skip(errorsBefore).ShouldBeEmpty();
    }

    /// <summary>The API's day type as the page words it.</summary>
    private static string Word(JsonElement day) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(day.GetProperty("dayType").GetString()!);

    private static async Task<IAPIResponse> Api(IPage page, string method, string url) =>
        await page.Context.APIRequest.FetchAsync(url, new() { Method = method });

    /// <summary>The feed as a calendar app reads it: its own client, no cookie.</summary>
    private static async Task Feed(HttpClient client, string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(new Uri(url), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, url);
        if (status == HttpStatusCode.OK)
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldStartWith("BEGIN:VCALENDAR");
    }
}
