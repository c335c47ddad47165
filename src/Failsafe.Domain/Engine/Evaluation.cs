using System.Collections.Immutable;
using Failsafe.Catalog;

namespace Failsafe.Engine;

/// <summary>A rule that shaped a decision, with why, in words.</summary>
public sealed record Reason(string Rule, string Message);

public sealed record Eligibility(bool Failure, bool BeyondFailure, ImmutableArray<Reason> Reasons);

public sealed record SetDecision(
    int Set,
    string Reps,
    double TargetRir,
    double? WeightKg,
    FailureLevel Failure,
    ImmutableArray<Technique> BeyondFailure,
    ImmutableArray<Reason> Reasons);

public sealed record ExerciseDecision(string Exercise, Exercise CatalogExercise, FailureLevel MaxFailure, ImmutableArray<SetDecision> Sets);

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
}
