using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>
/// The security headers are on every answer, whatever its status — also the ones written by the exception handler
/// (a body that is not JSON, a wrong type, a query integer that is not one, a 500), which clears the response first.
/// </summary>
public sealed class SecurityHeaderTests(Servers servers) : IClassFixture<Servers>
{
    private static void ShouldCarryHeaders(HttpResponseMessage response, string what)
    {
        response.Headers.TryGetValues("X-Content-Type-Options", out var sniff).ShouldBeTrue($"{what}: no X-Content-Type-Options");
        sniff.ShouldBe(["nosniff"], what);
        response.Headers.TryGetValues("X-Frame-Options", out var frame).ShouldBeTrue($"{what}: no X-Frame-Options");
        frame.ShouldBe(["DENY"], what);
        response.Headers.TryGetValues("Referrer-Policy", out var referrer).ShouldBeTrue($"{what}: no Referrer-Policy");
        referrer.ShouldBe(["no-referrer"], what);
        response.Headers.TryGetValues("Content-Security-Policy", out var policy).ShouldBeTrue($"{what}: no Content-Security-Policy");
        string.Join(",", policy).ShouldContain("default-src 'none'", Case.Sensitive, what);
    }

    private static HttpRequestMessage Raw(string method, string path, string body, string mediaType = "application/json") =>
        new(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_status_the_api_answers_carries_the_security_headers(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var coach = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = ann.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await ann.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await ann.Client.PostAsync($"/api/coaching/invitations/{invitation}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var set = await ann.LogSet();
        var doomed = await ann.LogSet();
        using var anonymous = server.CreateClient();

        var cases = new List<(HttpClient Client, Func<HttpRequestMessage> Request, HttpStatusCode Status, string What)>
        {
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Get, "/api/profile"), HttpStatusCode.OK, "a read"),
            (ann.Client, () => Raw("POST", "/api/sets", """{"exercise":"bench press","set":"100x5@8","date":"2026-03-02"}"""), HttpStatusCode.Created, "a set logged"),
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Delete, $"/api/sets/{doomed.Id()}"), HttpStatusCode.NoContent, "a set deleted"),
            (ann.Client, () => Raw("POST", "/api/sets", "{\"exercise\": "), HttpStatusCode.BadRequest, "malformed JSON"),
            (ann.Client, () => Raw("POST", "/api/sets", """{"reps":"many"}"""), HttpStatusCode.BadRequest, "a wrong type"),
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Get, "/api/exercises?q=bench&limit=abc"), HttpStatusCode.BadRequest, "a query integer that is not one"),
            (ann.Client, () => Raw("POST", "/api/sets", "{}"), HttpStatusCode.BadRequest, "a set without fields"),
            (anonymous, () => new HttpRequestMessage(HttpMethod.Get, "/api/profile"), HttpStatusCode.Unauthorized, "no credentials"),
            (coach.Client, () => new HttpRequestMessage(HttpMethod.Delete, $"/api/sets/{set.Id()}?athlete={ann.AthleteId}"), HttpStatusCode.Forbidden, "a coach deleting a set"),
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Get, "/api/sessions/999999"), HttpStatusCode.NotFound, "no such session"),
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing"), HttpStatusCode.NotFound, "no such route"),
            (ann.Client, () => new HttpRequestMessage(HttpMethod.Put, "/api/today"), HttpStatusCode.MethodNotAllowed, "a method not allowed"),
            (ann.Client, () => { var r = Raw("PUT", $"/api/sets/{set.Id()}", """{"exercise":"bench press","set":"100x8@8"}"""); r.Headers.TryAddWithoutValidation("If-Match", "\"99\""); return r; }, HttpStatusCode.PreconditionFailed, "a stale version"),
            (ann.Client, () => Raw("POST", "/api/sets", "exercise=bench", "text/plain"), HttpStatusCode.UnsupportedMediaType, "not JSON at all"),
            (ann.Client, () => Raw("PUT", $"/api/sets/{set.Id()}", """{"exercise":"bench press","set":"100x8@8"}"""), (HttpStatusCode)428, "no If-Match"),
        };
        var key = Guid.NewGuid().ToString();
        using (var first = Raw("POST", "/api/sets", """{"exercise":"bench press","set":"90x5@8","date":"2026-03-02"}"""))
        {
            first.Headers.Add("Idempotency-Key", key);
            (await ann.Client.SendAsync(first, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        cases.Add((ann.Client, () => { var r = Raw("POST", "/api/sets", """{"exercise":"bench press","set":"95x5@8","date":"2026-03-02"}"""); r.Headers.Add("Idempotency-Key", key); return r; },
            HttpStatusCode.UnprocessableEntity, "an idempotency key reused"));

        foreach (var (client, make, status, what) in cases)
        {
            using var request = make();
            using var response = await client.SendAsync(request, Api.Cancel);
            response.StatusCode.ShouldBe(status, $"{what}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
            ShouldCarryHeaders(response, $"{what} ({(int)status})");
        }
    }

    /// <summary>Throws for /boom, inside the app's pipeline (after its endpoints), as a fault in any endpoint would.</summary>
    private sealed class Boom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, then) => context.Request.Path.StartsWithSegments("/api/boom") ? throw new InvalidOperationException("boom") : then(context));
        };
    }

    [Fact]
    public async Task A_500_and_a_429_carry_the_security_headers()
    {
        using var server = new ServerFactory(Provider.Sqlite, new Dictionary<string, string?> { ["Failsafe:SignInPerMinute"] = "1" });
        using var faulty = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, Boom>()));
        using var client = faulty.CreateClient();
        using (var boom = await client.GetAsync("/api/boom", Api.Cancel))
        {
            boom.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            ShouldCarryHeaders(boom, "a fault (500)");
        }
        var login = new { email = "nobody@example.com", password = "not a password 1" };
        (await client.PostAsJsonAsync("/account/login", login, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var limited = await client.PostAsJsonAsync("/account/login", login, Api.Cancel);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        ShouldCarryHeaders(limited, "rate limited (429)");
    }
}
