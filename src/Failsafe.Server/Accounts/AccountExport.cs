using System.IO.Pipelines;
using System.Text.Json;
using Failsafe.Server.Training;

namespace Failsafe.Server.Accounts;

/// <summary>
/// Everything an account holds, in one JSON document: the account, profile and its changes, the whole log, plans and
/// coaching links. Written to the response as it is read: the log set by set (<see cref="LogReader.EachSet"/>), so
/// the server holds one set of it at a time, however long the log.
/// </summary>
public static class AccountExport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>How many bytes are held before they are sent on.</summary>
    private const int Chunk = 64 * 1024;

    public static async Task Write(FailsafeDb db, Account user, IReadOnlyList<CoachLink> links, Stream output, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        // Through a pipe: the serializer flushes the writer after each value, and the response may only be written
        // asynchronously; the pipe holds what is flushed until it is sent on.
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        using var w = new Utf8JsonWriter(pipe, Indented);
        void Property<T>(string name, T value)
        {
            w.WritePropertyName(name);
            JsonSerializer.Serialize(w, value, Options);
        }
        w.WriteStartObject();
        Property("account", new { id = user.Id, email = user.Email, createdAt = user.CreatedAt });
        Property("profile", await db.MyProfile.AsNoTracking().FirstOrDefaultAsync(cancel));
        Property("profileChanges", await db.ProfileChanges.AsNoTracking().Where(c => c.ProfileId == db.AthleteId).OrderBy(c => c.ChangedAt).ToListAsync(cancel));

        // A session's fields, then its sets as they are read.
        w.WriteStartArray("sessions");
        SessionRow? session = null;
        foreach (var (s, x) in LogReader.For(db).EachSet())
        {
            if (!ReferenceEquals(s, session))
            {
                if (session is not null)
                    EndSession(w);
                session = s;
                w.WriteStartObject();
                foreach (var field in JsonSerializer.SerializeToElement(SessionEndpoints.View(s), Options).EnumerateObject())
                {
                    if (field.NameEquals("sets"))
                        continue;
                    field.WriteTo(w);
                }
                w.WriteStartArray("sets");
            }
            if (x is not null)
                JsonSerializer.Serialize(w, SessionEndpoints.View(x, s.Date), Options);
            w.Flush();
            if (pipe.UnflushedBytes >= Chunk)
                await pipe.FlushAsync(cancel);
        }
        if (session is not null)
            EndSession(w);
        w.WriteEndArray();

        Property("checkIns", await db.Mine<CheckInRow>().AsNoTracking().OrderBy(c => c.Date).ToListAsync(cancel));
        Property("events", await db.Mine<EventRow>().AsNoTracking().OrderBy(e => e.Date).ToListAsync(cancel));
        Property("injuries", await db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Since).ToListAsync(cancel));
        Property("plans", await db.Mine<PlanRow>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancel));
        Property("customExercises", await db.Mine<CustomExerciseRow>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancel));
        Property("coaching", links.Select(l => new { l.Id, role = l.CoachAccountId == user.Id ? "coach" : "athlete", l.InvitedAt, l.AcceptedAt }).ToList());
        w.WriteEndObject();
        w.Flush();
        await pipe.CompleteAsync();
    }

    private static void EndSession(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
