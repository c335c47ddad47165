using System.Collections.Immutable;
using CsCheck;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Store.Scenarios;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>Properties over generated lifters, histories, check-ins, calendars and sessions.</summary>
public class EngineProperties
{
    private static readonly string[] Pool =
    [
        "Dumbbell Lateral Raise", "Leg Press", "Lat Pulldown", "Barbell Back Squat", "Barbell Bench Press", "Push Up",
        "Triceps Pushdown", "Leg Extensions", "Barbell Deadlift", "Standing Calf Raises", "Hammer Curls", "Dumbbell Bench Press",
    ];

    private static readonly string[] RepOptions = ["3", "5-8", "6-10", "8-12", "12-15", "10", "AMRAP"];

    private static readonly Gen<Athlete> Athletes =
        Gen.Select(
            Gen.Int[0, 10].Select(y => (double)y),
            Gen.Enum<FormUnderFatigue>(),
            Gen.Int[5, 9].Select(h => (double)h),
            Gen.Enum<Stress>(),
            Gen.Int[0, 9].Select(i => i == 0 ? ImmutableArray.Create("knee") : ImmutableArray<string>.Empty),
            Gen.Int[0, 9].Select(i => i == 0),
            Gen.Enum<Split>(),
            Gen.Int[0, 5].Select(i => i == 0))
        .Select((years, form, sleep, stress, injuries, inSeason, split, prep) =>
            new Athlete(years, form, sleep, stress, injuries, Goal.Hypertrophy, inSeason, split, prep, 80, WeightUnit.Kg));

