using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Onboarding in Chromium at phone size: the profile's questions after "Create account", one submit to a profile and a first plan, then Today.</summary>
public sealed partial class OnboardingPageTests(Browser browser)
{
    [GeneratedRegex(@"^(Rest|Hard|Medium|Light|Training) day")]
    private static partial Regex DayHeading();

    /// <summary>A phone whose clock is in <paramref name="timeZone"/>: what the page prefills the time zone from.</summary>
    private async Task<IPage> PhoneIn(WebServer server, string timeZone)
    {
        var context = await browser.Require().NewContextAsync(new()
        {
            BaseURL = server.BaseUrl, ViewportSize = Browser.Phone, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
            Locale = "en-GB", TimezoneId = timeZone, ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => server.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                server.Errors.Add(message.Text);
        };
        return page;
    }

    private static ILocator Option(IPage page, string name) =>
        page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^" + Regex.Escape(name).Replace("/", "\\/", StringComparison.Ordinal) + @"\b") });

    private static ILocator Day(IPage page, string name) => page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    private static async Task ShouldBeOnToday(IPage page)
    {
        await page.WaitForURLAsync("**/today");
        DayHeading().IsMatch(await page.Locator("h1").InnerTextAsync()).ShouldBeTrue(await page.Locator("h1").InnerTextAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_new_lifter_answers_and_lands_on_today_with_a_plan(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await PhoneIn(server, "America/New_York");
        await WebServer.CreateAccount(page);

        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/New_York");
        (await page.GetByLabel("Barbell (kg)", new() { Exact = true }).InputValueAsync()).ShouldBe("20");
        (await page.GetByLabel("Plates (kg)", new() { Exact = true }).InputValueAsync()).ShouldBe("25, 20, 15, 10, 5, 2.5, 1.25");
        await page.GetByLabel("Years of training").FillAsync("3");
        await Option(page, "Excellent").CheckAsync();
        await page.GetByLabel("Sleep (hours a night)").FillAsync("8");
        await Option(page, "Low").CheckAsync();
        await page.GetByLabel("Bodyweight").FillAsync("82.5");
        await Option(page, "Strength").CheckAsync();
        await Option(page, "Upper / lower").CheckAsync();
        await Day(page, "Wednesday").UncheckAsync();
        await Day(page, "Tuesday").CheckAsync();
        await Day(page, "Thursday").CheckAsync();
        await page.GetByLabel("Plates (kg)", new() { Exact = true }).FillAsync("25, 20, 10, 5, 2.5, 1.25");
        await page.GetByText("Micro-plates, dumbbells and machines").ClickAsync();
        await page.GetByLabel("Micro-plates (kg)", new() { Exact = true }).FillAsync("0.5");
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        await Look.Check(page, "onboarding");
        await Look.TapTargets(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();
        await ShouldBeOnToday(page);

        var profile = await PageApi.Call(page, "GET", "/api/profile");
        profile.GetProperty("trainingYears").GetDouble().ShouldBe(3);
        profile.GetProperty("formUnderFatigue").GetString().ShouldBe("excellent");
        profile.GetProperty("sleepHours").GetDouble().ShouldBe(8);
        profile.GetProperty("stress").GetString().ShouldBe("low");
        profile.GetProperty("goal").GetString().ShouldBe("strength");
        profile.GetProperty("split").GetString().ShouldBe("upper-lower");
        profile.GetProperty("trainingDays").GetString().ShouldBe("mon,tue,thu,fri");
        profile.GetProperty("unit").GetString().ShouldBe("kg");
        profile.GetProperty("bodyweightKg").GetDouble().ShouldBe(82.5);
        profile.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        var gear = profile.GetProperty("equipment");
        gear.GetProperty("unit").GetString().ShouldBe("kg");
        gear.GetProperty("bar").GetDouble().ShouldBe(20);
        gear.GetProperty("plates").EnumerateArray().Select(p => p.GetDouble()).ShouldBe([1.25, 2.5, 5, 10, 20, 25]);
        gear.GetProperty("microPlates").EnumerateArray().Select(p => p.GetDouble()).ShouldBe([0.5]);
        gear.GetProperty("dumbbells").GetArrayLength().ShouldBe(26, "the standard dumbbells, sent back as the ranges the page shows");

        var plan = await PageApi.Call(page, "GET", "/api/plans/active");
        plan.ValueKind.ShouldBe(JsonValueKind.Object);
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bad_value_is_named_and_nothing_typed_is_lost_and_a_returning_lifter_sees_their_answers(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);

        await page.GetByLabel("Years of training").FillAsync("4");
        await Option(page, "Body part").CheckAsync();
        await page.GetByLabel("Bodyweight").FillAsync("5000");
        foreach (var day in new[] { "Monday", "Wednesday", "Friday" })
            await Day(page, day).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await alert.GetByText("Training days: tick at least one day").WaitForAsync();
        (await Day(page, "Monday").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await Day(page, "Monday").CheckAsync();
        await Day(page, "Thursday").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();
        await alert.GetByText("Bodyweight (kg): 5000 is out of range (20–400)").WaitForAsync();
        (await page.GetByLabel("Bodyweight").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await Day(page, "Monday").GetAttributeAsync("aria-invalid")).ShouldBeNull();
        page.Url.ShouldEndWith("/onboarding");
        (await page.GetByLabel("Years of training").InputValueAsync()).ShouldBe("4");
        (await Option(page, "Body part").IsCheckedAsync()).ShouldBeTrue();
        (await Day(page, "Thursday").IsCheckedAsync()).ShouldBeTrue();
        // Nothing was stored: neither the profile nor a plan.
        var stored = await PageApi.Call(page, "GET", "/api/profile");
        stored.GetProperty("trainingYears").GetDouble().ShouldBe(0);
        stored.GetProperty("bodyweightKg").ValueKind.ShouldBe(JsonValueKind.Null);
        (await page.Context.APIRequest.GetAsync("/api/plans/active")).Status.ShouldBe(404);

        // A week that is no week is the API's to name too, and the profile is kept while the plan is not made.
        await page.GetByLabel("Bodyweight").FillAsync("80");
        await page.GetByLabel("Plan length (weeks)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();
        await page.GetByText("Your answers are saved, but the plan was not made. Plan length (weeks): 0 is out of range (1–104)").WaitForAsync();
        (await page.GetByLabel("Bodyweight").GetAttributeAsync("aria-invalid")).ShouldBeNull();
        (await page.GetByLabel("Plan length (weeks)").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await PageApi.Call(page, "GET", "/api/profile")).GetProperty("bodyweightKg").GetDouble().ShouldBe(80);

        await page.GetByLabel("Plan length (weeks)").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();
        await ShouldBeOnToday(page);
        (await PageApi.Call(page, "GET", "/api/plans/active")).GetProperty("weeks").GetArrayLength().ShouldBe(6);

        // Back on onboarding: every answer as saved, and the plan kept unless a new one is asked for.
        await page.GotoAsync("/onboarding");
        (await page.GetByLabel("Years of training").InputValueAsync()).ShouldBe("4");
        (await page.GetByLabel("Bodyweight").InputValueAsync()).ShouldBe("80");
        (await Option(page, "Body part").IsCheckedAsync()).ShouldBeTrue();
        (await Day(page, "Thursday").IsCheckedAsync()).ShouldBeTrue();
        (await Day(page, "Wednesday").IsCheckedAsync()).ShouldBeFalse();
        (await page.GetByLabel("Plan length (weeks)").InputValueAsync()).ShouldBe("6");
        var newPlan = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Start a new plan") });
        (await newPlan.IsCheckedAsync()).ShouldBeFalse();
        await page.GetByLabel("Sleep (hours a night)").FillAsync("6.5");
        await page.GetByLabel("Plan length (weeks)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await ShouldBeOnToday(page);
        (await PageApi.Call(page, "GET", "/api/profile")).GetProperty("sleepHours").GetDouble().ShouldBe(6.5);
        (await PageApi.Call(page, "GET", "/api/plans/active")).GetProperty("weeks").GetArrayLength().ShouldBe(6, "the plan was kept: no new one without asking");
        // The two answers of 400 the page showed are in the browser's console, as every failed request is.
        server.Errors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 400", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_form_can_be_completed_with_the_keyboard_alone(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        var keys = page.Keyboard;
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" })).ToBeEnabledAsync();

        await TabTo(page, "#pf-years");
        await keys.PressAsync("Control+A");
        await keys.TypeAsync("5");
        await TabTo(page, "input[name=formUnderFatigue][value=good]");
        await keys.PressAsync("ArrowDown");
        await TabTo(page, "#pf-sleep");
        await keys.PressAsync("Control+A");
        await keys.TypeAsync("8");
        await TabTo(page, "input[name=stress][value=moderate]");
        await keys.PressAsync("ArrowUp");
        await TabTo(page, "#pf-bodyweight");
        await keys.TypeAsync("70");
        await TabTo(page, "input[name=split][value=full-body]");
        await keys.PressAsync("ArrowDown");
        await TabTo(page, "input[name=trainingDays][value=tue]");
        await keys.PressAsync("Space");
        await TabTo(page, "input[name=trainingDays][value=thu]");
        await keys.PressAsync("Space");
        await TabTo(page, "input[name=unit][value=kg]");
        await keys.PressAsync("ArrowDown");
        await TabTo(page, "button[type=submit]");
        await keys.PressAsync("Enter");
        await ShouldBeOnToday(page);

        var profile = await PageApi.Call(page, "GET", "/api/profile");
        profile.GetProperty("trainingYears").GetDouble().ShouldBe(5);
        profile.GetProperty("formUnderFatigue").GetString().ShouldBe("excellent");
        profile.GetProperty("sleepHours").GetDouble().ShouldBe(8);
        profile.GetProperty("stress").GetString().ShouldBe("low");
        profile.GetProperty("split").GetString().ShouldBe("upper-lower");
        profile.GetProperty("trainingDays").GetString().ShouldBe("mon,tue,wed,thu,fri");
        profile.GetProperty("unit").GetString().ShouldBe("lb");
        profile.GetProperty("bodyweightKg").GetDouble().ShouldBe(70, 0.05, "typed in kg, shown in lb once the unit changed, stored in kg");
        profile.GetProperty("equipment").GetProperty("bar").GetDouble().ShouldBe(45, "the standard gym follows the unit");
        server.Errors.ShouldBeEmpty();
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 60 times): it is reachable from the keyboard.</summary>
    private static async Task TabTo(IPage page, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}");
    }
}
