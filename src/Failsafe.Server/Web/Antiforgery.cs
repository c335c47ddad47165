using Microsoft.AspNetCore.Antiforgery;

namespace Failsafe.Server.Web;

/// <summary>
/// Cross-site request forgery protection for browsers: a request signed in by cookie that changes something
/// (POST, PUT, PATCH, DELETE under /api) must carry the antiforgery token from <c>GET /account/antiforgery</c> in
/// the <see cref="HeaderName"/> header. Bearer-token clients (the CLI, phones) send no cookie and need no token.
/// </summary>
public sealed class Antiforgery(RequestDelegate next)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // Identity picks the bearer scheme when an Authorization header is present, else the cookie.
        var byCookie = context.User.Identity?.IsAuthenticated == true
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && byCookie && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account")))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid",
                    $"A request signed in by cookie that changes data must send the token from GET /account/antiforgery in the {HeaderName} header.");
                return;
            }
        }
        await next(context);
    }
}
