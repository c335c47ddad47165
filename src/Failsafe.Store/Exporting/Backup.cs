using System.Text.Json;
using System.Text.Json.Serialization;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Exporting;

/// <summary>
/// The whole log of one athlete as one JSON document (<c>failsafe export json</c>, read back by
/// <c>failsafe import FILE</c>): the profile (with its equipment and time zone) and its history of changes, check-ins,
/// sessions (state, session RPE, feeling, changes, notes) with every stored field of their sets, plans, events,
/// injuries, custom exercises and the notes between coach and athlete (a note on a session names it by its place in
/// <c>sessions</c>). Row ids, revisions and the API's idempotency keys are left out: they belong to one
/// database, and a restored log gets its own. Rows are written in a fixed order and times in UTC, so export → import →
/// export gives the same file.
/// </summary>
public static class Backup
{
    /// <summary>The document's <c>format</c>: what <see cref="Restore"/> accepts.</summary>
    public const string Format = "failsafe-backup";

    public const int Version = 1;

    public sealed record Document(
        string Format, int Version, Profile Profile, List<ProfileChange> ProfileChanges, List<CustomExercise> CustomExercises,
        List<CheckIn> CheckIns, List<Session> Sessions, List<Plan> Plans, List<CalendarEvent> Events, List<Injury> Injuries,
        List<Note>? Notes = null);

    public sealed record Profile(
        string Name, double TrainingYears, string FormUnderFatigue, double SleepHours, string Stress, string Goal, bool InSeason, string Split,
        bool CompetitionPrep, double? BodyweightKg, string Unit, string TrainingDays, string Phase, string? Equipment, string? TimeZone, DateTime UpdatedAt,
        string? PinnedLifts = null, string? Preset = null);

    public sealed record ProfileChange(DateTime ChangedAt, string Field, string? OldValue, string? NewValue);

    public sealed record CustomExercise(
        string Name, string Mechanic, string Equipment, string MaxFailure, string MaxFailureWithSpotter, string CnsDemand, string PrimaryMuscles, bool Classified);

    public sealed record CheckIn(DateOnly Date, double? SleepHours, int? SleepQuality, int? Fatigue, int? Mood, int? Soreness, int? Aches, int? Motivation);

    public sealed record Session(
        DateOnly Date, string? DayType, string? Name, string Source, string? ImportKey, DateTime? StartedAt, DateTime? FinishedAt, string? Notes,
        double? SessionRpe, string? Feeling, string? Changes, List<LoggedSet> Sets);

    public sealed record LoggedSet(
        string ExerciseId, string Exercise, double WeightKg, string Unit, double WeightEntered, int Reps, double? Rir, double? Rpe, string Failure,
        string? Technique, bool Warmup, bool Drop, bool FormBreakdown, bool Pain, string? Notes, DateTime LoggedAt);

    public sealed record Plan(DateOnly Start, int Weeks, string Days, string? Template, DateTime CreatedAt, bool Active);

    public sealed record CalendarEvent(DateOnly Date, string Name);

    public sealed record Injury(string Description, DateOnly Since, DateOnly? ClearedOn);

    /// <summary>A note between coach and athlete; <see cref="Session"/> is the index in <see cref="Document.Sessions"/> of the session it is on, null for the day.</summary>
    public sealed record Note(DateOnly Date, int? Session, bool FromCoach, string Author, string Text, DateTime CreatedAt);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Times as stored, marked UTC (SQLite gives them back unmarked).</summary>
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;

