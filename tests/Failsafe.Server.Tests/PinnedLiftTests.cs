using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>The lifts pinned for the e1RM charts on PUT /api/profile: kept by id, shown by name, refused by name when unknown.</summary>
public sealed class PinnedLiftTests(Servers servers) : IClassFixture<Servers>
{
    private static readonly string[] Deadlift = ["deadlift"];
    private static readonly string[] BenchSquatBench = ["bench press", "squat", "bench press"];
    private static readonly string[] Unknown = ["squat", "zzzz qqqq"];
    private static readonly string[] Five = ["squat", "bench press", "deadlift", "barbell row", "overhead press"];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Pinned_lifts_are_kept_shown_by_name_and_cleared_by_an_empty_list(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();

        using var put = await ann.Client.PutAsJsonAsync("/api/profile", new { pinnedLifts = BenchSquatBench }, Api.Cancel);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json();
        view.GetProperty("pinnedLifts").EnumerateArray().Select(l => l.GetString()).ShouldBe(["Barbell Bench Press - Medium Grip", "Barbell Squat"]);
        // Other changes leave them as they are; an empty list unpins them.
        (await ann.Client.PutAsJsonAsync("/api/profile", new { sleepHours = 8 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json()).GetProperty("pinnedLifts").GetArrayLength().ShouldBe(2);
        (await ann.Client.PutAsJsonAsync("/api/profile", new { pinnedLifts = Array.Empty<string>() }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json()).GetProperty("pinnedLifts").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unknown_lift_or_more_than_four_are_refused_by_name_and_nothing_changes(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();
        (await ann.Client.PutAsJsonAsync("/api/profile", new { pinnedLifts = Deadlift }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var unknown = await ann.Client.PutAsJsonAsync("/api/profile", new { pinnedLifts = Unknown }, Api.Cancel);
        using var many = await ann.Client.PutAsJsonAsync("/api/profile", new { pinnedLifts = Five }, Api.Cancel);

        (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pinnedLifts")[0].GetString()!.ShouldContain("'zzzz qqqq' is not an exercise");
        (await many.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pinnedLifts")[0].GetString()!.ShouldContain("at most 4");
        var view = await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json();
        view.GetProperty("pinnedLifts").EnumerateArray().Select(l => l.GetString()).ShouldBe(["Barbell Deadlift"]);
    }
}
