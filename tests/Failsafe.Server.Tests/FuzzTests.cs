using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Failsafe.Server.Accounts;
using Failsafe.Store.Data;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Server.Tests;

/// <summary>
/// Property test: every write endpoint under /api and /account, sent invalid requests — random bytes, truncated
/// JSON, JSON of the wrong shape, the right shape with values out of range or of the wrong type, nulls, huge
/// strings, unknown words, deeply nested arrays, bad route values and <c>?athlete=</c>, with and without
/// Idempotency-Key and If-Match — never answers 5xx, answers every non-2xx as <c>application/problem+json</c>, and a
/// rejected request leaves the database as it was: the row count of every table of both contexts, the sum of the
/// profiles' revisions and the sum of the sessions' and sets' versions, compared before and after each request.
/// </summary>
/// <remarks>
/// Left out: the endpoints ASP.NET Core Identity maps (register, login, refresh, confirmEmail,
/// resendConfirmationEmail, forgotPassword, resetPassword, manage/2fa, manage/info). They are the framework's
/// code, not about the training log, rate limited per address, and a valid-shaped request to manage/info would
/// change the signed-in account's email or password under the test. Some generated bodies are valid after all
/// (<c>{}</c> is a valid session, an unknown member is ignored, a truncated CSV may still hold whole rows): those
/// may answer 2xx and change the database; the test then takes the changed state as the new baseline.
/// </remarks>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const string Password = "lift heavy 9 times";
    private const string FixtureKey = "fixture-set-key";

    private static readonly string[] IdentityPaths =
    [
        "/account/register", "/account/login", "/account/refresh", "/account/confirmEmail", "/account/resendConfirmationEmail",
        "/account/forgotPassword", "/account/resetPassword", "/account/manage/2fa", "/account/manage/info",
    ];

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Thousands of refused requests: the server's log keeps to errors (a 5xx is what the test looks for anyway).</summary>
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Logging:LogLevel:Default"] = "Error",
        ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "Critical",
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task WriteEndpoints_InvalidRequests_NeverFailAndChangeNothing(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new ServerFactory(provider, Quiet);
        var user = await server.SignUp(password: Password);
        var stranger = await server.SignUp();
        var fixture = await Fixture.Create(user, stranger, ct);
        var targets = Targets(server);
        output.WriteLine($"{targets.Count} write endpoints: {string.Join(", ", targets.Select(t => $"{t.Method} {t.Pattern}"))}");

        // The log's own endpoints are all there (a new write endpoint is fuzzed without touching this test).
        foreach (var expected in new[] { "POST /api/sets", "PUT /api/sets/{id:long}", "PATCH /api/sessions/{id:long}", "PUT /api/profile", "PUT /api/checkins/{date}", "POST /api/import/{source}", "POST /api/evaluate", "DELETE /account" })
            targets.Select(t => $"{t.Method} {t.Pattern}").ShouldContain(expected);
        targets.ShouldNotContain(t => IdentityPaths.Contains(t.Pattern));

        var stats = new Stats();
        var baseline = await Snapshot(server, ct);

        // A body over the limit, with its length declared. Kestrel refuses it with 413 before reading it (ImportTests);
        // the in-memory server has no size limit, so here it is refused for what it holds.
        foreach (var target in targets.Where(t => t.TakesBody))
        {
            var huge = new FuzzRequest(target, Concrete(target, fixture), "", target.ContentTypes[0], new byte[(int)ServerApp.MaxJsonBody + 1], null, null, "over the limit");
            baseline = await Check(user.Client, server, huge, baseline, stats, ct);
        }

        var gen = Gen.Int[0, targets.Count - 1].SelectMany(i => Request(targets[i], fixture));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await gen.SampleAsync(
            async request => baseline = await Check(user.Client, server, request, baseline, stats, ct),
            iter: 900, threads: 1, print: r => r.ToString());
        output.WriteLine($"{provider}: {stats.Sent} requests in {watch.Elapsed.TotalSeconds:F1} s; {stats.Rejected} rejected (database checked unchanged), {stats.Accepted} accepted");
        foreach (var (status, count) in stats.ByStatus.OrderBy(s => s.Key))
            output.WriteLine($"  {status}: {count}");
        foreach (var (target, count) in stats.AcceptedBy.OrderBy(s => s.Key, StringComparer.Ordinal))
            output.WriteLine($"  accepted by {target}: {count}");

        // Every endpoint was tried, and most requests were refused (the invariant was checked on them).
        foreach (var target in targets)
            stats.ByTarget.GetValueOrDefault($"{target.Method} {target.Pattern}").ShouldBeGreaterThan(0, $"{target.Method} {target.Pattern} was never tried");
        stats.Rejected.ShouldBeGreaterThan(stats.Sent / 2);

        // The fixture's own set is still there and unchanged by all of it, and the other account's log is empty.
        var log = await user.Client.GetStringAsync("/api/sessions?from=1900-01-01&to=2200-12-31", ct);
        JsonNode.Parse(log)!.AsArray().SelectMany(s => s!["sets"]!.AsArray()).ShouldContain(s => s!["id"]!.GetValue<long>() == fixture.Set, log);
        var strangers = await stranger.Client.GetFromJsonAsync<JsonArray>("/api/sessions?from=1900-01-01&to=2200-12-31", ct);
        strangers!.Count.ShouldBe(0);
    }

    /// <summary>
    /// Found by the fuzz test: POST /api/sets hashed the request (for Idempotency-Key) before validating it, and the
    /// hash's JsonSerializer could not write NaN or ±Infinity, which the API's JSON options read ("NaN", 1e400): a 500
    /// instead of the 400 the validation has ("out of range").
    /// </summary>
    [Theory]
    [InlineData("{\"exercise\":\"bench press\",\"weight\":\"NaN\",\"reps\":5}")]
    [InlineData("{\"exercise\":\"bench press\",\"weight\":100,\"reps\":5,\"rpe\":1e400}")]
    [InlineData("{\"exercise\":\"bench press\",\"weight\":100,\"reps\":5,\"rir\":\"-Infinity\"}")]
    public async Task LogSet_NonFiniteNumber_IsRefused(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new ServerFactory(Provider.Sqlite);
        var user = await server.SignUp();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await user.Client.PostAsync("/api/sets", content, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Found by the fuzz test: a multipart upload cut off before its closing boundary was a 500.</summary>
    [Fact]
    public async Task Import_FormWithoutItsEnd_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new ServerFactory(Provider.Sqlite);
        var user = await server.SignUp();
        const string body = "--fuzz-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\nDate,Workout Name,Exercise Name";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=fuzz-boundary");
        using var response = await user.Client.PostAsync("/api/import/strong?unit=kg", content, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    // ---------------------------------------------------------------- the checks

    private static async Task<Figures> Check(HttpClient client, ServerFactory server, FuzzRequest request, Figures before, Stats stats, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Target.Method), request.Path + request.Query);
        if (request.Target.TakesBody || request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        if (request.IdempotencyKey is not null)
            message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        if (request.IfMatch is not null)
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);

        using var response = await client.SendAsync(message, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var after = await Snapshot(server, ct);
        var status = (int)response.StatusCode;
        stats.Count(request, status);
        var what = $"{request}\n→ {status} {response.Content.Headers.ContentType}: {Preview(body, 400)}";

        status.ShouldBeLessThan(500, what);
        if (response.IsSuccessStatusCode)
            return after;
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
        JsonNode.Parse(body)!["status"]!.GetValue<int>().ShouldBe(status, what);
        after.ShouldBe(before, $"a rejected request changed the database: {before.Diff(after)}\n{what}");
        return after;
    }

    private sealed class Stats
    {
        public int Sent { get; private set; }
        public int Rejected { get; private set; }
        public int Accepted { get; private set; }
        public Dictionary<int, int> ByStatus { get; } = [];
        public Dictionary<string, int> ByTarget { get; } = [];
        public Dictionary<string, int> AcceptedBy { get; } = [];

        public void Count(FuzzRequest request, int status)
        {
            Sent++;
            if (status is >= 200 and < 300)
                Accepted++;
            else
                Rejected++;
            ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
            var key = $"{request.Target.Method} {request.Target.Pattern}";
            ByTarget[key] = ByTarget.GetValueOrDefault(key) + 1;
            if (status is >= 200 and < 300)
                AcceptedBy[key] = AcceptedBy.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>What a rejected request must leave as it was.</summary>
    private sealed record Figures(string Text)
    {
        public string Diff(Figures other)
        {
            var mine = Text.Split('\n');
            var theirs = other.Text.Split('\n');
            return string.Join("; ", mine.Zip(theirs).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second}"));
        }
    }

    /// <summary>Row counts of every table of both contexts, the sum of the profiles' revisions, the sums of the sessions' and sets' versions.</summary>
    private static async Task<Figures> Snapshot(ServerFactory server, CancellationToken ct)
    {
        using var scope = server.Services.CreateScope();
        var figures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var training = scope.ServiceProvider.GetRequiredService<FailsafeDb>();
        string Table<T>() => training.Model.FindEntityType(typeof(T))!.GetTableName()!;
        await Read(training, "training", figures,
        [
            ("training.profiles.revision", $"SELECT CAST(COALESCE(SUM(\"Revision\"), 0) AS BIGINT) FROM \"{Table<ProfileRow>()}\""),
            ("training.sessions.version", $"SELECT CAST(COALESCE(SUM(\"Version\"), 0) AS BIGINT) FROM \"{Table<SessionRow>()}\""),
            ("training.sets.version", $"SELECT CAST(COALESCE(SUM(\"Version\"), 0) AS BIGINT) FROM \"{Table<SetRow>()}\""),
        ], ct);
        await Read(scope.ServiceProvider.GetRequiredService<AccountsDb>(), "accounts", figures, [], ct);
        return new Figures(string.Join('\n', figures.Select(f => $"{f.Key}={f.Value}")));
    }

    private static async Task Read(DbContext db, string name, SortedDictionary<string, long> figures, (string Name, string Sql)[] extra, CancellationToken ct)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        tables.Count.ShouldBeGreaterThan(0);
        var sql = string.Join(" UNION ALL ",
            tables.Select(t => $"SELECT '{name}.{t}', COUNT(*) FROM \"{t}\"").Concat(extra.Select(e => $"SELECT '{e.Name}', ({e.Sql})")));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                figures[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // ---------------------------------------------------------------- the endpoints

    internal sealed record Target(string Method, string Pattern, Type? BodyType, bool TakesBody, IReadOnlyList<string> ContentTypes);

    internal sealed record FuzzRequest(Target Target, string Path, string Query, string? ContentType, byte[] Body, string? IdempotencyKey, string? IfMatch, string Kind)
    {
        public override string ToString() =>
            $"{Target.Method} {Path}{Query} [{Kind}] content-type={ContentType ?? "(none)"} idempotency-key={IdempotencyKey ?? "(none)"} if-match={IfMatch ?? "(none)"} " +
            $"body ({Body.Length} bytes): {Preview(Encoding.UTF8.GetString(Body), 300)}";
    }

    private static List<Target> Targets(ServerFactory server)
    {
        var targets = new List<Target>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!(pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern == "/account" || pattern.StartsWith("/account/", StringComparison.Ordinal)))
                continue;
            if (IdentityPaths.Contains(pattern, StringComparer.OrdinalIgnoreCase))
                continue;
            var accepts = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>();
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!WriteMethods.Contains(method))
                    continue;
                var types = accepts.SelectMany(a => a.ContentTypes).Distinct().ToList();
                var bodyType = accepts.Select(a => a.RequestType).FirstOrDefault(t => t is not null);
                targets.Add(new Target(method, pattern, bodyType, accepts.Count > 0, types.Count > 0 ? types : ["application/json"]));
            }
        }
        return [.. targets.OrderBy(t => t.Pattern, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal)];
    }

    /// <summary>The rows the fuzzed requests aim at: a session, a set (logged with an idempotency key), an event, an injury, a custom exercise, and another account's athlete id.</summary>
    private sealed record Fixture(long Session, long Set, long SessionOfSet, long Event, long Injury, int? Custom, int Stranger)
    {
        public static async Task<Fixture> Create(ApiUser user, ApiUser stranger, CancellationToken ct)
        {
            var client = user.Client;
            async Task<JsonObject> Post(string path, object body, string? key = null)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                if (key is not null)
                    message.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(message, ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
                return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
            }

            var session = await Post("/api/sessions", new { date = "2026-03-01", name = "fixture" });
            var set = await Post("/api/sets", new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" }, FixtureKey);
            var ev = await Post("/api/events", new { date = "2026-06-01", name = "meet" });
            var injury = await Post("/api/injuries", new { description = "left shoulder", since = "2026-01-01" });
            (await client.PutAsJsonAsync("/api/checkins/2026-03-02", new { sleepHours = 8, fatigue = 2 }, ct)).EnsureSuccessStatusCode();

            // A custom exercise comes from an import of an exercise the catalog does not know.
            using var csv = new StringContent(
                "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n" +
                "2026-02-01 18:00:00,\"Odd\",1h,\"Zorblax Press (Machine)\",1,40,10,0,0,\"\",\"\",\n", Encoding.UTF8, "text/csv");
            using var imported = await client.PostAsync("/api/import/strong?unit=kg", csv, ct);
            int? custom = null;
            if (imported.IsSuccessStatusCode)
            {
                var list = await client.GetFromJsonAsync<JsonArray>("/api/exercises/custom", ct);
                custom = list!.Select(c => (int?)c!["id"]!.GetValue<int>()).FirstOrDefault();
            }
            return new Fixture(
                session["id"]!.GetValue<long>(), set["id"]!.GetValue<long>(), set["sessionId"]!.GetValue<long>(),
                ev["id"]!.GetValue<long>(), injury["id"]!.GetValue<long>(), custom, stranger.AthleteId);
        }

        /// <summary>The real row a route's id names, by the route's collection.</summary>
        public string? Real(string pattern) => pattern switch
        {
            _ when pattern.StartsWith("/api/sessions/", StringComparison.Ordinal) => Session.ToString(CultureInfo.InvariantCulture),
            _ when pattern.StartsWith("/api/sets/", StringComparison.Ordinal) => Set.ToString(CultureInfo.InvariantCulture),
            _ when pattern.StartsWith("/api/events/", StringComparison.Ordinal) => Event.ToString(CultureInfo.InvariantCulture),
            _ when pattern.StartsWith("/api/injuries/", StringComparison.Ordinal) => Injury.ToString(CultureInfo.InvariantCulture),
            _ when pattern.StartsWith("/api/exercises/custom/", StringComparison.Ordinal) => Custom?.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    // ---------------------------------------------------------------- the generators

    private static readonly string[] BadNumbers =
    [
        "-1", "-0.5", "-1e9", "1000000000", "1e9", "1e308", "1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"",
        "11", "10.0000001", "2147483648", "-2147483649", "9223372036854775808", "4.9e-324", "1.5", "\"\"", "\"12kg\"", "\"7\"", "0",
    ];


    private static readonly string[] BadDates =
    [
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "2026-3-5", "", "today", "2026-03-05T10:00:00Z", "1899-12-31", "2201-01-01",
        "+002026-03-05", "10000-01-01", "2026-00-10", "0000-00-00", "2025-01-01", "2026-03-05",
    ];

    private static readonly string[] BadWords =
    [
        "", " ", "extreme", "ABSOLUTE ", "tecnical", "none;drop table sets", "lbs\u0000", "kgs", "hard!", "\u202Ehard", "💪", "null", "undefined",
        "100x8@11", "100x1000000000", "-100x8", "NaNx8", "1e400x5", "100x8@8@8", "bwx-1", "225lbx5 T F", "99999999999999999999x1", "x", "@", "100x8@",
        "100x8@-1rir", "0x0", "1500.0001x1", "100x8@2rir@8", "100 x 8 @ 8.5", "100x8 Z", "\ud800", "a@b", "@example.com", "x@y",
    ];

    private static readonly string[] WrongTypes = ["[]", "{}", "[[[[1]]]]", "true", "false", "123", "null", "\"str\"", "{\"a\":{\"b\":[null]}}", "-0", "[null,null]"];

    private static readonly string[] WrongShapes = ["[]", "[1,2,3]", "\"text\"", "42", "true", "null", "", " ", "{", "}", "{\"a\":}", "[{}]", "{\"\":1}", "{}{}", "\uFEFF{}", "{\"a\":1,}", "{'a':1}", "NaN"];

    private static readonly string[] IdempotencyKeys = ["", " ", "k e y", new string('k', 101), "a\tb", FixtureKey];

    private static readonly string[] IfMatches = ["\"1\"", "\"999\"", "W/\"1\"", "*", "garbage", "\"-5\"", "\"99999999999\"", "\"\"", "W/", "\"1\", \"2\""];

    private static readonly string[] BadAthletes = ["abc", "-1", "0", "1.5", "99999999999", "", "%00", "me%20", "2147483648", "1e3"];

    private static readonly string[] StrongCsv = File.ReadAllLines(SamplePath("strong-comma.csv"));

    private static readonly JsonObject Scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "scenario.json")))!.AsObject();

    private static readonly List<string> ScenarioLeaves = Leaves(Scenario, "").ToList();

    /// <summary>A request to <paramref name="target"/> that should be refused.</summary>
    private static Gen<FuzzRequest> Request(Target target, Fixture fixture)
    {
        var route = Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false))).SelectMany(real => Route(target, fixture, real));
        var query = Query(target, fixture);
        var headers = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, IdempotencyKeys.Length - 1], Gen.Int[0, IfMatches.Length - 1],
            (k, m, ki, mi) => (Key: k == 0 ? IdempotencyKeys[ki] : k == 1 ? Guid.NewGuid().ToString() : null, IfMatch: m == 0 ? IfMatches[mi] : null));
        var body = Body(target);
        return Gen.Select(route, query, headers, body, (r, q, h, b) =>
        {
            var (path, ifMatch) = r;
            return new FuzzRequest(target, path, q, b.ContentType, b.Bytes, h.Key, ifMatch ?? h.IfMatch, b.Kind);
        });
    }

    /// <summary>The path, with real ids (where a request without a body would then succeed, with an If-Match it fails) or bad ones.</summary>
    private static Gen<(string Path, string? IfMatch)> Route(Target target, Fixture fixture, bool real)
    {
        var noBody = !target.TakesBody;
        var realId = fixture.Real(target.Pattern);
        // Without a body, a real id is refused only through a stale If-Match (sessions and sets) or a bad query (clearing an injury).
        var staleMatch = target.Method == "DELETE" && (target.Pattern.StartsWith("/api/sets/", StringComparison.Ordinal) || target.Pattern.StartsWith("/api/sessions/", StringComparison.Ordinal));
        var clear = target.Pattern.EndsWith("/clear", StringComparison.Ordinal);
        var useReal = real && realId is not null && (!noBody || staleMatch || clear);
        return Gen.Select(Gen.Int[0, BadIds.Length - 1], Gen.Int[0, BadDates.Length - 1], Gen.OneOf("\"1000\"", "\"abc\"", "W/\"77\"", "\"-1\""), (idIndex, dateIndex, stale) =>
        {
            var path = target.Pattern;
            foreach (var segment in target.Pattern.Split('/'))
            {
                if (!segment.StartsWith('{'))
                    continue;
                var name = segment.Trim('{', '}').Split(':')[0];
                var value = name switch
                {
                    "date" => Uri.EscapeDataString(BadDates[dateIndex] is "2026-03-05" or "2025-01-01" ? "2026-02-30" : BadDates[dateIndex]),
                    "source" => Sources[idIndex % Sources.Length],
                    _ when useReal && name == "id" => realId!,
                    _ => BadIds[idIndex],
                };
                path = path.Replace(segment, value, StringComparison.Ordinal);
            }
            return (path, useReal && staleMatch ? stale : null);
        });
    }

    private static readonly string[] Sources = ["strong", "hevy", "Strong", "csv", "..", "%2e%2e"];

    private static readonly string[] BadIds = ["0", "-1", "424242", "9223372036854775807", "2147483647", "abc", "1.5", "%20", "00000000000000424242"];

    private static Gen<string> Query(Target target, Fixture fixture)
    {
        var athlete = Gen.Frequency(
            (6, Gen.Const("")),
            (3, Gen.OneOf(BadAthletes).Select(a => "athlete=" + a)),
            (1, Gen.Const("athlete=" + fixture.Stranger.ToString(CultureInfo.InvariantCulture))));
        var extra = target.Pattern switch
        {
            _ when target.Pattern.EndsWith("/clear", StringComparison.Ordinal) =>
                Gen.OneOf(BadDates).Select(d => "on=" + Uri.EscapeDataString(d is "2026-03-05" or "" ? "2025-01-01" : d)),
            _ when target.Pattern.StartsWith("/api/import/", StringComparison.Ordinal) =>
                Gen.Select(Gen.OneOf("", "unit=kg", "unit=stone", "unit=", "unit=LB"), Gen.OneOf("", "dryRun=true", "dryRun=maybe", "dryRun=1", "dryRun="), (u, d) => string.Join('&', new[] { u, d }.Where(x => x.Length > 0))),
            _ => Gen.Const(""),
        };
        return Gen.Select(athlete, extra, (a, e) =>
        {
            var parts = new[] { a, e }.Where(x => x.Length > 0).ToList();
            return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
        });
    }

    private sealed record BodyBytes(string? ContentType, byte[] Bytes, string Kind);

    private static Gen<BodyBytes> Body(Target target)
    {
        if (!target.TakesBody)
            return Gen.Frequency((3, Gen.Const(new BodyBytes(null, [], "no body"))), (1, Json(Gen.OneOf(WrongShapes), "ignored body")));
        if (target.ContentTypes.Any(c => c.Contains("csv", StringComparison.Ordinal) || c.Contains("multipart", StringComparison.Ordinal)))
            return Upload();
        if (target.BodyType is null || target.BodyType == typeof(object))
            return ScenarioBody();
        var fields = Fields(target.BodyType);
        var valid = ValidObject(fields);
        var random = Gen.Frequency(
            (2, Gen.Byte.Array[0, 2000].Select(b => new BodyBytes("application/json", b, "random bytes"))),
            (2, Gen.String[0, 300].Select(s => new BodyBytes("application/json", Encoding.UTF8.GetBytes(s), "random text"))),
            (3, Gen.Int[0, valid.Length - 1].Select(n => new BodyBytes("application/json", Encoding.UTF8.GetBytes(valid[..n]), "truncated JSON"))),
            (2, Json(Gen.OneOf(WrongShapes), "wrong shape")),
            (10, Json(FieldsObject(fields), "right shape, bad values")),
            (1, Json(Gen.Int[60, 5000].Select(d => new string('[', d) + new string(']', d)), "deeply nested array")),
            (1, Json(Gen.Select(Gen.OneOf(fields.Select(f => f.Name).ToArray()), Gen.Int[60, 3000], (f, d) => $"{{\"{f}\":{new string('[', d)}{new string(']', d)}}}"), "deeply nested field")),
            (1, Gen.Select(Gen.OneOf("text/plain", "application/xml", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "multipart/form-data"), Gen.Int[1, valid.Length], (c, n) => new BodyBytes(c, Encoding.UTF8.GetBytes(valid[..n]), "wrong content type"))),
            (1, Gen.Int[1, valid.Length].Select(n => new BodyBytes(null, Encoding.UTF8.GetBytes(valid[..n]), "no content type"))));
        return random;
    }

    private static Gen<BodyBytes> Json(Gen<string> text, string kind) =>
        text.Select(t => new BodyBytes("application/json", Encoding.UTF8.GetBytes(t), kind));

    private sealed record Field(string Name, Type Type);

    private static List<Field> Fields(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new Field(char.ToLowerInvariant(p.Name[0]) + p.Name[1..], Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))];

    /// <summary>A plausible, complete object of the body's shape (the source of truncated JSON).</summary>
    private static string ValidObject(List<Field> fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{Plausible(f)}")) + "}";

    private static string Plausible(Field f) => f.Type switch
    {
        _ when f.Type == typeof(string) => f.Name switch
        {
            "exercise" => "\"bench press\"",
            "set" => "\"100x8@8\"",
            "unit" => "\"kg\"",
            "email" => "\"someone@example.com\"",
            "days" or "trainingDays" => "\"mon,wed,fri\"",
            _ => "\"a name\"",
        },
        _ when f.Type == typeof(bool) => "true",
        _ when f.Type == typeof(DateOnly) => "\"2026-03-02\"",
        _ => "5",
    };

    /// <summary>An object with some of the body's fields (and sometimes one it does not have), each bad for its type or of another type.</summary>
    private static Gen<string> FieldsObject(List<Field> fields)
    {
        var value = Gen.Int[0, fields.Count - 1].SelectMany(i => BadValue(fields[i]).Select(v => $"\"{fields[i].Name}\":{v}"));
        return Gen.Select(value.Array[1, Math.Max(1, fields.Count)], Gen.Bool, (members, unknown) =>
            "{" + string.Join(",", unknown ? members.Append("\"unknownMember\":[1,{\"x\":null}]") : members) + "}");
    }

    private static Gen<string> BadValue(Field f)
    {
        var wrong = Gen.OneOf(WrongTypes);
        var huge = Gen.Int[201, 200_000].Select(n => "\"" + new string('x', n) + "\"");
        Gen<string> own;
        if (f.Type == typeof(double) || f.Type == typeof(int) || f.Type == typeof(long))
            own = Gen.Frequency((4, Gen.OneOf(BadNumbers)), (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))), (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        else if (f.Type == typeof(DateOnly))
            own = Gen.OneOf(BadDates).Select(d => "\"" + d + "\"");
        else if (f.Type == typeof(bool))
            own = Gen.OneOf("1", "0", "\"yes\"", "\"true\"", "null", "[]", "\"\"");
        else
            own = Gen.Frequency((4, Gen.OneOf(BadWords).Select(w => System.Text.Json.JsonSerializer.Serialize(w))), (2, huge), (1, Gen.String[0, 100].Select(w => System.Text.Json.JsonSerializer.Serialize(w))), (1, Gen.Const("\"\\ud800\"")));
        return Gen.Frequency((5, own), (2, wrong), (1, Gen.Const("null")));
    }

    /// <summary>The evaluate contract's example scenario, broken: a leaf replaced by a bad value or of another type, a member removed, or cut short.</summary>
    private static Gen<BodyBytes> ScenarioBody()
    {
        var text = Scenario.ToJsonString();
        var bad = Gen.OneOf(Gen.OneOf(BadNumbers), Gen.OneOf(WrongTypes), Gen.OneOf(BadWords).Select(w => System.Text.Json.JsonSerializer.Serialize(w)), Gen.OneOf(BadDates).Select(d => "\"" + d + "\""));
        return Gen.Frequency(
            (6, Gen.Select(Gen.Int[0, ScenarioLeaves.Count - 1], bad, Gen.Int[0, 9], (leaf, value, remove) =>
            {
                var copy = Scenario.DeepClone().AsObject();
                Replace(copy, ScenarioLeaves[leaf], remove == 0 ? null : JsonNode.Parse(value) ?? JsonValue.Create((string?)null));
                return new BodyBytes("application/json", Encoding.UTF8.GetBytes(copy.ToJsonString()), $"scenario with {ScenarioLeaves[leaf]} {(remove == 0 ? "removed" : "= " + value)}");
            })),
            (2, Gen.Int[0, text.Length - 1].Select(n => new BodyBytes("application/json", Encoding.UTF8.GetBytes(text[..n]), "truncated scenario"))),
            (1, Gen.Byte.Array[0, 2000].Select(b => new BodyBytes("application/json", b, "random bytes"))),
            (1, Json(Gen.OneOf(WrongShapes), "wrong shape")),
            (1, Json(Gen.Int[60, 5000].Select(d => new string('[', d) + new string(']', d)), "deeply nested array")),
            (1, Gen.OneOf("text/plain", "application/xml").Select(c => new BodyBytes(c, Encoding.UTF8.GetBytes(text), "wrong content type"))));
    }

    /// <summary>A Strong export broken: a field replaced, cut short, random bytes; as text/csv or in a form (none, one or two files, a broken form).</summary>
    private static Gen<BodyBytes> Upload()
    {
        var badField = Gen.OneOf("-100", "1e400", "NaN", "999999999999", "", "\"unterminated", "2026-02-30 18:00:00", "0001-01-01 00:00:00", "W", "-1", "1,5", "\u0000");
        var csv = Gen.Frequency(
            (4, Gen.Select(Gen.Int[1, StrongCsv.Length - 1], Gen.Int[0, 11], badField, (line, column, value) =>
            {
                var lines = StrongCsv.ToArray();
                var cells = lines[line].Split(',');
                cells[Math.Min(column, cells.Length - 1)] = value;
                lines[line] = string.Join(',', cells);
                return (string.Join('\n', lines), $"CSV line {line + 1} column {column + 1} = {value}");
            })),
            (2, Gen.Int[0, 400].Select(n => (string.Join('\n', StrongCsv)[..Math.Min(n, string.Join('\n', StrongCsv).Length)], "truncated CSV"))),
            (2, Gen.Byte.Array[0, 2000].Select(b => (Encoding.Latin1.GetString(b), "random bytes"))),
            (1, Gen.Const(("Date\n" + string.Concat(Enumerable.Repeat(",", 5000)), "wide CSV"))));
        return Gen.Select(csv, Gen.Int[0, 6], (c, wrap) =>
        {
            const string boundary = "fuzz-boundary";
            string Part(string name, string? file, string content) =>
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{(file is null ? "" : $"; filename=\"{file}\"")}\r\nContent-Type: text/csv\r\n\r\n{content}\r\n";
            var form = $"multipart/form-data; boundary={boundary}";
            return wrap switch
            {
                0 => new BodyBytes(form, Encoding.UTF8.GetBytes(Part("file", "export.csv", c.Item1) + $"--{boundary}--\r\n"), c.Item2 + " in a form"),
                1 => new BodyBytes(form, Encoding.UTF8.GetBytes(Part("a", "a.csv", c.Item1) + Part("b", "b.csv", c.Item1) + $"--{boundary}--\r\n"), c.Item2 + " in a form, two files"),
                2 => new BodyBytes(form, Encoding.UTF8.GetBytes(Part("note", null, c.Item1) + $"--{boundary}--\r\n"), c.Item2 + " in a form field, no file"),
                3 => new BodyBytes(form, Encoding.UTF8.GetBytes(Part("file", "export.csv", c.Item1)), c.Item2 + " in a form without its end"),
                4 => new BodyBytes("multipart/form-data", Encoding.UTF8.GetBytes(c.Item1), c.Item2 + " as a form without a boundary"),
                5 => new BodyBytes(null, Encoding.UTF8.GetBytes(c.Item1), c.Item2 + " without a content type"),
                _ => new BodyBytes("text/csv", Encoding.UTF8.GetBytes(c.Item1), c.Item2),
            };
        });
    }

    private static IEnumerable<string> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var leaf in Leaves(value, path + "/" + key))
                        yield return leaf;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(a[i], path + "/" + i.ToString(CultureInfo.InvariantCulture)))
                        yield return leaf;
                }
                if (a.Count == 0)
                    yield return path;
                break;
            default:
                yield return path;
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        foreach (var part in parts[..^1])
            parent = parent is JsonArray pa ? pa[int.Parse(part, CultureInfo.InvariantCulture)]! : parent[part]!;
        var last = parts[^1];
        if (parent is JsonArray array)
        {
            var i = int.Parse(last, CultureInfo.InvariantCulture);
            if (value is null)
                array.RemoveAt(i);
            else
                array[i] = value;
        }
        else if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static string Preview(string text, int length) => text.Length <= length ? text : text[..length] + $"… ({text.Length} chars)";

    /// <summary>The target's path with the fixture's ids (or a valid date and source).</summary>
    private static string Concrete(Target target, Fixture fixture)
    {
        var path = target.Pattern;
        foreach (var segment in target.Pattern.Split('/').Where(s => s.StartsWith('{')))
        {
            var name = segment.Trim('{', '}').Split(':')[0];
            path = path.Replace(segment, name switch { "date" => "2026-03-05", "source" => "strong", _ => fixture.Real(target.Pattern) ?? "1" }, StringComparison.Ordinal);
        }
        return path;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Failsafe.slnx above {AppContext.BaseDirectory}.");
    }

    private static string SamplePath(string name) => Path.Combine(RepoRoot(), "tests", "Failsafe.Store.Tests", "Importing", "samples", name);
}
