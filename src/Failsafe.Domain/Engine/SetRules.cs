namespace Failsafe.Engine;

/// <summary>
/// A limit one rule puts on one planned set: the most failure it allows and the fewest reps in
/// reserve it wants left on non-failure sets.
/// </summary>
public sealed record Restriction(string Rule, FailureLevel Cap, double MinRir, string Message);

/// <summary>Where a planned set sits: which exercise of the session and which set of it (both 1-based).</summary>
public readonly record struct SetPlace(PlannedExercise Exercise, int ExerciseNumber, int ExerciseCount, int SetNumber, int WorkingSetsAfter)
{
    public bool IsLastSet => SetNumber == Exercise.Sets;
}

/// <summary>
/// The per-set rules, one small named piece each. A rule returns a <see cref="Restriction"/> when it
/// limits the set and null when it has nothing against it. The engine combines them: the strictest cap
/// and the highest minimum RIR win, and every rule that returned a restriction is named in the set's reasons.
/// </summary>
public static class SetRules
{
    public delegate Restriction? Rule(Facts facts, in SetPlace place);

    /// <summary>
    /// Rules that depend only on the session's structure, the exercise, the phase and the policy. The session's
    /// failure slot (B2) is chosen after these alone, so that nothing in the lifter's history, wellness or
    /// calendar can move failure onto another exercise: such circumstances only ever take permissions away.
    /// </summary>
    public static IReadOnlyList<Rule> Structural { get; } =
    [
        ExerciseTolerance,
        LastSetOnly,
        LateInSession,
        CnsDemandRule,
        WorkAfterFailure,
        DayTypeRule,
        StrengthPhase,
        HypertrophyPhase,
        DeloadWeek,
        RepRangeRule,
        AmrapOnlyBodyweight,
    ];

    /// <summary>Rules that depend on the lifter's history, wellness, calendar and eligibility; applied after the slot is chosen.</summary>
    public static IReadOnlyList<Rule> Circumstantial { get; } =
    [
        EightyTwenty,
        PerExerciseWeekly,
        TwoWeekBudget,
        CnsRecovery,
        HeavyLowerBodyRecovery,
        MuscleRecovery,
        EventSoon,
        HardDayRecovery,
        HypertrophyCompoundWeekly,
        FirstSessionRule,
        NotEligible,
        InSeason,
        ScaleBack,
    ];

    /// <summary>F2–F4: what the exercise tolerates in this setup. F4 when a spotter or safeties would change it.</summary>
    public static Restriction? ExerciseTolerance(Facts facts, in SetPlace place)
    {
        var x = place.Exercise.Exercise;
        var cap = x.MaxFailureIn(place.Exercise.SpotterOrSafeties);
        return cap switch
        {
            FailureLevel.Absolute => null,
            FailureLevel.Technical => new("F2", cap, 0, $"{x.Name}: absolute failure only on exercises safe to fail; {x.ClassificationReason}"),
            _ when x.MaxFailureWithSpotter > FailureLevel.None && place.Exercise.Safeties && !place.Exercise.Spotter && !x.SafetiesCatch =>
                new("F4", cap, 0, $"{x.Name}: safeties do not protect a dumbbell or kettlebell movement; failure only with a spotter"),
            _ when x.MaxFailureWithSpotter > FailureLevel.None => new("F4", cap, 0, $"{x.Name}: no failure without a spotter or safeties in place"),
            _ => new("F3", cap, 0, $"{x.Name}: {x.ClassificationReason}"),
        };
    }

    /// <summary>F5: failure only on the last set of an exercise, never the first.</summary>
    public static Restriction? LastSetOnly(Facts facts, in SetPlace place) =>
        place.IsLastSet && place.SetNumber > 1 ? null
        : new("F5", FailureLevel.None, 0, place.SetNumber == 1 ? "never failure on a first set" : "failure only on the last set of an exercise");

    /// <summary>F6: failure only in the last one to three exercises of the session, and never on the first while others follow (R6).</summary>
    public static Restriction? LateInSession(Facts facts, in SetPlace place)
    {
        if (place.ExerciseNumber == 1 && place.ExerciseCount > 1)
            return new("F6", FailureLevel.None, 0, "never failure on the first exercise while others follow: failure early costs everything after it (R6)");
        return IsLate(facts, place) ? null
            : new("F6", FailureLevel.None, 0, $"failure only in the last {facts.Policy.LastExercisesForFailure} exercises of a session, after a proper warm-up");
    }

