namespace Failsafe.Server.Web;

/// <summary>
/// Headers every response carries: no sniffing, no framing, no referrer, and a content policy: closed for the API,
/// and for the web app's pages only this origin's own scripts, styles, images, worker and manifest (no inline
/// script or style at all).
/// </summary>
/// <remarks>
/// The first middleware, and the headers are set as the response starts: the exception handler clears the headers of
/// a response it rewrites (a body that is not JSON, a wrong type, any fault), but not what runs when it starts, so no
/// path through the pipeline can leave them out.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state => Set((HttpContext)state), context);
        return next(context);
    }

    private static Task Set(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The reference page (/scalar) runs its own script; the API is data and needs nothing.
        if (!context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = App.WebApp.IsPage(context.Request) || Path.HasExtension(context.Request.Path.Value)
                ? PagePolicy
                : "default-src 'none'; frame-ancestors 'none'";
        }
        return Task.CompletedTask;
    }
}
