using System.Net;
using System.Net.Http.Json;
using System.Text;
using Failsafe.Store.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>Who may reach what: no credentials, a stranger's ids, a stranger's athlete id.</summary>
public sealed class AccessTests(Servers servers) : IClassFixture<Servers>
{
    [Fact]
    public async Task Every_endpoint_that_requires_authorization_answers_401_without_credentials()
    {
        var server = servers.For(Provider.Sqlite);
        var endpoints = Api.Endpoints(server)
            .Where(e => (e.Route.StartsWith("/api", StringComparison.Ordinal) || e.Route.StartsWith("/account", StringComparison.Ordinal)) && e.RequiresAuthorization)
            .ToList();
        // The enumeration itself must not silently break: the API has dozens of protected endpoints.
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(30, string.Join(", ", endpoints));
        endpoints.ShouldContain(e => e.Method == "POST" && e.Route == "/api/sets/");
        endpoints.ShouldContain(e => e.Method == "DELETE" && e.Route == "/account/");

        using var anonymous = server.CreateClient();
        using var forged = server.CreateClient();
        forged.DefaultRequestHeaders.Authorization = Api.Bearer("CfDJ8-not-a-token");
        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var client in new[] { anonymous, forged })
            {
                using var request = Api.Request(endpoint.Method, endpoint.Path(), endpoint.AcceptsJson ? "{}" : null);
                using var response = await client.SendAsync(request, Api.Cancel);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                    wrong.Add($"{endpoint} ({(client == anonymous ? "no credentials" : "forged token")}) → {(int)response.StatusCode}");
            }
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_health_answers()
    {
        var server = servers.For(Provider.Sqlite);
        using var anonymous = server.CreateClient();
        var ann = await server.SignUp();
        foreach (var (client, path, status) in new[]
                 {
                     (anonymous, "/healthz", HttpStatusCode.OK), (anonymous, "/readyz", HttpStatusCode.OK),
                     (anonymous, "/api/today", HttpStatusCode.Unauthorized), (ann.Client, "/api/today?date=2026-03-02", HttpStatusCode.OK),
                     (ann.Client, "/api/sessions/999999", HttpStatusCode.NotFound), (ann.Client, "/account/me", HttpStatusCode.OK),
                 })
        {
            using var response = await client.GetAsync(path, Api.Cancel);
            response.StatusCode.ShouldBe(status, path);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], path);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"], path);
            if (path.StartsWith("/api", StringComparison.Ordinal))
                string.Join(",", response.Headers.GetValues("Content-Security-Policy")).ShouldContain("default-src 'none'", Case.Sensitive, path);
            response.Headers.Contains("Server").ShouldBeFalse(path);
        }
    }

    /// <summary>What athlete B holds, so a test can show a stranger changed none of it.</summary>
    private static async Task<string> Snapshot(ApiUser b)
    {
        var text = new StringBuilder();
        foreach (var path in new[]
                 {
                     "/api/sessions?from=2026-01-01&to=2026-12-31", "/api/events", "/api/injuries", "/api/exercises/custom", "/api/profile",
                     "/api/checkins?from=2026-01-01&to=2026-12-31", "/api/plans/active", "/api/coaching/coaches", "/api/coaching/invitations",
                 })
        {
            using var response = await b.Client.GetAsync(path, Api.Cancel);
            text.Append(path).Append(' ').Append((int)response.StatusCode).Append(' ').AppendLine(await response.Content.ReadAsStringAsync(Api.Cancel));
        }
        return text.ToString();
    }

    /// <summary>Athlete B with one of everything that has an id; returns the ids by route.</summary>
    private static async Task<Dictionary<string, string>> Populate(ServerFactory server, ApiUser b)
    {
        var set = await b.LogSet("2026-03-02");
        var session = await (await b.Client.PostAsJsonAsync("/api/sessions", new { date = "2026-03-04", name = "B's day" }, Api.Cancel)).Json();
        var ev = await (await b.Client.PostAsJsonAsync("/api/events", new { date = "2026-06-01", name = "B's meet" }, Api.Cancel)).Json();
        var injury = await (await b.Client.PostAsJsonAsync("/api/injuries", new { description = "B's shoulder", since = "2026-02-01" }, Api.Cancel)).Json();
        (await b.Client.PutAsJsonAsync("/api/checkins/2026-03-02", new { sleepHours = 7.5, fatigue = 2 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.PostAsJsonAsync("/api/plans", new { start = "2026-03-02", weeks = 4 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        int custom;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FailsafeDb>();
            db.AthleteId = b.AthleteId;
            var row = new CustomExerciseRow { Name = "B's Glorp Machine" };
            db.CustomExercises.Add(row);
            await db.SaveChangesAsync(Api.Cancel);
            custom = row.Id;
        }
        // A coach B accepted, and one invitation B has not answered yet.
        var coach = await server.SignUp();
        var pending = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = b.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await b.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await b.Client.PostAsync($"/api/coaching/invitations/{invitation}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var link = (await (await b.Client.GetAsync("/api/coaching/coaches", Api.Cancel)).Json()).EnumerateArray().Single().Id("linkId");
        (await pending.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = b.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var open = (await (await b.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        var sent = (await (await pending.Client.GetAsync("/api/coaching/invitations/sent", Api.Cancel)).Json()).EnumerateArray().Single().Id();

        return new Dictionary<string, string>
        {
            ["/api/sessions/{id:long}"] = Api.Text(session.Id()),
            ["/api/sessions/{id:long}/changes"] = Api.Text(session.Id()),
            ["/api/sessions/{id:long}/finish"] = Api.Text(session.Id()),
            ["/api/sets/{id:long}"] = Api.Text(set.Id()),
            ["/api/events/{id:long}"] = Api.Text(ev.Id()),
            ["/api/injuries/{id:long}/clear"] = Api.Text(injury.Id()),
            ["/api/exercises/custom/{id:int}"] = Api.Text(custom),
            ["/api/coaching/invitations/{id:long}/accept"] = Api.Text(open),
            ["/api/coaching/invitations/{id:long}"] = Api.Text(open),
            ["/api/coaching/invitations/sent/{id:long}"] = Api.Text(sent),
            ["/api/coaching/coaches/{linkId:long}"] = Api.Text(link),
            ["/api/coaching/athletes/{athleteId:int}"] = Api.Text(b.AthleteId),
        };
    }

    /// <summary>A body the endpoint would accept from its owner, so only the id can be what is refused.</summary>
    private static object? Body(ApiEndpoint e) => (e.Method, e.Route) switch
    {
        ("PATCH", "/api/sessions/{id:long}") => new { name = "renamed" },
        ("POST", "/api/sessions/{id:long}/changes") => new { action = "skip", exercise = "bench press" },
        ("POST", "/api/sessions/{id:long}/finish") => new { rpe = 7, feeling = "same" },
        ("PUT", "/api/sets/{id:long}") => new { exercise = "bench press", set = "50x5@5" },
        ("POST", "/api/sets/") => new { exercise = "bench press", set = "50x5@5", date = "2026-03-03" },
        ("POST", "/api/sessions/") => new { date = "2026-03-03" },
        ("PUT", "/api/exercises/custom/{id:int}") => new { mechanic = "isolation", maxFailure = "absolute" },
        ("PUT", "/api/profile/") => new { name = "taken over" },
        ("PUT", "/api/checkins/{date}") => new { fatigue = 5 },
        ("POST", "/api/plans/") => new { weeks = 2 },
        ("POST", "/api/events/") => new { date = "2026-07-01", name = "not mine" },
        ("POST", "/api/injuries/") => new { description = "not mine" },
        _ => e.AcceptsJson ? "{}" : null,
    };

    private static HttpRequestMessage Request(ApiEndpoint e, string path)
    {
        var request = Api.Request(e.Method, path, Body(e), e.Method is "PATCH" or "PUT" || e.Route.EndsWith("/changes", StringComparison.Ordinal) ? "\"1\"" : null);
        if (e.Route.StartsWith("/api/import", StringComparison.Ordinal))
            request.Content = new StringContent("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n2026-03-01 10:00:00;A;Squat (Barbell);1;100;kg;5\n", Encoding.UTF8, "text/csv");
        return request;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Another_athletes_ids_answer_404_on_every_endpoint_that_takes_an_id(Provider provider)
    {
        var server = servers.For(provider);
        var a = await server.SignUp();
        var b = await server.SignUp();
        await a.LogSet("2026-03-02");
        var ids = await Populate(server, b);
        var before = await Snapshot(b);

        var withIds = Api.Endpoints(server).Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal)
            && e.Parameters.Any(p => p is "id" or "linkId" or "athleteId")).ToList();
        withIds.Count.ShouldBeGreaterThanOrEqualTo(10, string.Join(", ", withIds));
        var unknown = withIds.Where(e => !ids.ContainsKey(e.Route)).ToList();
        unknown.ShouldBeEmpty("an endpoint takes an id this test does not know how to fill with another athlete's; add it to Populate");

        foreach (var e in withIds)
        {
            using var request = Request(e, e.Path(_ => ids[e.Route]));
            using var response = await a.Client.SendAsync(request, Api.Cancel);
            await response.ShouldBeProblem(HttpStatusCode.NotFound, $"{e} with B's id");
        }

        (await Snapshot(b)).ShouldBe(before);
        (await a.Sets()).Count.ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Another_athletes_id_in_the_query_answers_404_on_every_data_endpoint_like_a_missing_one(Provider provider)
    {
        var server = servers.For(provider);
        var a = await server.SignUp();
        var b = await server.SignUp();
        var ids = await Populate(server, b);
        var before = await Snapshot(b);

        var endpoints = Api.DataEndpoints(server);
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(25, string.Join(", ", endpoints));
        foreach (var e in endpoints)
        {
            foreach (var athlete in new[] { b.AthleteId, 987_654 })
            {
                var path = e.Path(p => ids.GetValueOrDefault(e.Route)) + $"?athlete={athlete}";
                using var request = Request(e, path);
                using var response = await a.Client.SendAsync(request, Api.Cancel);
                var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, $"{e} ?athlete={athlete}");
                // The same answer whether the athlete exists or not: nobody learns who is there.
                problem.Detail().ShouldBe("There is no such athlete here.");
            }
        }

        (await Snapshot(b)).ShouldBe(before);
        (await a.Sets()).ShouldBeEmpty();
    }
}
