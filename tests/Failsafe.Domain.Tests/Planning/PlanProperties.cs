using System.Collections.Immutable;
using CsCheck;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Planning;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Planning;

/// <summary>
/// Properties over generated lifters, splits, training weekdays, events, phases and histories, for plans of
/// 4–52 weeks: every invariant in <see cref="PlanChecks.All"/> (calendar, S1 hard days, S4 deloads, R4/E4
/// events, B5 competition prep, loads that rise by a step at most and never fall outside a deload or a warning, S6 first
/// sessions, and the engine allowing what the plan promises); and for lifters whose logged training and check-ins carry
/// no warning sign, no warning sign in the plan, every template hard in each mesocycle, and more failure days for a
/// body-part split than a full-body one.
/// </summary>
public class PlanProperties
{
    private static readonly Policy P = Policy.Default;

    private static readonly string[] Pool =
    [
        "Barbell Back Squat", "Barbell Bench Press", "Seated Cable Row", "Lying Leg Curl", "Dumbbell Lateral Raise", "Romanian Deadlift",
        "Barbell Overhead Press", "Lat Pulldown", "Leg Extension", "Hammer Curl", "Leg Press", "Incline Dumbbell Press", "Chin Up",
        "Triceps Pushdown", "Standing Calf Raise", "Bent Over Barbell Row", "Barbell Deadlift", "Push Up", "Pec Deck",
    ];

    private static readonly Gen<Athlete> AnyAthletes =
        Gen.Select(
            Gen.Int[0, 10].Select(y => (double)y),
            Gen.Enum<FormUnderFatigue>(),
            Gen.Int[5, 9].Select(h => (double)h),
            Gen.Enum<Stress>(),
            Gen.Int[0, 9].Select(i => i == 0 ? ImmutableArray.Create("knee") : ImmutableArray<string>.Empty),
            Gen.Enum<Goal>(),
            Gen.Enum<Split>(),
            Gen.Select(Gen.Int[0, 5].Select(i => i == 0), Gen.Int[0, 4].Select(i => i == 0), Gen.Enum<WeightUnit>()))
        .Select((years, form, sleep, stress, injuries, goal, split, more) =>
            new Athlete(years, form, sleep, stress, injuries, goal, InSeason: more.Item1, split, CompetitionPrep: more.Item2, 80, more.Item3));

    /// <summary>Half the lifters are eligible for failure training (E1), so the failure rules get exercised.</summary>
    private static readonly Gen<Athlete> Athletes =
        Gen.Select(AnyAthletes, Gen.Bool).Select((a, eligible) => eligible
            ? a with { TrainingYears = Math.Max(3, a.TrainingYears), FormUnderFatigue = FormUnderFatigue.Excellent, SleepHours = 8, Stress = Stress.Low, Injuries = [] }
            : a);

