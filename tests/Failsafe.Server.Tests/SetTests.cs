using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>Retries record a set once (Idempotency-Key); edits carry the version they read (If-Match).</summary>
public sealed class SetTests(Servers servers) : IClassFixture<Servers>
{
    private static async Task<HttpResponseMessage> Post(ApiUser user, string key, object body)
    {
        using var request = Api.Request("POST", "/api/sets", body);
        request.Headers.Add("Idempotency-Key", key);
        return await user.Client.SendAsync(request, Api.Cancel);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_same_idempotency_key_twice_records_one_set_and_a_different_body_under_it_is_refused(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var key = Guid.NewGuid().ToString();
        var body = new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" };

        using var first = await Post(ann, key, body);
        using var retry = await Post(ann, key, body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Api.Cancel));
        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync(Api.Cancel));
        var id = (await first.Json()).Id();
        (await retry.Json()).Id().ShouldBe(id);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await ann.Sets()).Select(s => s.Id()).ShouldBe([id]);

        using var other = await Post(ann, key, new { exercise = "bench press", set = "102.5x8@8", date = "2026-03-02" });
        (await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail().ShouldContain(key);
        (await ann.Sets()).Select(s => s.Id()).ShouldBe([id]);

        // A key is the athlete's own: another athlete's same key is another set.
        var bob = await server.SignUp();
        using var bobs = await Post(bob, key, body);
        bobs.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await bobs.Json()).Id().ShouldNotBe(id);
        (await ann.Sets()).Count.ShouldBe(1);

        await (await Post(ann, "two words", body)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await Post(ann, new string('k', 101), body)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Ten_concurrent_first_sets_of_a_day_share_one_session_in_distinct_places(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(
            () => Post(ann, Guid.NewGuid().ToString(), new { exercise = "squat", set = $"{100 + i}x5@8", date = "2026-04-02" }), Api.Cancel)));
        try
        {
            foreach (var response in responses)
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Api.Cancel));
            using var sessions = await ann.Client.GetAsync("/api/sessions?from=2026-04-02&to=2026-04-02", Api.Cancel);
            var list = await sessions.Json();
            list.GetArrayLength().ShouldBe(1);
            var orders = list[0].GetProperty("sets").EnumerateArray().Select(s => s.GetProperty("order").GetInt32()).Order().ToList();
            orders.ShouldBe(Enumerable.Range(1, 10).ToList());
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Ten_concurrent_posts_with_one_key_store_one_set_and_all_answer_its_id(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var key = Guid.NewGuid().ToString();
        // The first set of a new day, so the requests also race to create the day's session.
        var body = new { exercise = "bench press", set = "140x5@8", date = "2026-04-01" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Post(ann, key, body), Api.Cancel)));
        try
        {
            var ids = new List<long>();
            foreach (var response in responses)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Api.Cancel));
                ids.Add((await response.Json()).Id());
            }
            ids.Distinct().Count().ShouldBe(1);
            var sets = await ann.Sets("2026-04-01", "2026-04-01");
            sets.Select(s => s.Id()).ShouldBe([ids[0]]);
            (await (await ann.Client.GetAsync("/api/sessions?from=2026-04-01&to=2026-04-01", Api.Cancel)).Json()).GetArrayLength().ShouldBe(1);
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_session_edit_needs_the_current_version(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var created = await ann.Client.PostAsJsonAsync("/api/sessions", new { date = "2026-03-02", name = "heavy" }, Api.Cancel);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var path = created.Headers.Location!.OriginalString;

        using var read = await ann.Client.GetAsync(path, Api.Cancel);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.ToString();
        etag.ShouldNotBeNullOrEmpty();

        await (await ann.Client.Send("PATCH", path, new { name = "no version" })).ShouldBeProblem((HttpStatusCode)428);
        await (await ann.Client.Send("PATCH", path, new { name = "stale" }, "\"999\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await ann.Client.Send("PATCH", path, new { name = "garbled" }, "not-a-version")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        using var edited = await ann.Client.Send("PATCH", path, new { name = "lighter" }, etag);
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync(Api.Cancel));
        var newTag = edited.Headers.ETag!.ToString();
        newTag.ShouldNotBe(etag);
        (await edited.Json()).GetProperty("name").GetString().ShouldBe("lighter");

        // The old version is stale now; the new one is what GET reports.
        await (await ann.Client.Send("PATCH", path, new { name = "lost update" }, etag)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var again = await ann.Client.GetAsync(path, Api.Cancel);
        again.Headers.ETag!.ToString().ShouldBe(newTag);
        (await again.Json()).GetProperty("name").GetString().ShouldBe("lighter");
        await (await ann.Client.Send("DELETE", path, null, etag)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await ann.Client.Send("DELETE", path, null, newTag)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_set_edit_needs_the_current_version(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var set = await ann.LogSet("2026-03-02", "100x8@8");
        var path = $"/api/sets/{set.Id()}";
        var etag = $"\"{set.GetProperty("version").GetInt32()}\"";
        var correction = new { exercise = "bench press", set = "100x9@8" };

        await (await ann.Client.Send("PUT", path, correction)).ShouldBeProblem((HttpStatusCode)428);
        await (await ann.Client.Send("PUT", path, correction, "\"999\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        using var edited = await ann.Client.Send("PUT", path, correction, etag);
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync(Api.Cancel));
        var newTag = edited.Headers.ETag!.ToString();
        newTag.ShouldNotBe(etag);
        var view = await edited.Json();
        view.GetProperty("reps").GetInt32().ShouldBe(9);
        $"\"{view.GetProperty("version").GetInt32()}\"".ShouldBe(newTag);

        await (await ann.Client.Send("PUT", path, new { exercise = "bench press", set = "100x10@8" }, etag)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var stored = (await ann.Sets()).Single();
        stored.GetProperty("reps").GetInt32().ShouldBe(9);
        $"\"{stored.GetProperty("version").GetInt32()}\"".ShouldBe(newTag);
        (await ann.Client.Send("PUT", path, new { exercise = "bench press", set = "100x10@8" }, newTag)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Concurrent_edits_with_the_same_version_let_exactly_one_through(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var set = await ann.LogSet("2026-03-02", "100x8@8");
        var etag = $"\"{set.GetProperty("version").GetInt32()}\"";
        var sets = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            ann.Client.Send("PUT", $"/api/sets/{set.Id()}", new { exercise = "bench press", set = $"100x{i + 1}@8" }, etag), Api.Cancel)));
        var sessionPath = $"/api/sessions/{set.Id("sessionId")}";
        using var read = await ann.Client.GetAsync(sessionPath, Api.Cancel);
        var sessionTag = read.Headers.ETag!.ToString();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            ann.Client.Send("PATCH", sessionPath, new { name = $"edit {i}" }, sessionTag), Api.Cancel)));
        try
        {
            foreach (var group in new[] { sets, sessions })
            {
                var codes = group.Select(r => r.StatusCode).ToList();
                codes.Count(c => c == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", codes));
                codes.Count(c => c == HttpStatusCode.PreconditionFailed).ShouldBe(5, string.Join(", ", codes));
            }
            var winner = await sets.Single(r => r.StatusCode == HttpStatusCode.OK).Json();
            var stored = (await ann.Sets()).Single();
            stored.GetProperty("reps").GetInt32().ShouldBe(winner.GetProperty("reps").GetInt32());
            var named = await sessions.Single(r => r.StatusCode == HttpStatusCode.OK).Json();
            (await (await ann.Client.GetAsync(sessionPath, Api.Cancel)).Json()).GetProperty("name").GetString().ShouldBe(named.GetProperty("name").GetString());
        }
        finally
        {
            foreach (var response in sets.Concat(sessions))
                response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_late_retry_after_the_set_was_deleted_does_not_log_it_again(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var body = new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" };

        // Deleted on its own.
        var key = Guid.NewGuid().ToString();
        var set = await (await Post(ann, key, body)).Json();
        (await ann.Client.DeleteAsync($"/api/sets/{set.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var late = await Post(ann, key, body))
            (await late.ShouldBeProblem(HttpStatusCode.Conflict)).Detail().ShouldContain("deleted");
        (await ann.Sets()).ShouldBeEmpty();
        // The same key with another set is a reuse, as before.
        await (await Post(ann, key, new { exercise = "bench press", set = "90x8@8", date = "2026-03-02" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        // A body that fails validation still gets the key's answer.
        await (await Post(ann, key, new { exercise = "bench press", set = "100x8@8", date = "2026-03-02", rpe = 42 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        // Deleted with its session.
        var other = Guid.NewGuid().ToString();
        var second = await (await Post(ann, other, body)).Json();
        (await ann.Client.DeleteAsync($"/api/sessions/{second.Id("sessionId")}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await Post(ann, other, body)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await ann.Sets()).ShouldBeEmpty();

        // A new key logs the set again; another athlete's same key is theirs.
        (await Post(ann, Guid.NewGuid().ToString(), body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bob = await server.SignUp();
        (await Post(bob, key, body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ann.Sets()).Count.ShouldBe(1);
    }
}