    /// <summary>F6: the exercise is one of the session's last <see cref="Policy.LastExercisesForFailure"/>.</summary>
    public static bool IsLate(Facts facts, in SetPlace place) =>
        place.ExerciseNumber > place.ExerciseCount - facts.Policy.LastExercisesForFailure;

    /// <summary>F7: the more CNS-demanding the lift, the less failure: technical at most, and reps kept in reserve.</summary>
    public static Restriction? CnsDemandRule(Facts facts, in SetPlace place) =>
        place.Exercise.Exercise.Cns == CnsDemand.High
            ? new("F7", FailureLevel.Technical, facts.Policy.HighCnsMinRir, $"a CNS-demanding lift: at most technical failure, otherwise stop {facts.Policy.HighCnsMinRir:0.#}+ reps short")
            : null;

    /// <summary>B1: at most 20 % of working sets to failure over the share window.</summary>
    public static Restriction? EightyTwenty(Facts facts, in SetPlace place) =>
        facts.ShareWorkingSets >= 10 && facts.FailureShare >= facts.Policy.MaxFailureShare
            ? new("B1", FailureLevel.None, 0, $"{facts.FailureShare:P0} of working sets in the last {facts.Policy.ShareWindowDays} days went to failure (limit {facts.Policy.MaxFailureShare:P0})")
            : null;

    /// <summary>B3: one failure set per exercise, once or twice a week.</summary>
    public static Restriction? PerExerciseWeekly(Facts facts, in SetPlace place)
    {
        var used = facts.FailureSetsThisWeek.GetValueOrDefault(place.Exercise.Exercise.Id);
        return used >= facts.Policy.MaxFailureSetsPerExercisePerWeek
            ? new("B3", FailureLevel.None, 0, $"{place.Exercise.Exercise.Name} already went to failure {used}× in the last 7 days (limit {facts.Policy.MaxFailureSetsPerExercisePerWeek})")
            : null;
    }

    /// <summary>B4/B5: the rolling failure budget (the stricter of the two-week budget and the split's allowance).</summary>
    public static Restriction? TwoWeekBudget(Facts facts, in SetPlace place) =>
        facts.Budget.Remaining > 0 ? null
        : new(facts.BudgetRule, FailureLevel.None, 0, $"failure budget spent: {facts.Budget.FailureSetsUsed} of {facts.Budget.FailureSetsAllowed} failure sets in {facts.Budget.WindowDays} days");

    /// <summary>R1: about 72 h for the nervous system after failure on a compound lift.</summary>
    public static Restriction? CnsRecovery(Facts facts, in SetPlace place) =>
        facts.CnsFailure is { } f && place.Exercise.Exercise.Cns >= CnsDemand.Moderate
            ? new("R1", FailureLevel.None, 0, $"nervous system still recovering from failure on {f.Exercise} ({f.Date:yyyy-MM-dd}, within {facts.Policy.CnsRecoveryHours} h)")
            : null;

    /// <summary>
    /// R2: an all-out squat or deadlift session needs 7–14 days before the next all-out compound session: no
    /// failure on any compound inside the window, and the CNS-heavy lifts keep 2+ reps in reserve.
    /// </summary>
    public static Restriction? HeavyLowerBodyRecovery(Facts facts, in SetPlace place)
    {
        var x = place.Exercise.Exercise;
        if (facts.HeavyLowerBody is not { } d || (x.Mechanic != Mechanic.Compound && x.Cns != CnsDemand.High))
            return null;
        return new("R2", FailureLevel.None, x.Cns == CnsDemand.High ? facts.Policy.HighCnsMinRir : 0,
            $"all-out squat/deadlift session on {d.Date:yyyy-MM-dd}: no all-out compound work within {d.WindowDays} days");
    }

