namespace Failsafe.Store.Data;

// Rows of the training log. Words (failure levels, day types, units) are stored as the contract's lowercase
// words so the database reads the same as the JSON; mapping to domain types is explicit (TrainingStore).

/// <summary>
/// A row that belongs to one athlete (a profile). A personal database has one athlete; a server's has many, and
/// <see cref="FailsafeDb.AthleteId"/> filters every query to the athlete it was opened for.
/// </summary>
public interface IAthleteOwned
{
    int AthleteId { get; set; }
}

/// <summary>The lifter's profile. One row in a personal database.</summary>
public sealed class ProfileRow
{
    public int Id { get; set; }

    /// <summary>The server account that owns this athlete; null in a personal database.</summary>
    public string? AccountId { get; set; }
    public string Name { get; set; } = "me";
    public double TrainingYears { get; set; }
    public string FormUnderFatigue { get; set; } = "good";
    public double SleepHours { get; set; } = 7;
    public string Stress { get; set; } = "moderate";
    public string Goal { get; set; } = "hypertrophy";
    public bool InSeason { get; set; }
    public string Split { get; set; } = "full-body";
    public bool CompetitionPrep { get; set; }
    public double? BodyweightKg { get; set; }
    public string Unit { get; set; } = "kg";
    public string TrainingDays { get; set; } = "mon,wed,fri";
    public string Phase { get; set; } = "hypertrophy";

    /// <summary>
    /// The lifter's equipment, as JSON: bar weight, plates owned (kg or lb), dumbbell increments, machine stack steps per
    /// exercise, micro-plates — what loads are rounded to. Null: the defaults (see the equipment code in Store/Training).
    /// </summary>
    public string? EquipmentJson { get; set; }

    /// <summary>
    /// The lifter's time zone, an IANA id (<c>America/Los_Angeles</c>): "today" is the date there. Null in logs made
    /// before it was kept; the command line then takes the machine's zone, the server UTC.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// The SHA-256 (lowercase hex) of the secret in the athlete's private calendar-feed address, which a calendar app
    /// reads without signing in; null when the feed is off. Only the hash is kept: whoever reads the database cannot
    /// use the address, and the lifter sees it once, when it is made (making a new one turns the old one off).
    /// </summary>
    public string? CalendarFeedHash { get; set; }

    /// <summary>
    /// The lifts the lifter pins for the e1RM charts, as a JSON array of stored exercise ids, at most four; null: the
    /// charts show the main lifts (see <c>Reporting/PinnedLifts</c>).
    /// </summary>
    public string? PinnedLifts { get; set; }

    /// <summary>
    /// The policy preset every decision on this log is made with (RULES "Presets": conservative, hit, competition,
    /// endurance; see <c>Scenarios/PolicyPresets</c>); null in logs made before it was kept: the default, conservative.
    /// </summary>
    public string? Preset { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Raised whenever anything of this athlete's log changes, so a cached decision knows it is stale.</summary>
    public long Revision { get; set; }
}

/// <summary>One changed profile field, kept so a coach can see how the lifter's situation developed.</summary>
public sealed class ProfileChangeRow
{
    public long Id { get; set; }
    public int ProfileId { get; set; }
    public DateTime ChangedAt { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>An exercise the catalog does not know (from an import or typed by the lifter), with its own classification.</summary>
public sealed class CustomExerciseRow : IAthleteOwned
{
    public int Id { get; set; }
    public int AthleteId { get; set; }
    public string Name { get; set; } = "";
    public string Mechanic { get; set; } = "compound";
    public string Equipment { get; set; } = "other";
    public string MaxFailure { get; set; } = "none";
    public string MaxFailureWithSpotter { get; set; } = "none";
    public string CnsDemand { get; set; } = "moderate";
    public string PrimaryMuscles { get; set; } = "";

    /// <summary>False until the lifter classifies it; until then it never goes to failure.</summary>
    public bool Classified { get; set; }
}

/// <summary>A training session: a day's sets, from the CLI or an import.</summary>
public sealed class SessionRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public DateOnly Date { get; set; }
    public string? DayType { get; set; }
    public string? Name { get; set; }

    /// <summary>cli, strong or hevy.</summary>
    public string Source { get; set; } = "cli";

    /// <summary>Identifies an imported workout, so re-importing the same file adds nothing.</summary>
    public string? ImportKey { get; set; }
    public DateTime? StartedAt { get; set; }
    public string? Notes { get; set; }

    /// <summary>When the session was finished (UTC): explicitly, or as the next day began. Null while planned or in progress.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>The session's RPE (CR-10, 1–10) the lifter gave when finishing; null when not asked or not answered.</summary>
    public double? SessionRpe { get; set; }

    /// <summary>W4: did the lifter leave feeling better, the same or worse than they came in (better, same, worse); null when not answered.</summary>
    public string? Feeling { get; set; }

    /// <summary>
    /// What the lifter changed in the planned session, as JSON: skipped, swapped, added and reordered exercises
    /// (see the session-change code in Store/Training). Null when the session went as planned.
    /// </summary>
    public string? ChangesJson { get; set; }

    /// <summary>Concurrency token: raised on every change, so two edits of one session cannot overwrite each other.</summary>
    public int Version { get; set; }
    public List<SetRow> Sets { get; set; } = [];
}

/// <summary>A logged set. Weight in kg; the unit and value the lifter entered are kept as well.</summary>
public sealed class SetRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public long SessionId { get; set; }
    public int Order { get; set; }

