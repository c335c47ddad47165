namespace Failsafe.Server.Web;

/// <summary>Headers every response carries: no sniffing, no framing, no referrer, and a closed content policy for the API.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The reference page (/scalar) runs its own script; everything else is data and needs nothing.
        if (!context.Request.Path.StartsWithSegments("/scalar"))
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        return next(context);
    }
}
