using Failsafe.Server.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.App;

/// <summary>
/// The web app for the gym floor: pages rendered on the server (Razor components, static rendering), their static
/// files (wwwroot: styles, the small scripts, the service worker and manifest that make it installable and usable
/// offline), and the sign-out form's endpoint. Every change a page makes goes through the JSON API.
/// </summary>
public static class WebApp
{
    /// <summary>True for a request for a page (not the API, the account API, the documents or a static file): it may be redirected to sign in.</summary>
    public static bool IsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        return !(path.StartsWithSegments("/api") || path.StartsWithSegments("/account") || path.StartsWithSegments("/openapi")
            || path.StartsWithSegments("/scalar") || Path.HasExtension(path.Value));
    }

    public static void MapWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<Failsafe.Server.App.App>();
        app.MapPost("/signout", SignOut).ExcludeFromDescription();
    }

    /// <summary>The layout's "Sign out" button: a form post with the antiforgery token; back to the sign-in page.</summary>
    private static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Redirect("/today");
        }
        await signIn.SignOutAsync();
        return TypedResults.Redirect("/signin");
    }
}
