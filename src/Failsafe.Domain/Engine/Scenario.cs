namespace Failsafe.Engine;

public enum FormUnderFatigue { Poor, Good, Excellent }

public enum Stress { Low, Moderate, High }

public enum Goal { Hypertrophy, Strength, General, Endurance }

public enum Split { FullBody, UpperLower, BodyPart }

public enum Phase { Hypertrophy, Strength, Deload }

public enum DayType { Light, Medium, Hard }

/// <summary>Beyond-failure extensions of a set (RULES vocabulary).</summary>
public enum Technique { DropSet, ForcedReps, Negatives, RestPause }

/// <summary>
/// The lifter. Weights in kilograms; <see cref="Unit"/> is how the lifter wants loads shown, and
/// <see cref="Equipment"/> what they can load (bar, plates, dumbbells, machine stacks), which loads are rounded to.
/// </summary>
public sealed record Athlete(
    double TrainingYears,
    FormUnderFatigue FormUnderFatigue,
    double SleepHours,
    Stress Stress,
    ImmutableArray<string> Injuries,
    Goal Goal,
    bool InSeason,
    Split Split,
    bool CompetitionPrep,
    double? BodyweightKg,
    WeightUnit Unit)
{
    public bool Injured => !Injuries.IsDefaultOrEmpty;

    /// <summary>The lifter's equipment; null = the standard gym in <see cref="Unit"/> (<see cref="Effort.Equipment.Standard"/>).</summary>
    public Equipment? Equipment { get; init; }

    /// <summary>The equipment loads are rounded to: the lifter's own, or the standard gym in their unit.</summary>
    public Equipment Gear => Equipment ?? Effort.Equipment.Standard(Unit);
}

/// <summary>An important date (race, meet, match).</summary>
public sealed record TrainingEvent(DateOnly Date, string Name);

/// <summary>
/// A logged set. <see cref="Rir"/> is 0 when it failed. A set logged without RPE or RIR is unrated
/// (<see cref="Rated"/> false, <see cref="Rir"/> 0 as a placeholder): it is never read as a failure and never feeds
/// the 80/20 split, e1RM trends or RIR calibration. A <see cref="Drop"/> set (drop set, rest-pause and the like)
/// extends the set before it: it counts toward the failure budget but is never a working set.
/// </summary>
public sealed record LoggedSet(
    double WeightKg, int Reps, Rir Rir, FailureLevel Failure = FailureLevel.None, Technique? Technique = null, bool Warmup = false,
    bool Drop = false, bool Rated = true)
{
    /// <summary>A set taken to failure: marked as failed, rated with nothing left, or a drop set (which goes on past failure).</summary>
    public bool IsFailure => !Warmup && (Drop || Failure != FailureLevel.None || (Rated && Rir.Value == 0));

    /// <summary>A working set: neither a warm-up nor part of a set before it (drop set, rest-pause).</summary>
    public bool IsWorking => !Warmup && !Drop;
}

public sealed record LoggedExercise(string Name, Exercise Exercise, ImmutableArray<LoggedSet> Sets);

/// <summary>W4: how the lifter left a session compared with how they came in.</summary>
public enum Feeling { Better, Same, Worse }

/// <summary>A logged session; <see cref="Feeling"/> is the lifter's answer when finishing it (null when not given).</summary>
public sealed record LoggedSession(DateOnly Date, DayType? DayType, ImmutableArray<LoggedExercise> Exercises, Feeling? Feeling = null);

/// <summary>A daily check-in; scores 1–5, each measuring what it is named (fatigue 5 = exhausted, mood 5 = very good).</summary>
public sealed record Wellness(
    DateOnly Date,
    double? SleepHours = null,
    int? SleepQuality = null,
    int? Fatigue = null,
    int? Mood = null,
    int? Soreness = null,
    int? Aches = null,
    int? Motivation = null);

public sealed record PlannedExercise(string Name, Exercise Exercise, int Sets, RepRange Reps, bool Spotter = false, bool Safeties = false)
{
    /// <summary>F4: a spotter, or safeties where they catch the load (a bar in a rack; not dumbbells).</summary>
    public bool SpotterOrSafeties => Spotter || (Safeties && Exercise.SafetiesCatch);
}

public sealed record PlannedSession(DayType DayType, ImmutableArray<PlannedExercise> Exercises);

/// <summary>
/// Everything the engine decides from: the lifter, their history and wellness, and the session ahead.
/// <see cref="Today"/> is "now"; nothing in the engine reads a clock. History and wellness must be dated on
/// or before today (the reader enforces it); they need not be sorted.
/// </summary>
public sealed record Scenario(
    DateOnly Today,
    Athlete Athlete,
    Phase Phase,
    ImmutableArray<TrainingEvent> Events,
    ImmutableArray<LoggedSession> History,
    ImmutableArray<Wellness> Wellness,
    PlannedSession Session)
{
    /// <summary>
    /// The sessions the lifter actually logged, when <see cref="History"/> also holds sessions assumed ahead (a plan
    /// counts its earlier days as done); default: all of <see cref="History"/>. Warning signs — strength trends, sessions
    /// left worse, a broken session, an overused budget (W1, W4) — are read from these and the check-ins only: a plan's
    /// own sessions count for the budget and the recovery windows, never as evidence of overdoing it.
    /// </summary>
    public ImmutableArray<LoggedSession> Logged { get; init; }

    /// <summary><see cref="Logged"/>, or the whole history when it is not set.</summary>
    public ImmutableArray<LoggedSession> Evidence => Logged.IsDefault ? History : Logged;
}
