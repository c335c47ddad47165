using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Settings in Chromium at phone size: the profile and unit, coaches accepted and revoked, the exports, signing out and deleting the account.</summary>
public sealed class SettingsPageTests(Browser browser)
{
    /// <summary>The browser's console names every failed request: those a test provokes on purpose are not script errors.</summary>
    private static IEnumerable<string> Unexpected(WebServer server, int status) =>
        server.Errors.Where(e => !e.StartsWith($"Failed to load resource: the server responded with a status of {status}", StringComparison.Ordinal));

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_unit_and_preset_change_and_today_shows_lb_and_the_data_downloads(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        var email = await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);

        await page.GotoAsync("/settings");
        (await page.GetByLabel("Bodyweight").InputValueAsync()).ShouldBe("80");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save profile" })).ToBeEnabledAsync();
        (await page.GetByRole(AriaRole.Radio, new() { Name = "Conservative" }).IsCheckedAsync()).ShouldBeTrue("the default preset");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Competition prep" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Pounds (lb)" }).CheckAsync();
        (await page.GetByLabel("Bodyweight").InputValueAsync()).ShouldBe("176.4");
        (await page.GetByLabel("Barbell (lb)", new() { Exact = true }).InputValueAsync()).ShouldBe("45", "the standard gym follows the unit");
        (await page.GetByLabel("Plates (lb)", new() { Exact = true }).InputValueAsync()).ShouldBe("45, 35, 25, 10, 5, 2.5");
        (await page.GetByLabel("Equipment unit").InputValueAsync()).ShouldBe("lb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." }).WaitForAsync();

        var profile = await PageApi.Call(page, "GET", "/api/profile");
        profile.GetProperty("unit").GetString().ShouldBe("lb");
        profile.GetProperty("bodyweightKg").GetDouble().ShouldBe(80, 0.05);
        profile.GetProperty("equipment").GetProperty("unit").GetString().ShouldBe("lb");
        profile.GetProperty("equipment").GetProperty("bar").GetDouble().ShouldBe(45);
        profile.GetProperty("preset").GetString().ShouldBe("competition");

        await page.GotoAsync("/today");
        (await page.Locator("#today").GetAttributeAsync("data-unit")).ShouldBe("lb");
        var units = await page.Locator("form.log .unit").Filter(new() { Visible = true }).AllInnerTextsAsync();
        units.ShouldNotBeEmpty("a training day shows the next set's weight input");
        units.ShouldAllBe(u => u == "lb");

        await page.GotoAsync("/settings");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "Pounds (lb)" }).IsCheckedAsync()).ShouldBeTrue();
        (await page.GetByLabel("Bodyweight").InputValueAsync()).ShouldBe("176.4");
        (await page.GetByLabel("Barbell (lb)", new() { Exact = true }).InputValueAsync()).ShouldBe("45");
        var everything = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download everything (JSON)" }).ClickAsync());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(await everything.PathAsync(), Api.Cancel)))
            json.RootElement.GetRawText().ShouldContain(email);
        everything.SuggestedFilename.ShouldStartWith("failsafe-account-");
        var sets = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download your sets (CSV)" }).ClickAsync());
        sets.SuggestedFilename.ShouldEndWith(".csv");
        (await File.ReadAllTextAsync(await sets.PathAsync(), Api.Cancel)).ShouldNotBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import from another app" }).ClickAsync();
        await page.WaitForURLAsync("**/import");
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Lifts_pinned_in_settings_lead_the_progress_charts_and_a_bad_name_is_shown_on_its_field(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = "barbell squat", weight = 100.0, unit = "kg", reps = 5, rir = 2.0 });
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = "leg extension", weight = 40.0, unit = "kg", reps = 12, rir = 2.0 });

        await page.GotoAsync("/settings");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save profile" });
        await Assertions.Expect(save).ToBeEnabledAsync();
        var field = page.GetByLabel("Lifts to chart");
        await field.FillAsync("leg extension; zzzz qqqq");
        await save.ClickAsync();
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        (await page.Locator("form#profile .form-error").InnerTextAsync()).ShouldContain("'zzzz qqqq' is not an exercise");

        await field.FillAsync("leg extension");
        await save.ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." }).WaitForAsync();
        (await PageApi.Call(page, "GET", "/api/profile")).GetProperty("pinnedLifts")[0].GetString().ShouldBe("Leg Extensions");
        await page.GotoAsync("/settings");
        (await page.GetByLabel("Lifts to chart").InputValueAsync()).ShouldBe("Leg Extensions");

        await page.GotoAsync("/progress");
        (await page.Locator("#chart-e1rm-title").TextContentAsync()).ShouldBe("Leg Extensions: estimated 1RM");
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_coach_is_accepted_and_revoked_and_another_declined(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var email = await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        var athlete = (await PageApi.Call(page, "GET", "/api/profile")).GetProperty("athleteId").GetInt32();
        var coach = await server.Factory.SignUp();
        var other = await server.Factory.SignUp();
        foreach (var c in new[] { coach, other })
        {
            using var invite = await c.Client.PostAsJsonAsync("/api/coaching/invitations", new { email }, Api.Cancel);
            invite.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Invitations waiting" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Decline the invitation from {other.Email}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Decline the invitation from {other.Email}" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Accept {coach.Email} as your coach" }).ClickAsync();
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {coach.Email}'s access" });
        await revoke.WaitForAsync();
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Invitations waiting" }).CountAsync()).ShouldBe(0);
        (await page.Locator(".people").Last.InnerTextAsync()).ShouldContain(coach.Email);
        await page.EvaluateAsync("() => { document.activeElement?.blur(); scrollTo(0, document.getElementById('coaches-title').closest('section').getBoundingClientRect().top + scrollY - 12); }");
        await Look.Check(page, "settings");
        await Look.TapTargets(page);

        (await coach.Client.GetAsync($"/api/today?athlete={athlete}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.Client.GetAsync($"/api/today?athlete={athlete}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a declined invitation gives nothing");

        await revoke.ClickAsync();
        await page.GetByText("No coach reads your training.").WaitForAsync();
        (await coach.Client.GetAsync($"/api/today?athlete={athlete}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The other way round: the lifter invites someone to be coached, who then finds the invitation.
        await page.GetByText("Coach someone else").ClickAsync();
        await page.GetByLabel("Athlete's email").FillAsync(other.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Invitation sent to {other.Email}" }).WaitForAsync();
        var waiting = await other.Client.GetStringAsync("/api/coaching/invitations", Api.Cancel);
        waiting.ShouldContain(email);
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Deleting_the_account_needs_the_right_password(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        var confirmations = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        var email = await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);

        await page.GotoAsync("/settings");
        await page.GetByText("Delete my account", new() { Exact = true }).ClickAsync();
        var password = page.GetByLabel("Password", new() { Exact = true });
        await password.FillAsync("not my password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        (await alert.InnerTextAsync()).ShouldContain("password: does not match this account's password");
        (await password.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        page.Url.ShouldEndWith("/settings");
        (await PageApi.Call(page, "GET", "/api/profile")).GetProperty("trainingYears").GetDouble().ShouldBe(3, "nothing was deleted");

        await password.FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        confirmations.Count.ShouldBe(2);
        confirmations.ShouldAllBe(m => m.Contains("for good"));

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByText("The email or password is wrong.").WaitForAsync();
        Unexpected(server, 400).Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 401", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sign_out_leaves_for_the_sign_in_page(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/settings");
        await page.WaitForURLAsync("**/signin?**");
        server.Errors.ShouldBeEmpty();
    }
}
