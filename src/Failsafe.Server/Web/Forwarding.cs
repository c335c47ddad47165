using Microsoft.AspNetCore.HttpOverrides;

namespace Failsafe.Server.Web;

/// <summary>
/// Behind a reverse proxy that ends TLS: the client's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> — believed only when the request comes from a proxy configured by address
/// (<c>Failsafe:ForwardedHeaders:KnownProxies</c>, a list of addresses) or network
/// (<c>Failsafe:ForwardedHeaders:KnownNetworks</c>, a list in CIDR notation, e.g. <c>10.0.0.0/8</c>). Anything else
/// claiming to forward is ignored: the limits then count the connection's own address, so rotating
/// <c>X-Forwarded-For</c> gains nothing.
/// </summary>
public static class Forwarding
{
    private const string Section = "Failsafe:ForwardedHeaders";

    /// <summary>
    /// Configures the forwarded headers from the server's settings, after every other setup: ASP.NET Core's own
    /// switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>) believes any sender, and is narrowed here to the proxies
    /// configured (to none when none are).
    /// </summary>
    public static void AddForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [];
        services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            // No proxy configured: nothing is believed (the middleware would believe every sender with empty lists).
            o.ForwardedHeaders = proxies.Length + networks.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk back through every configured proxy in the chain to the first address none of them is.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>First in the pipeline, when proxies are configured: everything after sees the client's address and scheme.</summary>
    public static void UseForwarding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetSection(Section).GetChildren().Any())
            app.UseForwardedHeaders();
    }
}
