using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Failsafe.Tests.Shared;

namespace Failsafe.Server.Tests;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: checked by independent validators under node (tests/openapi-check:
/// swagger-parser and Redocly), and here for what the API promises — sign-in on every /api operation, the
/// <c>athlete</c> parameter where it applies, the main paths.
/// </summary>
public sealed class OpenApiTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static async Task<string> Document()
    {
        using var server = new ServerFactory(Provider.Sqlite);
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject doc) =>
        from path in doc["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject());

    [Fact]
    public async Task Document_DescribesTheApi()
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();

        doc["info"]!["title"]!.GetValue<string>().ShouldBe("Failsafe API");
        doc["info"]!["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        schemes["Bearer"]!["type"]!.GetValue<string>().ShouldBe("http");
        schemes["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        schemes["Cookie"]!["in"]!.GetValue<string>().ShouldBe("cookie");
        var global = doc["security"]!.AsArray().Select(r => string.Join(",", r!.AsObject().Select(p => p.Key))).ToList();
        global.ShouldBe(["Bearer", "Cookie"], ignoreOrder: true);

        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[]
        {
            "/api/today", "/api/next", "/api/status", "/api/sets", "/api/sets/{id}", "/api/sessions", "/api/sessions/{id}", "/api/checkins/{date}",
            "/api/profile", "/api/plans", "/api/plans/active", "/api/evaluate", "/api/import/{source}", "/api/export/{format}",
            "/api/coaching/invitations", "/account/login", "/account/register", "/account/refresh", "/account/me",
        })
        {
            paths.ShouldContain(expected);
        }

        var operations = Operations(doc).ToList();
        operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ShouldBeUnique();
        foreach (var (path, method, operation) in operations)
        {
            var what = $"{method.ToUpperInvariant()} {path}";
            operation["operationId"].ShouldNotBeNull(what);
            operation["summary"].ShouldNotBeNull(what);
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
                continue;

            // Sign-in: a 401 answer, or a requirement of its own or the document's (not overridden by an empty one).
            var own = operation["security"]?.AsArray();
            var required = own is null ? global.Count > 0 : own.Any(r => r!.AsObject().Count > 0);
            (operation["responses"]!.AsObject().ContainsKey("401") || required).ShouldBeTrue($"{what} says nothing about signing in");
        }

        // Registration and sign-in are open to everyone: an empty requirement overrides the document's.
        foreach (var open in new[] { "/account/login", "/account/register", "/account/refresh" })
            doc["paths"]![open]!["post"]!["security"]!.AsArray().ShouldAllBe(r => r!.AsObject().Count == 0);
    }

    [Fact]
    public async Task The_password_rule_in_the_document_is_the_one_Identity_applies()
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        var options = new Microsoft.AspNetCore.Identity.PasswordOptions();
        Accounts.PasswordRule.Apply(options);
        using var server = new ServerFactory(Provider.Sqlite);
        var applied = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.Password;
        (applied.RequiredLength, applied.RequireDigit, applied.RequireLowercase, applied.RequireUppercase, applied.RequireNonAlphanumeric)
            .ShouldBe((options.RequiredLength, options.RequireDigit, options.RequireLowercase, options.RequireUppercase, options.RequireNonAlphanumeric));
        var validators = server.Services.CreateScope().ServiceProvider.GetServices<Microsoft.AspNetCore.Identity.IPasswordValidator<Accounts.Account>>();
        validators.OfType<Accounts.CommonPasswordValidator>().ShouldHaveSingleItem();
        foreach (var (path, said) in new[] { ("/account/register", "at least 10 characters with a digit and a lowercase letter, and not a common password"), ("/account/manage/info", "not a common password") })
            doc["paths"]![path]!["post"]!["summary"]!.GetValue<string>().ShouldContain(said);
        applied.RequiredLength.ShouldBe(10);
        (applied.RequireDigit, applied.RequireLowercase, applied.RequireUppercase, applied.RequireNonAlphanumeric).ShouldBe((true, true, false, false));
    }

    [Theory]
    [InlineData("/api/today", "get")]
    [InlineData("/api/sets", "post")]
    [InlineData("/api/sessions/{id}", "patch")]
    [InlineData("/api/plans", "post")]
    [InlineData("/api/import/{source}", "post")]
    public async Task AthleteScopedOperations_DocumentTheAthleteParameter(string path, string method)
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        var operation = doc["paths"]![path]![method]!.AsObject();

        var athlete = operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "athlete")!;
        athlete["in"]!.GetValue<string>().ShouldBe("query");
        (athlete["required"]?.GetValue<bool>() ?? false).ShouldBeFalse();
        athlete["description"]!.GetValue<string>().ShouldContain("an athlete id you coach", Case.Insensitive);
        athlete["description"]!.GetValue<string>().ShouldContain("your own log");
        operation["responses"]!.AsObject().ContainsKey("404").ShouldBeTrue();
        operation["responses"]!["401"]!["content"]!.AsObject().ContainsKey("application/problem+json").ShouldBeTrue();
    }

    [Fact]
    public async Task NotAthleteScopedOperations_HaveNoAthleteParameter()
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        foreach (var (path, method, operation) in Operations(doc).Where(o => o.Path.StartsWith("/api/coaching", StringComparison.Ordinal) || o.Path.StartsWith("/account", StringComparison.Ordinal) || o.Path == "/api/evaluate"))
            (operation["parameters"]?.AsArray() ?? []).ShouldNotContain(p => p!["name"]!.GetValue<string>() == "athlete", $"{method} {path}");
    }

    /// <summary>The answers the endpoints really give: 204 where they answer no content, 404 where an id can miss, 401 when signed out.</summary>
    [Theory]
    [InlineData("/api/sets/{id}", "delete")]
    [InlineData("/api/sessions/{id}", "delete")]
    [InlineData("/api/events/{id}", "delete")]
    [InlineData("/api/plans/feed", "delete")]
    [InlineData("/api/coaching/invitations/{id}/accept", "post")]
    [InlineData("/api/coaching/invitations/{id}", "delete")]
    [InlineData("/api/coaching/coaches/{linkId}", "delete")]
    [InlineData("/api/coaching/athletes/{athleteId}", "delete")]
    [InlineData("/account/logout", "post")]
    [InlineData("/account", "delete")]
    public async Task Operations_answering_no_content_document_204_and_not_200(string path, string method)
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        var responses = doc["paths"]![path]![method]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        responses.ShouldContain("204", $"{method} {path}: {string.Join(", ", responses)}");
        responses.ShouldNotContain("200", $"{method} {path}: {string.Join(", ", responses)}");
        responses.ShouldContain("401");
    }

    [Fact]
    public async Task Every_operation_with_an_id_in_its_path_documents_404()
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        var missing = Operations(doc)
            .Where(o => o.Path.Contains('{', StringComparison.Ordinal) && !o.Operation["responses"]!.AsObject().ContainsKey("404"))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToList();
        missing.ShouldBeEmpty();
    }

    /// <summary>
    /// The JSON reader requires no member of the API's request bodies (a missing one is null or its default, and the
    /// handler names a missing field it needs in a 400): their schemas list none as required.
    /// </summary>
    [Fact]
    public async Task Optional_request_fields_are_not_marked_required()
    {
        var doc = JsonNode.Parse(await Document())!.AsObject();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var wrong = new List<string>();
        foreach (var (path, method, operation) in Operations(doc))
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() is not { } reference)
                continue;
            var name = reference.Split('/')[^1];
            if (!name.EndsWith("Input", StringComparison.Ordinal))
                continue;
            if (schemas[name]!["required"] is JsonArray { Count: > 0 } required)
                wrong.Add($"{method.ToUpperInvariant()} {path} ({name}): {required.ToJsonString()}");
        }
        wrong.ShouldBeEmpty();
        schemas["SetInput"].ShouldNotBeNull();
    }

    /// <summary>
    /// Microsoft.OpenApi writing a document and reading it back proves little; tests/openapi-check validates it
    /// with swagger-parser and lints it with Redocly. In CI it must run; elsewhere it is skipped when node or the
    /// npm packages are missing.
    /// </summary>
    [Fact]
    public async Task Document_PassesIndependentValidators()
    {
        var checkDir = await NodeTool.Require("openapi-check", "@apidevtools/swagger-parser", "@redocly/cli");
        var root = NodeTool.RepoRoot();

        var file = Path.Combine(Path.GetTempPath(), $"failsafe-openapi-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, await Document(), TestContext.Current.CancellationToken);

            var (exitCode, output, error) = await NodeTool.Run("node", root, TimeSpan.FromMinutes(3), Path.Combine(checkDir, "check.mjs"), file);

            exitCode.ShouldBe(0, $"the OpenAPI validators rejected the document:\n{error}{output}");
            output.ShouldContain("swagger-parser validate: ok");
            output.ShouldContain("redocly lint: 0 errors");
            output.ShouldContain("openapi-check: PASS");
            TestContext.Current.TestOutputHelper?.WriteLine(output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
