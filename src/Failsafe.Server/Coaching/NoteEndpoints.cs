using System.Security.Claims;

namespace Failsafe.Server.Coaching;

/// <summary>A note to write: on <see cref="Date"/> (the athlete's today when absent), about one of its sessions or the day.</summary>
public sealed record NoteInput(DateOnly? Date, long? SessionId, string? Text);

/// <summary>A note of a day's thread: a coach's (<see cref="FromCoach"/>) or the athlete's answer.</summary>
public sealed record NoteView(long Id, DateOnly Date, long? SessionId, bool FromCoach, string Author, string Text, DateTime CreatedAt);

/// <summary>
/// Notes between a coach and an athlete on a day of the athlete's training: a coach who plans for the athlete writes
/// one (on the day, or one of its sessions); the athlete sees it on Today and answers. Everyone else gets 404.
/// </summary>
public static class NoteEndpoints
{
    public const int MaxText = 2000;

    public static void MapNotes(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/notes").WithTags("Notes");
        g.MapGet("/", List).ForAthlete(Access.Read).Produces<List<NoteView>>()
            .WithSummary("The notes of the athlete's days from ?from= to ?to= (both yyyy-MM-dd; the last 28 days by default), oldest first.");
        g.MapPost("/", Write).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<NoteView>(StatusCodes.Status201Created)
            .WithSummary("Write a note on a day or one of its sessions: a coach's note, or the athlete's answer (who writes decides which).");
    }

    public static async Task<IResult> List(FailsafeDb db, AthleteAccess access, TimeProvider clock, DateOnly? from, DateOnly? to, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(access);
        var last = to ?? access.Today(clock);
        var first = from ?? last.AddDays(-27);
        if (first > last)
            return Problems.Invalid("from", $"{first:yyyy-MM-dd} is after to ({last:yyyy-MM-dd})");
        return TypedResults.Ok(await Read(db, first, last, cancel));
    }

    /// <summary>The athlete's notes dated <paramref name="from"/> to <paramref name="to"/>, by date then as written.</summary>
    public static Task<List<NoteView>> Read(FailsafeDb db, DateOnly from, DateOnly to, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Mine<NoteRow>().AsNoTracking().Where(n => n.Date >= from && n.Date <= to).OrderBy(n => n.Date).ThenBy(n => n.Id)
            .Select(n => new NoteView(n.Id, n.Date, n.SessionId, n.FromCoach, n.Author, n.Text, n.CreatedAt)).ToListAsync(cancel);
    }

    public static async Task<IResult> Write(NoteInput input, FailsafeDb db, AthleteAccess access, ClaimsPrincipal user, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(user);
        var text = input?.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Problems.Invalid("text", "required: what the note says");
        if (text.Length > MaxText)
            return Problems.Invalid("text", $"longer than {MaxText} characters");
        var date = input!.Date ?? access.Today(clock);
        if (LogLimits.Day(date) is { } problem)
            return Problems.Invalid("date", problem);
        if (await ListCap.Notes.Refuses(db.Mine<NoteRow>(), settings, cancel) is { } full)
            return full;
        if (input.SessionId is { } sessionId)
        {
            var day = await db.Mine<SessionRow>().Where(s => s.Id == sessionId).Select(s => (DateOnly?)s.Date).FirstOrDefaultAsync(cancel);
            if (day is null)
                return Problems.Invalid("sessionId", $"{sessionId} is not one of the athlete's sessions");
            if (input.Date is null)
                date = day.Value;
            else if (day != date)
                return Problems.Invalid("sessionId", $"session {sessionId} is on {day:yyyy-MM-dd}, not {date:yyyy-MM-dd}");
        }
        var author = access.Self
            ? await db.MyProfile.Select(p => p.Name).FirstAsync(cancel)
            : user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.Name) ?? "coach";
        var row = new NoteRow
        {
            AthleteId = access.AthleteId, Date = date, SessionId = input.SessionId, FromCoach = !access.Self,
            Author = author.Length > 256 ? author[..256] : author, Text = text, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Notes.Add(row);
        await db.SaveChangesAsync(cancel);
        await db.TouchAsync(access.AthleteId, cancel);
        return TypedResults.Created($"/api/notes?from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}", new NoteView(row.Id, row.Date, row.SessionId, row.FromCoach, row.Author, row.Text, row.CreatedAt));
    }
}