    private static readonly Gen<LoggedSet> LoggedSets =
        Gen.Select(Gen.Int[4, 60].Select(k => k * 2.5), Gen.Int[3, 15], Gen.Int[0, 8], Gen.Int[0, 39])
            .Select((kg, reps, halfRir, roll) => roll switch
            {
                0 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Absolute, Technique.DropSet),
                1 or 2 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Absolute),
                3 => new LoggedSet(kg, reps, Rir.Zero, FailureLevel.Technical),
                _ => new LoggedSet(kg, reps, Rir.Of(halfRir / 2.0)),
            });

    private static readonly Gen<LoggedExercise> LoggedExercises =
        Gen.Select(Gen.Int[0, Pool.Length - 1].Select(i => Pool[i]), LoggedSets.Array[1, 4]).Select((name, sets) => Did(name, sets));

    private static readonly Gen<(int Ago, DayType? Day, LoggedExercise[] Exercises)> Sessions =
        Gen.Select(Gen.Int[0, 60], Gen.Int[0, 3].Select(i => i == 3 ? (DayType?)null : (DayType)i), LoggedExercises.Array[1, 4]);

    private static readonly Gen<Wellness> CheckIns =
        Gen.Select(Gen.Int[0, 40], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5])
            .Select((ago, fatigue, mood, sleep, aches, motivation) => Day(ago, fatigue, mood, sleep, aches, 2, motivation, 7));

    /// <summary>2–6 distinct weekdays.</summary>
    private static readonly Gen<DayOfWeek[]> Weekdays =
        Gen.Int[0, 127].Select(mask => Enumerable.Range(0, 7).Where(d => (mask & (1 << d)) != 0).Select(d => (DayOfWeek)d).ToArray())
            .Where(days => days.Length is >= 2 and <= 6);

    /// <summary>Twelve weekly leg-press sessions without progress: the engine's plateau (W3), for some lifters a B6 block.</summary>
    private static readonly LoggedSession[] Plateau =
        [.. Enumerable.Range(0, 12).Select(w => DaysAgo(3 + 7 * w, DayType.Medium, Did("Leg Press", Set(200, 8, 2))))];

    private sealed record Input(Scenario Scenario, PlanRequest Request)
    {
        public override string ToString() =>
            $"athlete {Scenario.Athlete}, phase {Scenario.Phase}, events [{string.Join(", ", Scenario.Events.Select(e => e.Date))}], " +
            $"history {Scenario.History.Length} sessions (last {(Scenario.History.IsEmpty ? "-" : Scenario.History.Max(h => h.Date).ToString())}), " +
            $"wellness {Scenario.Wellness.Length}, start {Request.Start}, weeks {Request.Weeks}, days {string.Join(",", Request.TrainingDays)}";
    }

    private static Gen<Input> Inputs(int minWeeks, int maxWeeks) =>
        Gen.Select(
            Gen.Select(Athletes, Gen.Enum<Phase>(), Weekdays, Gen.Int[0, 6], Gen.Int[minWeeks, maxWeeks]),
            Gen.Select(Sessions.Array[0, 20], Gen.Int[0, 3].Select(i => i == 0 ? 35 : 0), Gen.Int[0, 3].Select(i => i == 0)),
            Gen.Select(CheckIns.Array[0, 20], Gen.Bool).Select((w, keep) => keep ? w : []),
            Gen.Int[-2, 60].Array[0, 3])
        .Select((basics, past, wellness, eventDays) =>
        {
            var (athlete, phase, days, startOffset, weeks) = basics;
            var (sessions, layoff, plateau) = past;
            var start = Today.AddDays(startOffset);
            // A layoff pushes the whole history back, so some lifters return after ≥ 4 weeks off (E5).
            ImmutableArray<LoggedSession> history =
            [
                .. sessions.Select(s => DaysAgo(s.Ago + layoff, s.Day, s.Exercises)),
                .. plateau && layoff == 0 ? Plateau : [],
            ];
            var scenario = new Scenario(Today, athlete, phase,
                [.. eventDays.Select(d => new TrainingEvent(start.AddDays(d), "meet")).Where(e => e.Date >= Today)],
                history, [.. wellness], new PlannedSession(DayType.Hard, []));
            return new Input(scenario, new PlanRequest(start, weeks, [.. days], PlanChecks.Templates(athlete.Split)));
        });

    private static void Check(Input input)
    {
        var plan = PlanGenerator.Generate(input.Scenario, input.Request, P);
        var violations = PlanChecks.All(input.Scenario, input.Request, plan, P);
        if (violations.Count > 0)
            throw new InvalidOperationException($"{violations.Count} violation(s):\n{string.Join("\n", violations.Take(10))}");
    }

    [Fact]
    public void Property_PlansOf4To12Weeks_KeepEveryInvariant() =>
        Inputs(4, 12).Sample(Check, iter: 200, print: i => i.ToString());

    [Fact]
    public void Property_PlansOf13To52Weeks_KeepEveryInvariant() =>
        Inputs(13, 52).Sample(Check, iter: 25, print: i => i.ToString());

    [Fact]
    public void Property_HardDaysAndEventWindows_HoldForAnyCalendar() =>
        // The calendar rules alone, over many more calendars (cheap: no engine re-run).
        Inputs(4, 20).Sample(input =>
        {
            var plan = PlanGenerator.Generate(input.Scenario, input.Request, P);
            List<string> violations =
            [
                .. PlanChecks.Calendar(input.Scenario, input.Request, plan),
                .. PlanChecks.HardDays(plan, P),
                .. PlanChecks.Deloads(input.Request, plan),
                .. PlanChecks.Events(input.Scenario, plan, P),
            ];
            if (violations.Count > 0)
                throw new InvalidOperationException(string.Join("\n", violations.Take(10)));
        }, iter: 300, print: i => i.ToString());

    /// <summary>Check-ins of a lifter who feels well: low fatigue and aches, good mood, sleep and motivation, 7–9 h nights.</summary>
    private static readonly Gen<Wellness> GoodCheckIns =
        Gen.Select(Gen.Int[0, 40], Gen.Int[1, 2], Gen.Int[4, 5], Gen.Int[4, 5], Gen.Int[1, 2], Gen.Int[4, 5], Gen.Int[7, 9])
            .Select((ago, fatigue, mood, sleep, aches, motivation, hours) => Day(ago, fatigue, mood, sleep, aches, 2, motivation, hours));

    /// <summary>
    /// A lifter whose logged training and check-ins carry no warning sign: every template of the split trained once at
    /// 2 RIR a few days ago, good check-ins; any eligibility, goal, phase, training weekdays, events, start and length.
    /// </summary>
    private static Gen<Input> Clean(int minWeeks, int maxWeeks, bool defaultDays = false) =>
        Gen.Select(
            Gen.Select(Athletes, Gen.Enum<Phase>(), Weekdays, Gen.Int[0, 6], Gen.Int[minWeeks, maxWeeks]),
            Gen.Int[1, 20],
            GoodCheckIns.Array[0, 25],
            Gen.Int[-2, 60].Array[0, 3])
        .Select((basics, daysAgo, wellness, eventDays) =>
        {
            var (athlete, phase, days, startOffset, weeks) = basics;
            var start = Today.AddDays(startOffset);
            var templates = PlanChecks.Templates(athlete.Split);
            var scenario = new Scenario(Today, athlete, phase,
                defaultDays ? [] : [.. eventDays.Select(d => new TrainingEvent(start.AddDays(d), "meet")).Where(e => e.Date >= Today)],
                PlanChecks.TrainedOn(templates, daysAgo), [.. wellness], new PlannedSession(DayType.Hard, []));
            return new Input(scenario, new PlanRequest(start, weeks,
                defaultDays ? Failsafe.Store.Planning.SplitTemplates.DefaultDays(athlete.Split) : [.. days], templates));
        });

    [Fact]
    public void Property_LifterWithoutWarningSigns_PlanRaisesNone() =>
        Clean(4, 52).Sample(input =>
        {
            var plan = PlanGenerator.Generate(input.Scenario, input.Request, P);
            List<string> violations =
            [
                .. PlanChecks.WarningSigns(plan),
                .. plan.Notes.Where(n => n.Contains("(W", StringComparison.Ordinal)),
                .. PlanChecks.HardDays(plan, P),
                .. PlanChecks.LoadsHold(input.Scenario, plan),
            ];
            if (violations.Count > 0)
                throw new InvalidOperationException(string.Join("\n", violations.Take(10)));
        }, iter: 60, print: i => i.ToString());

    [Fact]
    public void Property_DefaultWeek_EveryTemplateHardInEachMesocycle() =>
        Clean(4, 52, defaultDays: true).Sample(input =>
        {
            var plan = PlanGenerator.Generate(input.Scenario, input.Request, P);
            List<string> violations = [.. PlanChecks.Rotation(plan, P), .. PlanChecks.HardDays(plan, P)];
            if (violations.Count > 0)
                throw new InvalidOperationException(string.Join("\n", violations.Take(10)));
        }, iter: 60, print: i => i.ToString());

    [Fact]
    public void Property_SameLifter_BodyPartSplitFailsOnMoreDaysPer28ThanFullBody() =>
        Gen.Select(Gen.Int[4, 52], Gen.Int[0, 6], Gen.Int[1, 20], Gen.Int[2, 10], Gen.Enum<WeightUnit>()).Sample((weeks, startOffset, daysAgo, years, unit) =>
        {
            Plan For(Split split)
            {
                var athlete = Eligible with { Split = split, TrainingYears = years, Unit = unit };
                var templates = PlanChecks.Templates(split);
                var s = PlanChecks.Lifter(athlete) with { History = PlanChecks.TrainedOn(templates, daysAgo) };
                return PlanGenerator.Generate(s, new PlanRequest(Today.AddDays(startOffset), weeks, Failsafe.Store.Planning.SplitTemplates.DefaultDays(split), templates), P);
            }
            var bodyPart = PlanChecks.FailureDaysPer28(For(Split.BodyPart));
            var fullBody = PlanChecks.FailureDaysPer28(For(Split.FullBody));
            if (bodyPart <= fullBody)
                throw new InvalidOperationException($"failure days per 28: body-part {bodyPart:0.##}, full-body {fullBody:0.##}");
        }, iter: 40);

    [Fact]
    public void Property_PlateauBlock_OnlyFirstWeeks_AtMostThreeHardDays() =>
        Inputs(4, 12).Select(i => i with
        {
            Scenario = i.Scenario with
            {
                Athlete = Eligible with { Split = i.Scenario.Athlete.Split, Unit = i.Scenario.Athlete.Unit },
                History = [.. Plateau],
                Wellness = [],
                Phase = Phase.Hypertrophy,
            },
            Request = i.Request with { Templates = PlanChecks.Templates(i.Scenario.Athlete.Split) },
        }).Sample(input =>
        {
            var plan = PlanGenerator.Generate(input.Scenario, input.Request, P);
            var blockWeeks = plan.Weeks.Where(w => w.Days.Any(d => d.Purpose == DayPurpose.PlateauBlock)).Select(w => w.Week).ToList();
            List<string> violations = [.. PlanChecks.HardDays(plan, P), .. PlanChecks.EngineAgrees(input.Scenario, plan)];
            if (blockWeeks.Count == 0)
                violations.Add("no plateau block for an eligible lifter on a plateau without fatigue");
            if (blockWeeks.Any(w => w > P.PlateauBlockWeeks))
                violations.Add($"plateau block in weeks {string.Join(",", blockWeeks)}");
            foreach (var week in plan.Weeks)
            {
                var hard = week.Days.Count(d => d.DayType == DayType.Hard);
                if (hard > P.PlateauBlockFailureDays)
                    violations.Add($"week {week.Week}: {hard} hard days");
            }
            if (violations.Count > 0)
                throw new InvalidOperationException(string.Join("\n", violations.Take(10)));
        }, iter: 80, print: i => i.ToString());
}