    /// <summary>Catalog id, or "custom:{id}" for a custom exercise.</summary>
    public string ExerciseId { get; set; } = "";

    /// <summary>The name as entered or imported.</summary>
    public string ExerciseName { get; set; } = "";
    public double WeightKg { get; set; }
    public string Unit { get; set; } = "kg";
    public double WeightEntered { get; set; }
    public int Reps { get; set; }
    public double? Rir { get; set; }
    public double? Rpe { get; set; }
    public string Failure { get; set; } = "none";
    public string? Technique { get; set; }
    public bool Warmup { get; set; }
    public bool Drop { get; set; }
    public bool FormBreakdown { get; set; }
    public bool Pain { get; set; }
    public string? Notes { get; set; }
    public DateTime LoggedAt { get; set; }

    /// <summary>Concurrency token: raised on every change.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The idempotency key the client sent with the set (unique per athlete), so a retried request records it once;
    /// with the SHA-256 of the request, so the same key with a different set is refused.
    /// </summary>
    public string? ClientKey { get; set; }
    public string? ClientHash { get; set; }
}

/// <summary>
/// The idempotency key of a deleted set, kept for <see cref="Training.SetWriter.KeysKept"/> after the delete: a late
/// retry of the request that logged the set finds its key still used and gets 409 instead of logging it again.
/// </summary>
public sealed class DeletedSetKeyRow : IAthleteOwned
{
    public int AthleteId { get; set; }
    public string ClientKey { get; set; } = "";
    public string? ClientHash { get; set; }
    public DateTime DeletedAt { get; set; }
}

/// <summary>A daily wellness check-in, scores 1–5 each measuring what it is named.</summary>
public sealed class CheckInRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public DateOnly Date { get; set; }
    public double? SleepHours { get; set; }
    public int? SleepQuality { get; set; }
    public int? Fatigue { get; set; }
    public int? Mood { get; set; }
    public int? Soreness { get; set; }
    public int? Aches { get; set; }
    public int? Motivation { get; set; }
}

public sealed class EventRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
}

public sealed class InjuryRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public string Description { get; set; } = "";
    public DateOnly Since { get; set; }
    public DateOnly? ClearedOn { get; set; }
}

/// <summary>The lifter's active plan: how to regenerate it (start, weeks, days, template).</summary>
public sealed class PlanRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public DateOnly Start { get; set; }
    public int Weeks { get; set; }
    public string Days { get; set; } = "";
    public string? TemplateJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Active { get; set; }
}

/// <summary>
/// A note on a day of an athlete's training: a coach's (on a day or one of its sessions), which the athlete sees on Today,
/// or the athlete's answer. The notes of a day are its thread, oldest first.
/// </summary>
public sealed class NoteRow : IAthleteOwned
{
    public long Id { get; set; }
    public int AthleteId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The session the note is about; null for the day as a whole.</summary>
    public long? SessionId { get; set; }

    /// <summary>True for a coach's note, false for the athlete's answer.</summary>
    public bool FromCoach { get; set; }

    /// <summary>Who wrote it, as shown beside it: the coach's email, or the athlete's name.</summary>
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
