using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>
/// The policy preset kept in the profile (RULES "Presets"): set by the athlete on PUT /api/profile or by a coach on
/// PUT /api/profile/preset, and used by every decision on the stored log (today, status, next).
/// </summary>
public sealed class ProfilePresetTests(Servers servers) : IClassFixture<Servers>
{
    private static async Task<double> MaxFailureShare(ApiUser user, string query = "") =>
        (await (await user.Client.GetAsync("/api/status" + query, Api.Cancel)).Json()).GetProperty("rirBuckets").GetProperty("maxFailureShare").GetDouble();

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_preset_in_the_profile_decides_status_and_is_shown_in_the_profile(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();
        (await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json()).GetProperty("preset").GetString().ShouldBe("conservative");
        var byDefault = await MaxFailureShare(ann);

        using var put = await ann.Client.PutAsJsonAsync("/api/profile", new { preset = "hit" }, Api.Cancel);

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Api.Cancel));
        (await put.Json()).GetProperty("preset").GetString().ShouldBe("hit");
        byDefault.ShouldBe(0.2);
        (await MaxFailureShare(ann)).ShouldBe(0.5);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unknown_preset_is_refused_listing_the_presets_and_nothing_changes(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();

        using var put = await ann.Client.PutAsJsonAsync("/api/profile", new { preset = "yolo", sleepHours = 9 }, Api.Cancel);

        var problem = await put.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("preset")[0].GetString().ShouldBe("'yolo' is not a preset; the presets are conservative, hit, competition, endurance");
        var profile = await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json();
        profile.GetProperty("sleepHours").GetDouble().ShouldBe(7);
        profile.GetProperty("preset").GetString().ShouldBe("conservative");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_coach_sets_the_preset_of_an_athlete_who_accepted_and_no_one_else(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var athlete = await server.SignUp();
        var stranger = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single();
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var of = $"?athlete={athlete.AthleteId}";

        using var set = await coach.Client.PutAsJsonAsync("/api/profile/preset" + of, new { preset = "hit" }, Api.Cancel);
        using var unknown = await coach.Client.PutAsJsonAsync("/api/profile/preset" + of, new { preset = "yolo" }, Api.Cancel);
        using var strangers = await stranger.Client.PutAsJsonAsync("/api/profile/preset" + of, new { preset = "endurance" }, Api.Cancel);

        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync(Api.Cancel));
        (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("preset")[0].GetString()!.ShouldContain("conservative, hit, competition, endurance");
        await strangers.ShouldBeProblem(HttpStatusCode.NotFound);
        (await MaxFailureShare(athlete)).ShouldBe(0.5);
        (await MaxFailureShare(coach, of)).ShouldBe(0.5);
    }
}
