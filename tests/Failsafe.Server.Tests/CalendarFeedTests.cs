using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Failsafe.Store.Data;
using Failsafe.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>
/// The private calendar feed: an address made (and rotated, and turned off) by the signed-in athlete that serves their
/// active plan as iCalendar to anyone holding it, and nothing to anyone else; and the plan re-laid from today
/// (<c>POST /api/plans/active/adjust</c>) as <c>failsafe plan adjust</c> does it.
/// </summary>
public sealed class CalendarFeedTests(Servers servers) : IClassFixture<Servers>
{
    private static async Task Profile(ApiUser user, string days = "mon,wed,fri")
    {
        using var profile = await user.Client.PutAsJsonAsync("/api/profile", new
        {
            name = "Sam", trainingYears = 3, formUnderFatigue = "good", sleepHours = 8, stress = "low", goal = "hypertrophy",
            split = "full-body", unit = "kg", trainingDays = days, bodyweightKg = 80,
        }, Api.Cancel);
        profile.StatusCode.ShouldBe(HttpStatusCode.OK, await profile.Content.ReadAsStringAsync(Api.Cancel));
    }

    private static async Task NewPlan(ApiUser user, string start, int weeks, string? days = null)
    {
        using var plan = await user.Client.PostAsJsonAsync("/api/plans", new { start, weeks, days }, Api.Cancel);
        plan.StatusCode.ShouldBe(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync(Api.Cancel));
    }

