using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Failsafe.Store.Planning;

namespace Failsafe.Server.Planning;

/// <summary>The private calendar-feed address, as made: shown to the lifter once.</summary>
public sealed record FeedView(string Url);

/// <summary>
/// The athlete's private calendar feed: an address a phone's calendar subscribes to, <c>/calendar/SECRET.ics</c>,
/// which serves the active plan as iCalendar without signing in (calendar apps cannot). The secret is 32 random
/// bytes (base64url); the profile keeps only its SHA-256 (<see cref="ProfileRow.CalendarFeedHash"/>), so the address
/// is shown once, when made, and the feed finds its athlete by the hash — an indexed lookup whose timing says nothing
/// about any secret. Making a new address turns the old one off at once; an unknown or old address is a 404, the same
/// answer as for nothing there.
/// </summary>
public static class CalendarFeed
{
    /// <summary>The secret's length in characters: 32 bytes in base64url, unpadded.</summary>
    public const int SecretLength = 43;

    /// <summary><c>GET /calendar/{secret}.ics</c>, open to anyone who has the address (map beside the API, not under it).</summary>
    public static void MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/calendar/{secret}.ics", Serve).AllowAnonymous().WithTags("Plans").WithName("getCalendarFeed")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .WithSummary("The active plan as iCalendar at the athlete's private feed address (no sign-in: the address is the key; see POST /api/plans/feed).");
    }

    /// <summary>Makes a new secret; returns it and the hash to store.</summary>
    public static (string Secret, string Hash) NewSecret()
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret));
    }

    /// <summary>The SHA-256 of a secret, lowercase hex: what the profile keeps.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>The feed's address for <paramref name="secret"/> on the server the request reached.</summary>
    public static string Url(HttpRequest request, string secret)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/calendar/{secret}.ics";
    }

    /// <summary>True when <paramref name="secret"/> could be one this server made (so anything else never reaches the database).</summary>
    private static bool WellFormed(string secret) =>
        secret.Length == SecretLength && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static async Task<IResult> Serve(string secret, FailsafeDb db, HttpContext http, TimeProvider clock, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        var hash = WellFormed(secret) ? Hash(secret) : null;
        var athlete = hash is null ? null
            : await db.Profiles.AsNoTracking().Where(p => p.CalendarFeedHash == hash).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancel);
        if (athlete is not { } id)
            return Problems.NotFound("such calendar");
        db.AthleteId = id;
        var log = LogReader.For(db);
        var profile = log.Profile()!;
        var unit = profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        // Between plans the feed stays subscribed and empty, rather than failing the calendar app's next refresh.
        var plan = log.ActivePlan() is { } row
            ? TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, row.Weeks)
            : new Failsafe.Planning.Plan(LocalDay.Today(clock, profile.TimeZone ?? "Etc/UTC"), [], []);
        http.Response.Headers.CacheControl = "private";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(PlanCalendar.ToIcs(plan, unit)), "text/calendar; charset=utf-8");
    }

    /// <summary><c>POST /api/plans/feed</c>: a new address (the old one, if any, stops working now).</summary>
    public static async Task<IResult> Create(FailsafeDb db, HttpContext http, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        var profile = await db.MyProfile.FirstAsync(cancel);
        var (secret, hash) = NewSecret();
        profile.CalendarFeedHash = hash;
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(new FeedView(Url(http.Request, secret)));
    }

    /// <summary><c>DELETE /api/plans/feed</c>: no address works any more.</summary>
    public static async Task<IResult> TurnOff(FailsafeDb db, CancellationToken cancel)
    {
        var profile = await db.MyProfile.FirstAsync(cancel);
        profile.CalendarFeedHash = null;
        await db.SaveChangesAsync(cancel);
        return TypedResults.NoContent();
    }
}
