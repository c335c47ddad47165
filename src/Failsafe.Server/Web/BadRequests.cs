using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Failsafe.Server.Web;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a wrong type, a missing body) into a 400 problem
/// that says what is wrong and where — the JSON path, line and position — instead of a bare "Bad Request".
/// </summary>
public sealed class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
            return false;
        var detail = bad.InnerException is JsonException json
            ? $"The body is not valid JSON for this request: {json.Message}"
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request is invalid",
                Detail = detail,
            },
        });
    }
}
