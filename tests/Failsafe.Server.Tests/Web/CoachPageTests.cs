using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// The coach's side in Chromium: invitations, the athletes list (needs attention first, with the reason), an athlete's
/// pages, the preset and an event reaching the athlete's Today, notes both ways, and a revocation that closes it all.
/// </summary>
public sealed class CoachPageTests(Browser browser)
{
    private static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task Accept(IPage athlete)
    {
        var invitation = (await PageApi.Call(athlete, "GET", "/api/coaching/invitations")).EnumerateArray().Single();
        await PageApi.Call(athlete, "POST", $"/api/coaching/invitations/{invitation.GetProperty("id").GetInt64()}/accept");
    }

    private static async Task<int> Status(IPage page, string path) => (await page.GotoAsync(path))!.Status;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_coach_invites_sees_who_needs_attention_plans_writes_a_note_and_loses_access_when_revoked(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var sam = await server.Visitor();
        var samEmail = await WebServer.CreateAccount(sam);
        await PageApi.Lifter(sam);
        var samId = (await PageApi.Call(sam, "GET", "/api/profile")).GetProperty("athleteId").GetInt32();
        var calm = await server.Visitor();
        var calmEmail = await WebServer.CreateAccount(calm);
        await PageApi.Lifter(calm);
        await PageApi.Call(calm, "PUT", "/api/profile", new { name = "Alex" });
        var never = await server.Factory.SignUp();

        var coach = await server.Visitor();
        coach.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var coachEmail = await WebServer.CreateAccount(coach);
        await coach.GotoAsync("/athletes");
        foreach (var email in new[] { samEmail, never.Email, calmEmail })
        {
            await coach.GetByLabel("Athlete's email").FillAsync(email);
            await coach.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
            await coach.GetByRole(AriaRole.Button, new() { Name = $"Cancel the invitation to {email}" }).WaitForAsync();
        }
        await Accept(sam);
        await Accept(calm);

        // Only those who accepted are listed; the other invitation waits, and is cancelled.
        await coach.GotoAsync("/athletes");
        (await coach.Locator("li.athlete").CountAsync()).ShouldBe(2);
        (await coach.Locator("ol.athletes").InnerTextAsync()).ShouldNotContain(never.Email);
        await coach.GetByRole(AriaRole.Button, new() { Name = $"Cancel the invitation to {never.Email}" }).ClickAsync();
        await coach.GetByRole(AriaRole.Button, new() { Name = $"Cancel the invitation to {never.Email}" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await never.Client.GetStringAsync("/api/coaching/invitations", Api.Cancel)).ShouldBe("[]");

        // Sam logs a failed set and a poor check-in: Sam moves to the top, with the reason in words.
        var today = await PageApi.Today(sam);
        await PageApi.Call(sam, "POST", "/api/sets", new { exercise = "bench press", set = "100x6 F", date = Text(today) });
        await PageApi.Call(sam, "PUT", $"/api/checkins/{Text(today)}", new { fatigue = 5, sleepHours = 4.5 });
        await coach.GotoAsync("/athletes");
        var first = coach.Locator("li.athlete").First;
        (await first.GetAttributeAsync("data-athlete")).ShouldBe(samId.ToString(CultureInfo.InvariantCulture));
        (await first.Locator(".reasons").InnerTextAsync()).ShouldContain("high fatigue (5)");
        (await first.Locator(".facts").InnerTextAsync()).ShouldContain("1 of");
        await coach.GetByRole(AriaRole.Radio, new() { Name = "Needs attention" }).CheckAsync();
        await coach.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await coach.WaitForURLAsync("**/athletes?**show=attention**");
        (await coach.Locator("li.athlete").CountAsync()).ShouldBe(1);
        await coach.GotoAsync("/athletes");
        await Look.Check(coach, "coach-athletes");

        // The coach changes the preset and adds an event; Sam's Today reflects both.
        await coach.GetByRole(AriaRole.Link, new() { Name = "Sam" }).ClickAsync();
        await coach.WaitForURLAsync($"**/athletes/{samId}");
        await coach.GetByLabel("Preset").SelectOptionAsync("endurance");
        await coach.RunAndWaitForResponseAsync(() => coach.GetByRole(AriaRole.Button, new() { Name = "Save preset" }).ClickAsync(), r => r.Url.Contains("/api/profile/preset", StringComparison.Ordinal));
        await Assertions.Expect(coach.GetByLabel("Preset")).ToHaveValueAsync("endurance");
        (await PageApi.Call(sam, "GET", "/api/profile")).GetProperty("preset").GetString().ShouldBe("endurance");
        await coach.GotoAsync($"/athletes/{samId}/plan");
        await coach.GetByLabel("Date", new() { Exact = true }).FillAsync(Text(today.AddDays(1)));
        await coach.GetByLabel("What it is").FillAsync("Club meet");
        await coach.GetByRole(AriaRole.Button, new() { Name = "Add event" }).ClickAsync();
        await coach.GetByText("Club meet").First.WaitForAsync();
        await Look.Check(coach, "coach-athlete-plan", screenshot: false);
        await sam.GotoAsync("/today");
        (await sam.Locator(".alerts").InnerTextAsync()).ShouldContain("Club meet");
        (await sam.Locator("main").InnerTextAsync()).ShouldNotMatch(@"to \w+ failure", "the endurance preset allows no set to failure");

        // An exercise Sam added, classified by the coach.
        await PageApi.Call(sam, "POST", "/api/exercises/custom", new { name = "Glorp Machine 3000" });
        await coach.GotoAsync($"/athletes/{samId}");
        var classify = coach.GetByRole(AriaRole.Form, new() { Name = "Classify Glorp Machine 3000" });
        await classify.GetByLabel("Movement").SelectOptionAsync("compound");
        await classify.GetByLabel("Demand on the nervous system").SelectOptionAsync("moderate");
        await classify.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await classify.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var custom = (await PageApi.Call(sam, "GET", "/api/exercises/custom")).EnumerateArray().Single();
        custom.GetProperty("classified").GetBoolean().ShouldBeTrue();
        custom.GetProperty("mechanic").GetString().ShouldBe("compound");

        // A note to Sam, who sees it on Today and answers; the coach sees the answer.
        await coach.GotoAsync($"/athletes/{samId}");
        await coach.GetByLabel("Note to Sam").FillAsync("Rough night? Keep today light and sleep early.");
        await coach.GetByRole(AriaRole.Button, new() { Name = "Send note" }).ClickAsync();
        await coach.Locator(".thread").GetByText("Rough night?").WaitForAsync();
        await sam.GotoAsync("/today");
        await sam.GetByRole(AriaRole.Heading, new() { Name = "From your coach" }).WaitForAsync();
        (await sam.Locator(".thread").InnerTextAsync()).ShouldContain("Rough night? Keep today light and sleep early.");
        await sam.GetByLabel("Answer").FillAsync("Will do, thanks.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await sam.Locator(".thread").GetByText("Will do, thanks.").WaitForAsync();
        await coach.ReloadAsync();
        (await coach.Locator(".thread").InnerTextAsync()).ShouldContain("Will do, thanks.");
        await Look.Check(coach, "coach-athlete");
        await coach.GotoAsync($"/athletes/{samId}/today");
        (await coach.Locator("form.log").CountAsync()).ShouldBe(0, "a coach reads the athlete's day but logs nothing");
        await Look.Check(coach, "coach-athlete-today", screenshot: false);
        foreach (var page in new[] { "status", "history", "progress" })
        {
            await coach.GotoAsync($"/athletes/{samId}/{page}");
            await Look.Check(coach, $"coach-athlete-{page}", screenshot: false);
        }
        await coach.GotoAsync("/team");
        (await coach.Locator("#events-title").Locator("xpath=..").InnerTextAsync()).ShouldContain("Club meet");
        await Look.Check(coach, "coach-team");

        // The desktop view of the list.
        var desk = await server.Visitor(phone: false);
        await WebServer.SignIn(desk, coachEmail);
        await desk.GotoAsync("/athletes");
        await Look.Check(desk, "coach-athletes-desktop");

        // Sam revokes: the list no longer shows Sam, and Sam's pages answer 404.
        var link = (await PageApi.Call(sam, "GET", "/api/coaching/coaches")).EnumerateArray().Single().GetProperty("linkId").GetInt64();
        await PageApi.Call(sam, "DELETE", $"/api/coaching/coaches/{link}");
        await coach.GotoAsync("/athletes");
        (await coach.Locator("li.athlete").CountAsync()).ShouldBe(1);
        (await coach.Locator("ol.athletes").InnerTextAsync()).ShouldNotContain("Sam");
        foreach (var path in new[] { $"/athletes/{samId}", $"/athletes/{samId}/today", $"/athletes/{samId}/plan", $"/athletes/{samId}/history" })
            (await Status(coach, path)).ShouldBe((int)HttpStatusCode.NotFound, path);
        server.Errors.ShouldBeEmpty();
    }
}
