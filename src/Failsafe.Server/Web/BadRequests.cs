using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Failsafe.Server.Web;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a wrong type, a missing body) into a 400 problem
/// that says what is wrong and where — the JSON path, line and position — instead of a bare "Bad Request"; and a
/// body over the endpoint's size limit (Kestrel's, see <see cref="ServerApp.MaxJsonBody"/>) into a 413 that says the
/// limit (<see cref="DescribeTooLarge"/>).
/// </summary>
public sealed class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
            return false;
        if (bad.InnerException is TextWithoutNul.NulException nul)
            return await Write(httpContext, exception, new HttpValidationProblemDetails(new Dictionary<string, string[]> { [nul.Field] = [TextWithoutNul.Problem] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid",
                Detail = $"{nul.Field}: {TextWithoutNul.Problem}",
            });
        var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? null
            : bad.InnerException is JsonException json ? $"The body is not valid JSON for this request: {json.Message}"
            : bad.Message;
        return await Write(httpContext, exception, new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid", Detail = detail });
    }

    private async ValueTask<bool> Write(HttpContext httpContext, Exception exception, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>
    /// Every 413 says the endpoint's limit: the ones thrown by Kestrel as a body is read (handled above), and the ones
    /// the framework answers itself when a JSON body it binds passes the limit. For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.
    /// </summary>
    public static void DescribeTooLarge(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Status != StatusCodes.Status413PayloadTooLarge)
            return;
        context.ProblemDetails.Title = "Request too large";
        context.ProblemDetails.Detail ??= TooLarge(context.HttpContext);
    }

    /// <summary>The body's declared length when it has one, and the endpoint's limit.</summary>
    private static string TooLarge(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var culture = CultureInfo.InvariantCulture;
        var accepts = limit is { } l ? string.Create(culture, $"at most {l:N0} bytes") : "less";
        return context.Request.ContentLength is { } length
            ? string.Create(culture, $"The body has {length:N0} bytes; this endpoint accepts {accepts}.")
            : $"The body is larger than this endpoint accepts ({accepts}).";
    }
}
