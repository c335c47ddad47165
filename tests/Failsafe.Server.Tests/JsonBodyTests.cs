using System.Net;

namespace Failsafe.Server.Tests;

/// <summary>Every endpoint that takes a JSON body answers a malformed one with a 400 problem that says what is wrong.</summary>
public sealed class JsonBodyTests(Servers servers) : IClassFixture<Servers>
{
    [Fact]
    public async Task Malformed_json_answers_400_with_a_problem_naming_it_on_every_json_endpoint()
    {
        var server = servers.For(Provider.Sqlite);
        var ann = await server.SignUp();
        var endpoints = Api.Endpoints(server).Where(e => e.AcceptsJson).ToList();
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(15, string.Join(", ", endpoints));
        endpoints.ShouldContain(e => e.Method == "POST" && e.Route == "/api/sets/");
        endpoints.ShouldContain(e => e.Method == "POST" && e.Route == "/account/register");

        var wrong = new List<string>();
        foreach (var e in endpoints)
        {
            foreach (var body in new[] { "{\"date\": \"2026-03-02\", ", "{not json}" })
            {
                using var request = Api.Request(e.Method, e.Path(), body, "\"1\"");
                using var response = await ann.Client.SendAsync(request, Api.Cancel);
                var text = await response.Content.ReadAsStringAsync(Api.Cancel);
                if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    wrong.Add($"{e} {body} → {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
                    continue;
                }
                var detail = (await response.Json()).Detail();
                // Names the problem: that the JSON is bad and where, not a bare "Bad Request".
                if (!detail.Contains("JSON", StringComparison.OrdinalIgnoreCase) || !(detail.Contains("line", StringComparison.OrdinalIgnoreCase) || detail.Contains("position", StringComparison.OrdinalIgnoreCase) || detail.Contains('$', StringComparison.Ordinal)))
                    wrong.Add($"{e} {body} → detail does not name the problem: {detail}");
            }
        }
        wrong.ShouldBeEmpty();
        (await ann.Sets("1900-01-01", "2200-01-01")).ShouldBeEmpty();
        (await ann.Client.GetAsync("/account/me", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_text_with_a_nul_character_is_refused_naming_the_field_and_nothing_is_stored(Provider provider)
    {
        // PostgreSQL cannot store U+0000 in text; found by the fuzz test as a 500 on PostgreSQL.
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using (var session = await ann.Client.Send("POST", "/api/sessions", "{\"notes\":null,\"notes\":\"@example.com\",\"name\":\"lbs\\u0000\"}"))
        {
            var problem = await session.ShouldBeProblem(HttpStatusCode.BadRequest);
            problem.Detail().ShouldBe("name: holds the NUL character (U+0000), which cannot be stored; remove it");
            problem.GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe("holds the NUL character (U+0000), which cannot be stored; remove it");
        }
        using (var set = await ann.Client.Send("POST", "/api/sets", "{\"exercise\":\"bench press\",\"set\":\"100x8@8\",\"date\":\"2026-03-02\",\"notes\":\"a\\u0000b\"}"))
            (await set.ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldStartWith("notes: holds the NUL character");
        using (var register = await server.CreateClient().PostAsync("/account/register",
            new StringContent("{\"email\":\"x\\u0000@example.com\",\"password\":\"lift heavy 9 times\"}", System.Text.Encoding.UTF8, "application/json"), Api.Cancel))
            (await register.ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldStartWith("email: holds the NUL character");
        using (var search = await ann.Client.GetAsync("/api/sessions?from=2026-03-01%00&to=2026-03-31", Api.Cancel))
            await search.ShouldBeProblem(HttpStatusCode.BadRequest);

        (await ann.Sets("1900-01-01", "2200-01-01")).ShouldBeEmpty();
        (await (await ann.Client.GetAsync("/api/sessions?from=1900-01-01&to=2200-01-01", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
        // Text without NUL still goes through.
        using var fine = await ann.Client.Send("POST", "/api/sessions", "{\"name\":\"lbs\"}");
        fine.StatusCode.ShouldBe(HttpStatusCode.Created, await fine.Content.ReadAsStringAsync(Api.Cancel));
    }

    [Fact]
    public async Task A_very_long_exercise_name_is_refused_at_once()
    {
        // Found by the fuzz test: a 20,000-character name was compared with every catalog name (34 s) before the
        // length check refused it, and the client timed out.
        var server = servers.For(Provider.Sqlite);
        var ann = await server.SignUp();
        using var client = server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        client.DefaultRequestHeaders.Authorization = ann.Client.DefaultRequestHeaders.Authorization;
        using var request = Api.Request("POST", "/api/sets", new { exercise = new string('x', 20_000), set = "100x8@8" });
        using var response = await client.SendAsync(request, Api.Cancel);
        (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldContain("exercise: longer than 200 characters");
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_in_the_problem()
    {
        var server = servers.For(Provider.Sqlite);
        var ann = await server.SignUp();
        using var response = await ann.Client.Send("POST", "/api/sets", "{\"exercise\": \"bench press\", \"weight\": 100, \"reps\": \"eight\"}");
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Detail().ShouldContain("$.reps");
    }
}
