using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Failsafe.Server.Web;

/// <summary>RFC 9457 problem details, the shape of every error the API returns.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} here.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", detail: detail);

    /// <summary>A 413: the write would take the account over <paramref name="cap"/> (<c>limit</c> names the setting).</summary>
    public static ProblemHttpResult Full(Store.Training.SetCapException cap)
    {
        ArgumentNullException.ThrowIfNull(cap);
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The account holds as many sets as it may; nothing was stored", detail: cap.Message,
            extensions: new Dictionary<string, object?> { ["limit"] = cap.Limit });
    }

    /// <summary>A 422: the day's session already holds <see cref="Store.Training.LogLimits.MaxSetsPerSession"/> sets.</summary>
    public static ProblemHttpResult Full(Store.Training.SessionFullException full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The session holds as many sets as it may; nothing was stored", detail: full.Message,
            extensions: new Dictionary<string, object?> { ["limit"] = "sets per session" });
    }

    /// <summary>A 400 naming the field and what is wrong with it.</summary>
    public static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The request is invalid", detail: $"{field}: {problem}");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid", detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));

    /// <summary>Writes a problem straight to the response (for middleware).</summary>
    public static async ValueTask Write(HttpContext context, int status, string title, string detail, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