    private static async Task<string> MakeFeed(ApiUser user)
    {
        using var response = await user.Client.PostAsync("/api/plans/feed", null, Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        return (await response.Json()).GetProperty("url").GetString()!;
    }

    /// <summary>The feed as a calendar app reads it: no cookie, no token.</summary>
    private static async Task<HttpResponseMessage> Read(ServerFactory server, string url)
    {
        using var anonymous = server.CreateClient();
        return await anonymous.GetAsync(new Uri(url).PathAndQuery, Api.Cancel);
    }

    /// <summary>ical.js (not Ical.Net, which wrote it) parses the calendar; the number of events it found.</summary>
    private static async Task<int> Validate(string ics)
    {
        var checkDir = await NodeTool.Require("ical-check", "ical.js");
        var file = Path.Combine(Path.GetTempPath(), $"failsafe-feed-{Guid.NewGuid():N}.ics");
        try
        {
            await File.WriteAllTextAsync(file, ics, Api.Cancel);
            var (exitCode, output, error) = await NodeTool.Run("node", NodeTool.RepoRoot(), TimeSpan.FromMinutes(1), Path.Combine(checkDir, "check.mjs"), file);
            exitCode.ShouldBe(0, $"ical.js rejected the feed:\n{error}{output}");
            return int.Parse(output.Trim()["events: ".Length..], CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Secret(string url) => url[(url.LastIndexOf('/') + 1)..^".ics".Length];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_feed_serves_the_active_plan_without_sign_in_and_the_profile_keeps_only_its_hash(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        await Profile(ann);
        await NewPlan(ann, "2026-03-02", 2);

        var url = await MakeFeed(ann);

        url.ShouldStartWith(server.ClientOptions.BaseAddress.ToString().TrimEnd('/') + "/calendar/");
        url.ShouldEndWith(".ics");
        var secret = Secret(url);
        secret.Length.ShouldBe(43);
        using var feed = await Read(server, url);
        var ics = await feed.Content.ReadAsStringAsync(Api.Cancel);
        feed.StatusCode.ShouldBe(HttpStatusCode.OK, ics);
        feed.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        feed.Headers.CacheControl!.Private.ShouldBeTrue();
        // Two weeks on Monday, Wednesday and Friday.
        (await Validate(ics)).ShouldBe(6);
        ics.ShouldContain("DTSTART;VALUE=DATE:20260302");
        // The same calendar as the signed-in download.
        var signedIn = await ann.Client.GetStringAsync("/api/plans/active.ics", Api.Cancel);
        ics.ShouldBe(signedIn);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FailsafeDb>();
        var stored = await db.Profiles.AsNoTracking().Where(p => p.Id == ann.AthleteId).Select(p => p.CalendarFeedHash).SingleAsync(Api.Cancel);
        stored.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret))));
        stored!.ShouldNotContain(secret);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Rotating_turns_the_old_address_off_at_once_and_turning_off_ends_every_address(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        await Profile(ann);
        await NewPlan(ann, "2026-03-02", 1);
        var first = await MakeFeed(ann);

        var second = await MakeFeed(ann);

        second.ShouldNotBe(first);
        await (await Read(server, first)).ShouldBeProblem(HttpStatusCode.NotFound);
        using (var fresh = await Read(server, second))
            fresh.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var off = await ann.Client.DeleteAsync("/api/plans/feed", Api.Cancel);
        off.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await Read(server, second)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Read(server, first)).ShouldBeProblem(HttpStatusCode.NotFound);

        // On again: a new address, the ones before stay dead.
        var third = await MakeFeed(ann);
        using (var again = await Read(server, third))
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await Read(server, second)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Each_address_serves_only_its_own_athlete_and_made_up_ones_serve_nothing(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var bob = await server.SignUp();
        await Profile(ann, "mon,wed,fri");
        await Profile(bob, "tue,thu");
        await NewPlan(ann, "2026-03-02", 1);
        await NewPlan(bob, "2026-03-02", 1);
        var annUrl = await MakeFeed(ann);
        var bobUrl = await MakeFeed(bob);

        var annIcs = await (await Read(server, annUrl)).Content.ReadAsStringAsync(Api.Cancel);
        var bobIcs = await (await Read(server, bobUrl)).Content.ReadAsStringAsync(Api.Cancel);

        annIcs.ShouldBe(await ann.Client.GetStringAsync("/api/plans/active.ics", Api.Cancel));
        bobIcs.ShouldBe(await bob.Client.GetStringAsync("/api/plans/active.ics", Api.Cancel));
        annIcs.ShouldContain("DTSTART;VALUE=DATE:20260302");
        annIcs.ShouldNotContain("DTSTART;VALUE=DATE:20260303");
        bobIcs.ShouldContain("DTSTART;VALUE=DATE:20260303");
        bobIcs.ShouldNotContain("DTSTART;VALUE=DATE:20260302");

        // Bob rotating his leaves Ann's working.
        await MakeFeed(bob);
        (await Read(server, annUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Addresses nobody was given: the right shape, a wrong shape, Ann's with a letter changed, the hash itself.
        var secret = Secret(annUrl);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
        foreach (var made in new[] { new string('A', 43), "x", secret[..42] + (secret[42] == 'A' ? 'B' : 'A'), hash, secret + "A" })
            await (await Read(server, annUrl.Replace(secret, made, StringComparison.Ordinal))).ShouldBeProblem(HttpStatusCode.NotFound, made);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Without_an_active_plan_the_feed_stays_valid_and_empty(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        await Profile(ann);
        var url = await MakeFeed(ann);

        using var feed = await Read(server, url);

        feed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Validate(await feed.Content.ReadAsStringAsync(Api.Cancel))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_coach_cannot_make_or_end_an_athletes_feed_but_can_re_lay_their_plan(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var athlete = await server.SignUp();
        await Profile(athlete);
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single();
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var of = $"?athlete={athlete.AthleteId}";
        var url = await MakeFeed(athlete);

        await (await coach.Client.PostAsync("/api/plans/feed" + of, null, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await coach.Client.DeleteAsync("/api/plans/feed" + of, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await Read(server, url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await NewPlan(athlete, Today(-7), 4);
        using var adjusted = await coach.Client.PostAsync("/api/plans/active/adjust" + of, null, Api.Cancel);
        adjusted.StatusCode.ShouldBe(HttpStatusCode.OK, await adjusted.Content.ReadAsStringAsync(Api.Cancel));
        (await (await athlete.Client.GetAsync("/api/plans/active", Api.Cancel)).Json()).GetProperty("start").GetString().ShouldBe(Today(0));
    }

    /// <summary>The server's today (UTC: the profiles here have no time zone), moved by <paramref name="days"/>.</summary>
    private static string Today(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Adjusting_re_lays_the_weeks_left_from_today_and_keeps_the_days(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        await Profile(ann);
        await (await ann.Client.PostAsync("/api/plans/active/adjust", null, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        await NewPlan(ann, Today(-10), 4, "tue,thu,sat");

        using var response = await ann.Client.PostAsync("/api/plans/active/adjust", null, Api.Cancel);

        var body = await response.Json();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        var plan = body.GetProperty("plan");
        plan.GetProperty("start").GetString().ShouldBe(Today(0));
        // 28 days from 10 days ago leave 18 days: three weeks, the last one partly past the old end.
        plan.GetProperty("weeks").GetInt32().ShouldBe(3);
        plan.GetProperty("days").GetString().ShouldBe("tue,thu,sat");
        plan.GetProperty("active").GetBoolean().ShouldBeTrue();
        body.GetProperty("deload").GetBoolean().ShouldBeFalse();
        var active = await (await ann.Client.GetAsync("/api/plans/active", Api.Cancel)).Json();
        active.GetProperty("start").GetString().ShouldBe(Today(0));

        // A plan that has ended is not re-laid: a new one is made instead.
        await NewPlan(ann, Today(-30), 2);
        var ended = await (await ann.Client.PostAsync("/api/plans/active/adjust", null, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Conflict);
        ended.Detail().ShouldContain("ended on " + Today(-17));
    }
}
