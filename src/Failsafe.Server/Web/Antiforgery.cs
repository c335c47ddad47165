using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.Web;

/// <summary>
/// Cross-site request forgery protection for browsers: a request signed in by cookie that changes something
/// (POST, PUT, PATCH, DELETE under /api) must carry the antiforgery token from <c>GET /account/antiforgery</c> in
/// the <see cref="HeaderName"/> header. Bearer-token clients (the CLI, phones) send no cookie and need no token.
/// </summary>
/// <remarks>
/// Which scheme signed a request in is asked of the bearer handler itself (<see cref="ByBearer"/>), never guessed from
/// the <c>Authorization</c> header's text: Identity forwards to the bearer handler only for "Bearer " in that case, so
/// a cookie beside <c>bearer junk</c> is signed in by the cookie and must be checked like any cookie.
/// </remarks>
public sealed class Antiforgery(RequestDelegate next)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (unsafeMethod && context.User.Identity?.IsAuthenticated == true
            && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account")) && !await ByBearer(context))
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

    /// <summary>Whether a bearer token signed this request in: the token is valid and names the request's user.</summary>
    public static async Task<bool> ByBearer(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Headers.Authorization.Count == 0)
            return false;
        var bearer = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
        return bearer.Succeeded && bearer.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            && id == context.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }
}
