using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Failsafe.Server.Web;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: title and description, the two ways to sign in (a bearer token or
/// the browser cookie) required everywhere except registration and sign-in, the problem answers (400/401/403/404)
/// and an operation id and summary for every operation. The <c>athlete</c> query parameter is described by
/// <see cref="DescribeAthlete"/>, which <see cref="AthleteAccessExtensions.ForAthlete"/> applies.
/// </summary>
public static class ApiDocument
{
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookie";
    public const string ProblemSchema = "Problem";

    private const string InvalidAnswer = "The request is invalid (the problem's errors name each field at fault).";

    public const string AthleteDescription =
        "An athlete id you coach (see GET /api/coaching/athletes); absent (or `me`): your own log.";

    /// <summary>For <c>services.AddOpenApi(ApiDocument.Configure)</c>.</summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer(TransformOperation);
        options.AddSchemaTransformer(TransformSchema);
        options.AddDocumentTransformer(TransformDocument);
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Account"] = "Registration, sign-in (bearer tokens for apps, a cookie for browsers), the account's export and deletion.",
        ["Profile"] = "The athlete's profile: experience, form under fatigue, sleep, stress, goal, split, unit, training days, phase.",
        ["Exercises"] = "The exercise catalog, the athlete's custom exercises and how far each may go to failure.",
        ["Sessions and sets"] = "The training log. Logging a set is idempotent (Idempotency-Key); edits carry the version (If-Match).",
        ["Check-ins"] = "Daily wellness: sleep, fatigue, mood, soreness, aches, motivation.",
        ["Events and injuries"] = "Events the plan works around, and injuries (no failure while one lasts).",
        ["Plans"] = "Plans laid out by the planner, every set decided by the engine; also as iCalendar.",
        ["Today"] = "What to do today, the next set, and the status report — decided from the stored log.",
        ["Evaluate"] = "The engine on a scenario document, nothing stored.",
        ["Import and export"] = "Strong and Hevy CSV imports; the log as CSV or JSON.",
        ["Coaching"] = "Coaches invite athletes; an accepted coach reads and plans (?athlete=ID) but never changes what was logged.",
    };

    /// <summary>Summaries for the endpoints ASP.NET Core Identity maps (MapIdentityApi gives none).</summary>
    private static readonly Dictionary<string, string> IdentitySummaries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST account/register"] = $"Create an account (email and password: {Accounts.PasswordRule.Text}).",
        ["POST account/login"] = "Sign in: a bearer and refresh token, or the cookie with ?useCookies=true (browsers).",
        ["POST account/refresh"] = "Exchange a refresh token for a new bearer token.",
        ["GET account/confirmEmail"] = "Confirm an email address (the link sent by email).",
        ["POST account/resendConfirmationEmail"] = "Send the confirmation email again.",
        ["POST account/forgotPassword"] = "Send a password reset code by email.",
        ["POST account/resetPassword"] = "Set a new password with the reset code.",
        ["POST account/manage/2fa"] = "Two-factor authentication: enable, disable, reset keys or recovery codes.",
        ["GET account/manage/info"] = "The account's email and whether it is confirmed.",
        ["POST account/manage/info"] = $"Change the account's email or password (a new password: {Accounts.PasswordRule.Text}).",
    };

    private static Task TransformDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Failsafe API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Failsafe is a strength-training coach: it decides, set by set, how close to failure to train (target RIR, " +
            "whether failure is allowed, load) from the athlete's log, check-ins, plan and injuries. This API serves the " +
            "same engine and store as the command line.\n\n" +
            "**Signing in.** Register with `POST /account/register`, then `POST /account/login` returns a bearer token " +
            "(send `Authorization: Bearer TOKEN`) and a refresh token (`POST /account/refresh`). Browsers sign in with " +
            "`?useCookies=true` and send the `failsafe` cookie; a cookie client also sends the token from " +
            "`GET /account/antiforgery` in `X-XSRF-TOKEN` with every change.\n\n" +
            "**Whose log.** Every data endpoint works on your own log; a coach the athlete accepted adds `?athlete=ID` " +
            "to read and plan for that athlete (never to change what was logged).\n\n" +
            "**Errors** are RFC 9457 problem details (`application/problem+json`).";
        document.Info.License ??= new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken from POST /account/login (or /account/refresh), sent as `Authorization: Bearer TOKEN`.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "failsafe",
            Description = "The cookie POST /account/login?useCookies=true sets (browsers); changes also need the X-XSRF-TOKEN header.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, Problem());

        // Either scheme signs a request in; operations open to everyone override this with an empty requirement.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] },
            ];

        // The server as the request reached it ("http://host/"), without the trailing slash linters object to.
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
                server.Url = url.TrimEnd('/');
        }

        if (document.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                    tag.Description ??= description;
            }
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; a 400 also lists the fields at fault in `errors`.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For each field at fault, what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    /// <summary>
    /// The optional <c>athlete</c> query parameter and the answers that come with it, for an endpoint that
    /// <see cref="AthleteAccessExtensions.ForAthlete"/> scopes (declared here once: no handler binds it).
    /// </summary>
    internal static Task DescribeAthlete(OpenApiOperation operation, OpenApiOperationTransformerContext context, Access access)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = AthleteAccess.Parameter,
            In = ParameterLocation.Query,
            Required = false,
            Description = AthleteDescription,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Responses ??= [];
        Respond(operation, context, StatusCodes.Status400BadRequest, InvalidAnswer);
        Respond(operation, context, StatusCodes.Status404NotFound, "Not found — also the answer for an athlete you do not coach.");
        if (access == Access.Log)
            Respond(operation, context, StatusCodes.Status403Forbidden, "A coach cannot change what the athlete logged.");
        return Task.CompletedTask;
    }

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var path = description.RelativePath ?? "";

        operation.OperationId ??= OperationId(method, path);
        if (operation.Summary is null && IdentitySummaries.TryGetValue($"{method} {path}", out var summary))
            operation.Summary = summary;

        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= [];
        if (signedIn)
        {
            Respond(operation, context, StatusCodes.Status401Unauthorized, "Not signed in: send a bearer token, or the cookie.");
        }
        else
        {
            // Open to everyone: an empty requirement overrides the document's.
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
        {
            Respond(operation, context, StatusCodes.Status400BadRequest, InvalidAnswer);
        }
        if (path.Contains('{', StringComparison.Ordinal))
            Respond(operation, context, StatusCodes.Status404NotFound, "Not found: nothing of yours has this id (the same answer as for someone else's).");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The API's request bodies (its <c>…Input</c> records) require no member: System.Text.Json reads a missing one as
    /// null or its default, and the handler names a field it needs in a 400. Without this, every constructor parameter
    /// of a record would be listed as required.
    /// </summary>
    private static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancel)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace?.StartsWith("Failsafe", StringComparison.Ordinal) == true && type.Name.EndsWith("Input", StringComparison.Ordinal))
            schema.Required = null;
        return Task.CompletedTask;
    }

    /// <summary>Adds a problem answer unless the operation already documents that status.</summary>
    internal static void Respond(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    /// <summary><c>POST api/sets/{id}</c> → <c>postApiSetsById</c>: unique for every method and path.</summary>
    internal static string OperationId(string method, string path)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = segment;
            if (word.StartsWith('{'))
            {
                id.Append("By");
                word = word.Trim('{', '}').Split(':')[0];
            }
            foreach (var part in word.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
                id.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        return id.ToString();
    }
}