    private static readonly Gen<LoggedSet> LoggedSets =
        Gen.Select(Gen.Int[4, 60].Select(k => k * 2.5), Gen.Int[3, 15], Gen.Int[0, 8], Gen.Int[0, 19])
            .Select((kg, reps, halfRir, roll) => roll switch
            {
                0 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Absolute, Technique.DropSet),
                1 or 2 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Absolute),
                3 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Technical),
                _ => new LoggedSet(kg, reps, Rir.Of(halfRir / 2.0)),
            });

    private static readonly Gen<LoggedExercise> LoggedExercises =
        Gen.Select(Gen.Int[0, Pool.Length - 1].Select(i => Pool[i]), LoggedSets.Array[1, 4]).Select((name, sets) => Did(name, sets));

    private static readonly Gen<LoggedSession> Sessions =
        Gen.Select(Gen.Int[0, 60], Gen.Enum<DayType>(), LoggedExercises.Array[1, 3]).Select((ago, day, ex) => DaysAgo(ago, day, ex));

    private static readonly Gen<Wellness> CheckIns =
        Gen.Select(Gen.Int[0, 40], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5])
            .Select((ago, fatigue, mood, sleep, aches, motivation) => Day(ago, fatigue, mood, sleep, aches, 2, motivation, 7));

    private static readonly Gen<PlannedExercise> Planned =
        Gen.Select(Gen.Int[0, Pool.Length - 1].Select(i => Pool[i]), Gen.Int[1, 5], Gen.Int[0, RepOptions.Length - 1].Select(i => RepOptions[i]), Gen.Bool, Gen.Bool)
            .Select((name, sets, reps, spotter, safeties) => Plan(name, sets, reps, spotter, safeties));

    public static readonly Gen<Scenario> Scenarios =
        Gen.Select(
            Athletes,
            Gen.Enum<Phase>(),
            Gen.Enum<DayType>(),
            Planned.Array[1, 6],
            Sessions.Array[0, 15],
            CheckIns.Array[0, 20],
            Gen.Int[-3, 12].Array[0, 2])
        .Select((athlete, phase, day, planned, history, wellness, events) => new Scenario(
            Today, athlete, phase,
            [.. events.Select(d => new TrainingEvent(Today.AddDays(d), "meet"))],
            [.. history], [.. wellness],
            new PlannedSession(day, [.. planned])));

    private static IEnumerable<(ExerciseDecision Exercise, SetDecision Set)> AllSets(Evaluation e) =>
        e.Exercises.SelectMany(x => x.Sets.Select(s => (x, s)));

    [Fact]
    public void Property_NeverFailureOnAFirstSet() =>
        Scenarios.Sample(s => AllSets(s.Evaluate()).Where(t => t.Set.Set == 1).All(t => t.Set.Failure == FailureLevel.None), iter: 400);

    [Fact]
    public void Property_NeverAboveWhatTheExerciseTolerates() =>
        Scenarios.Sample(s =>
        {
            var e = s.Evaluate();
            return e.Exercises.Select((x, i) => (x, p: s.Session.Exercises[i]))
                .All(t => t.x.MaxFailure == t.p.Exercise.MaxFailureIn(t.p.SpotterOrSafeties) && t.x.Sets.All(set => set.Failure <= t.x.MaxFailure));
        }, iter: 400);

    [Fact]
    public void Property_DeloadOrIneligible_OnlyNone() =>
        Scenarios.Sample(s =>
        {
            var e = s.Evaluate();
            var mustBeNone = s.Phase == Phase.Deload || !e.Eligibility.Failure;
            return !mustBeNone || AllSets(e).All(t => t.Set.Failure == FailureLevel.None && t.Set.BeyondFailure.IsEmpty);
        }, iter: 400);

    [Fact]
    public void Property_TargetRir_ZeroOnlyWhereFailureIsAllowed() =>
        Scenarios.Sample(s => AllSets(s.Evaluate()).All(t => t.Set.Failure == FailureLevel.None ? t.Set.TargetRir >= 1 : t.Set.TargetRir == 0), iter: 400);

    [Fact]
    public void Property_BeyondFailure_OnlyOnAbsoluteFailureSets() =>
        Scenarios.Sample(s => AllSets(s.Evaluate()).All(t => t.Set.BeyondFailure.IsEmpty || t.Set.Failure == FailureLevel.Absolute), iter: 400);

    /// <summary>"AMRAP" means as many as possible: never shown on a set that stops with reps in reserve.</summary>
    [Fact]
    public void Property_AmrapOnlyOnFailureSets() =>
        Scenarios.Sample(s => AllSets(s.Evaluate()).All(t => t.Set.Reps != "AMRAP" || t.Set.Failure > FailureLevel.None), iter: 400);

    [Fact]
    public void Property_NeverFailureOnTheFirstOfSeveralExercises() =>
        Scenarios.Sample(s => s.Evaluate() is var e && (e.Exercises.Length < 2 || e.Exercises[0].Sets.All(set => set.Failure == FailureLevel.None)), iter: 400);

    /// <summary>S6, one rule for evaluate, plan and today: an exercise the history never names never fails.</summary>
    [Fact]
    public void Property_NoFailureOnAnExerciseWithoutHistory() =>
        Scenarios.Sample(s =>
        {
            var known = s.History.SelectMany(h => h.Exercises).Select(x => x.Exercise.Id).ToHashSet();
            return s.Evaluate().Exercises.Where(x => !known.Contains(x.CatalogExercise.Id)).All(x => x.Sets.All(set => set.Failure == FailureLevel.None));
        }, iter: 400);

    [Fact]
    public void Property_AtMostOneFailureExercisePerSession() =>
        Scenarios.Sample(s => s.Evaluate().Exercises.Count(x => x.Sets.Any(set => set.Failure > FailureLevel.None)) <= 1, iter: 400);

    [Fact]
    public void Property_EveryRestrictedSetNamesARule() =>
        Scenarios.Sample(s => s.Evaluate().Exercises.All(x => x.Sets.All(set => set.Failure == x.MaxFailure || set.Reasons.Length > 0)), iter: 400);

    [Fact]
    public void Property_SameScenario_SameOutput() =>
        Scenarios.Sample(s => EvaluationJson.ToJson(s.Evaluate()) == EvaluationJson.ToJson(s.Evaluate()), iter: 200);

    /// <summary>True when no set of <paramref name="after"/> allows more than the same set of <paramref name="before"/>.</summary>
    private static bool NeverMore(Evaluation before, Evaluation after) =>
        AllSets(before).Zip(AllSets(after)).All(p =>
            p.Second.Set.Failure <= p.First.Set.Failure && p.Second.Set.BeyondFailure.All(p.First.Set.BeyondFailure.Contains))
        && (!after.Eligibility.Failure || before.Eligibility.Failure)
        && (!after.Eligibility.BeyondFailure || before.Eligibility.BeyondFailure);

    [Fact]
    public void Property_AddingAWarningSign_NeverIncreasesAnyPermission() =>
        Gen.Select(Scenarios, Gen.Int[0, 6].Array[3, 3]).Sample((s, days) =>
            NeverMore(s.Evaluate(), s.With([.. days.Select(d => Day(d, fatigue: 5, mood: 1, sleepQuality: 1, aches: 5, motivation: 1))]).Evaluate()),
            iter: 300);

    [Fact]
    public void Property_AddingAnInjury_NeverIncreasesAnyPermission() =>
        Scenarios.Sample(s => NeverMore(s.Evaluate(), s.With(a => a with { Injuries = a.Injuries.Add("lower back") }).Evaluate()), iter: 300);

    [Fact]
    public void Property_AddingAnUpcomingEvent_NeverIncreasesAnyPermission() =>
        Gen.Select(Scenarios, Gen.Int[0, 14]).Sample((s, inDays) => NeverMore(s.Evaluate(), s.WithEvent(inDays).Evaluate()), iter: 300);

    [Fact]
    public void Property_AddingAFailureSetToHistory_NeverIncreasesAnyPermission() =>
        Gen.Select(Scenarios, LoggedExercises, Gen.Int[0, 30], Gen.Enum<DayType>(), Gen.Bool)
            .Sample((s, exercise, ago, day, intoExisting) =>
            {
                // Only a failure set is added: the generated exercise's own sets are dropped.
                var failed = exercise with { Sets = [new LoggedSet(exercise.Sets[0].WeightKg, 8, Rir.Zero, FailureLevel.Absolute)] };
                Scenario before, more;
                if (intoExisting && !s.History.IsEmpty)
                {
                    var target = s.History[ago % s.History.Length];
                    var first = target.Exercises[0];
                    var grown = target with { Exercises = target.Exercises.SetItem(0, first with { Sets = first.Sets.Add(new LoggedSet(60, 8, Rir.Zero, FailureLevel.Absolute)) }) };
                    (before, more) = (s, s with { History = s.History.Replace(target, grown) });
                }
                else
                {
                    // Against the same session with the set stopped short: a session of an exercise never logged before
                    // makes it known, which lifts the first-session restriction (S6) whatever the set's effort.
                    var shortOfFailure = exercise with { Sets = [new LoggedSet(exercise.Sets[0].WeightKg, 8, Rir.Of(2))] };
                    (before, more) = (s.With(DaysAgo(ago, day, shortOfFailure)), s.With(DaysAgo(ago, day, failed)));
                }
                return NeverMore(before.Evaluate(), more.Evaluate());
            }, iter: 500);
}
