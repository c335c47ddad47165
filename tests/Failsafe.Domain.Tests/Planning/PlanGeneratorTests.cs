using System.Collections.Immutable;
using System.Globalization;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Planning;
using Failsafe.Store.Catalog;
using Failsafe.Store.Planning;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Planning;

/// <summary>
/// Builders and invariant checks for plans, shared by the unit tests and the properties. Each check returns
/// the violations it found, in words, so a failing test says which day broke which rule.
/// </summary>
internal static class PlanChecks
{
    public static readonly DayOfWeek[] MonWedFri = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday];
    public static readonly DayOfWeek[] MonTueThuFri = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static ImmutableArray<DayTemplate> Templates(Split split) => SplitTemplates.For(split, CatalogLoader.Default);

    public static DayTemplate Day(string name, params (string Exercise, int Sets, string Reps)[] exercises) =>
        new(name, [.. exercises.Select(e => new TemplateExercise(e.Exercise, Ex(e.Exercise), e.Sets, RepRange.Parse(e.Reps)))]);

    /// <summary>The planning input: a healthy, eligible hypertrophy lifter, today = <see cref="Engine.Build.Today"/> (a Monday), no session.</summary>
    public static Scenario Lifter(Athlete? athlete = null, Phase phase = Phase.Hypertrophy) =>
        new(Today, athlete ?? Eligible, phase, [], [], [], new PlannedSession(DayType.Hard, []));

    /// <summary>A typical working load (kg) per exercise, so trained lifters' plans carry loads.</summary>
    public static double TypicalKg(Exercise x) => x.Equipment switch
    {
        "barbell" or "e-z curl bar" => x.Mechanic == Mechanic.Compound ? 80 : 30,
        "dumbbell" => 16,
        "kettlebells" => 16,
        "machine" or "cable" => x.Mechanic == Mechanic.Compound ? 70 : 35,
        "body only" => 0,
        _ => 20,
    };

    /// <summary>Every exercise of the templates logged a few days before today at 2 RIR, mid-range reps.</summary>
    public static ImmutableArray<LoggedSession> TrainedOn(ImmutableArray<DayTemplate> templates, int daysAgo = 3) =>
        [.. templates.Select((t, i) => new LoggedSession(Today.AddDays(-daysAgo - 2 * i), DayType.Medium,
            [.. t.Exercises.Select(e => new LoggedExercise(e.Name, e.Exercise,
                [.. Enumerable.Range(0, e.Sets).Select(_ => new LoggedSet(TypicalKg(e.Exercise), e.Reps.IsAmrap ? 8 : (e.Reps.Min + e.Reps.Max) / 2, Rir.Of(2)))]))]))];

    public static Plan Generate(Scenario scenario, int weeks, IEnumerable<DayOfWeek>? days = null, ImmutableArray<DayTemplate>? templates = null,
        DateOnly? start = null, Policy? policy = null) =>
        PlanGenerator.Generate(scenario, Request(scenario, weeks, days, templates, start), policy);

    public static PlanRequest Request(Scenario scenario, int weeks, IEnumerable<DayOfWeek>? days = null, ImmutableArray<DayTemplate>? templates = null, DateOnly? start = null) =>
        new(start ?? scenario.Today, weeks, [.. days ?? SplitTemplates.DefaultDays(scenario.Athlete.Split)], templates ?? Templates(scenario.Athlete.Split));

    public static IEnumerable<PlanDay> Training(this Plan plan) => plan.Days.Where(d => !d.IsRest);

    public static IEnumerable<PlannedSet> Sets(this PlanDay day) => day.Exercises.SelectMany(x => x.Sets);

    public static bool HasFailure(this PlanDay day) => day.Sets().Any(s => s.Failure != FailureLevel.None);

    public static string Show(DateOnly d) => d.ToString("yyyy-MM-dd ddd", CultureInfo.InvariantCulture);

    /// <summary>Every calendar day from the start exactly once, in order; non-training weekdays and event days are rest.</summary>
    public static IEnumerable<string> Calendar(Scenario scenario, PlanRequest request, Plan plan)
    {
        var days = plan.Days.ToList();
        if (plan.Weeks.Length != request.Weeks)
            yield return $"{plan.Weeks.Length} weeks, asked for {request.Weeks}";
        if (days.Count != 7 * request.Weeks)
            yield return $"{days.Count} days for {request.Weeks} weeks";
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            if (d.Date != request.Start.AddDays(i))
                yield return $"day {i} is {Show(d.Date)}, expected {Show(request.Start.AddDays(i))}";
            var eventDay = scenario.Events.Any(e => e.Date == d.Date);
            if (!request.TrainingDays.Contains(d.Date.DayOfWeek) && !d.IsRest)
                yield return $"{Show(d.Date)} is not a training weekday but is planned {d.DayType}";
            if (eventDay && (!d.IsRest || d.Purpose != DayPurpose.Event))
                yield return $"{Show(d.Date)} is an event day but is {d.DayType?.ToString() ?? "rest"}/{d.Purpose}";
            if (d.IsRest && !d.Exercises.IsEmpty)
                yield return $"{Show(d.Date)} is a rest day with exercises";
            if (!d.IsRest && d.Exercises.IsEmpty)
                yield return $"{Show(d.Date)} is a training day without exercises";
        }
        for (var w = 0; w < plan.Weeks.Length; w++)
        {
            if (plan.Weeks[w].Week != w + 1 || plan.Weeks[w].Days.Length != 7)
                yield return $"week {w + 1} is numbered {plan.Weeks[w].Week} with {plan.Weeks[w].Days.Length} days";
        }
    }

    /// <summary>The Monday of <paramref name="d"/>'s calendar week.</summary>
    public static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>
    /// S1 (B6 inside a plateau block): no hard day after a hard day; at most 2 (3 in a plateau block) hard days in a
    /// calendar week, Monday to Sunday — one more inside a rolling seven days is allowed (RULES S1: the source's own
    /// rotation puts three there), never more.
    /// </summary>
    public static IEnumerable<string> HardDays(Plan plan, Policy policy)
    {
        var days = plan.Days.ToList();
        var hard = days.Where(d => d.DayType == DayType.Hard).Select(d => d.Date).ToHashSet();
        var block = plan.Weeks.Where(w => w.Days.Any(d => d.Purpose == DayPurpose.PlateauBlock)).SelectMany(w => w.Days).Select(d => d.Date).ToHashSet();
        foreach (var d in hard.Order())
        {
            if (hard.Contains(d.AddDays(1)))
                yield return $"hard after hard: {Show(d)} and {Show(d.AddDays(1))}";
        }
        for (var i = 0; i + 7 <= days.Count; i++)
        {
            var window = days.Skip(i).Take(7).ToList();
            var max = (window.Any(d => block.Contains(d.Date)) ? Math.Max(policy.MaxHardDaysPerWeek, policy.PlateauBlockFailureDays) : policy.MaxHardDaysPerWeek) + 1;
            if (window.Count(d => hard.Contains(d.Date)) > max)
                yield return $"{window.Count(d => hard.Contains(d.Date))} hard days in the seven days from {Show(window[0].Date)} (at most {max})";
        }
        foreach (var week in days.GroupBy(d => Monday(d.Date)))
        {
            var count = week.Count(d => hard.Contains(d.Date));
            var max = week.Any(d => block.Contains(d.Date)) ? Math.Max(policy.MaxHardDaysPerWeek, policy.PlateauBlockFailureDays) : policy.MaxHardDaysPerWeek;
            if (count > max)
                yield return $"{count} hard days in the calendar week from {Show(week.Key)} (at most {max})";
        }
    }

    /// <summary>
    /// S1: every day template trained in a mesocycle's loading weeks is a hard day at least once in them. Checked for
    /// mesocycles wholly inside the plan.
    /// </summary>
    public static IEnumerable<string> Rotation(Plan plan, Policy policy)
    {
        var loading = policy.MesocycleWeeks - 1;
        var weeks = plan.Weeks;
        for (var i = 0; i + loading <= weeks.Length; i++)
        {
            if (weeks[i].MesocycleWeek != 1 || weeks[i].Phase == Phase.Deload)
                continue;
            var meso = weeks.Skip(i).Take(loading).ToList();
            if (meso.Count != loading || meso.Select((w, k) => w.MesocycleWeek == k + 1 && w.Phase != Phase.Deload).Any(ok => !ok))
                continue;
            var days = meso.SelectMany(w => w.Days).Where(d => !d.IsRest).ToList();
            var hardTemplates = days.Where(d => d.DayType == DayType.Hard).Select(d => d.Template).ToHashSet();
            foreach (var t in days.Select(d => d.Template).Distinct().Where(t => !hardTemplates.Contains(t)))
                yield return $"weeks {meso[0].Week}–{meso[^1].Week}: {t} is never a hard day in its mesocycle";
        }
    }

    /// <summary>S4: deload weeks have deload days, no failure and fewer sets than the template.</summary>
    public static IEnumerable<string> Deloads(PlanRequest request, Plan plan)
    {
        foreach (var week in plan.Weeks.Where(w => w.Phase == Phase.Deload))
        {
            foreach (var d in week.Days.Where(d => !d.IsRest))
            {
                if (d.HasFailure())
                    yield return $"failure in deload week {week.Week} on {Show(d.Date)}";
                if (d.Purpose != DayPurpose.Deload)
                    yield return $"deload week {week.Week}: {Show(d.Date)} has purpose {d.Purpose}";
                if (d.DayType == DayType.Hard)
                    yield return $"deload week {week.Week}: {Show(d.Date)} is a hard day";
                var template = request.Templates.Single(t => t.Name == d.Template);
                var planned = d.Exercises.Sum(x => x.Sets.Length);
                var full = template.Exercises.Sum(x => x.Sets);
                if (full > template.Exercises.Length && planned >= full)
                    yield return $"deload week {week.Week}: {Show(d.Date)} has {planned} sets, the template {full}";
            }
        }
    }

    /// <summary>R4: the event day is rest; the days within the window before it are light and without failure. E4: in season, never failure.</summary>
    public static IEnumerable<string> Events(Scenario scenario, Plan plan, Policy policy)
    {
        foreach (var d in plan.Training())
        {
            var ev = scenario.Events.FirstOrDefault(e => e.Date > d.Date && e.Date.DayNumber - d.Date.DayNumber <= policy.EventWindowDays);
            if (ev is not null && d.DayType != DayType.Light)
                yield return $"{Show(d.Date)} is {d.DayType} ({d.Purpose}) {ev.Date.DayNumber - d.Date.DayNumber} day(s) before {ev.Name} ({Show(ev.Date)}); expected light";
            if (ev is not null && d.HasFailure())
                yield return $"{Show(d.Date)} has failure {ev.Date.DayNumber - d.Date.DayNumber} day(s) before {ev.Name}";
            if (scenario.Athlete.InSeason && d.HasFailure())
                yield return $"{Show(d.Date)}: failure for an athlete in season (E4)";
        }
    }

    /// <summary>B5: competition prep fails only at check-ins (or a returning lifter's baseline test), check-ins at least 28 days apart.</summary>
    public static IEnumerable<string> CompetitionPrep(Scenario scenario, Plan plan, Policy policy)
    {
        DateOnly? last = null;
        foreach (var d in plan.Training())
        {
            if (d.Purpose == DayPurpose.CheckIn)
            {
                if (!scenario.Athlete.CompetitionPrep)
                    yield return $"{Show(d.Date)}: check-in for a lifter not in competition prep";
                if (last is { } l && d.Date.DayNumber - l.DayNumber < policy.CompetitionPrepWindowDays)
                    yield return $"check-ins {Show(l)} and {Show(d.Date)} are less than {policy.CompetitionPrepWindowDays} days apart";
                last = d.Date;
            }
            else if (scenario.Athlete.CompetitionPrep && d.Purpose != DayPurpose.BaselineTest && d.HasFailure())
            {
                yield return $"{Show(d.Date)} ({d.Purpose}): failure in competition prep outside a check-in";
            }
        }
    }

    /// <summary>Loads are loadable in the lifter's unit and rise at most one smallest step over the previous non-deload session.</summary>
    public static IEnumerable<string> Loads(Scenario scenario, Plan plan, bool includeHistory)
    {
        var unit = scenario.Athlete.Unit;
        var previous = new Dictionary<string, double>(StringComparer.Ordinal);
        if (includeHistory)
        {
            foreach (var s in scenario.History.OrderBy(s => s.Date))
            {
                foreach (var e in s.Exercises)
                {
                    var working = e.Sets.Where(x => !x.Warmup && x.WeightKg > 0).ToList();
                    if (working.Count > 0)
                        previous[e.Exercise.Id] = working.Max(x => x.WeightKg);
                }
            }
        }
        foreach (var week in plan.Weeks)
        {
            foreach (var d in week.Days.Where(d => !d.IsRest))
            {
                foreach (var x in d.Exercises)
                {
                    var loading = LoadAdvice.LoadingFor(x.CatalogExercise, scenario.Athlete);
                    double? top = null;
                    foreach (var s in x.Sets)
                    {
                        if (s.WeightKg is not { } kg)
                            continue;
                        var shown = Load.Kg(kg).To(unit).Value;
                        var rounded = loading.Round(Load.Kg(kg), unit).Value;
                        if (Math.Abs(rounded - shown) > 0.02)
                            yield return $"{Show(d.Date)} {x.Exercise} set {s.Set}: {shown:0.###} {unit} is not loadable (nearest {rounded:0.###})";
                        top = Math.Max(top ?? 0, kg);
                    }
                    if (top is not { } t)
                        continue;
                    if (previous.TryGetValue(x.CatalogExercise.Id, out var before))
                    {
                        var ceiling = loading.Above(Load.Kg(before), unit).Value;
                        var now = Load.Kg(t).To(unit).Value;
                        if (now > ceiling + 0.02)
                            yield return $"{Show(d.Date)} {x.Exercise}: {now:0.###} {unit} is more than one step (to {ceiling:0.###} {unit}) over the previous {Load.Kg(before).To(unit).Value:0.###} {unit}";
                    }
                    if (week.Phase != Phase.Deload)
                        previous[x.CatalogExercise.Id] = t;
                }
            }
        }
    }

    /// <summary>The mesocycle week that peaks its RIR ramp (the last loading week).</summary>
    public static int PeakWeek => Policy.Default.MesocycleWeeks - 1;

    /// <summary>
    /// Loads never fall outside a deload or a warning sign: each exercise's top load is at least that of its previous
    /// non-deload session (logged or planned), unless the day is a deload day, its sets carry a warning (W1/W2/W4) or
    /// it restarts after a layoff (E5: loads restart lower).
    /// </summary>
    public static IEnumerable<string> LoadsHold(Scenario scenario, Plan plan)
    {
        var previous = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in scenario.History.OrderBy(s => s.Date))
        {
            foreach (var e in s.Exercises)
            {
                var working = e.Sets.Where(x => !x.Warmup && x.WeightKg > 0).ToList();
                if (working.Count > 0)
                    previous[e.Exercise.Id] = working.Max(x => x.WeightKg);
            }
        }
        foreach (var week in plan.Weeks)
        {
            foreach (var d in week.Days.Where(d => !d.IsRest))
            {
                var deload = week.Phase == Phase.Deload || d.Purpose == DayPurpose.Deload;
                foreach (var x in d.Exercises)
                {
                    // A bodyweight exercise's load is what is added: 0 is bodyweight alone, a load like any other.
                    var loads = x.Sets.Where(s => s.WeightKg is not null).Select(s => s.WeightKg!.Value).ToList();
                    if (loads.Count == 0)
                        continue;
                    var top = loads.Max();
                    var warned = x.Sets.Any(s => s.Reasons.Any(r => r is "W1" or "W2" or "W4" or "E5"));
                    // A logged load the lifter's equipment cannot make (a 120 kg dumbbell) holds at the nearest it can.
                    if (!deload && !warned && previous.TryGetValue(x.CatalogExercise.Id, out var before)
                        && top < Math.Min(before, LoadAdvice.LoadingFor(x.CatalogExercise, scenario.Athlete).Round(Load.Kg(before), scenario.Athlete.Unit).InKg) - 0.01)
                        yield return $"{Show(d.Date)} {x.Exercise}: {top:0.##} kg, down from {before:0.##} kg";
                    if (!deload)
                        previous[x.CatalogExercise.Id] = top;
                }
            }
        }
    }

    /// <summary>S6: the first session of an exercise without history (outside a baseline test) keeps ≥ FirstSessionRir and has no failure.</summary>
    public static IEnumerable<string> FirstSessions(Scenario scenario, Plan plan, Policy policy)
    {
        var known = scenario.History.SelectMany(s => s.Exercises).Select(e => e.Exercise.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var d in plan.Training())
        {
            foreach (var x in d.Exercises)
            {
                if (!known.Add(x.CatalogExercise.Id) || d.Purpose == DayPurpose.BaselineTest)
                    continue;
                foreach (var s in x.Sets)
                {
                    if (s.Failure != FailureLevel.None || s.TargetRir < policy.FirstSessionRir)
                        yield return $"{Show(d.Date)} {x.Exercise} (first session, no history) set {s.Set}: {s.TargetRir} RIR, failure {s.Failure}";
                }
            }
        }
    }

    /// <summary>
    /// Re-runs the engine on every training day — the input's lifter, events and wellness; the week's phase; the input
    /// history plus the assumed sessions of all earlier plan days, only the input history being logged evidence (W); the day's exercises — with the day's policy. The plan
    /// must never promise more failure or less reserve than the engine allows.
    /// </summary>
    public static IEnumerable<string> EngineAgrees(Scenario scenario, Plan plan)
    {
        var history = scenario.History.ToBuilder();
        foreach (var week in plan.Weeks)
        {
            foreach (var d in week.Days.Where(d => !d.IsRest))
            {
                if (d.Policy is null || d.Assumed is null)
                {
                    yield return $"{Show(d.Date)}: training day without policy or assumed session";
                    yield break;
                }
                var session = new PlannedSession(d.DayType!.Value,
                    [.. d.Exercises.Select(x => new PlannedExercise(x.Exercise, x.CatalogExercise, x.Sets.Length, RepRange.Parse(x.Sets[0].Reps)))]);
                var today = scenario with { Today = d.Date, Phase = week.Phase, History = history.ToImmutable(), Logged = scenario.History, Session = session };
                var engine = Evaluator.EvaluatePlanned(today, d.Policy);
                for (var i = 0; i < d.Exercises.Length; i++)
                {
                    var x = d.Exercises[i];
                    for (var s = 0; s < x.Sets.Length; s++)
                    {
                        var mine = x.Sets[s];
                        var theirs = engine.Exercises[i].Sets[s];
                        if (mine.Failure > theirs.Failure || mine.TargetRir < theirs.TargetRir)
                            yield return $"{Show(d.Date)} {x.Exercise} set {s + 1}: plan {mine.Failure}/{mine.TargetRir} RIR, engine {theirs.Failure}/{theirs.TargetRir} RIR";
                    }
                }
                history.Add(d.Assumed);
            }
        }
    }

    /// <summary>All invariants the properties check.</summary>
    public static List<string> All(Scenario scenario, PlanRequest request, Plan plan, Policy policy) =>
    [
        .. Calendar(scenario, request, plan),
        .. HardDays(plan, policy),
        .. Deloads(request, plan),
        .. Events(scenario, plan, policy),
        .. CompetitionPrep(scenario, plan, policy),
        .. Loads(scenario, plan, includeHistory: false),
        .. FirstSessions(scenario, plan, policy),
        .. EngineAgrees(scenario, plan),
        .. LoadsHold(scenario, plan),
    ];

    /// <summary>W: sets that carry a warning sign (W1, W2, W4), in words.</summary>
    public static IEnumerable<string> WarningSigns(Plan plan) =>
        from d in plan.Training()
        from x in d.Exercises
        from s in x.Sets
        where s.Reasons.Any(r => r is "W1" or "W2" or "W4")
        select $"{Show(d.Date)} {x.Exercise} set {s.Set}: {string.Join(",", s.Reasons)}";

    /// <summary>Training days holding a failure set, per 28 days of the plan.</summary>
    public static double FailureDaysPer28(Plan plan) => plan.Training().Count(d => d.HasFailure()) * 28.0 / plan.Days.Count();

    public static void ShouldHaveNone(this IEnumerable<string> violations)
    {
        var list = violations.ToList();
        list.ShouldBeEmpty(string.Join("\n", list));
    }

    /// <summary>The lowest target RIR of the day's non-failure sets: what the day type (and the week's ramp) set.</summary>
    /// <summary>
    /// The day's effort band (B1): the least RIR of its non-failure sets, leaving out the last set of each of its late
    /// exercises, which B1 keeps at RPE 9 on a hard day (<see cref="Policy.HardDayLateSetRirDrop"/>).
    /// </summary>
    public static double DayRir(this PlanDay day)
    {
        var late = day.Exercises.Skip(Math.Max(0, day.Exercises.Length - Policy.Default.LastExercisesForFailure)).Select(e => e.Sets[^1]).ToHashSet();
        var band = day.Sets().Where(s => s.Failure == FailureLevel.None && !late.Contains(s)).Select(s => s.TargetRir).ToList();
        return band.Count > 0 ? band.Min() : day.Sets().Where(s => s.Failure == FailureLevel.None).Min(s => s.TargetRir);
    }
}

