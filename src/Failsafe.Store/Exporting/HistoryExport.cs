using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Failsafe.Store.Training;

/// <summary>
/// Exports of the log: JSON in the evaluate contract's <c>history</c> shape (so an export feeds straight back into
/// <c>failsafe evaluate</c>), warm-ups, drops, pain and notes marked; CSV with one row per set and every stored field.
/// Both are written set by set as the rows are read (<see cref="LogReader.EachSet"/>) and sent on asynchronously, so
/// an export of any size takes the memory of one set and a write buffer.
/// </summary>
public static class HistoryExport
{
    /// <summary>How many bytes of JSON are held before they are sent on.</summary>
    private const int JsonChunk = 64 * 1024;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The rows of sessions already read whole (the command line's history window), as <see cref="LogReader.EachSet"/> gives them.</summary>
    public static IEnumerable<(SessionRow Session, SetRow? Set)> Rows(IEnumerable<SessionRow> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var s in sessions)
        {
            if (s.Sets.Count == 0)
                yield return (s, null);
            foreach (var x in s.Sets.OrderBy(x => x.Order).ThenBy(x => x.Id))
                yield return (s, x);
        }
    }

    /// <summary>The history document as text (the command line's <c>history --json</c>).</summary>
    public static string ToJson(IEnumerable<SessionRow> sessions, IEnumerable<CustomExerciseRow>? customExercises = null)
    {
        using var buffer = new MemoryStream();
        // A memory stream completes every write at once: nothing waits here.
        WriteJsonAsync(Rows(sessions), customExercises ?? [], buffer, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes the history document of <paramref name="rows"/> (sessions by date, their sets in order, as
    /// <see cref="LogReader.EachSet"/> reads them) to <paramref name="output"/>, only ever asynchronously.
    /// </summary>
    public static async Task WriteJsonAsync(
        IEnumerable<(SessionRow Session, SetRow? Set)> rows, IEnumerable<CustomExerciseRow> customExercises, Stream output, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var custom = customExercises.ToDictionary(ExerciseResolver.CustomId, StringComparer.Ordinal);
        await using var w = new Utf8JsonWriter(output, Indented);
        w.WriteStartObject();
        w.WriteStartArray("history");
        SessionRow? session = null;
        string? run = null;
        foreach (var (s, x) in rows)
        {
            if (!ReferenceEquals(s, session))
            {
                if (session is not null)
                    EndSession(w, run);
                (session, run) = (s, null);
                StartSession(w, s);
            }
            if (x is null)
                continue;
            if (x.ExerciseId != run)
            {
                if (run is not null)
                    EndRun(w);
                run = x.ExerciseId;
                StartRun(w, x, custom);
            }
            WriteSet(w, x);
            if (w.BytesPending >= JsonChunk)
                await w.FlushAsync(cancel);
        }
        if (session is not null)
            EndSession(w, run);
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancel);
    }

    private static void StartSession(Utf8JsonWriter w, SessionRow s)
    {
        w.WriteStartObject();
        w.WriteString("date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (s.DayType is not null)
            w.WriteString("dayType", s.DayType);
        w.WriteString("source", s.Source);
        if (s.Name is not null)
            w.WriteString("name", s.Name);
        w.WriteStartArray("exercises");
    }

    private static void EndSession(Utf8JsonWriter w, string? run)
    {
        if (run is not null)
            EndRun(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Starts a run of consecutive sets of one exercise.</summary>
    private static void StartRun(Utf8JsonWriter w, SetRow x, Dictionary<string, CustomExerciseRow> custom)
    {
        w.WriteStartObject();
        w.WriteString("exercise", x.ExerciseName);
        w.WriteString("exerciseId", x.ExerciseId);
        if (custom.TryGetValue(x.ExerciseId, out var c))
        {
            // The lifter's own classification travels with the export, so it reads back into `evaluate`.
            w.WriteStartObject("custom");
            w.WriteString("mechanic", c.Mechanic);
            w.WriteString("equipment", c.Equipment);
            if (c.Classified)
            {
                w.WriteString("maxFailure", c.MaxFailure);
                w.WriteString("maxFailureWithSpotter", c.MaxFailureWithSpotter);
            }
            w.WriteStrings("primaryMuscles", c.PrimaryMuscles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            w.WriteEndObject();
        }
        w.WriteStartArray("sets");
    }

    private static void EndRun(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSet(Utf8JsonWriter w, SetRow x)
    {
        w.WriteStartObject();
        w.WriteNumber("weightKg", Math.Round(x.WeightKg, 3));
        w.WriteNumber("reps", x.Reps);
        // A set logged without RIR or RPE stays unrated: no number is invented for it (evaluate reads it back as unrated).
        if ((x.Failure != "none" ? 0 : x.Rir ?? (x.Rpe is { } rpe ? 10 - rpe : null)) is { } rir)
            w.WriteNumber("rir", rir);
        w.WriteString("failure", x.Failure);
        if (x.Technique is not null)
            w.WriteString("technique", x.Technique);
        if (x.Warmup)
            w.WriteBoolean("warmup", true);
        if (x.Drop)
            w.WriteBoolean("drop", true);
        if (x.Rpe is { } r)
            w.WriteNumber("rpe", r);
        if (x.Pain)
            w.WriteBoolean("pain", true);
        if (x.Notes is { Length: > 0 } notes)
            w.WriteString("notes", notes);
        w.WriteEndObject();
    }

    /// <summary>
    /// CSV, one row per set. A text cell a spreadsheet would run as a formula (one beginning with =, +, -, @, tab or
    /// CR: a note, a workout's or a custom exercise's name) gets a leading apostrophe, as OWASP recommends against
    /// CSV injection: a coach opens an athlete's export in a spreadsheet. (Failsafe's own importers read Strong and
    /// Hevy exports, not this file, so the apostrophe never comes back into a log.)
    /// </summary>
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.Escape };

    private static readonly string[] CsvHeader =
        ["date", "session", "source", "day_type", "exercise", "exercise_id", "set", "weight_kg", "unit", "weight_entered", "reps", "rir", "rpe", "failure", "technique", "warmup", "drop", "form_breakdown", "pain", "notes"];

    /// <summary>Writes the CSV of <paramref name="rows"/> (as <see cref="LogReader.EachSet"/> reads them) to <paramref name="output"/>, only ever asynchronously.</summary>
    public static async Task WriteCsvAsync(IEnumerable<(SessionRow Session, SetRow? Set)> rows, Stream output, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string? N(double? v) => v?.ToString(CultureInfo.InvariantCulture);
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(CsvHeader, cancel);
        foreach (var (s, x) in rows)
        {
            if (x is null)
                continue;
            await csv.WriteRecordAsync([
                s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Name ?? "", s.Source, s.DayType ?? "", x.ExerciseName, x.ExerciseId,
                x.Order.ToString(CultureInfo.InvariantCulture), N(Math.Round(x.WeightKg, 3))!, x.Unit, N(x.WeightEntered)!, x.Reps.ToString(CultureInfo.InvariantCulture),
                N(x.Rir) ?? "", N(x.Rpe) ?? "", x.Failure, x.Technique ?? "", x.Warmup ? "true" : "false", x.Drop ? "true" : "false",
                x.FormBreakdown ? "true" : "false", x.Pain ? "true" : "false", x.Notes ?? "",
            ], cancel);
        }
        await csv.FlushAsync(cancel);
    }
}
