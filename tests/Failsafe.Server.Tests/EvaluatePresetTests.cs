using System.Net;
using System.Text.Json;

namespace Failsafe.Server.Tests;

/// <summary><c>POST /api/evaluate?policy=NAME</c>: the rulebook's presets (RULES "Presets") through the API, as on the command line.</summary>
public sealed class EvaluatePresetTests(Servers servers) : IClassFixture<Servers>
{
    private static readonly string Scenario = File.ReadAllText(Path.Combine(FuzzTests.RepoRoot(), "examples", "scenario.json"));

    private static List<string> Failures(JsonElement evaluation) =>
        [.. evaluation.GetProperty("exercises").EnumerateArray().SelectMany(e => e.GetProperty("sets").EnumerateArray()).Select(s => s.GetProperty("failure").GetString()!)];

    [Fact]
    public async Task Endurance_preset_allows_no_failure_where_the_default_does()
    {
        var ann = await servers.For(Provider.Sqlite).SignUp();

        using var byDefault = await ann.Client.Send("POST", "/api/evaluate", Scenario);
        using var endurance = await ann.Client.Send("POST", "/api/evaluate?policy=endurance", Scenario);

        byDefault.StatusCode.ShouldBe(HttpStatusCode.OK);
        endurance.StatusCode.ShouldBe(HttpStatusCode.OK);
        Failures(await byDefault.Json()).ShouldContain(f => f != "none");
        Failures(await endurance.Json()).ShouldAllBe(f => f == "none");
    }

    [Fact]
    public async Task Unknown_preset_answers_400_naming_the_presets()
    {
        var ann = await servers.For(Provider.Sqlite).SignUp();

        using var response = await ann.Client.Send("POST", "/api/evaluate?policy=yolo", Scenario);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Detail().ShouldContain("conservative, hit, competition, endurance");
    }
}
