namespace Failsafe.Engine;

/// <summary>
/// S6 for exercises without history: the first session is conservative — no failure, at least
/// <see cref="Policy.FirstSessionRir"/> reps in reserve — and its logged sets establish the estimate that later
/// loads come from. The engine applies it to every evaluation (<see cref="SetRules.FirstSessionRule"/>), so
/// `evaluate`, `plan` and `today` share the one rule.
/// </summary>
public static class FirstSession
{
    /// <summary>
    /// The evaluation as the engine decided it: the first-session rule is already part of it. Kept only while the
    /// planner still calls it; it changes nothing.
    /// </summary>
    public static Evaluation Apply(Evaluation evaluation, Scenario scenario, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        return evaluation;
    }
}
