using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>
/// <c>GET /api/sessions</c> answers a range page by page (<c>Failsafe:Limits:SessionsPerPage</c>), the next page under
/// the <c>Link</c> header, so a range of years of sessions is never built in one answer.
/// </summary>
public sealed class SessionPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_range_of_more_sessions_than_a_page_answers_in_pages_linked_by_next(Provider provider)
    {
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { ["Failsafe:Limits:SessionsPerPage"] = "2" });
        var ann = await server.SignUp();
        // Five sessions: two on one day (the page boundary falls between them), three on later days.
        var days = new[] { "2026-02-01", "2026-02-03", "2026-02-03", "2026-02-04", "2026-02-09" };
        var ids = new List<long>();
        foreach (var day in days)
        {
            using var created = await ann.Client.PostAsJsonAsync("/api/sessions", new { date = day, name = "Day" }, Api.Cancel);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Api.Cancel));
            ids.Add((await created.Json()).Id());
        }
        using (var set = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", set = "100x5@8", date = "2026-02-04" }, Api.Cancel))
            set.StatusCode.ShouldBe(HttpStatusCode.Created, await set.Content.ReadAsStringAsync(Api.Cancel));

        var seen = new List<long>();
        var pages = 0;
        string? next = "/api/sessions?from=2026-01-01&to=2026-03-01";
        while (next is not null)
        {
            using var response = await ann.Client.GetAsync(next, Api.Cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
            var page = (await response.Json()).EnumerateArray().ToList();
            page.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Select(s => s.Id()));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
            if (next is not null)
            {
                next.ShouldEndWith(">; rel=\"next\"");
                next = next[1..next.IndexOf('>', StringComparison.Ordinal)];
                next.ShouldStartWith("/api/sessions?from=2026-01-01&to=2026-03-01&after=");
            }
            pages++;
        }
        pages.ShouldBe(3);
        seen.ShouldBe(ids);
        (await ann.Sets("2026-02-04", "2026-02-04")).Count.ShouldBe(1);

        using var unknown = await ann.Client.GetAsync("/api/sessions?from=2026-01-01&to=2026-03-01&after=999999", Api.Cancel);
        (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldBe("after: 999999 is not a session of this athlete");
    }
}
