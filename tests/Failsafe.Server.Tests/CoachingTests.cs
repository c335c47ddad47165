using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Failsafe.Server.Tests;

/// <summary>A coach reads and plans for an athlete who accepted them, never changes what the athlete logged, and loses access when revoked.</summary>
public sealed class CoachingTests(Servers servers) : IClassFixture<Servers>
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_coach_reads_and_plans_after_acceptance_cannot_change_the_log_and_loses_access_when_revoked(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var athlete = await server.SignUp();
        var set = await athlete.LogSet("2026-03-02", notes: "athlete's own");
        var session = await (await athlete.Client.GetAsync($"/api/sessions/{set.Id("sessionId")}", Api.Cancel)).Json();
        var of = $"?athlete={athlete.AthleteId}";

        // Not invited: nothing to see.
        await (await coach.Client.GetAsync("/api/today" + of, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);

        // Invited but not accepted yet: still nothing.
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await (await coach.Client.GetAsync("/api/sessions" + of, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await coach.Client.GetAsync("/api/coaching/athletes", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);

        var invitations = await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json();
        var invitation = invitations.EnumerateArray().Single();
        invitation.GetProperty("coachEmail").GetString().ShouldBe(coach.Email);
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var coached = (await (await coach.Client.GetAsync("/api/coaching/athletes", Api.Cancel)).Json()).EnumerateArray().Single();
        coached.GetProperty("athleteId").GetInt32().ShouldBe(athlete.AthleteId);

        // Reads.
        foreach (var path in new[] { "/api/today", "/api/status", "/api/sessions", "/api/profile", "/api/checkins", "/api/events", "/api/next" })
        {
            var query = path is "/api/sessions" ? of + "&from=2026-03-01&to=2026-03-05" : path is "/api/today" or "/api/status" ? of + "&date=2026-03-04" : of;
            using var response = await coach.Client.GetAsync(path + query, Api.Cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
        }
        (await coach.Client.GetStringAsync("/api/sessions" + of + "&from=2026-03-01&to=2026-03-05", Api.Cancel)).ShouldContain("athlete's own");

        // Plans and schedules.
        var plan = await coach.Client.PostAsJsonAsync("/api/plans" + of, new { start = "2026-03-02", weeks = 4 }, Api.Cancel);
        plan.StatusCode.ShouldBe(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync(Api.Cancel));
        (await athlete.Client.GetAsync("/api/plans/active", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ev = await coach.Client.PostAsJsonAsync("/api/events" + of, new { date = "2026-05-01", name = "meet" }, Api.Cancel);
        ev.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await athlete.Client.GetStringAsync("/api/events", Api.Cancel)).ShouldContain("meet");
        (await coach.Client.GetStringAsync("/api/events", Api.Cancel)).ShouldNotContain("meet");

        // Never changes what the athlete logged.
        var version = $"\"{session.GetProperty("version").GetInt32()}\"";
        var setVersion = $"\"{set.GetProperty("version").GetInt32()}\"";
        var refused = new (string Method, string Path, object? Body, string? IfMatch)[]
        {
            ("POST", "/api/sets", new { exercise = "squat", set = "100x5@8", date = "2026-03-03" }, null),
            ("PUT", $"/api/sets/{set.Id()}", new { exercise = "bench press", set = "1x1@9" }, setVersion),
            ("DELETE", $"/api/sets/{set.Id()}", null, null),
            ("POST", "/api/sessions", new { date = "2026-03-03" }, null),
            ("PATCH", $"/api/sessions/{session.Id()}", new { name = "coach was here" }, version),
            ("DELETE", $"/api/sessions/{session.Id()}", null, null),
            ("PUT", "/api/checkins/2026-03-02", new { fatigue = 5 }, null),
            ("PUT", "/api/profile", new { name = "coach's pick" }, null),
        };
        foreach (var (method, path, body, ifMatch) in refused)
        {
            using var response = await coach.Client.Send(method, path + of, body, ifMatch);
            await response.ShouldBeProblem(HttpStatusCode.Forbidden, $"coach {method} {path}");
        }
        using (var import = new StringContent("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n2026-03-01 10:00:00;A;Squat (Barbell);1;100;kg;5\n", Encoding.UTF8, "text/csv"))
            await (await coach.Client.PostAsync("/api/import/strong" + of, import, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Forbidden, "coach import");

        var sets = await athlete.Sets();
        sets.Count.ShouldBe(1);
        sets[0].GetProperty("notes").GetString().ShouldBe("athlete's own");
        sets[0].GetProperty("version").GetInt32().ShouldBe(set.GetProperty("version").GetInt32());
        (await athlete.Client.GetStringAsync("/api/profile", Api.Cancel)).ShouldNotContain("coach's pick");
        (await athlete.Client.GetStringAsync("/api/checkins?from=2026-03-01&to=2026-03-05", Api.Cancel)).ShouldBe("[]");

        // Revoked: nothing to see again, at once.
        var link = (await (await athlete.Client.GetAsync("/api/coaching/coaches", Api.Cancel)).Json()).EnumerateArray().Single();
        link.GetProperty("email").GetString().ShouldBe(coach.Email);
        (await athlete.Client.DeleteAsync($"/api/coaching/coaches/{link.Id("linkId")}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var path in new[] { "/api/today", "/api/status", "/api/sessions" })
            await (await coach.Client.GetAsync(path + of, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound, path);
        await (await coach.Client.PostAsJsonAsync("/api/events" + of, new { date = "2026-05-02", name = "again" }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await coach.Client.GetAsync("/api/coaching/athletes", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Inviting_an_unknown_email_answers_like_a_known_one(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var athlete = await server.SignUp();
        using var known = await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel);
        using var unknown = await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = $"{Guid.NewGuid():N}@example.com" }, Api.Cancel);
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await unknown.Content.ReadAsStringAsync(Api.Cancel)).ShouldBe(await known.Content.ReadAsStringAsync(Api.Cancel));
        unknown.Headers.Location.ShouldBe(known.Headers.Location);
        (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).GetArrayLength().ShouldBe(1);

        // Declined: the coach never gets in.
        var id = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await athlete.Client.DeleteAsync($"/api/coaching/invitations/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await coach.Client.GetAsync($"/api/today?athlete={athlete.AthleteId}", Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await coach.Client.PostAsync($"/api/coaching/invitations/{id}/accept", null, Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Dropping_over_athlete_ids_does_not_reveal_a_pending_invitation(Provider provider)
    {
        var server = servers.For(provider);
        var coach = await server.SignUp();
        var invited = await server.SignUp();
        var stranger = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = invited.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // Every id the coach has no accepted link to answers alike: the invited account's, a stranger's, the coach's own, none.
        var answers = new List<string>();
        foreach (var id in new[] { invited.AthleteId, stranger.AthleteId, coach.AthleteId, 999999 })
        {
            using var response = await coach.Client.DeleteAsync($"/api/coaching/athletes/{id}", Api.Cancel);
            var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, $"drop {id}");
            answers.Add(problem.Detail());
        }
        answers.Distinct().Count().ShouldBe(1, string.Join(" | ", answers));
        // The invitation is still there: the athlete may still answer it.
        (await (await invited.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).GetArrayLength().ShouldBe(1);

        // Once accepted, the coach can stop.
        var invitation = (await (await invited.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await invited.Client.PostAsync($"/api/coaching/invitations/{invitation}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await coach.Client.DeleteAsync($"/api/coaching/athletes/{invited.AthleteId}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await coach.Client.GetAsync($"/api/today?athlete={invited.AthleteId}", Api.Cancel)).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
