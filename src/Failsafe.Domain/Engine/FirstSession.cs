using Failsafe.Catalog;

namespace Failsafe.Engine;

/// <summary>
/// S6 for exercises without history: the first session is conservative — no failure, at least
/// <see cref="Policy.FirstSessionRir"/> reps in reserve — and its logged sets establish the estimate that later
/// loads come from. Applied by the planner and by the everyday commands on top of the engine's decisions
/// (it only ever restricts them), so a plan and the day it becomes agree.
/// </summary>
public static class FirstSession
{
    public static Evaluation Apply(Evaluation evaluation, Scenario scenario, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var known = scenario.History.SelectMany(s => s.Exercises).Select(e => e.Exercise.Id).ToHashSet(StringComparer.Ordinal);
        if (evaluation.Exercises.All(x => known.Contains(x.CatalogExercise.Id)))
            return evaluation;
        var reason = new Reason("S6", $"first session of this exercise: conservative ({policy.FirstSessionRir:0.#}+ RIR, no failure); its logged sets set the load");
        return evaluation with
        {
            Exercises =
            [
                .. evaluation.Exercises.Select(x => known.Contains(x.CatalogExercise.Id) ? x : x with
                {
                    Sets =
                    [
                        .. x.Sets.Select(s => s with
                        {
                            Failure = FailureLevel.None,
                            BeyondFailure = [],
                            TargetRir = Math.Max(s.TargetRir, policy.FirstSessionRir),
                            Reasons = s.Reasons.Add(reason),
                        }),
                    ],
                }),
            ],
        };
    }
}
