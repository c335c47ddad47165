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
