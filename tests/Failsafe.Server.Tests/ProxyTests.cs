using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>
/// Behind a reverse proxy: forwarded headers are believed only from the proxies configured
/// (<c>Failsafe:ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>), the sign-in limiter counts the client the
/// trusted proxy saw, refreshing a token has its own limit per account, and a request that was HTTPS at the proxy gets
/// Secure cookies and HSTS.
/// </summary>
public sealed class ProxyTests
{
    private const string Peer = PeerAddress.Header;
    private const string Proxy = PeerAddress.Default;

    private static WebApplicationFactory<Program> Start(ServerFactory server) => PeerAddress.Start(server);

    private static async Task<HttpStatusCode> Login(HttpClient client, string forwardedFor, object body, string? peer = null)
    {
        using var request = Api.Request("POST", "/account/login", body);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (peer is not null)
            request.Headers.TryAddWithoutValidation(Peer, peer);
        using var response = await client.SendAsync(request, Api.Cancel);
        return response.StatusCode;
    }

    private static readonly object Nobody = new { email = "nobody@example.com", password = "not a password 1" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rotating_forwarded_for_from_a_proxy_not_configured_does_not_escape_the_sign_in_limit(bool frameworkSwitchOn)
    {
        var settings = new Dictionary<string, string?> { ["Failsafe:SignInPerMinute"] = "3" };
        if (frameworkSwitchOn)
            settings["ForwardedHeaders_Enabled"] = "true";
        using var server = new ServerFactory(Provider.Sqlite, settings);
        using var app = Start(server);
        using var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            answers.Add(await Login(client, $"198.51.100.{i + 1}", Nobody));
        answers.Count(a => a == HttpStatusCode.TooManyRequests).ShouldBe(3, string.Join(", ", answers));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_client_has_its_own_sign_in_limit_and_a_spoofed_hop_changes_nothing()
    {
        using var server = new ServerFactory(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Failsafe:SignInPerMinute"] = "3",
            ["Failsafe:ForwardedHeaders:KnownProxies:0"] = Proxy,
        });
        using var app = Start(server);
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            (await Login(client, "198.51.100.1", Nobody)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(client, "198.51.100.1", Nobody)).ShouldBe(HttpStatusCode.TooManyRequests);
        // The client writes its own X-Forwarded-For; the proxy appends the address it saw, which is the one counted.
        (await Login(client, "192.0.2.77, 198.51.100.1", Nobody)).ShouldBe(HttpStatusCode.TooManyRequests);
        (await Login(client, "198.51.100.2", Nobody)).ShouldBe(HttpStatusCode.Unauthorized);
        // A request straight from elsewhere (not the proxy) is counted by its own address, whatever it claims.
        (await Login(client, "198.51.100.3", Nobody, peer: "192.0.2.10")).ShouldBe(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 2; i++)
            (await Login(client, $"198.51.100.{10 + i}", Nobody, peer: "192.0.2.10")).ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(client, "198.51.100.20", Nobody, peer: "192.0.2.10")).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Refreshing_is_limited_per_account_not_by_the_sign_in_limit()
    {
        using var server = new ServerFactory(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Failsafe:SignInPerMinute"] = "4",
            ["Failsafe:RefreshPerMinute"] = "5",
        });
        using var app = Start(server);
        using var client = app.CreateClient();
        async Task<string> Account()
        {
            var email = $"{Guid.NewGuid():N}@example.com";
            (await client.PostAsJsonAsync("/account/register", new { email, password = "lift heavy 9 times" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
            var login = await (await client.PostAsJsonAsync("/account/login", new { email, password = "lift heavy 9 times" }, Api.Cancel)).Json();
            return login.GetProperty("refreshToken").GetString()!;
        }
        var ann = await Account();
        var bob = await Account();
        // Four sign-in attempts spent from this address: refreshes are counted apart, per account.
        async Task<HttpStatusCode> Refresh(string token)
        {
            using var response = await client.PostAsJsonAsync("/account/refresh", new { refreshToken = token }, Api.Cancel);
            return response.StatusCode;
        }
        for (var i = 0; i < 5; i++)
            (await Refresh(ann)).ShouldBe(HttpStatusCode.OK, $"refresh {i + 1}");
        (await Refresh(ann)).ShouldBe(HttpStatusCode.TooManyRequests);
        (await Refresh(bob)).ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> SignInByCookie(HttpClient client, string email, string password, string? proto, string? peer = null)
    {
        using var request = Api.Request("POST", "/account/login?useCookies=true", new { email, password });
        request.Headers.Host = "gym.example";
        if (proto is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", proto);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.1");
        if (peer is not null)
            request.Headers.TryAddWithoutValidation(Peer, peer);
        return await client.SendAsync(request, Api.Cancel);
    }

    [Fact]
    public async Task Https_at_the_configured_proxy_gives_secure_cookies_and_hsts()
    {
        using var server = new ServerFactory(Provider.Sqlite, new Dictionary<string, string?> { ["Failsafe:ForwardedHeaders:KnownNetworks:0"] = "203.0.113.0/24" });
        using var app = Start(server);
        var user = (Email: $"{Guid.NewGuid():N}@example.com", Password: "lift heavy 9 times");
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        (await client.PostAsJsonAsync("/account/register", new { email = user.Email, password = user.Password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using (var https = await SignInByCookie(client, user.Email, user.Password, "https"))
        {
            https.StatusCode.ShouldBe(HttpStatusCode.OK);
            https.Headers.GetValues("Set-Cookie").ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
            https.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
        }
        using (var http = await SignInByCookie(client, user.Email, user.Password, null))
        {
            http.StatusCode.ShouldBe(HttpStatusCode.OK);
            http.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
            http.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        }
        // From a machine that is not the proxy, a claimed https is not believed.
        using (var claimed = await SignInByCookie(client, user.Email, user.Password, "https", peer: "192.0.2.10"))
        {
            claimed.StatusCode.ShouldBe(HttpStatusCode.OK);
            claimed.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        }
    }
}
