using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Store.Catalog;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>Scenario builders for engine tests: a healthy, eligible, hypertrophy-phase lifter on a hard day, changed with `with`.</summary>
internal static class Build
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static Exercise Ex(string name) =>
        CatalogLoader.Default.Resolve(name).Exercise ?? throw new ArgumentException($"test uses unknown exercise '{name}'");

    public static Athlete Eligible { get; } = new(
        TrainingYears: 4, FormUnderFatigue: FormUnderFatigue.Excellent, SleepHours: 8, Stress: Stress.Low, Injuries: [],
        Goal: Goal.Hypertrophy, InSeason: false, Split: Split.FullBody, CompetitionPrep: false, BodyweightKg: 80, Unit: WeightUnit.Kg);

    public static PlannedExercise Plan(string name, int sets = 3, string reps = "10-12", bool spotter = false, bool safeties = false) =>
        new(name, Ex(name), sets, RepRange.Parse(reps), spotter, safeties);

    public static Scenario Session(params PlannedExercise[] exercises) =>
        new(Today, Eligible, Phase.Hypertrophy, [], [], [], new PlannedSession(DayType.Hard, [.. exercises]));

    /// <summary>One isolation exercise the lifter knows, three sets of 12–15: its last set may go to absolute failure.</summary>
    public static Scenario LateralRaiseDay() => Session(Plan("Dumbbell Lateral Raise", 3, "12-15")).Known();

    /// <summary>
    /// The lifter has done every planned exercise before (S6: a first session never fails): a session 10 days ago with
    /// one warm-up set of each — no working set, so no load, budget, share, trend or recovery window comes from it.
    /// </summary>
    public static Scenario Known(this Scenario s) =>
        s.With(DaysAgo(10, null, [.. s.Session.Exercises.Select(e => new LoggedExercise(e.Name, e.Exercise, [new LoggedSet(0, 5, Rir.Of(5), Warmup: true)]))]));

    public static LoggedSet Set(double kg, int reps, double rir) => new(kg, reps, Rir.Of(rir));

    public static LoggedSet Failed(double kg, int reps, Technique? technique = null) =>
        new(kg, reps, Rir.Zero, FailureLevel.Absolute, technique);

    public static LoggedExercise Did(string name, params LoggedSet[] sets) => new(name, Ex(name), [.. sets]);

    public static LoggedSession DaysAgo(int days, DayType? type, params LoggedExercise[] exercises) =>
        new(Today.AddDays(-days), type, [.. exercises]);

    public static Scenario With(this Scenario s, params LoggedSession[] sessions) => s with { History = s.History.AddRange(sessions) };

    public static Scenario With(this Scenario s, params Wellness[] days) => s with { Wellness = s.Wellness.AddRange(days) };

    public static Scenario With(this Scenario s, Func<Athlete, Athlete> change) => s with { Athlete = change(s.Athlete) };

    public static Scenario On(this Scenario s, DayType day) => s with { Session = s.Session with { DayType = day } };

    public static Scenario In(this Scenario s, Phase phase) => s with { Phase = phase };

    public static Scenario WithEvent(this Scenario s, int inDays, string name = "10K race") =>
        s with { Events = s.Events.Add(new TrainingEvent(Today.AddDays(inDays), name)) };

    /// <summary>A check-in <paramref name="days"/> ago; scores default to a good day.</summary>
    public static Wellness Day(int days, int fatigue = 2, int mood = 4, int sleepQuality = 4, int aches = 1, int soreness = 2, int motivation = 4, double sleepHours = 8) =>
        new(Today.AddDays(-days), sleepHours, sleepQuality, fatigue, mood, soreness, aches, motivation);

    public static Evaluation Evaluate(this Scenario s, Policy? policy = null) => Evaluator.Evaluate(s, policy);

    public static SetDecision Set(this Evaluation e, string exercise, int set) =>
        e.Exercises.Single(x => x.Exercise == exercise).Sets[set - 1];

    public static SetDecision LastSet(this Evaluation e, string exercise) => e.Exercises.Single(x => x.Exercise == exercise).Sets[^1];

    public static ImmutableArray<string> Ids(this SetDecision d) => [.. d.Reasons.Select(r => r.Rule).Distinct()];

    public static IEnumerable<string> WarningCodes(this Evaluation e) => e.Warnings.Select(w => w.Code);

    public static IEnumerable<string> ActionCodes(this Evaluation e) => e.Actions.Select(a => a.Code);
}
