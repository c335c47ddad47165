using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>A day's session changes on the API (skip, swap, add, reorder) carry its version, and the next set follows them; custom exercises are created on the same rules as the command line's.</summary>
public sealed class SessionChangeTests(Servers servers) : IClassFixture<Servers>
{
    private const string Wednesday = "2026-03-04";

    private static async Task<string> NextExercise(ApiUser user)
    {
        using var response = await user.Client.GetAsync($"/api/next?date={Wednesday}", Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        return (await response.Json()).GetProperty("exercise").GetString()!;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Skipping_the_next_exercise_moves_next_on_and_a_stale_version_is_refused(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var set = await ann.LogSet(date: Wednesday, exercise: "lateral raise", set: "5x20");
        var session = set.Id("sessionId");
        var first = await NextExercise(ann);

        using var skipped = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "skip", exercise = first }, "\"0\"");
        skipped.StatusCode.ShouldBe(HttpStatusCode.OK, await skipped.Content.ReadAsStringAsync(Api.Cancel));
        skipped.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await skipped.Json()).GetProperty("changes").GetProperty("skipped").GetArrayLength().ShouldBe(1);
        (await NextExercise(ann)).ShouldNotBe(first);
        // Today shows the day as changed, like the web app and the command line.
        using var today = await ann.Client.GetAsync($"/api/today?date={Wednesday}", Api.Cancel);
        (await today.Json()).GetProperty("evaluation").GetProperty("exercises").EnumerateArray()
            .Select(e => e.GetProperty("exercise").GetString()).ShouldNotContain(first);

        using var stale = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "unskip", exercise = first }, "\"0\"");
        await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var missing = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "unskip", exercise = first });
        await missing.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        using var bad = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "swap", exercise = first, with = "Super Machine 3000" }, "\"1\"");
        await bad.ShouldBeProblem(HttpStatusCode.BadRequest);

        // An exercise the day does not have cannot be skipped, as on the command line; the version stays.
        using var notPlanned = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "skip", exercise = "Barbell Shrug" }, "\"1\"");
        (await notPlanned.ShouldBeProblem(HttpStatusCode.BadRequest)).ToString().ShouldContain("is not in 2026-03-04's session");

        using var back = await ann.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "unskip", exercise = first }, "\"1\"");
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await NextExercise(ann)).ShouldBe(first);

        var bob = await server.SignUp();
        using var others = await bob.Client.Send("POST", $"/api/sessions/{session}/changes", new { action = "skip", exercise = first }, "\"2\"");
        await others.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Finishing_a_session_keeps_its_RPE_and_the_lifters_feeling_and_shows_them(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var session = (await ann.LogSet(date: Wednesday)).Id("sessionId");

        using var finished = await ann.Client.Send("POST", $"/api/sessions/{session}/finish", new { rpe = 8, feeling = "worse" });
        finished.StatusCode.ShouldBe(HttpStatusCode.OK, await finished.Content.ReadAsStringAsync(Api.Cancel));
        using var read = await ann.Client.Send("GET", $"/api/sessions/{session}");
        var view = await read.Json();
        view.GetProperty("sessionRpe").GetDouble().ShouldBe(8);
        view.GetProperty("feeling").GetString().ShouldBe("worse");
        view.GetProperty("finishedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);

        using var bad = await ann.Client.Send("POST", $"/api/sessions/{session}/finish", new { rpe = 8, feeling = "broken" });
        (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).ToString().ShouldContain("feeling");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_custom_exercise_created_like_a_catalog_one_is_classified_and_loggable(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();

        using var created = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name = "Super Machine 3000", like = "Leg Press" }, Api.Cancel);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Api.Cancel));
        var view = await created.Json();
        view.GetProperty("classified").GetBoolean().ShouldBeTrue();
        view.GetProperty("equipment").GetString().ShouldBe("machine");
        (await ann.LogSet(exercise: "Super Machine 3000", set: "50x10@8")).GetProperty("exerciseId").GetString().ShouldBe("custom:Super Machine 3000");

        using var again = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name = "super machine 3000" }, Api.Cancel);
        await again.ShouldBeProblem(HttpStatusCode.BadRequest);
        using var catalog = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name = "Leg Press" }, Api.Cancel);
        await catalog.ShouldBeProblem(HttpStatusCode.BadRequest);
        using var wrong = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name = "Odd Rack", mechanic = "pushy" }, Api.Cancel);
        (await wrong.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mechanic", out _).ShouldBeTrue();
    }
}