/// <summary>Unit tests of the planner (RULES S1–S7, R4, B5–B6, E4–E5, W2), with the built-in split templates.</summary>
public class PlanGeneratorTests
{
    private static readonly Policy P = Policy.Default;

    private static Scenario Trained(Athlete? athlete = null, Phase phase = Phase.Hypertrophy)
    {
        var s = PlanChecks.Lifter(athlete, phase);
        return s with { History = PlanChecks.TrainedOn(PlanChecks.Templates(s.Athlete.Split)) };
    }

    // ---- S1: the week ----

    [Theory]
    [InlineData(Split.FullBody, 1)]
    [InlineData(Split.UpperLower, 6)]
    [InlineData(Split.BodyPart, 13)]
    public void Generate_AnyPlan_EveryCalendarDayOnceInOrder(Split split, int weeks)
    {
        var s = Trained(Eligible with { Split = split });
        var request = PlanChecks.Request(s, weeks);

        var plan = PlanGenerator.Generate(s, request);

        plan.Start.ShouldBe(Today);
        PlanChecks.Calendar(s, request, plan).ShouldHaveNone();
    }

    [Fact]
    public void Generate_CustomTrainingDays_OnlyThoseWeekdaysTrain()
    {
        var s = Trained();
        var plan = PlanChecks.Generate(s, 4, PlanChecks.MonTueThuFri);

        plan.Training().Select(d => d.Date.DayOfWeek).Distinct().Order().ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        plan.Days.Where(d => d.Date.DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Saturday or DayOfWeek.Sunday)
            .ShouldAllBe(d => d.IsRest && d.Purpose == DayPurpose.Rest && d.Exercises.IsEmpty);
        plan.Training().Count().ShouldBe(16);
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_EightWeeks_EveryTemplateHardInEachMesocycle(Split split)
    {
        var plan = PlanChecks.Generate(Trained(Eligible with { Split = split }), 8);

        PlanChecks.Rotation(plan, P).ShouldHaveNone();
        PlanChecks.HardDays(plan, P).ShouldHaveNone();
    }

    [Fact]
    public void Generate_UpperLower_DeadliftFrontSquatDayIsHard()
    {
        var plan = PlanChecks.Generate(Trained(Eligible with { Split = Split.UpperLower }), 8);

        plan.Training().Where(d => d.Template == "Lower B" && d.DayType == DayType.Hard).ShouldNotBeEmpty();
    }

    [Fact]
    public void Generate_FullBody_SquatBenchDayHardAfterTheFirstWeek()
    {
        var plan = PlanChecks.Generate(Trained(), 8);

        plan.Weeks.Skip(1).SelectMany(w => w.Days).Where(d => d.Template == "Full body A" && d.DayType == DayType.Hard).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("Monday,Wednesday,Friday")]
    [InlineData("Monday,Tuesday,Thursday,Friday")]
    [InlineData("Monday,Tuesday,Wednesday,Thursday,Friday")]
    [InlineData("Monday,Tuesday,Wednesday,Thursday,Friday,Saturday")]
    [InlineData("Saturday,Sunday")]
    [InlineData("Sunday,Monday,Tuesday")]
    public void Generate_AnyTrainingDays_NeverHardAfterHard_AtMostTwoHardInACalendarWeek(string weekdays)
    {
        var days = weekdays.Split(',').Select(Enum.Parse<DayOfWeek>).ToArray();
        foreach (var start in Enumerable.Range(0, 7).Select(i => Today.AddDays(i)))
        {
            var s = Trained();
            var plan = PlanChecks.Generate(s, 12, days, start: start);

            PlanChecks.HardDays(plan, P).ShouldHaveNone();
        }
    }

    [Fact]
    public void Generate_LoadingWeeks_HaveHardDays_AboutTwoInSeven()
    {
        var plan = PlanChecks.Generate(Trained(), 8, PlanChecks.MonTueThuFri);

        foreach (var week in plan.Weeks.Where(w => w.Phase != Phase.Deload))
            week.Days.Count(d => d.DayType == DayType.Hard).ShouldBeInRange(1, 2, $"week {week.Week}");
    }

    [Fact]
    public void Generate_HardSessionYesterdayInHistory_FirstDayIsNotHard()
    {
        // S1: a hard day is followed by a medium day — also when the hard day is the last logged session.
        var s = Trained();
        s = s with { History = s.History.Add(new LoggedSession(Today.AddDays(-1), DayType.Hard, [Did("Leg Press", Set(150, 10, 1))])) };

        var plan = PlanChecks.Generate(s, 2);

        plan.Days.First().DayType.ShouldNotBe(DayType.Hard, "yesterday was a hard day");
    }

    [Theory]
    [InlineData("Monday,Wednesday,Friday")]
    [InlineData("Monday,Tuesday,Thursday,Friday")]
    [InlineData("Monday,Tuesday,Wednesday,Thursday,Friday")]
    public void Generate_MultiWeek_HardWeekdaysRotate(string weekdays)
    {
        var days = weekdays.Split(',').Select(Enum.Parse<DayOfWeek>).ToArray();
        var plan = PlanChecks.Generate(Trained(), 8, days);

        var patterns = plan.Weeks.Where(w => w.Phase != Phase.Deload)
            .Select(w => string.Join(",", w.Days.Where(d => d.DayType == DayType.Hard).Select(d => d.Date.DayOfWeek)))
            .ToList();
        patterns.Distinct().Count().ShouldBeGreaterThan(1, string.Join(" | ", patterns));
    }

    [Fact]
    public void Generate_LoadingWeek_DayTypeSetsTargetRir_HardBelowMediumBelowLight()
    {
        var plan = PlanChecks.Generate(Trained(), 3, PlanChecks.MonTueThuFri.Append(DayOfWeek.Saturday));

        foreach (var week in plan.Weeks)
        {
            var byType = week.Days.Where(d => !d.IsRest).GroupBy(d => d.DayType!.Value).ToDictionary(g => g.Key, g => g.Select(d => d.DayRir()).ToList());
            byType.Keys.ShouldContain(DayType.Hard, $"week {week.Week}");
            if (byType.TryGetValue(DayType.Medium, out var medium))
                medium.Min().ShouldBeGreaterThan(byType[DayType.Hard].Max(), $"week {week.Week}: medium vs hard");
            if (byType.TryGetValue(DayType.Light, out var light))
            {
                light.Min().ShouldBeGreaterThan(byType[DayType.Hard].Max(), $"week {week.Week}: light vs hard");
                if (medium is not null)
                    light.Min().ShouldBeGreaterThanOrEqualTo(medium.Max(), $"week {week.Week}: light vs medium");
            }
        }
    }

    [Fact]
    public void Generate_LoadingWeeks_DayTypeSetsVolume_LightDayFewerSetsThanHardDayOfSameTemplate()
    {
        // The issue: "day type sets volume and target RIR" — a light day of a template is less work than a hard day of it.
        var plan = PlanChecks.Generate(Trained(), 3, PlanChecks.MonWedFri);

        var loading = plan.Weeks.Where(w => w.Phase != Phase.Deload).SelectMany(w => w.Days).Where(d => !d.IsRest).ToList();
        var compared = 0;
        foreach (var template in loading.GroupBy(d => d.Template))
        {
            var hard = template.Where(d => d.DayType == DayType.Hard).Select(d => d.Sets().Count()).ToList();
            var light = template.Where(d => d.DayType == DayType.Light).Select(d => d.Sets().Count()).ToList();
            if (hard.Count == 0 || light.Count == 0)
                continue;
            compared++;
            light.Max().ShouldBeLessThan(hard.Min(), $"{template.Key}: light-day sets vs hard-day sets");
        }
        compared.ShouldBeGreaterThan(0);
    }

    // ---- mesocycles and deloads (S4, W2) ----

    private static readonly ImmutableArray<DayTemplate> OneTemplate =
        [PlanChecks.Day("Machines", ("Leg Press", 3, "10-12"), ("Lat Pulldown", 3, "8-12"), ("Leg Extension", 3, "10-15"), ("Dumbbell Lateral Raise", 3, "12-15"))];

    [Fact]
    public void Generate_Mesocycle_HardDayRirRampsTowardFailure_ThenDeload()
    {
        var s = PlanChecks.Lifter() with { History = PlanChecks.TrainedOn(OneTemplate) };

        var plan = PlanChecks.Generate(s, 4, PlanChecks.MonWedFri, OneTemplate);

        plan.Weeks.Select(w => w.Phase).ShouldBe([Phase.Hypertrophy, Phase.Hypertrophy, Phase.Hypertrophy, Phase.Deload]);
        var hardRir = plan.Weeks.Take(3).Select(w => w.Days.Where(d => d.DayType == DayType.Hard).Max(d => d.DayRir())).ToList();
        hardRir[0].ShouldBeGreaterThan(hardRir[1], string.Join(" > ", hardRir));
        hardRir[1].ShouldBeGreaterThan(hardRir[2], string.Join(" > ", hardRir));
        var deload = plan.Weeks[3];
        deload.Days.Where(d => !d.IsRest).ShouldAllBe(d => d.Purpose == DayPurpose.Deload && !d.HasFailure() && d.DayType != DayType.Hard);
        deload.Days.Where(d => !d.IsRest).ShouldAllBe(d => d.Sets().Count() < 12);
    }

    [Fact]
    public void Generate_EightWeeks_TwoMesocycles_DeloadEveryFourthWeek()
    {
        var request = PlanChecks.Request(Trained(), 8);
        var plan = PlanGenerator.Generate(Trained(), request);

        plan.Weeks.Select(w => w.Phase == Phase.Deload).ShouldBe([false, false, false, true, false, false, false, true]);
        PlanChecks.Deloads(request, plan).ShouldHaveNone();
    }

    [Fact]
    public void Generate_StrengthGoal_LoadingWeeksAreStrengthPhase()
    {
        var plan = PlanChecks.Generate(Trained(Eligible with { Goal = Goal.Strength }), 4);

        plan.Weeks.Select(w => w.Phase).ShouldBe([Phase.Strength, Phase.Strength, Phase.Strength, Phase.Deload]);
    }

    private static Wellness[] PersistentFatigue() =>
    [
        .. Enumerable.Range(8, 20).Select(d => Engine.Build.Day(d)),
        .. Enumerable.Range(0, 14).Where(d => d % 2 == 0).Select(d => Engine.Build.Day(d, fatigue: 5, mood: 2, sleepQuality: 2)),
    ];

    [Fact]
    public void Generate_EngineRaisesDeload_FirstWeekIsDeload()
    {
        var s = Trained() with { Wellness = [.. PersistentFatigue()] };
        var request = PlanChecks.Request(s, 6);
        Evaluator.Evaluate(s with { Session = new PlannedSession(DayType.Hard, [Plan("Leg Press")]) }).ActionCodes().ShouldContain("deload");

        var plan = PlanGenerator.Generate(s, request);

        plan.Weeks[0].Phase.ShouldBe(Phase.Deload);
        plan.Weeks[0].Days.Where(d => !d.IsRest).ShouldAllBe(d => d.Purpose == DayPurpose.Deload && !d.HasFailure());
        plan.Notes.ShouldContain(n => n.StartsWith("deload", StringComparison.Ordinal));
        plan.Weeks[1].Phase.ShouldBe(Phase.Hypertrophy);
        PlanChecks.Deloads(request, plan).ShouldHaveNone();
    }

    [Fact]
    public void Generate_LifterInDeloadPhase_StartsWithDeloadWeek() =>
        PlanChecks.Generate(Trained(phase: Phase.Deload), 3).Weeks[0].Phase.ShouldBe(Phase.Deload);

    // ---- events (R4, E4) ----

    [Fact]
    public void Generate_EventAhead_DaysBeforeAreLightWithoutFailure_EventDayRest()
    {
        // A meet on the Friday of week 2; Wednesday and Thursday are inside the two-day window.
        var meet = new TrainingEvent(Today.AddDays(11), "meet");
        var s = Trained() with { Events = [meet] };

        var plan = PlanChecks.Generate(s, 3, PlanChecks.MonTueThuFri.Append(DayOfWeek.Wednesday));

        PlanChecks.Events(s, plan, P).ShouldHaveNone();
        var eventDay = plan.Days.Single(d => d.Date == meet.Date);
        eventDay.IsRest.ShouldBeTrue();
        eventDay.Purpose.ShouldBe(DayPurpose.Event);
        plan.Days.Single(d => d.Date == meet.Date.AddDays(-1)).DayType.ShouldBe(DayType.Light);
        plan.Days.Single(d => d.Date == meet.Date.AddDays(-2)).DayType.ShouldBe(DayType.Light);
    }

    [Fact]
    public void Generate_InSeasonEnduranceAthlete_NeverFailure()
    {
        var s = Trained(Eligible with { Goal = Goal.Endurance, InSeason = true });

        var plan = PlanChecks.Generate(s, 8);

        plan.Training().ShouldAllBe(d => !d.HasFailure());
    }

    // ---- returning lifters (E5) and competition prep (B5) ----

    private static Scenario Returning(int daysOff = 35)
    {
        var s = PlanChecks.Lifter();
        return s with { History = PlanChecks.TrainedOn(PlanChecks.Templates(Split.FullBody), daysOff) };
    }

    [Fact]
    public void Generate_ReturningAfterFourWeeksOff_FirstTrainingDayIsBaselineTestOnSafeExercises()
    {
        var s = Returning();
        Evaluator.Evaluate(s with { Session = new PlannedSession(DayType.Hard, [Plan("Leg Press")]) }).ActionCodes().ShouldContain("baseline-test");

        var plan = PlanChecks.Generate(s, 4);

        var first = plan.Training().First();
        first.Purpose.ShouldBe(DayPurpose.BaselineTest);
        first.Exercises.ShouldNotBeEmpty();
        first.Exercises.ShouldAllBe(x => x.CatalogExercise.MaxFailure == FailureLevel.Absolute);
        first.HasFailure().ShouldBeTrue("a baseline test measures with a failure set");
        plan.Training().Count(d => d.Purpose == DayPurpose.BaselineTest).ShouldBe(1);
    }

    [Fact]
    public void Generate_NotReturning_NoBaselineTest() =>
        PlanChecks.Generate(Trained(), 4).Training().ShouldAllBe(d => d.Purpose != DayPurpose.BaselineTest);

    [Fact]
    public void Generate_ReturningLifter_FirstTemplateWithoutSafeExercise_BaselineDayNeverHardAfterHard()
    {
        // The first day (barbell only) has nothing safe to test, so the baseline moves to the next training day — the
        // very next calendar day. It must not become a second hard day in a row.
        ImmutableArray<DayTemplate> templates =
        [
            PlanChecks.Day("Barbell", ("Barbell Back Squat", 3, "5-8"), ("Barbell Bench Press", 3, "6-10")),
            PlanChecks.Day("Machines", ("Leg Press", 3, "10-12"), ("Dumbbell Lateral Raise", 3, "12-15")),
        ];
        var s = PlanChecks.Lifter() with { History = PlanChecks.TrainedOn(templates, 35) };

        var plan = PlanChecks.Generate(s, 4, PlanChecks.MonTueThuFri, templates);

        plan.Training().ShouldContain(d => d.Purpose == DayPurpose.BaselineTest);
        PlanChecks.HardDays(plan, P).ShouldHaveNone();
    }

    [Fact]
    public void Generate_ReturningLifter_EventRightAfterFirstTrainingDay_BaselineDayStaysLight()
    {
        // Today (Monday) is a rest day; the first training day, Tuesday, is two days before Thursday's race: light (R4),
        // even though the lifter is due a baseline test.
        var s = Returning() with { Events = [new TrainingEvent(Today.AddDays(3), "race")] };

        var plan = PlanChecks.Generate(s, 2, [DayOfWeek.Tuesday, DayOfWeek.Saturday]);

        PlanChecks.Events(s, plan, P).ShouldHaveNone();
    }

    [Fact]
    public void Generate_CompetitionPrep_CheckInsAtMostOneIn28Days_NoOtherFailure()
    {
        var s = Trained(Eligible with { CompetitionPrep = true });

        var plan = PlanChecks.Generate(s, 16, PlanChecks.MonTueThuFri);

        PlanChecks.CompetitionPrep(s, plan, P).ShouldHaveNone();
        plan.Training().Count(d => d.Purpose == DayPurpose.CheckIn).ShouldBeInRange(1, 4);
    }

    [Fact]
    public void Generate_NotCompetitionPrep_NoCheckIns() =>
        PlanChecks.Generate(Trained(), 8).Training().ShouldAllBe(d => d.Purpose != DayPurpose.CheckIn);

    // ---- plateau block (B6, W3) ----

    private static Scenario Plateaued(Athlete? athlete = null)
    {
        var weeks = Enumerable.Range(0, 12).Select(w => DaysAgo(3 + 7 * w, DayType.Medium, Did("Leg Press", Set(200, 8, 2)))).ToArray();
        var s = Trained(athlete);
        return s with { History = s.History.AddRange(weeks) };
    }

    [Fact]
    public void Generate_PlateauWithoutFatigue_PlateauBlockFirst_UpToThreeHardDaysNeverConsecutive()
    {
        var s = Plateaued();
        Evaluator.Evaluate(s with { Session = new PlannedSession(DayType.Hard, [Plan("Leg Press")]) }).ActionCodes().ShouldContain("plateau-block");

        var plan = PlanChecks.Generate(s, 6, PlanChecks.MonWedFri);

        var block = plan.Weeks.Take(P.PlateauBlockWeeks).ToList();
        block.SelectMany(w => w.Days).Where(d => !d.IsRest).ShouldAllBe(d => d.Purpose == DayPurpose.PlateauBlock);
        foreach (var week in block)
            week.Days.Count(d => d.DayType == DayType.Hard).ShouldBeInRange(2, 3, $"week {week.Week}");
        block.ShouldContain(w => w.Days.Count(d => d.DayType == DayType.Hard) == 3);
        block.SelectMany(w => w.Days).ShouldContain(d => d.HasFailure());
        plan.Weeks.Skip(P.PlateauBlockWeeks).SelectMany(w => w.Days).ShouldAllBe(d => d.Purpose != DayPurpose.PlateauBlock);
        PlanChecks.HardDays(plan, P).ShouldHaveNone();
    }

    [Fact]
    public void Generate_PlateauInIneligibleLifter_NoPlateauBlock() =>
        PlanChecks.Generate(Plateaued(Eligible with { TrainingYears = 1 }), 4).Days.ShouldAllBe(d => d.Purpose != DayPurpose.PlateauBlock);

    // ---- loads (S6) ----

    [Theory]
    [InlineData(WeightUnit.Kg)]
    [InlineData(WeightUnit.Lb)]
    public void Generate_Loads_LoadableInTheLiftersUnit_AtMostOneStepUp(WeightUnit unit)
    {
        var s = Trained(Eligible with { Unit = unit, Split = Split.UpperLower });

        var plan = PlanChecks.Generate(s, 12);

        plan.Training().SelectMany(d => d.Sets()).ShouldContain(x => x.WeightKg != null);
        PlanChecks.Loads(s, plan, includeHistory: true).ShouldHaveNone();
    }

    [Fact]
    public void Generate_PoundsLifter_BarbellLoadsOnThe45PlusFiveGrid()
    {
        var s = Trained(Eligible with { Unit = WeightUnit.Lb });

        var plan = PlanChecks.Generate(s, 4);

        var barbell = plan.Training().SelectMany(d => d.Exercises).Where(x => x.CatalogExercise.Equipment == "barbell")
            .SelectMany(x => x.Sets).Where(x => x.WeightKg != null).Select(x => Load.Kg(x.WeightKg!.Value).InLb).ToList();
        barbell.ShouldNotBeEmpty();
        barbell.ShouldAllBe(lb => Math.Abs((lb - 45) / 5 - Math.Round((lb - 45) / 5)) < 0.01);
    }

    [Fact]
    public void Generate_PoundsLifter_EveryLoadShowsAsWholeHalfPounds_NeverLike184Point99()
    {
        var s = Trained(Eligible with { Unit = WeightUnit.Lb, Split = Split.UpperLower });

        var plan = PlanChecks.Generate(s, 12);

        // Shown to two decimals, a pounds load is on its equipment's grid (every lb step is a multiple of 0.5 lb).
        var shown = plan.Training().SelectMany(d => d.Sets()).Where(x => x.WeightKg != null).Select(x => Math.Round(Load.Kg(x.WeightKg!.Value).InLb, 2)).ToList();
        shown.ShouldNotBeEmpty();
        shown.Where(lb => Math.Abs(lb * 2 - Math.Round(lb * 2)) > 1e-9).Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void Generate_KgLifter_BarbellLoadsOnThe20PlusTwoAndAHalfGrid()
    {
        var plan = PlanChecks.Generate(Trained(), 4);

        var barbell = plan.Training().SelectMany(d => d.Exercises).Where(x => x.CatalogExercise.Equipment == "barbell")
            .SelectMany(x => x.Sets).Where(x => x.WeightKg != null).Select(x => x.WeightKg!.Value).ToList();
        barbell.ShouldNotBeEmpty();
        barbell.ShouldAllBe(kg => Math.Abs((kg - 20) / 2.5 - Math.Round((kg - 20) / 2.5)) < 0.001);
    }

    [Fact]
    public void Generate_EasyLastSession_FirstPlannedLoadAtMostOneStepOverIt()
    {
        // Last time 100 kg × 12 with 8 in reserve: the e1RM says far more, but the plan climbs one 5 kg step at a time (S6).
        ImmutableArray<DayTemplate> templates = [PlanChecks.Day("Legs", ("Leg Press", 3, "10-12"), ("Leg Extension", 3, "10-15"))];
        var s = PlanChecks.Lifter() with
        {
            History = [DaysAgo(3, DayType.Medium, Did("Leg Press", Set(100, 12, 8), Set(100, 12, 8), Set(100, 12, 8)), Did("Leg Extension", Set(40, 12, 2)))],
        };

        var plan = PlanChecks.Generate(s, 4, PlanChecks.MonWedFri, templates);

        PlanChecks.Loads(s, plan, includeHistory: true).ShouldHaveNone();
    }

    [Fact]
    public void Generate_NoHistoryForExercise_FirstSessionConservative()
    {
        var s = PlanChecks.Lifter();

        var plan = PlanChecks.Generate(s, 4, PlanChecks.MonWedFri);

        PlanChecks.FirstSessions(s, plan, P).ShouldHaveNone();
        var firstLateralRaise = plan.Training().SelectMany(d => d.Exercises).First(x => x.Exercise == "Dumbbell Lateral Raise");
        firstLateralRaise.Sets.ShouldAllBe(x => x.TargetRir >= P.FirstSessionRir && x.Failure == FailureLevel.None);
    }

    // ---- the engine decides every set ----

    [Theory]
    [InlineData(Split.FullBody, false)]
    [InlineData(Split.UpperLower, false)]
    [InlineData(Split.BodyPart, true)]
    public void Generate_EveryPlannedSession_EngineAllowsWhatThePlanPromises(Split split, bool prep)
    {
        var s = Trained(Eligible with { Split = split, CompetitionPrep = prep });

        var plan = PlanChecks.Generate(s, 8);

        plan.Training().ShouldAllBe(d => d.Policy != null && d.Assumed != null && d.Assumed.Date == d.Date);
        PlanChecks.EngineAgrees(s, plan).ShouldHaveNone();
    }

    [Fact]
    public void Generate_SameInput_SamePlan()
    {
        var s = Plateaued();
        var a = PlanChecks.Generate(s, 8);
        var b = PlanChecks.Generate(s, 8);

        Store.Planning.PlanJson.ToJson(a).ShouldBe(Store.Planning.PlanJson.ToJson(b));
    }

    // ---- input checks ----

    [Theory]
    [InlineData(0)]
    [InlineData(105)]
    public void Generate_WeeksOutOfRange_Throws(int weeks) =>
        Should.Throw<ArgumentOutOfRangeException>(() => PlanChecks.Generate(Trained(), weeks));

    [Fact]
    public void Generate_StartBeforeToday_Throws() =>
        Should.Throw<ArgumentException>(() => PlanChecks.Generate(Trained(), 4, start: Today.AddDays(-1)));

    [Fact]
    public void Generate_NoTrainingDays_Throws() =>
        Should.Throw<ArgumentException>(() => PlanChecks.Generate(Trained(), 4, days: []));
}
