namespace Failsafe.Server.Web;

/// <summary>
/// Headers every response carries: no sniffing, no framing, no referrer, and a content policy: closed for the API,
/// and for the web app's pages only this origin's own scripts, styles, images, worker and manifest (no inline
/// script or style at all).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The reference page (/scalar) runs its own script; the API is data and needs nothing.
        if (context.Request.Path.StartsWithSegments("/scalar"))
            return next(context);
        headers.ContentSecurityPolicy = App.WebApp.IsPage(context.Request) || Path.HasExtension(context.Request.Path.Value)
            ? PagePolicy
            : "default-src 'none'; frame-ancestors 'none'";
        return next(context);
    }
}
