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
    Budget Budget);
