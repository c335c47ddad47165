using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Failsafe.Server.Tests;

/// <summary>
/// Two server instances on one PostgreSQL database, as behind a load balancer: whatever one instance issues
/// (bearer and refresh tokens, the cookie, the antiforgery token) the other accepts — the Data Protection key ring
/// is in the database — and what one stores the other serves at once, never a cached answer from before the change.
/// PostgreSQL only (SQLite is one file for one server).
/// </summary>
public sealed class ScaleOutTests
{
    private const string Password = "lift heavy 9 times";

    [Fact]
    public async Task TwoInstances_OneDatabase_ShareSignInsAndTheLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, database, connectionString) = ServerFactory.CreatePostgresDatabase();
        try
        {
            using var a = new ServerFactory(Provider.Postgres, sharedConnectionString: connectionString);
            using var b = new ServerFactory(Provider.Postgres, sharedConnectionString: connectionString);
            _ = a.Server;
            _ = b.Server;

            // Bearer: registered and signed in on A, accepted by B.
            var ann = await a.SignUp(password: Password);
            using var annOnB = Bearer(b, ann.Token);
            var me = await annOnB.GetFromJsonAsync<JsonObject>("/account/me", ct);
            me!["athleteId"]!.GetValue<int>().ShouldBe(ann.AthleteId);
            (await annOnB.GetAsync("/api/profile", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            // Cookie: set by A, sent by hand to B.
            using var browserA = a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            using var cookieLogin = await browserA.PostAsJsonAsync("/account/login?useCookies=true", new { email = ann.Email, password = Password }, ct);
            cookieLogin.StatusCode.ShouldBe(HttpStatusCode.OK);
            var cookie = Cookies(cookieLogin);
            cookie.ShouldContain("failsafe=");
            using var browserB = b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/account/me"))
            {
                request.Headers.Add("Cookie", cookie);
                using var response = await browserB.SendAsync(request, ct);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
                (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["athleteId"]!.GetValue<int>().ShouldBe(ann.AthleteId);
            }
            using (var anonymous = new HttpRequestMessage(HttpMethod.Get, "/account/me"))
            using (var refused = await browserB.SendAsync(anonymous, ct))
                refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            // The antiforgery token from A, with the cookie, lets the browser change the log on B.
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/account/antiforgery"))
            {
                request.Headers.Add("Cookie", cookie);
                using var response = await browserA.SendAsync(request, ct);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var token = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
                var cookies = cookie + "; " + Cookies(response);
                using var post = new HttpRequestMessage(HttpMethod.Post, "/api/sets") { Content = JsonContent.Create(new { exercise = "squat", set = "140x5@8", date = "2026-03-01" }) };
                post.Headers.Add("Cookie", cookies);
                post.Headers.Add("X-XSRF-TOKEN", token);
                using var logged = await browserB.SendAsync(post, ct);
                logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(ct));
            }

            // A set logged on A is in B's log.
            var set = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" }, ct);
            set.StatusCode.ShouldBe(HttpStatusCode.Created);
            var setId = (await set.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<long>();
            var sessions = await annOnB.GetFromJsonAsync<JsonArray>("/api/sessions?from=2026-03-01&to=2026-03-05", ct);
            sessions!.SelectMany(s => s!["sets"]!.AsArray()).Select(s => s!["id"]!.GetValue<long>()).ShouldContain(setId);

            // B's decisions follow a set logged on A: what B computed (and cached) before is not served after.
            const string day = "?date=2026-03-04";
            var todayBefore = await annOnB.GetStringAsync("/api/today" + day, ct);
            var nextBefore = await annOnB.GetStringAsync("/api/next" + day, ct);
            var statusBefore = await annOnB.GetStringAsync("/api/status" + day, ct);
            (await annOnB.GetStringAsync("/api/next" + day, ct)).ShouldBe(nextBefore, "the same question twice, nothing changed: the same answer");

            (await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", set = "140x5@8", date = "2026-03-04" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

            var nextAfter = await annOnB.GetStringAsync("/api/next" + day, ct);
            var statusAfter = await annOnB.GetStringAsync("/api/status" + day, ct);
            var todayAfter = await annOnB.GetStringAsync("/api/today" + day, ct);
            nextAfter.ShouldNotBe(nextBefore, "B served its cached next set from before the set logged on A");
            statusAfter.ShouldNotBe(statusBefore, "B served its cached status from before the set logged on A");
            // Today on B is what A (which never answered it before) decides from the same log now.
            todayAfter.ShouldBe(await ann.Client.GetStringAsync("/api/today" + day, ct));
            TestContext.Current.TestOutputHelper?.WriteLine($"today changed on B: {todayAfter != todayBefore}");

            // A refresh token from A works on B, and the new bearer token too.
            using var anonymousA = a.CreateClient();
            using var login = await anonymousA.PostAsJsonAsync("/account/login", new { email = ann.Email, password = Password }, ct);
            login.StatusCode.ShouldBe(HttpStatusCode.OK);
            var refreshToken = (await login.Content.ReadFromJsonAsync<JsonObject>(ct))!["refreshToken"]!.GetValue<string>();
            using var anonymousB = b.CreateClient();
            using var refreshed = await anonymousB.PostAsJsonAsync("/account/refresh", new { refreshToken }, ct);
            refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync(ct));
            var fresh = (await refreshed.Content.ReadFromJsonAsync<JsonObject>(ct))!["accessToken"]!.GetValue<string>();
            using var freshOnA = Bearer(a, fresh);
            (await freshOnA.GetAsync("/account/me", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            using var freshOnB = Bearer(b, fresh);
            (await freshOnB.GetAsync("/api/sessions?from=2026-03-01&to=2026-03-05", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            // A token that was never issued is refused by both.
            using var forgedOnB = Bearer(b, ann.Token[..^4] + "AAAA");
            (await forgedOnB.GetAsync("/account/me", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            ServerFactory.DropPostgresDatabase(admin, database);
        }
    }

    private static HttpClient Bearer(ServerFactory server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The name=value pairs of a response's Set-Cookie headers, as a Cookie header sends them.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []).Select(v => v.Split(';')[0]));
}
