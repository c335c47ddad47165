namespace Failsafe.Planning;

/// <summary>Why a day is in the plan the way it is.</summary>
public enum DayPurpose
{
    Rest,
    Training,
    Deload,
    BaselineTest,
    CheckIn,
    PlateauBlock,
    Event,
}

/// <summary>One exercise of a day template: what to train, how many sets, which reps.</summary>
public sealed record TemplateExercise(string Name, Exercise Exercise, int Sets, RepRange Reps);

/// <summary>A named training day of a split ("Full body A", "Upper B", "Push").</summary>
public sealed record DayTemplate(string Name, ImmutableArray<TemplateExercise> Exercises);

/// <summary>What the planner needs besides the lifter's scenario.</summary>
/// <param name="Start">The first calendar day of the plan.</param>
/// <param name="Weeks">1–104 weeks of seven days each.</param>
/// <param name="TrainingDays">The weekdays the lifter can train; every other day is a rest day.</param>
/// <param name="Templates">The split's day templates, used in turn on training days.</param>
public sealed record PlanRequest(
    DateOnly Start,
    int Weeks,
    ImmutableArray<DayOfWeek> TrainingDays,
    ImmutableArray<DayTemplate> Templates);

public sealed record PlannedSet(int Set, string Reps, double TargetRir, double? WeightKg, FailureLevel Failure, ImmutableArray<string> Reasons);

public sealed record PlanExercise(string Exercise, Exercise CatalogExercise, ImmutableArray<PlannedSet> Sets);

/// <summary>
/// A calendar day of the plan; rest days have no exercises and no day type. <see cref="Policy"/> is the policy
/// the engine decided the day with (the mesocycle's RIR ramp, a block's allowances), and <see cref="Assumed"/> the
/// session as the planner assumes it will be done, counted as history by the days after it — together they let
/// anyone re-run the engine on any planned day and get the same answer.
/// </summary>
public sealed record PlanDay(
    DateOnly Date,
    DayType? DayType,
    DayPurpose Purpose,
    string? Template,
    ImmutableArray<PlanExercise> Exercises,
    ImmutableArray<string> Notes,
    Policy? Policy = null,
    LoggedSession? Assumed = null)
{
    public bool IsRest => DayType is null;
}

public sealed record PlanWeek(int Week, Phase Phase, int MesocycleWeek, ImmutableArray<PlanDay> Days);

/// <summary>A training plan: every calendar day from the start, week by week, each session decided by the engine.</summary>
public sealed record Plan(DateOnly Start, ImmutableArray<PlanWeek> Weeks, ImmutableArray<string> Notes)
{
    public IEnumerable<PlanDay> Days => Weeks.SelectMany(w => w.Days);
}
