using Microsoft.AspNetCore.Http.HttpResults;

namespace Failsafe.Server.Web;

/// <summary>
/// The most rows an account may hold of each list it writes one request at a time: without a bound, a script could
/// grow any of them for ever, and each is read whole somewhere (the list's GET, the account's export, today's
/// decisions). Every default is far above what a lifter or a coach writes; each is a setting
/// (<c>Failsafe:Limits:…</c>), refused with 413 and a problem whose <c>limit</c> names it, nothing stored. The count is
/// taken at the write, so two writes at once may pass a cap by one.
/// </summary>
/// <param name="Setting">The setting that changes the cap.</param>
/// <param name="Default">The cap without the setting.</param>
/// <param name="What">What the list holds, in words (plural).</param>
public sealed record ListCap(string Setting, int Default, string What)
{
    /// <summary>Sessions started with <c>POST /api/sessions</c> (a logged set starts its day's own): 40 years of two a day is under 30,000.</summary>
    public static ListCap Sessions { get; } = new("Failsafe:Limits:SessionsPerAccount", 100_000, "sessions");

    /// <summary>Meets, races and other events: a competitive lifter enters a few a year.</summary>
    public static ListCap Events { get; } = new("Failsafe:Limits:EventsPerAccount", 1_000, "events");

    public static ListCap Injuries { get; } = new("Failsafe:Limits:InjuriesPerAccount", 1_000, "injuries");

    /// <summary>Plans made (each replaces the active one; the old ones are kept, and each holds its whole layout).</summary>
    public static ListCap Plans { get; } = new("Failsafe:Limits:PlansPerAccount", 1_000, "plans");

    /// <summary>Notes between an athlete and their coaches (up to 2,000 characters each).</summary>
    public static ListCap Notes { get; } = new("Failsafe:Limits:NotesPerAccount", 10_000, "notes");

    /// <summary>Changes of the profile's fields, kept as its history (a daily bodyweight for 20 years is 7,300).</summary>
    public static ListCap ProfileChanges { get; } = new("Failsafe:Limits:ProfileChangesPerAccount", 50_000, "profile changes");

    /// <summary>Custom exercises, typed or from imports: every unknown name logged, and every import, reads them all.</summary>
    public static ListCap CustomExercises { get; } = new("Failsafe:Limits:CustomExercisesPerAccount", 10_000, "custom exercises");

    /// <summary>Invitations a coach has sent (kept after they are accepted, so the coach's list shows them).</summary>
    public static ListCap Invitations { get; } = new("Failsafe:Limits:InvitationsPerCoach", 1_000, "sent invitations");

    /// <summary>The cap on this server.</summary>
    public int Most(IConfiguration settings) => settings.GetValue(Setting, Default);

    /// <summary>The cap in words, for an account holding <paramref name="held"/>.</summary>
    public string Says(int most, int held) =>
        string.Create(CultureInfo.InvariantCulture, $"an account may hold at most {most:N0} {What} ({Setting}) and this one holds {held:N0}");

    /// <summary>A 413 when <paramref name="rows"/> (the account's) and <paramref name="adding"/> more would pass the cap; null when they fit.</summary>
    public async Task<ProblemHttpResult?> Refuses<T>(IQueryable<T> rows, IConfiguration settings, CancellationToken cancel, int adding = 1)
    {
        var most = Most(settings);
        var held = await rows.CountAsync(cancel);
        if (held + adding <= most)
            return null;
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The account holds as many {What} as it may; nothing was stored",
            detail: Says(most, held) + "; nothing was stored", extensions: new Dictionary<string, object?> { ["limit"] = Setting });
    }
}
