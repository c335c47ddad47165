using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>
/// One server per provider for a test class, made on first use and disposed with the class: each test signs up
/// its own accounts, so tests of one class share a database without seeing each other's data.
/// </summary>
public sealed class Servers : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Provider, ServerFactory> _made = [];

    public ServerFactory For(Provider provider)
    {
        lock (_lock)
        {
            if (!_made.TryGetValue(provider, out var server))
            {
                server = new ServerFactory(provider);
                // Start it now (migrations), so a test's own timing does not include it.
                server.CreateClient().Dispose();
                _made[provider] = server;
            }
            return server;
        }
    }

    public void Dispose()
    {
        foreach (var server in _made.Values)
            server.Dispose();
    }
}

/// <summary>One endpoint of the running app, as routing knows it.</summary>
public sealed record ApiEndpoint(string Method, string Route, RouteEndpoint Endpoint)
{
    public override string ToString() => $"{Method} {Route}";

    public bool RequiresAuthorization =>
        Endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

    public bool AcceptsJson =>
        Endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)));

    public IReadOnlyList<string> Parameters => [.. Endpoint.RoutePattern.Parameters.Select(p => p.Name)];

    /// <summary>The path with every route parameter filled: by <paramref name="fill"/> when it knows the name, else a plausible value.</summary>
    public string Path(Func<string, string?>? fill = null)
    {
        var text = new StringBuilder();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter:
                        text.Append(Uri.EscapeDataString(fill?.Invoke(parameter.Name) ?? Plausible(parameter.Name)));
                        break;
                }
            }
        }
        return text.Length == 0 ? "/" : text.ToString();
    }

    /// <summary>A value a real client would send for a route parameter of this name.</summary>
    public static string Plausible(string parameter) => parameter switch
    {
        "format" => "csv",
        "source" => "strong",
        "date" => "2026-03-02",
        "id" or "linkId" or "athleteId" => "1",
        _ => "x",
    };
}

public static class Api
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static readonly string[] Unsafe = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Every endpoint the app maps with an HTTP method, one entry per method.</summary>
    public static IReadOnlyList<ApiEndpoint> Endpoints(ServerFactory server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var sources = server.Services.GetRequiredService<EndpointDataSource>();
        return [.. sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => new ApiEndpoint(m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e)))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>The data endpoints: every route under /api except coaching (links between accounts) and evaluate (nothing stored).</summary>
    public static IReadOnlyList<ApiEndpoint> DataEndpoints(ServerFactory server) =>
        [.. Endpoints(server).Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal)
            && !e.Route.StartsWith("/api/coaching", StringComparison.Ordinal) && !e.Route.StartsWith("/api/evaluate", StringComparison.Ordinal))];

    public static HttpRequestMessage Request(string method, string path, object? json = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
            request.Content = json is string text ? new StringContent(text, Encoding.UTF8, "application/json") : JsonContent.Create(json);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static async Task<HttpResponseMessage> Send(this HttpClient client, string method, string path, object? json = null, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = Request(method, path, json, ifMatch);
        return await client.SendAsync(request, Cancel);
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is an RFC 9457 problem with that status; returns the problem.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var what = $"{context ?? response.RequestMessage?.Method + " " + response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}";
        response.StatusCode.ShouldBe(status, what);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, what);
        return problem;
    }

    public static string Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";

    /// <summary>Logs a set and returns its view (id, sessionId, version, …).</summary>
    public static async Task<JsonElement> LogSet(this ApiUser user, string date = "2026-03-02", string set = "100x8@8", string exercise = "bench press", string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var response = await user.Client.PostAsJsonAsync("/api/sets", new { exercise, set, date, notes }, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The sets stored for the user between two days, as GET /api/sessions reports them.</summary>
    /// <summary>
    /// A stranger registers <paramref name="taken"/> (an email with an account) and <paramref name="fresh"/> with
    /// <paramref name="password"/>, then signs in to each: every answer is alike but the trace id, and the sign-in is 401.
    /// </summary>
    public static async Task RegisterThenSignInAlike(HttpClient client, string taken, string fresh, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        static async Task<(int, string)> Answer(HttpResponseMessage r) =>
            ((int)r.StatusCode, System.Text.RegularExpressions.Regex.Replace(await r.Content.ReadAsStringAsync(Cancel), "\"traceId\":\"[^\"]*\"", ""));
        var answers = new List<(int, string)>();
        foreach (var email in new[] { taken, fresh })
        {
            using (var register = await client.PostAsJsonAsync("/account/register", new { email, password }, Cancel))
                answers.Add(await Answer(register));
            using var login = await client.PostAsJsonAsync("/account/login", new { email, password }, Cancel);
            answers.Add(await Answer(login));
        }
        (answers[0], answers[1]).ShouldBe((answers[2], answers[3]));
        answers[1].Item1.ShouldBe(401);
    }

    public static async Task<List<JsonElement>> Sets(this ApiUser user, string from = "2026-01-01", string to = "2026-12-31")
    {
        ArgumentNullException.ThrowIfNull(user);
        var response = await user.Client.GetAsync($"/api/sessions?from={from}&to={to}", Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sessions = await response.Json();
        return [.. sessions.EnumerateArray().SelectMany(s => s.GetProperty("sets").EnumerateArray())];
    }

    public static long Id(this JsonElement element, string property = "id") => element.GetProperty(property).GetInt64();

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}

/// <summary>
/// A body of <paramref name="length"/> bytes — a prefix, a filler byte repeated, a suffix — that declares its length
/// (or does not, and is sent chunked) and is written as it is read, so a test can send a body of any size without
/// holding it in memory.
/// </summary>
public sealed class FillContent : HttpContent
{
    private readonly long _length;
    private readonly bool _declare;
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly byte _fill;

    public FillContent(long length, bool declareLength, string mediaType, string prefix = "", byte fill = 0, string suffix = "")
    {
        _length = length;
        _declare = declareLength;
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _suffix = Encoding.UTF8.GetBytes(suffix);
        _fill = fill;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>How many bytes were handed to the transport before it stopped reading.</summary>
    public long Written { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_prefix, cancellationToken);
        Written = _prefix.Length;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, _fill);
        var fillEnd = _length - _suffix.Length;
        while (Written < fillEnd)
        {
            var n = (int)Math.Min(chunk.Length, fillEnd - Written);
            await stream.WriteAsync(chunk.AsMemory(0, n), cancellationToken);
            Written += n;
        }
        await stream.WriteAsync(_suffix, cancellationToken);
        Written += _suffix.Length;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return _declare;
    }
}

/// <summary>
/// Gives each request the connection address named by its <see cref="Header"/> header (<see cref="Default"/> without
/// one), before anything else sees it: the in-memory server has no connection address, and limits, forwarded headers
/// and the sign-in throttle all count by it.
/// </summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";
    public const string Default = "203.0.113.9";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, then) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].FirstOrDefault() ?? Default);
            return then(context);
        });
        next(app);
    };

    /// <summary>The server with the filter outermost (before ASP.NET Core's own forwarded-headers filter).</summary>
    public static WebApplicationFactory<Program> Start(ServerFactory server, Action<IServiceCollection>? services = null) =>
        server.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PeerAddress>());
            services?.Invoke(s);
        }));
}
