using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;

namespace Failsafe.Server.Web;

/// <summary>
/// Rate limits. They count per instance (a limiter is in memory); lockout after failed passwords is in the database
/// and holds across instances.
/// </summary>
/// <remarks>
/// Sign-in and registration count per client address — the connection's, or the one a configured proxy reports
/// (<see cref="Forwarding"/>), never one a client claims. Refreshing a token counts per account: behind a gym's NAT
/// every phone shares one address, and an app refreshing its token is not a stranger guessing passwords.
/// </remarks>
public static class Limits
{
    public const string SignIn = "sign-in";

    /// <summary>Sign-in and registration attempts per address per minute (<c>Failsafe:SignInPerMinute</c>, default 10).</summary>
    public static int SignInPerMinute(IConfiguration configuration) =>
        configuration.GetValue("Failsafe:SignInPerMinute", 10);

    /// <summary>
    /// Requests one signed-in account may have in progress at once (<c>Failsafe:Limits:RequestsInFlightPerAccount</c>,
    /// default 8) and how many more may wait their turn (<c>Failsafe:Limits:RequestsQueuedPerAccount</c>, default 64);
    /// past both, 429 with <c>Retry-After</c>. A phone or a browser has a few requests open at a time; a script opening
    /// hundreds of connections for one account gets this account's share of the server and no more, so it cannot starve
    /// the other lifters. Requests without an account are not counted here (sign-in has its own limit).
    /// </summary>
    public static (int InFlight, int Queued) PerAccount(IConfiguration configuration) =>
        (configuration.GetValue("Failsafe:Limits:RequestsInFlightPerAccount", 8), configuration.GetValue("Failsafe:Limits:RequestsQueuedPerAccount", 64));

    /// <summary>Token refreshes per account per minute (<c>Failsafe:RefreshPerMinute</c>, default 30; an app refreshes about hourly).</summary>
    public static int RefreshPerMinute(IConfiguration configuration) =>
        configuration.GetValue("Failsafe:RefreshPerMinute", 30);

    /// <summary>
    /// Where a request comes from, as limits and the sign-in throttle count it: an IPv4 address whole, an IPv6 address
    /// by its /64 (one home or phone is given a whole /64 and may rotate within it).
    /// </summary>
    public static string Source(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static void AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var (inFlight, queued) = PerAccount(configuration);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } account
                    ? RateLimitPartition.GetConcurrencyLimiter(account, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = inFlight, QueueLimit = queued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, cancel) =>
            {
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignIn)
                    return Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many attempts", "Too many sign-in or registration attempts from this address; wait a minute and try again.", cancel);
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests at once",
                    $"This account has {inFlight + queued} requests in progress or waiting; wait for them to finish and try again.", cancel);
            };
            o.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                Source(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInPerMinute(configuration), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddSingleton(new RefreshLimiter(PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = RefreshPerMinute(configuration), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }))));
    }

    /// <summary>
    /// For the Identity endpoints: every one but <c>/refresh</c> counts against the sign-in limit of its address;
    /// <c>/refresh</c> counts against its account's refresh limit (<see cref="RefreshPerAccount"/>).
    /// </summary>
    public static void LimitIdentity(this IEndpointConventionBuilder identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.Add(b => b.Metadata.Add(b is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith("/refresh", StringComparison.Ordinal)
            ? new DisableRateLimitingAttribute()
            : new EnableRateLimitingAttribute(SignIn)));
        identity.AddEndpointFilter(RefreshPerAccount);
    }

    /// <summary>The refresh token's account is the key (a token that does not unprotect counts against its address).</summary>
    private static async ValueTask<object?> RefreshPerAccount(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { } refresh)
            return await next(context);
        var http = context.HttpContext;
        var protector = http.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var account = protector.Unprotect(refresh.RefreshToken)?.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var key = account is null ? "address:" + Source(http) : "account:" + account;
        using var lease = await http.RequestServices.GetRequiredService<RefreshLimiter>().Limiter.AcquireAsync(key, 1, http.RequestAborted);
        if (lease.IsAcquired)
            return await next(context);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
            detail: "This account refreshed its token too often; wait a minute and try again.");
    }

    /// <summary>The per-account limiter of token refreshes (a singleton: it counts across requests).</summary>
    public sealed record RefreshLimiter(PartitionedRateLimiter<string> Limiter) : IDisposable
    {
        public void Dispose() => Limiter.Dispose();
    }
}
