using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Failsafe.Server.Tests;

/// <summary>
/// What the coach's pages read: the team summary (needs-attention first, with the reasons in words), the invitations the
/// coach sent (waiting or accepted, cancelled), and the notes between coach and athlete — with the 404 rule.
/// </summary>
public sealed class TeamTests(Servers servers) : IClassFixture<Servers>
{
    private static async Task<ApiUser> Coached(ServerFactory server, ApiUser coach)
    {
        var athlete = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single();
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return athlete;
    }

    private static async Task<JsonElement> TeamOf(ApiUser coach, string query = "")
    {
        using var response = await coach.Client.GetAsync("/api/coaching/team" + query, Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        return await response.Json();
    }

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_athlete_with_a_failed_set_and_a_poor_check_in_comes_first_with_the_reasons(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var calm = await Coached(server, coach);
        var struggling = await Coached(server, coach);
        await calm.LogSet(Today, "60x8@7", "squat");
        await struggling.LogSet(Today, "100x8 F", "bench press");
        (await struggling.Client.PutAsJsonAsync($"/api/checkins/{Today}", new { fatigue = 5, sleepHours = 4.5 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var team = await TeamOf(coach);

        team.GetProperty("total").GetInt32().ShouldBe(2);
        var athletes = team.GetProperty("athletes").EnumerateArray().ToList();
        athletes.Select(a => a.GetProperty("athleteId").GetInt32()).ShouldBe([struggling.AthleteId, calm.AthleteId]);
        var first = athletes[0];
        first.GetProperty("needsAttention").GetBoolean().ShouldBeTrue();
        var reasons = first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        reasons.ShouldContain(r => r.Contains("1 failure set in the last 3 days, though no failure is advised", StringComparison.Ordinal), string.Join(" | ", reasons));
        reasons.ShouldContain(r => r.Contains("high fatigue", StringComparison.Ordinal) && r.Contains("slept 4.5 h", StringComparison.Ordinal), string.Join(" | ", reasons));
        first.GetProperty("failureSetsUsed").GetInt32().ShouldBe(1);
        first.GetProperty("daysSinceLastSession").GetInt32().ShouldBe(0);
        first.GetProperty("weekDone").GetInt32().ShouldBe(1);
        first.GetProperty("weekPlanned").GetInt32().ShouldBe(3);
        first.GetProperty("email").GetString().ShouldBe(struggling.Email);
        athletes[1].GetProperty("needsAttention").GetBoolean().ShouldBeFalse();
        (await TeamOf(coach, "?show=attention")).GetProperty("athletes").GetArrayLength().ShouldBe(1);
        (await TeamOf(coach, "?q=" + Uri.EscapeDataString(calm.Email[..8]))).GetProperty("athletes").EnumerateArray().Single().GetProperty("athleteId").GetInt32().ShouldBe(calm.AthleteId);
        var kinds = team.GetProperty("warningsByKind").EnumerateArray().ToList();
        kinds.Sum(k => k.GetProperty("athletes").GetInt32()).ShouldBe(athletes.Sum(a => a.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).Distinct().Count()));
        await (await coach.Client.GetAsync("/api/coaching/team?show=lazy", Api.Cancel)).ShouldBeProblem(HttpStatusCode.BadRequest);

        // A revoked athlete leaves the list.
        var link = (await (await struggling.Client.GetAsync("/api/coaching/coaches", Api.Cancel)).Json()).EnumerateArray().Single();
        (await struggling.Client.DeleteAsync($"/api/coaching/coaches/{link.Id("linkId")}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TeamOf(coach)).GetProperty("athletes").EnumerateArray().Single().GetProperty("athleteId").GetInt32().ShouldBe(calm.AthleteId);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Sent_invitations_look_the_same_with_or_without_an_account_and_are_cancelled(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var other = await server.SignUp();
        var athlete = await Coached(server, coach);
        var nobody = $"{Guid.NewGuid():N}@example.com";
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = other.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = nobody }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var sent = (await (await coach.Client.GetAsync("/api/coaching/invitations/sent", Api.Cancel)).Json()).EnumerateArray().ToList();

        sent.Count.ShouldBe(3);
        var byEmail = sent.ToDictionary(s => s.GetProperty("email").GetString()!);
        byEmail[athlete.Email].GetProperty("state").GetString().ShouldBe("accepted");
        byEmail[athlete.Email].GetProperty("athleteId").GetInt32().ShouldBe(athlete.AthleteId);
        byEmail[other.Email].GetProperty("state").GetString().ShouldBe("waiting");
        byEmail[nobody].GetProperty("state").GetString().ShouldBe("waiting");
        byEmail[other.Email].EnumerateObject().Select(p => p.Name).ShouldBe(byEmail[nobody].EnumerateObject().Select(p => p.Name));

        // Cancelling: the invitation leaves the athlete's list too; someone else's id, or an accepted one, cannot be cancelled.
        (await coach.Client.DeleteAsync($"/api/coaching/invitations/sent/{byEmail[other.Email].Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await coach.Client.DeleteAsync($"/api/coaching/invitations/sent/{byEmail[nobody].Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await other.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
        await (await other.Client.DeleteAsync($"/api/coaching/invitations/sent/{byEmail[athlete.Email].Id()}", Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await coach.Client.DeleteAsync($"/api/coaching/invitations/sent/{byEmail[athlete.Email].Id()}", Api.Cancel)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await (await coach.Client.GetAsync("/api/coaching/invitations/sent", Api.Cancel)).Json()).GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_invitation_to_an_address_without_an_account_waits_for_it_to_register(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var cancelled = await server.SignUp();
        var email = $"{Guid.NewGuid():N}@example.com";
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The athlete registers after the invitation was sent: it is waiting for them, and accepting it links them.
        var athlete = await server.SignUp(email);
        var invitation = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single();
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var sent = (await (await coach.Client.GetAsync("/api/coaching/invitations/sent", Api.Cancel)).Json()).EnumerateArray().Single();
        (sent.GetProperty("state").GetString(), sent.GetProperty("athleteId").GetInt32()).ShouldBe(("accepted", athlete.AthleteId));

        // One cancelled before the address registered never reaches it.
        var later = $"{Guid.NewGuid():N}@example.com";
        (await cancelled.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = later }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await (await cancelled.Client.GetAsync("/api/coaching/invitations/sent", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await cancelled.Client.DeleteAsync($"/api/coaching/invitations/sent/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var newcomer = await server.SignUp(later);
        (await (await newcomer.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_coach_writes_a_note_the_athlete_answers_and_no_one_else_reads_or_writes(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var stranger = await server.SignUp();
        var athlete = await Coached(server, coach);
        var set = await athlete.LogSet(Today, "100x5@8", "squat");
        var of = $"?athlete={athlete.AthleteId}";

        using var note = await coach.Client.PostAsJsonAsync("/api/notes" + of, new { sessionId = set.Id("sessionId"), text = "Great depth today. Keep the bar path." }, Api.Cancel);
        note.StatusCode.ShouldBe(HttpStatusCode.Created, await note.Content.ReadAsStringAsync(Api.Cancel));
        (await athlete.Client.PostAsJsonAsync("/api/notes", new { text = "Thanks! Knee felt fine." }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var thread = (await (await athlete.Client.GetAsync("/api/notes", Api.Cancel)).Json()).EnumerateArray().ToList();
        thread.Select(n => n.GetProperty("fromCoach").GetBoolean()).ShouldBe([true, false]);
        thread[0].GetProperty("author").GetString().ShouldBe(coach.Email);
        thread[0].GetProperty("date").GetString().ShouldBe(Today);
        thread[1].GetProperty("text").GetString().ShouldBe("Thanks! Knee felt fine.");
        (await (await coach.Client.GetAsync("/api/notes" + of, Api.Cancel)).Json()).GetArrayLength().ShouldBe(2);

        await (await stranger.Client.GetAsync("/api/notes" + of, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsJsonAsync("/api/notes" + of, new { text = "hi" }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await coach.Client.PostAsJsonAsync("/api/notes" + of, new { text = " " }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("text")[0].GetString()!.ShouldContain("required");
        (await (await coach.Client.PostAsJsonAsync("/api/notes" + of, new { text = "x", sessionId = 999999999 }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("sessionId")[0].GetString()!.ShouldContain("not one of the athlete's sessions");
    }
}