    /// <summary>R3: a muscle group is not failed again before it has recovered.</summary>
    public static Restriction? MuscleRecovery(Facts facts, in SetPlace place)
    {
        foreach (var m in place.Exercise.Exercise.PrimaryMuscles)
        {
            if (facts.MusclesFailed.TryGetValue(m, out var date))
                return new("R3", FailureLevel.None, 0, $"{m} went to failure on {date:yyyy-MM-dd}: not again within {Hours(facts.MuscleRecoveryHours)}");
        }
        return null;
    }

    /// <summary>R4: no failure in the days before an important event.</summary>
    public static Restriction? EventSoon(Facts facts, in SetPlace place) =>
        facts.EventSoon is { } e
            ? new("R4", FailureLevel.None, 0, $"{e.Name} on {e.Date:yyyy-MM-dd}: no failure within {facts.Policy.EventWindowDays} days before it")
            : null;

    /// <summary>R6: failure costs the sets after it, so not with much work still to come.</summary>
    public static Restriction? WorkAfterFailure(Facts facts, in SetPlace place) =>
        place.WorkingSetsAfter > facts.Policy.MaxWorkingSetsAfterFailure
            ? new("R6", FailureLevel.None, 0, $"{place.WorkingSetsAfter} working sets still follow; failure here would cost them (limit {facts.Policy.MaxWorkingSetsAfterFailure})")
            : null;

    /// <summary>S1: failure belongs to hard days; medium and light days keep more in reserve; never hard after hard.</summary>
    public static Restriction? DayTypeRule(Facts facts, in SetPlace place)
    {
        var p = facts.Policy;
        return facts.Scenario.Session.DayType switch
        {
            DayType.Light => new("S1", FailureLevel.None, p.LightDayRir, $"light day: stop {p.LightDayRir:0.#} reps short"),
            DayType.Medium => new("S1", FailureLevel.None, p.MediumDayRir, $"medium day: stop {p.MediumDayRir:0.#} reps short"),
            _ => null,
        };
    }

    /// <summary>S1: a hard day is followed by a medium one, and there are about two hard days in seven.</summary>
    public static Restriction? HardDayRecovery(Facts facts, in SetPlace place)
    {
        var p = facts.Policy;
        if (facts.Scenario.Session.DayType != DayType.Hard)
            return null;
        if (facts.HardAfterHard)
            return new("S1", FailureLevel.None, p.MediumDayRir, "yesterday was a hard day: today is trained as a medium day");
        return facts.HardDaysThisWeek + 1 > p.MaxHardDaysPerWeek
            ? new("S1", FailureLevel.None, p.MediumDayRir, $"already {facts.HardDaysThisWeek} hard days this week: today is trained as a medium day")
            : null;
    }

    /// <summary>S2: in a strength phase, compounds never fail and big lifts stop 2–3 short.</summary>
    public static Restriction? StrengthPhase(Facts facts, in SetPlace place)
    {
        if (facts.Scenario.Phase != Phase.Strength || place.Exercise.Exercise.Mechanic == Mechanic.Isolation)
            return null;
        var minRir = place.Exercise.Exercise.Cns == CnsDemand.High ? facts.Policy.HighCnsMinRir : 0;
        return new("S2", FailureLevel.None, minRir, "strength phase: rarely fail; compounds stop 2–3 reps short");
    }

    /// <summary>
    /// S3: in a hypertrophy phase, failure on isolation finals, or on a safe compound: one whose most failure in the day's
    /// set-up is absolute (machines, cables, bodyweight), or the bench-press family with a spotter or safeties (technical,
    /// F3/F4) — the documented resolution of the sources' conflict; a coach may allow other free-weight compounds (with
    /// their spotter rules) by policy.
    /// </summary>
    public static Restriction? HypertrophyPhase(Facts facts, in SetPlace place)
    {
        var e = place.Exercise;
        var x = e.Exercise;
        if (facts.Scenario.Phase != Phase.Hypertrophy || x.Mechanic == Mechanic.Isolation || facts.Policy.HypertrophyFailureOnFreeWeightCompounds)
            return null;
        var inSetup = x.MaxFailureIn(e.SpotterOrSafeties);
        if (inSetup == FailureLevel.Absolute || (inSetup == FailureLevel.Technical && x.IsBenchFamily))
            return null;
        return new("S3", FailureLevel.None, 0, "hypertrophy phase: failure on compounds only where safe (machines, cables, bodyweight; the bench press with a spotter or safeties)");
    }