    /// <summary>The athlete's whole log as a backup document; null when the log has no profile.</summary>
    public static string? Write(FailsafeDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = db.MyProfile.AsNoTracking().FirstOrDefault();
        if (p is null)
            return null;
        var profile = new Profile(
            p.Name, p.TrainingYears, p.FormUnderFatigue, p.SleepHours, p.Stress, p.Goal, p.InSeason, p.Split, p.CompetitionPrep, p.BodyweightKg, p.Unit,
            p.TrainingDays, p.Phase, p.EquipmentJson, p.TimeZone, Utc(p.UpdatedAt), p.PinnedLifts, p.Preset);
        var changes = db.ProfileChanges.AsNoTracking().Where(c => c.ProfileId == p.Id).OrderBy(c => c.Id).AsEnumerable()
            .Select(c => new ProfileChange(Utc(c.ChangedAt), c.Field, c.OldValue, c.NewValue)).ToList();
        var custom = db.Mine<CustomExerciseRow>().AsNoTracking().OrderBy(c => c.Id).AsEnumerable()
            .Select(c => new CustomExercise(c.Name, c.Mechanic, c.Equipment, c.MaxFailure, c.MaxFailureWithSpotter, c.CnsDemand, c.PrimaryMuscles, c.Classified)).ToList();
        var checkIns = db.Mine<CheckInRow>().AsNoTracking().OrderBy(c => c.Date).ThenBy(c => c.Id).AsEnumerable()
            .Select(c => new CheckIn(c.Date, c.SleepHours, c.SleepQuality, c.Fatigue, c.Mood, c.Soreness, c.Aches, c.Motivation)).ToList();
        var stored = LogReader.For(db).Sessions().ToList();
        var place = stored.Select((s, i) => (s.Id, i)).ToDictionary(t => t.Id, t => t.i);
        var sessions = stored.Select(s => new Session(
            s.Date, s.DayType, s.Name, s.Source, s.ImportKey, Utc(s.StartedAt), Utc(s.FinishedAt), s.Notes, s.SessionRpe, s.Feeling, s.ChangesJson,
            [.. s.Sets.OrderBy(x => x.Order).Select(x => new LoggedSet(
                x.ExerciseId, x.ExerciseName, x.WeightKg, x.Unit, x.WeightEntered, x.Reps, x.Rir, x.Rpe, x.Failure, x.Technique, x.Warmup, x.Drop,
                x.FormBreakdown, x.Pain, x.Notes, Utc(x.LoggedAt)))])).ToList();
        var plans = db.Mine<PlanRow>().AsNoTracking().OrderBy(x => x.Id).AsEnumerable()
            .Select(x => new Plan(x.Start, x.Weeks, x.Days, x.TemplateJson, Utc(x.CreatedAt), x.Active)).ToList();
        var events = db.Mine<EventRow>().AsNoTracking().OrderBy(e => e.Date).ThenBy(e => e.Id).AsEnumerable().Select(e => new CalendarEvent(e.Date, e.Name)).ToList();
        var injuries = db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Id).AsEnumerable().Select(i => new Injury(i.Description, i.Since, i.ClearedOn)).ToList();
        var notes = db.Mine<NoteRow>().AsNoTracking().OrderBy(n => n.Id).AsEnumerable()
            .Select(n => new Note(n.Date, n.SessionId is { } id && place.TryGetValue(id, out var at) ? at : null, n.FromCoach, n.Author, n.Text, Utc(n.CreatedAt))).ToList();
        return JsonSerializer.Serialize(new Document(Format, Version, profile, changes, custom, checkIns, sessions, plans, events, injuries, notes), Options);
    }

    /// <summary>What a restore wrote.</summary>
    public sealed record Restored(int Sessions, int Sets, int CheckIns, int Plans);

    /// <summary>
    /// Restores <paramref name="json"/> (a document <see cref="Write"/> made) into <paramref name="db"/>, which must hold
    /// no profile and no rows, in one transaction: all of it or nothing. The problem in words when the log is not
    /// empty or the document is not a backup.
    /// </summary>
    public static (Restored? Restored, string? Problem) Restore(FailsafeDb db, string json)
    {
        ArgumentNullException.ThrowIfNull(db);
        Document? doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException ex)
        {
            return (null, $"not a Failsafe backup: {ex.Message}");
        }
        if (doc is null || doc.Format != Format || doc.Profile is null)
            return (null, $"not a Failsafe backup (no \"format\": \"{Format}\" with a profile); `failsafe export json` makes one");
        if (doc.Version != Version)
            return (null, $"backup version {doc.Version} is not one this Failsafe reads ({Version})");
        if (Refused(doc) is { } refused)
            return (null, $"{refused}; nothing was restored");
        if (Holds(db) is { } what)
            return (null, $"the log is not empty (it holds {what}); a backup restores only into an empty log — give a new file with --db");

        using var transaction = db.Database.BeginTransaction();
        var p = doc.Profile;
        var profile = new ProfileRow
        {
            Name = p.Name, TrainingYears = p.TrainingYears, FormUnderFatigue = p.FormUnderFatigue, SleepHours = p.SleepHours, Stress = p.Stress,
            Goal = p.Goal, InSeason = p.InSeason, Split = p.Split, CompetitionPrep = p.CompetitionPrep, BodyweightKg = p.BodyweightKg, Unit = p.Unit,
            TrainingDays = p.TrainingDays, Phase = p.Phase, EquipmentJson = p.Equipment, TimeZone = p.TimeZone, UpdatedAt = p.UpdatedAt,
            PinnedLifts = p.PinnedLifts, Preset = p.Preset,
        };
        db.Profiles.Add(profile);
        db.SaveChanges();
        db.AthleteId = profile.Id;
        db.ProfileChanges.AddRange((doc.ProfileChanges ?? []).Select(c => new ProfileChangeRow { ProfileId = profile.Id, ChangedAt = c.ChangedAt, Field = c.Field, OldValue = c.OldValue, NewValue = c.NewValue }));
        db.CustomExercises.AddRange((doc.CustomExercises ?? []).Select(c => new CustomExerciseRow
        {
            AthleteId = profile.Id, Name = c.Name, Mechanic = c.Mechanic, Equipment = c.Equipment, MaxFailure = c.MaxFailure,
            MaxFailureWithSpotter = c.MaxFailureWithSpotter, CnsDemand = c.CnsDemand, PrimaryMuscles = c.PrimaryMuscles, Classified = c.Classified,
        }));
        db.CheckIns.AddRange((doc.CheckIns ?? []).Select(c => new CheckInRow
        {
            AthleteId = profile.Id, Date = c.Date, SleepHours = c.SleepHours, SleepQuality = c.SleepQuality, Fatigue = c.Fatigue, Mood = c.Mood,
            Soreness = c.Soreness, Aches = c.Aches, Motivation = c.Motivation,
        }));
        var sets = 0;
        var added = new List<SessionRow>();
        foreach (var s in doc.Sessions ?? [])
        {
            var order = 0;
            added.Add(new SessionRow
            {
                AthleteId = profile.Id, Date = s.Date, DayType = s.DayType, Name = s.Name, Source = s.Source, ImportKey = s.ImportKey, StartedAt = s.StartedAt,
                FinishedAt = s.FinishedAt, Notes = s.Notes, SessionRpe = s.SessionRpe, Feeling = s.Feeling, ChangesJson = s.Changes,
                Sets = [.. (s.Sets ?? []).Select(x => new SetRow
                {
                    AthleteId = profile.Id, Order = ++order, ExerciseId = x.ExerciseId, ExerciseName = x.Exercise, WeightKg = x.WeightKg, Unit = x.Unit,
                    WeightEntered = x.WeightEntered, Reps = x.Reps, Rir = x.Rir, Rpe = x.Rpe, Failure = x.Failure, Technique = x.Technique, Warmup = x.Warmup,
                    Drop = x.Drop, FormBreakdown = x.FormBreakdown, Pain = x.Pain, Notes = x.Notes, LoggedAt = x.LoggedAt,
                })],
            });
            sets += s.Sets?.Count ?? 0;
        }
        db.Sessions.AddRange(added);
        db.Plans.AddRange((doc.Plans ?? []).Select(x => new PlanRow { AthleteId = profile.Id, Start = x.Start, Weeks = x.Weeks, Days = x.Days, TemplateJson = x.Template, CreatedAt = x.CreatedAt, Active = x.Active }));
        db.Events.AddRange((doc.Events ?? []).Select(e => new EventRow { AthleteId = profile.Id, Date = e.Date, Name = e.Name }));
        db.Injuries.AddRange((doc.Injuries ?? []).Select(i => new InjuryRow { AthleteId = profile.Id, Description = i.Description, Since = i.Since, ClearedOn = i.ClearedOn }));
        db.SaveChanges();
        // The sessions have their ids now: a note on one points at it.
        db.Notes.AddRange((doc.Notes ?? []).Select(n => new NoteRow
        {
            AthleteId = profile.Id, Date = n.Date, SessionId = n.Session is { } at ? added[at].Id : null, FromCoach = n.FromCoach, Author = n.Author, Text = n.Text, CreatedAt = n.CreatedAt,
        }));
        db.SaveChanges();
        transaction.Commit();
        return (new Restored(doc.Sessions?.Count ?? 0, sets, doc.CheckIns?.Count ?? 0, doc.Plans?.Count ?? 0), null);
    }

    /// <summary>The first session or set the API would refuse too (<see cref="LogLimits"/>), by its JSON path; null when there is none.</summary>
    private static string? Refused(Document doc)
    {
        if (doc.Profile.Preset is { } preset && PolicyPresets.Problem(preset) is { } presetProblem)
            return $"$.profile.preset: {presetProblem}";
        var sessions = doc.Sessions ?? [];
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            foreach (var (field, problem) in new[] { ("date", LogLimits.Day(s.Date)), ("name", LogLimits.Name(s.Name)), ("notes", LogLimits.Notes(s.Notes)) })
            {
                if (problem is not null)
                    return $"$.sessions[{i}].{field}: {problem}";
            }
            var sets = s.Sets ?? [];
            if (LogLimits.Sets(sets.Count) is { } many)
                return $"$.sessions[{i}].sets: {many}";
            for (var j = 0; j < sets.Count; j++)
            {
                var x = sets[j];
                foreach (var (field, problem) in new[]
                {
                    ("exercise", LogLimits.Name(x.Exercise)), ("weightEntered", LogLimits.Weight(x.WeightEntered)), ("reps", LogLimits.Reps(x.Reps)), ("notes", LogLimits.Notes(x.Notes)),
                })
                {
                    if (problem is not null)
                        return $"$.sessions[{i}].sets[{j}].{field}: {problem}";
                }
            }
        }
        var notes = doc.Notes ?? [];
        for (var i = 0; i < notes.Count; i++)
        {
            var n = notes[i];
            if (n.Session is { } at && (at < 0 || at >= sessions.Count))
                return $"$.notes[{i}].session: {at} is not a session of this backup (0–{sessions.Count - 1})";
            if (LogLimits.Day(n.Date) is { } day)
                return $"$.notes[{i}].date: {day}";
            if (string.IsNullOrWhiteSpace(n.Text) || LogLimits.Notes(n.Text) is not null)
                return $"$.notes[{i}].text: {LogLimits.Notes(n.Text) ?? "empty"}";
            if (n.Author is not { Length: > 0 and <= 256 })
                return $"$.notes[{i}].author: 1–256 characters";
        }
        return null;
    }

    /// <summary>What the log already holds, in words; null when it is empty.</summary>
    private static string? Holds(FailsafeDb db)
    {
        var parts = new List<string>();
        if (db.Profiles.Any())
            parts.Add("a profile");
        if (db.Sessions.Count() is var n and > 0)
            parts.Add($"{n} session{(n == 1 ? "" : "s")}");
        if (db.CheckIns.Count() is var c and > 0)
            parts.Add($"{c} check-in{(c == 1 ? "" : "s")}");
        if (db.Plans.Any() || db.Events.Any() || db.Injuries.Any() || db.CustomExercises.Any() || db.Notes.Any())
            parts.Add("plans, events, injuries, custom exercises or notes");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
