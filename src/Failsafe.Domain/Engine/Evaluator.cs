using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>
/// The engine: for every planned set, the most failure allowed, the reps to keep in reserve, the
/// beyond-failure techniques allowed and the suggested load, each with the rules that decided it;
/// for the lifter, eligibility, warning signs, actions and the failure budget. Pure and deterministic:
/// the same scenario and policy give the same evaluation.
/// </summary>
public static class Evaluator
{
    /// <summary>The day as it will be trained: the actions (deload, extra rest, a downgrade) change its day type, volume and targets.</summary>
    public static Evaluation Evaluate(Scenario scenario, Policy? policy = null) => Decide(scenario, policy, actOnDay: true);

    /// <summary>
    /// A day of a plan laid out ahead: the planner has already set its day type and volume (S1 spacing, deload and
    /// plateau blocks), so the actions are listed but do not change the day; failure is still scaled back (W2).
    /// </summary>
    public static Evaluation EvaluatePlanned(Scenario scenario, Policy? policy = null) => Decide(scenario, policy, actOnDay: false);

    private static Evaluation Decide(Scenario scenario, Policy? policy, bool actOnDay)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        policy ??= Policy.Default;
        var facts = new Facts(scenario, policy);
        var actions = Actions(scenario, facts, policy);
        var (session, changes) = actOnDay ? ActOnDay(scenario, actions, policy) : EventDay(scenario);
        var deload = actOnDay && actions.Any(a => a.Code == "deload") && scenario.Phase != Phase.Deload;
        var planned = session.Exercises;

        var workingSetsAfter = new int[planned.Length];
        for (var i = planned.Length - 2; i >= 0; i--)
            workingSetsAfter[i] = workingSetsAfter[i + 1] + planned[i + 1].Sets;

        // First the structural rules, then the session's failure slot (B2), then the lifter's circumstances.
        var drafts = new Draft[planned.Length][];
        var places = new SetPlace[planned.Length][];
        var candidates = new List<(int Exercise, CnsDemand Cns)>();
        for (var i = 0; i < planned.Length; i++)
        {
            var e = planned[i];
            drafts[i] = new Draft[e.Sets];
            places[i] = new SetPlace[e.Sets];
            for (var s = 1; s <= e.Sets; s++)
            {
                var place = new SetPlace(e, i + 1, planned.Length, s, workingSetsAfter[i] + e.Sets - s);
                var draft = new Draft(baseRir: BaseRir(session.DayType, policy, place.IsLastSet && SetRules.IsLate(facts, place)));
                foreach (var rule in SetRules.Structural)
                {
                    if (rule(facts, place) is { } r)
                        draft.Apply(r);
                }
                if (deload)
                    draft.Apply(new("W2", FailureLevel.None, policy.DeloadRir, $"deload (W2): no failure, stop {policy.DeloadRir:0.#} reps short"));
                drafts[i][s - 1] = draft;
                places[i][s - 1] = place;
                if (draft.Cap > FailureLevel.None)
                    candidates.Add((i, e.Exercise.Cns));
            }
        }

        // B2: how many exercises get the session's failure sets — the least CNS-demanding first (F7),
        // then the latest in the session (R6), capped by what is left of the budget.
        var slots = Math.Min(policy.MaxFailureExercisesPerSession, facts.Budget.Remaining);
        var chosen = candidates
            .OrderBy(c => c.Cns)
            .ThenByDescending(c => c.Exercise)
            .Select(c => c.Exercise)
            .Distinct()
            .Take(slots)
            .ToHashSet();
        foreach (var (i, _) in candidates)
        {
            if (!chosen.Contains(i) && facts.Budget.Remaining > 0)
            {
                drafts[i][^1].Apply(new("B2", FailureLevel.None, 0,
                    $"only {policy.MaxFailureExercisesPerSession} exercise(s) per session get failure work; it goes to a less demanding or later exercise"));
            }
        }