    /// <summary>S3: a compound goes to failure at most once a week in a hypertrophy phase.</summary>
    public static Restriction? HypertrophyCompoundWeekly(Facts facts, in SetPlace place)
    {
        if (facts.Scenario.Phase != Phase.Hypertrophy || place.Exercise.Exercise.Mechanic == Mechanic.Isolation)
            return null;
        return facts.CompoundFailuresThisWeek >= facts.Policy.CompoundFailuresPerWeekInHypertrophy
            ? new("S3", FailureLevel.None, 0, $"hypertrophy phase: compounds fail at most {facts.Policy.CompoundFailuresPerWeekInHypertrophy}× a week, and this week's is used")
            : null;
    }

    /// <summary>S4: no failure at all in a deload week.</summary>
    public static Restriction? DeloadWeek(Facts facts, in SetPlace place) =>
        facts.Scenario.Phase == Phase.Deload
            ? new("S4", FailureLevel.None, facts.Policy.DeloadRir, $"deload week: no failure, stop {facts.Policy.DeloadRir:0.#} reps short")
            : null;

    /// <summary>S5: failure only inside the 5–15 rep range; heavy low-rep failure is the riskiest kind.</summary>
    public static Restriction? RepRangeRule(Facts facts, in SetPlace place)
    {
        var r = place.Exercise.Reps;
        var p = facts.Policy;
        return r.IsAmrap || (r.Max >= p.MinFailureReps && r.Min <= p.MaxFailureReps) ? null
            : new("S5", FailureLevel.None, 0, $"{r} reps is outside the {p.MinFailureReps}–{p.MaxFailureReps} range where failure is used");
    }

    /// <summary>S7: AMRAP to failure only on bodyweight and band exercises.</summary>
    public static Restriction? AmrapOnlyBodyweight(Facts facts, in SetPlace place) =>
        place.Exercise.Reps.IsAmrap && !place.Exercise.Exercise.IsBodyweightOrBand
            ? new("S7", FailureLevel.None, 1, "AMRAP to failure only on bodyweight or band exercises: here, stop with reps in reserve")
            : null;

    /// <summary>S6: the first session of an exercise is conservative — no failure, <see cref="Policy.FirstSessionRir"/>+ RIR — and its logged sets set the load.</summary>
    public static Restriction? FirstSessionRule(Facts facts, in SetPlace place) =>
        facts.Known.Contains(place.Exercise.Exercise.Id) ? null
        : new("S6", FailureLevel.None, facts.Policy.FirstSessionRir,
            $"first session of this exercise: conservative ({facts.Policy.FirstSessionRir:0.#}+ RIR, no failure); its logged sets set the load");

    /// <summary>A recovery window in words: whole weeks of hours in days, otherwise hours.</summary>
    internal static string Hours(int hours) => hours % 24 == 0 && hours >= 7 * 24 ? $"{hours / 24} days" : $"{hours} h";

    /// <summary>E1/E2: not eligible for failure training → 2–3 RIR.</summary>
    public static Restriction? NotEligible(Facts facts, in SetPlace place)
    {
        var e2 = facts.Eligibility.Reasons.Any(r => r.Rule == "E2");
        return e2 ? new("E1", FailureLevel.None, facts.Policy.NotEligibleMinRir, facts.Eligibility.Reasons[0].Message) : null;
    }

    /// <summary>E4: an endurance athlete in season holds off failure.</summary>
    public static Restriction? InSeason(Facts facts, in SetPlace place) =>
        facts.Scenario.Athlete.InSeason ? new("E4", FailureLevel.None, 0, "in season for an endurance sport: no failure") : null;

    /// <summary>W2 (after W1 signs or W4 broken sessions): scale failure back and train at 1–3 RIR.</summary>
    public static Restriction? ScaleBack(Facts facts, in SetPlace place) =>
        facts.ScaleBack ? new("W2", FailureLevel.None, 1, "warning signs: failure scaled back, quality volume at 1–3 reps in reserve") : null;
}
