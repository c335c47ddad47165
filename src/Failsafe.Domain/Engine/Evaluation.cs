namespace Failsafe.Engine;

/// <summary>A rule that shaped a decision, with why, in words.</summary>
public sealed record Reason(string Rule, string Message)
{
    /// <summary>True for the one reason that names a set's load (it starts with that load); replaced when the load is.</summary>
    public bool Load { get; init; }

    /// <summary>True for a safety note about what was just done (a lift that failed and never should): said first.</summary>
    public bool Safety { get; init; }
}

public sealed record Eligibility(bool Failure, bool BeyondFailure, ImmutableArray<Reason> Reasons);

public sealed record SetDecision(
    int Set,
    string Reps,
    double TargetRir,
    double? WeightKg,
    FailureLevel Failure,
    ImmutableArray<Technique> BeyondFailure,
    ImmutableArray<Reason> Reasons)
{
    /// <summary>Seconds to rest after this set (longer after a heavy compound, longest after a failure set; R6).</summary>
    public int RestSeconds { get; init; }
}

/// <summary>
/// A warm-up set before an exercise's work sets (F6): <see cref="Share"/> of the first work set's load, rounded to
/// the equipment (<see cref="WeightKg"/>, null while the exercise has no load yet). Never a working set.
/// </summary>
public sealed record WarmupSet(double Share, int Reps, double? WeightKg, int RestSeconds);

public sealed record ExerciseDecision(string Exercise, Exercise CatalogExercise, FailureLevel MaxFailure, ImmutableArray<SetDecision> Sets)
{
    /// <summary>The warm-up sets before the work sets, lightest first; empty when the muscles are already warm.</summary>
    public ImmutableArray<WarmupSet> Warmups { get; init; } = [];
}

public sealed record Warning(string Code, string Rule, string Message);

public sealed record Action(string Code, string Rule, string Message);

public sealed record Budget(int WindowDays, int FailureSetsUsed, int FailureSetsAllowed)
{
    public int Remaining => Math.Max(0, FailureSetsAllowed - FailureSetsUsed);
}

/// <summary>The engine's answer for one scenario.</summary>
public sealed record Evaluation(
    DateOnly Today,
    Eligibility Eligibility,
    ImmutableArray<ExerciseDecision> Exercises,
    ImmutableArray<Warning> Warnings,
    ImmutableArray<Action> Actions,
    Budget Budget)
{
    /// <summary>
    /// The session as decided: the planned one with the day type and volume the actions gave it (W2, R5: a
    /// downgraded, deloaded or rested day). Every exercise decision has as many sets as its exercise here.
    /// Null only for evaluations built by hand.
    /// </summary>
    public PlannedSession? Session { get; init; }

    /// <summary>How the day differs from the plan, each with the rule that changed it; empty when it is trained as planned.</summary>
    public ImmutableArray<Reason> DayChanges { get; init; } = [];

    /// <summary>The day type the plan gave the session, before the actions changed it (null for evaluations built by hand).</summary>
    public DayType? PlannedDayType { get; init; }
}