        for (var i = 0; i < planned.Length; i++)
        {
            for (var s = 0; s < drafts[i].Length; s++)
            {
                foreach (var rule in SetRules.Circumstantial)
                {
                    if (rule(facts, places[i][s]) is { } r)
                        drafts[i][s].Apply(r);
                }
                // E5: everyone back from a layoff keeps more in reserve; an eligible lifter's failure set is the baseline test.
                if (facts.LayoffDays is { } off)
                {
                    drafts[i][s].Apply(new("E5", FailureLevel.Absolute, policy.LayoffRir,
                        $"{off} days off: re-entry at {policy.LayoffRir:0.#}+ RIR, because failure comes sooner after a layoff"));
                }
            }
        }

        var exercises = ImmutableArray.CreateBuilder<ExerciseDecision>(planned.Length);
        var warmedUp = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < planned.Length; i++)
        {
            var e = planned[i];
            var load = LoadAdvice.For(e, scenario, facts, NonFailureRir(drafts[i]));
            var warmups = Warmups.For(e, scenario.Athlete, load.WeightKg, warmedUp, policy);
            var sets = ImmutableArray.CreateBuilder<SetDecision>(e.Sets);
            for (var s = 0; s < e.Sets; s++)
            {
                var d = drafts[i][s];
                var reasons = d.Reasons;
                var techniques = ImmutableArray<Technique>.Empty;
                if (d.Cap > FailureLevel.None)
                {
                    reasons.AddRange(Permits(e, facts, d.Cap));
                    techniques = BeyondFailure(e, facts, d, reasons);
                }
                if (load.Reason is { } why)
                    reasons.Add(why);
                // An AMRAP set that may not go to failure is not "as many as possible": it is the failure rep range (S5) with reps in reserve.
                var repsText = e.Reps.IsAmrap && d.Cap == FailureLevel.None ? $"{policy.MinFailureReps}-{policy.MaxFailureReps}" : e.Reps.ToString();
                sets.Add(new SetDecision(
                    s + 1, repsText, d.Cap > FailureLevel.None ? 0 : d.MinRir, load.WeightKg, d.Cap, techniques,
                    [.. reasons.OrderBy(r => RuleOrder(r.Rule)).ThenBy(r => r.Rule, StringComparer.Ordinal)])
                {
                    RestSeconds = Warmups.RestAfter(e, d.Cap, policy),
                });
            }
            exercises.Add(new ExerciseDecision(e.Name, e.Exercise, e.Exercise.MaxFailureIn(e.SpotterOrSafeties), sets.MoveToImmutable())
            {
                Warmups = warmups,
            });
        }

        var warnings = Warnings(scenario, facts, policy);
        return new Evaluation(scenario.Today, facts.Eligibility, exercises.MoveToImmutable(), warnings, actions, facts.Budget)
        {
            Session = session,
            DayChanges = changes,
            PlannedDayType = scenario.Session.DayType,
        };
    }

    /// <summary>
    /// What the actions do to the day itself (W2, R5): a deload halves the sets (<see cref="Policy.DeloadSetFactor"/>)
    /// and makes a hard day light; extra rest and a downgrade make a hard day medium. Failure is removed set by set (the W2 and deload restrictions). A deload phase is already a deload.
    /// </summary>
    private static (PlannedSession Session, ImmutableArray<Reason> Changes) ActOnDay(Scenario scenario, ImmutableArray<Action> actions, Policy p)
    {
        if (EventDay(scenario) is { Changes.IsEmpty: false } eventDay)
            return eventDay;
        var session = scenario.Session;
        var changes = ImmutableArray.CreateBuilder<Reason>();
        bool Has(string code) => actions.Any(a => a.Code == code);
        var planned = session.DayType;
        if (Has("deload") && scenario.Phase != Phase.Deload)
        {
            session = Scaled(session, p.DeloadSetFactor) with { DayType = planned == DayType.Hard ? DayType.Light : planned };
            changes.Add(new("W2", $"deload: today has half the sets at {p.DeloadRir:0.#}+ reps in reserve, no failure; re-laying the plan from today (`failsafe plan adjust`) opens it with a deload week"));
        }
        else if (planned == DayType.Hard && Has("extra-rest"))
        {
            session = session with { DayType = DayType.Medium };
            changes.Add(new("R5", $"extra rest after failure: today is a medium day instead of a hard one ({p.MediumDayRir:0.#}+ reps in reserve); the hard work waits for the next hard day of the plan"));
        }
        else if (planned == DayType.Hard && Has("downgrade-day"))
        {
            session = session with { DayType = DayType.Medium };
            changes.Add(new(actions.First(a => a.Code == "downgrade-day").Rule, $"today is a medium day instead of a hard one: {p.MediumDayRir:0.#}+ reps in reserve"));
        }
        if (Has("scale-back-failure"))
            changes.Add(new("W2", "no failure today: every set stops 1–3 reps short"));
        return (session, changes.ToImmutable());
    }

    /// <summary>R4: on the day of a race, a match or a meet, the event is the day's work — no training session beside it, planned or not.</summary>
    private static (PlannedSession Session, ImmutableArray<Reason> Changes) EventDay(Scenario scenario)
    {
        var session = scenario.Session;
        if (session.Exercises.IsEmpty || scenario.Events.FirstOrDefault(e => e.Date == scenario.Today) is not { } today)
            return (session, []);
        return (session with { Exercises = [] }, [new("R4", $"{today.Name} is today: the event is the day's work, so no training session")]);
    }

    private static PlannedSession Scaled(PlannedSession session, double factor) => session with
    {
        Exercises = [.. session.Exercises.Select(e => e with { Sets = Math.Max(1, (int)Math.Round(e.Sets * factor, MidpointRounding.AwayFromZero)) })],
    };

    /// <summary>The target RIR for a day type before any rule raises it (S1, B1): RPE 9 on a hard day only for a late exercise's last set.</summary>
    private static double BaseRir(DayType day, Policy p, bool lateLastSet) => day switch
    {
        DayType.Hard => lateLastSet ? Math.Max(1, p.HardDayRir - p.HardDayLateSetRirDrop) : p.HardDayRir,
        DayType.Medium => p.MediumDayRir,
        _ => p.LightDayRir,
    };

    private static double NonFailureRir(Draft[] sets) => sets.Length == 0 ? 1 : sets[0].MinRir;

    private sealed class Draft(double baseRir)
    {
        public FailureLevel Cap { get; private set; } = FailureLevel.Absolute;
        public double MinRir { get; private set; } = Math.Max(1, baseRir);
        public List<Reason> Reasons { get; } = [];

        public void Apply(Restriction r)
        {
            Cap = (FailureLevel)Math.Min((int)Cap, (int)r.Cap);
            MinRir = Math.Max(MinRir, r.MinRir);
            Reasons.Add(new(r.Rule, r.Message));
        }
    }

    /// <summary>The rules that let this set go to failure, named so the permission is explained too.</summary>
    private static IEnumerable<Reason> Permits(PlannedExercise e, Facts facts, FailureLevel cap)
    {
        yield return e.Exercise.MaxFailureIn(e.SpotterOrSafeties) == FailureLevel.Absolute
            ? new Reason("F2", $"{e.Exercise.Name} is safe to fail: {e.Exercise.ClassificationReason}")
            : new Reason("F4", $"{e.Exercise.Name}: technical failure allowed because a spotter or safeties are in place");
        yield return new Reason("F5", "last set of the exercise");
        yield return new Reason("F6", "late in the session, after a proper warm-up");
        yield return new Reason("B2", "this exercise holds the session's failure set");
        yield return new Reason("E1", "the lifter is eligible for failure training");
        if (e.Reps.IsAmrap)
            yield return new Reason("S7", "bodyweight/band AMRAP finisher may go to failure");
        else if (facts.Scenario.Phase == Phase.Hypertrophy)
            yield return new Reason("S3", e.Exercise.Mechanic == Mechanic.Isolation
                ? "hypertrophy phase: failure on the final set of an isolation exercise"
                : "hypertrophy phase: this week's one failure set on a safe compound");
        if (cap == FailureLevel.Technical)
            yield return new Reason("F1", "technical failure ends the set: stop at the first rep that breaks form");
    }

    /// <summary>E3, F1, R5: beyond-failure techniques only after absolute failure, for advanced lifters, with rest since the last.</summary>
    private static ImmutableArray<Technique> BeyondFailure(PlannedExercise e, Facts facts, Draft d, List<Reason> reasons)
    {
        if (d.Cap < FailureLevel.Absolute)
            return [];
        if (!facts.Eligibility.BeyondFailure)
        {
            reasons.Add(new("E3", "beyond-failure techniques are for advanced lifters only"));
            return [];
        }
        if (facts.BeyondFailure is { } b)
        {
            reasons.Add(new("R5", $"beyond-failure work on {b.Exercise} ({b.Date:yyyy-MM-dd}) still needs extra rest"));
            return [];
        }
        var x = e.Exercise;
        reasons.Add(new("E3", "advanced lifter: beyond-failure techniques allowed on this set"));
        if (x.Equipment == "body only")
            return [Technique.Negatives, Technique.RestPause];
        var list = ImmutableArray.CreateBuilder<Technique>();
        list.Add(Technique.DropSet);
        if (e.Spotter)
        {
            list.Add(Technique.ForcedReps);
            list.Add(Technique.Negatives);
        }
        list.Add(Technique.RestPause);
        return list.ToImmutable();
    }

    private static ImmutableArray<Warning> Warnings(Scenario scenario, Facts f, Policy p)
    {
        var list = ImmutableArray.CreateBuilder<Warning>();
        foreach (var t in f.Trends)
            list.Add(new(t.Code, "W1", t.Message));
        foreach (var s in f.WellnessSigns)
            list.Add(new(s.Code, "W1", s.Message));
        if (f.BrokenSession is { } broken)
            list.Add(new("failure-overuse", "W4", $"the session on {broken:yyyy-MM-dd} had {p.BrokenSessionFailureSets}+ failure sets: that was a test, not training"));
        if (f.Budget.FailureSetsUsed > f.Budget.FailureSetsAllowed)
            list.Add(new("failure-overuse", f.BudgetRule, $"{f.Budget.FailureSetsUsed} failure sets in {f.Budget.WindowDays} days, over the budget of {f.Budget.FailureSetsAllowed}"));
        else if (f.ShareWorkingSets >= 10 && f.FailureShare > p.MaxFailureShare)
            list.Add(new("failure-overuse", "B1", $"{f.FailureShare:P0} of working sets in {p.ShareWindowDays} days went to failure; at most {p.MaxFailureShare:P0}"));
        if (f.CnsFailure is { } c)
            list.Add(new("cns-recovery", "R1", $"failure on {c.Exercise} on {c.Date:yyyy-MM-dd}: the nervous system needs about {p.CnsRecoveryHours} h"));
        if (f.HeavyLowerBody is { } h)
            list.Add(new("cns-recovery", "R2", $"all-out squat/deadlift session on {h.Date:yyyy-MM-dd}{(h.WindowDays > p.HeavyLowerBodyRecoveryDays ? " with failure sets" : "")}: {h.WindowDays} days before the next all-out heavy compound"));
        var muscles = scenario.Session.Exercises.SelectMany(e => e.Exercise.PrimaryMuscles).Distinct().Where(f.MusclesFailed.ContainsKey).ToList();
        if (muscles.Count > 0)
            list.Add(new("muscle-recovery", "R3", $"{string.Join(", ", muscles)} went to failure within {SetRules.Hours(f.MuscleRecoveryHours)} and are still recovering"));
        if (f.EventSoon is { } ev)
            list.Add(new("event-soon", "R4", $"{ev.Name} on {ev.Date:yyyy-MM-dd}"));
        if (scenario.Athlete.Injured)
            list.Add(new("injury", "E1", $"current injury: {string.Join(", ", scenario.Athlete.Injuries)}"));
        var e1 = f.Eligibility.Reasons.First(r => r.Rule == "E1");
        if (f.Eligibility.Reasons.Any(r => r.Rule == "E2") && !OnlyInjury(scenario.Athlete, p))
            list.Add(new("not-eligible", "E1", e1.Message));
        if (scenario.Athlete.InSeason)
            list.Add(new("in-season", "E4", "endurance athlete in season: no failure training"));
        return list.ToImmutable();
    }

    /// <summary>True when the injury is the only thing keeping the lifter from E1 (reported as `injury`, not also `not-eligible`).</summary>
    private static bool OnlyInjury(Athlete a, Policy p) =>
        a.Injured && a.TrainingYears >= p.MinTrainingYears && (!p.RequireExcellentForm || a.FormUnderFatigue == FormUnderFatigue.Excellent)
        && a.SleepHours >= p.MinSleepHours && a.Stress <= p.MaxStress;

    private static ImmutableArray<Action> Actions(Scenario scenario, Facts f, Policy p)
    {
        var list = ImmutableArray.CreateBuilder<Action>();
        if (f.ScaleBack)
            list.Add(new("scale-back-failure", "W2", "scale back failure training: consistent, quality volume at 1–3 reps in reserve"));
        var hard = scenario.Session.DayType == DayType.Hard;
        if (hard && (f.FatigueSigns || f.HardAfterHard || f.HardDaysThisWeek + 1 > p.MaxHardDaysPerWeek || f.EventSoon is not null))
        {
            var why = f.FatigueSigns ? "warning signs"
                : f.EventSoon is not null ? $"{f.EventSoon.Name} is close"
                : f.HardAfterHard ? "yesterday was a hard day, and hard days never come two in a row"
                : $"{f.HardDaysThisWeek} hard {(f.HardDaysThisWeek == 1 ? "day" : "days")} already this week, at most {p.MaxHardDaysPerWeek}";
            list.Add(new("downgrade-day", f.FatigueSigns ? "W2" : f.EventSoon is not null ? "R4" : "S1", $"train today as a medium day: {why}"));
        }
        var signCount = f.WellnessSigns.Length + f.Trends.Count(t => t.Code == "strength-decline");
        if (signCount >= p.DeloadSigns || (f.WellnessPersisting && signCount > 0))
            list.Add(new("deload", "W2", f.WellnessPersisting ? "warning signs have persisted for two weeks: deload" : $"{signCount} warning signs at once: deload"));
        if (f.BeyondFailure is { } b)
            list.Add(new("extra-rest", "R5", $"beyond-failure work on {b.Exercise} ({b.Date:yyyy-MM-dd}): schedule an extra rest day"));
        // A body-part split fails a different muscle group each day (B5): no rest day after every failure day.
        else if (f.FailedYesterday && (scenario.Athlete.Split != Split.BodyPart || scenario.Athlete.CompetitionPrep))
            list.Add(new("extra-rest", "R5", "failure sets yesterday: schedule extra rest"));
        // E5 asks for a failure set, so only where one may happen: an eligible lifter, no deload, no event, no signs.
        if (f.LayoffDays is { } off && f.Eligibility.Failure && scenario.Phase != Phase.Deload && f.EventSoon is null && !f.ScaleBack)
            list.Add(new("baseline-test", "E5", $"{off} days since the last session: after a proper warm-up, one failure set on a safe exercise sets a new baseline"));
        if (f.Trends.Any(t => t.Code == "plateau") && f.Eligibility.Failure && !f.FatigueSigns && !f.Overused)
            list.Add(new("plateau-block", "B6", "plateau without fatigue signs: a two-week block with failure on three days a week (safe exercises), then back off"));
        return list.ToImmutable();
    }

    private static int RuleOrder(string id) => id[0] switch
    {
        'F' => 0,
        'B' => 1,
        'R' => 2,
        'S' => 3,
        'E' => 4,
        'W' => 5,
        _ => 6,
    } * 100 + int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
