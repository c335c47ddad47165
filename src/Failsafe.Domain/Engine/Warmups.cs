namespace Failsafe.Engine;

/// <summary>
/// F6 makes a proper warm-up a condition of failure, so it is prescribed, not assumed: every heavy compound (high CNS
/// demand) ramps up through <see cref="Policy.WarmupRamp"/>, and the first exercise of a muscle group in the session
/// through <see cref="Policy.LightWarmupRamp"/>; an exercise whose muscles an earlier one has warmed gets none.
/// Reps fall as the load rises (1 + 10 × (1 − share), at least 2), so the warm-up does not tire. Rest after each
/// set comes from the R6 drop-off figures (<see cref="RestAfter"/>).
/// </summary>
public static class Warmups
{
    /// <summary>The warm-up sets for <paramref name="e"/>, recording its muscles in <paramref name="warmedUp"/>.</summary>
    public static ImmutableArray<WarmupSet> For(PlannedExercise e, Athlete athlete, double? firstWorkKg, HashSet<string> warmedUp, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(athlete);
        ArgumentNullException.ThrowIfNull(warmedUp);
        ArgumentNullException.ThrowIfNull(policy);
        var heavy = e.Exercise.Cns == CnsDemand.High && e.Exercise.Mechanic == Mechanic.Compound;
        var cold = e.Exercise.PrimaryMuscles.Any(m => !warmedUp.Contains(m));
        foreach (var m in e.Exercise.PrimaryMuscles)
            warmedUp.Add(m);
        if (!heavy && !cold)
            return [];
        var ramp = heavy ? policy.WarmupRamp : policy.LightWarmupRamp;
        var unit = athlete.Unit;
        // A movement of the body ramps the load lifted (bodyweight plus added, or minus assistance) and prescribes
        // what is logged: more assistance for an assisted variant, bodyweight alone before weighted chin-ups.
        var x = e.Exercise;
        var body = x.MovesBody ? athlete.BodyweightKg : null;
        var loading = body is { } b ? Loading.Bodyweight.For(Load.Kg(b), x.IsAssisted) : LoadAdvice.LoadingFor(x, athlete);
        double Total(double logged) => body is { } bw ? x.TotalKg(logged, bw) : logged;
        double Logged(double total) => body is { } bw ? x.LoggedKg(total, bw) : total;
        var list = ImmutableArray.CreateBuilder<WarmupSet>(ramp.Length);
        double? previous = null;
        foreach (var share in ramp)
        {
            var reps = Math.Max(2, (int)Math.Round(1 + 10 * (1 - share)));
            double? kg = null;
            if (firstWorkKg is { } work && (body is not null || !x.IsAssisted))
            {
                var total = LoadAdvice.Kg(loading.AtMost(Load.Kg(Total(work) * share), unit));
                // A ramp step the equipment cannot make lighter than the next one (or than the work set) is left out.
                if (total >= Total(work) - 1e-9 || (previous is { } p && total <= p + 1e-9))
                    continue;
                previous = total;
                kg = Math.Round(Logged(total), 4);
            }
            list.Add(new WarmupSet(share, reps, kg, policy.WarmupRestSeconds));
        }
        return list.ToImmutable();
    }

    /// <summary>Seconds to rest after a work set: longest after a failure set, longer after a heavy compound (R6, EVIDENCE drop-off by rest).</summary>
    public static int RestAfter(PlannedExercise e, FailureLevel failure, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(policy);
        if (failure > FailureLevel.None)
            return policy.FailureRestSeconds;
        return e.Exercise.Cns == CnsDemand.High ? policy.HeavyRestSeconds : policy.RestSeconds;
    }
}
