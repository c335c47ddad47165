namespace Failsafe.Planning;

/// <summary>
/// Plans weeks of training from a lifter's scenario (RULES S1–S7, R1–R5, B5–B6, E5). The planner decides
/// the calendar — which days are hard, medium, light or rest, which block each week belongs to, which day
/// template is trained — and then asks the engine (<see cref="Evaluator.Evaluate"/>) to decide every set of
/// every session, in date order, with the sessions planned so far counted as done. So a plan never promises
/// what the engine would refuse: failure appears only where the engine allows it, within the budget.
/// </summary>
/// <remarks>
/// Calendar rules, each documented in docs/planning.md:
/// a mesocycle's hard days are chosen together so every template is hard at least once in it, never on consecutive
/// days, never more than <see cref="Policy.MaxHardDaysPerWeek"/> in a calendar week (S1); the day after a hard day is
/// medium, the others alternate light and medium; days within <see cref="Policy.EventWindowDays"/> before an event
/// are light and the event day is rest (R4). Blocks: a deload first when the engine proposes one (W2) or the lifter
/// is in one; a <see cref="Policy.PlateauBlockWeeks"/>-week plateau block when the engine proposes one (B6); then
/// mesocycles of <see cref="Policy.MesocycleWeeks"/> weeks in B1's effort bands (hard 2.5 → 2 → 1 RIR, medium
/// 3 → 3 → 2, light 4 → 4 → 3) with failure in the peak weeks the split's budget allows (B4/B5), ending in a deload
/// with half the sets (S4); light days have two thirds of the sets (S1). Returning lifters' first hard day is a
/// baseline test on safe exercises (E5); competition-prep lifters get a check-in every four weeks and no other
/// failure (B5). Hard days logged in the week before the start count. The plan's own sessions are never evidence
/// of a warning sign (<see cref="Scenario.Logged"/>).
/// </remarks>
public static class PlanGenerator
{
    public static Plan Generate(Scenario scenario, PlanRequest request, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        policy ??= Policy.Default;
        if (request.Weeks is < 1 or > 104)
            throw new ArgumentOutOfRangeException(nameof(request), request.Weeks, "A plan has 1–104 weeks.");
        if (request.TrainingDays.IsDefaultOrEmpty || request.Templates.IsDefaultOrEmpty || request.Templates.Any(t => t.Exercises.IsDefaultOrEmpty))
            throw new ArgumentException("A plan needs training days and day templates with exercises.", nameof(request));
        if (request.Start < scenario.Today)
            throw new ArgumentException("A plan cannot start before the scenario's today.", nameof(request));

        // What the engine says about the lifter on the first day decides how the plan opens.
        var first = Evaluator.Evaluate(scenario with { Today = request.Start, Session = new PlannedSession(DayType.Hard, Session(request.Templates[0], 1)) }, policy);
        var opening = first.Actions.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var a in first.Actions)
            notes.Add($"{a.Code} ({a.Rule}): {a.Message}");

        var blocks = Blocks(scenario, request.Weeks, opening, policy);
        var trainingDays = request.TrainingDays.ToHashSet();
        var history = scenario.History.ToBuilder();
        // W: the plan's own sessions are not evidence; warning signs come from what was logged (and the check-ins).
        var evidence = scenario.Evidence;
        var known = scenario.History.SelectMany(s => s.Exercises).Select(e => e.Exercise.Id).ToHashSet(StringComparer.Ordinal);
        var lastLoad = LastLoads(scenario.History);
        var strength = CurrentStrength(scenario.History, scenario.Athlete);
        // Logged hard days count: the plan never puts a hard day right after one, nor a third in seven days.
        var hard = scenario.History.Where(s => s.DayType == DayType.Hard && s.Date >= request.Start.AddDays(-7) && s.Date < request.Start).Select(s => s.Date).ToHashSet();
        var templateIndex = 0;
        var lastHard = new Dictionary<int, DateOnly>();
        var baselinePending = opening.Contains("baseline-test");
        var lastCheckIn = (DateOnly?)null;
        var weeks = ImmutableArray.CreateBuilder<PlanWeek>(request.Weeks);

        for (var w = 0; w < request.Weeks; w++)
        {
            var block = blocks[w];
            var weekStart = request.Start.AddDays(7 * w);
            var dates = Enumerable.Range(0, 7).Select(weekStart.AddDays).ToList();
            if (block.Phase != Phase.Deload && block.MesocycleWeek == 1 && !block.PlateauBlock)
            {
                // S1: a mesocycle's hard days are chosen together, so every template gets its turn.
                var loadingWeeks = 1;
                while (w + loadingWeeks < request.Weeks && blocks[w + loadingWeeks].Phase != Phase.Deload && blocks[w + loadingWeeks].MesocycleWeek == block.MesocycleWeek + loadingWeeks)
                    loadingWeeks++;
                var slots = new List<(DateOnly Date, int Template, int Rank)>();
                var index = templateIndex;
                for (var k = 0; k < loadingWeeks; k++)
                {
                    var position = 0;
                    var inWeek = Enumerable.Range(0, 7).Count(i => trainingDays.Contains(weekStart.AddDays(7 * k + i).DayOfWeek));
                    for (var d = weekStart.AddDays(7 * k); d < weekStart.AddDays(7 * (k + 1)); d = d.AddDays(1))
                    {
                        if (!trainingDays.Contains(d.DayOfWeek))
                            continue;
                        // The weekly rotation: in the plan's week w + k, the training day w + k places on comes first.
                        var rank = ((position++ - (w + k)) % inWeek + inWeek) % inWeek;
                        if (scenario.Events.Any(e => e.Date == d))
                            continue;
                        var template = index++ % request.Templates.Length;
                        if (!BeforeEvent(scenario.Events, d, policy))
                            slots.Add((d, template, rank));
                    }
                }
                MesocycleHardDays(slots, hard, policy.MaxHardDaysPerWeek);
            }
            var pick = block.MesocycleWeek == 0 || block.PlateauBlock;
            var dayTypes = DayTypes(dates, trainingDays, scenario.Events, block, w, hard, new Rotation(templateIndex, request.Templates.Length, lastHard), pick, policy);
            var days = ImmutableArray.CreateBuilder<PlanDay>(7);
            foreach (var date in dates)
            {
                if (dayTypes[date] is not { } dayType)
                {
                    var isEvent = scenario.Events.Any(e => e.Date == date);
                    days.Add(new PlanDay(date, null, isEvent ? DayPurpose.Event : DayPurpose.Rest, null, [],
                        isEvent ? [.. scenario.Events.Where(e => e.Date == date).Select(e => $"event: {e.Name}")] : []));
                    continue;
                }

                var template = request.Templates[templateIndex++ % request.Templates.Length];
                var purpose = block.Phase == Phase.Deload ? DayPurpose.Deload : block.PlateauBlock ? DayPurpose.PlateauBlock : DayPurpose.Training;
                var dayPolicy = PolicyFor(block, policy);
                var exercises = Session(template, block.Phase == Phase.Deload ? policy.DeloadSetFactor : dayType == DayType.Light ? policy.LightDaySetFactor : 1);
                var dayNotes = ImmutableArray.CreateBuilder<string>();

                if (baselinePending && block.Phase != Phase.Deload && dayType == DayType.Hard)
                {
                    // E5: a warmed-up failure set on each safe exercise measures where the lifter is now.
                    var safe = exercises.Where(e => e.Exercise.MaxFailure == FailureLevel.Absolute).ToImmutableArray();
                    if (!safe.IsEmpty)
                    {
                        exercises = [.. safe.Select(e => e with { Sets = Math.Max(2, Math.Min(e.Sets, 3)) })];
                        purpose = DayPurpose.BaselineTest;
                        dayPolicy = dayPolicy with
                        {
                            MaxFailureExercisesPerSession = Math.Min(3, safe.Length),
                            CompoundFailuresPerWeekInHypertrophy = Math.Max(dayPolicy.CompoundFailuresPerWeekInHypertrophy, 3),
                        };
                        dayNotes.Add("baseline test (E5): after a proper warm-up, the last set of each safe exercise to failure; later loads come from the result");
                        baselinePending = false;
                    }
                }
                else if (scenario.Athlete.CompetitionPrep && block.Phase != Phase.Deload)
                {
                    // B5: competition prep fails only at a check-in every four weeks.
                    var due = dayType == DayType.Hard && (lastCheckIn is null || date.DayNumber - lastCheckIn.Value.DayNumber >= policy.CompetitionPrepWindowDays);
                    if (due)
                    {
                        lastCheckIn = date;
                        purpose = DayPurpose.CheckIn;
                        dayPolicy = dayPolicy with { MaxFailureExercisesPerSession = Math.Max(1, dayPolicy.MaxFailureExercisesPerSession) };
                        dayNotes.Add("check-in (B5): one failure set measures progress; no other failure in competition prep");
                    }
                    else
                    {
                        dayPolicy = dayPolicy with { MaxFailureExercisesPerSession = 0 };
                    }
                }

                var today = scenario with
                {
                    Today = date,
                    Phase = block.Phase,
                    History = history.ToImmutable(),
                    Logged = evidence,
                    Session = new PlannedSession(dayType, exercises),
                };
                // The first session of an exercise is the engine's own rule (S6), as in evaluate and today.
                var evaluation = Evaluator.EvaluatePlanned(today, dayPolicy);
                var planned = ImmutableArray.CreateBuilder<PlanExercise>(exercises.Length);
                var logged = ImmutableArray.CreateBuilder<LoggedExercise>(exercises.Length);
                foreach (var (decision, exercise) in evaluation.Exercises.Zip(exercises))
                {
                    var firstTime = known.Add(exercise.Exercise.Id);
                    var sets = ImmutableArray.CreateBuilder<PlannedSet>(decision.Sets.Length);
                    foreach (var s in decision.Sets)
                    {
                        var set = new PlannedSet(s.Set, s.Reps, s.TargetRir, s.WeightKg, s.Failure, [.. s.Reasons.Select(r => r.Rule).Distinct()]);
                        set = Bounded(set, exercise, lastLoad, scenario.Athlete, policy, hold: block.Phase != Phase.Deload);
                        sets.Add(set);
                    }
                    if (firstTime && purpose != DayPurpose.BaselineTest)
                        dayNotes.Add($"{exercise.Name}: first session without history — conservative ({policy.FirstSessionRir:0.#}+ RIR); the logged sets set the load (S6)");
                    var built = sets.MoveToImmutable();
                    if (purpose != DayPurpose.Deload && built.FirstOrDefault(s => s.WeightKg is not null)?.WeightKg is { } kg)
                        lastLoad[exercise.Exercise.Id] = kg;
                    planned.Add(new PlanExercise(exercise.Name, exercise.Exercise, built));
                    var e1rm = strength.GetValueOrDefault(exercise.Exercise.Id);
                    logged.Add(new LoggedExercise(exercise.Name, exercise.Exercise, [.. built.Select(s => AsDone(s, exercise.Reps, e1rm, exercise.Exercise, Bodyweight(exercise.Exercise, scenario.Athlete)))]));
                }
                var assumed = new LoggedSession(date, dayType, logged.MoveToImmutable());
                history.Add(assumed);
                days.Add(new PlanDay(date, dayType, purpose, template.Name, planned.MoveToImmutable(), dayNotes.ToImmutable(), dayPolicy, assumed));
            }
            weeks.Add(new PlanWeek(w + 1, block.Phase, block.MesocycleWeek, days.MoveToImmutable()));
        }
        return new Plan(request.Start, weeks.MoveToImmutable(), notes.ToImmutable());
    }

    /// <summary>A week's block: its phase, its place in the mesocycle (0 outside one) and whether it is a plateau block.</summary>
    public readonly record struct Block(Phase Phase, int MesocycleWeek, bool FailureWeek, bool PlateauBlock);

    /// <summary>The block of every week (see the remarks on <see cref="PlanGenerator"/>).</summary>
    public static ImmutableArray<Block> Blocks(Scenario scenario, int weeks, IReadOnlySet<string> opening, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(policy);
        var training = scenario.Athlete.Goal == Goal.Strength || scenario.Phase == Phase.Strength ? Phase.Strength : Phase.Hypertrophy;
        var list = new List<Block>(weeks + policy.PlateauBlockWeeks);
        if (scenario.Phase == Phase.Deload || opening.Contains("deload"))
            list.Add(new Block(Phase.Deload, 0, false, false));
        else if (opening.Contains("plateau-block"))
        {
            for (var i = 0; i < policy.PlateauBlockWeeks; i++)
                list.Add(new Block(Phase.Hypertrophy, 0, true, true));
        }
        var loading = policy.MesocycleWeeks - 1;
        // The peak weeks that hold failure: B4's two-week window for full-body and upper/lower; every loading week for a
        // body-part split (B5: 3–5 a week, each muscle group once).
        var failureWeeks = scenario.Athlete.Split == Split.BodyPart ? loading : Math.Min(2, loading);
        var k = 0;
        while (list.Count < weeks)
        {
            var inMeso = k % policy.MesocycleWeeks + 1;
            list.Add(inMeso > loading ? new Block(Phase.Deload, inMeso, false, false) : new Block(training, inMeso, inMeso > loading - failureWeeks, false));
            k++;
        }
        return [.. list.Take(weeks)];
    }

    /// <summary>The week's policy: the mesocycle's RIR ramp, failure only in its last loading week, the plateau block's allowances.</summary>
    private static Policy PolicyFor(Block block, Policy p)
    {
        if (block.PlateauBlock)
        {
            var perWeek = p.PlateauBlockFailureDays;
            return p with
            {
                MaxHardDaysPerWeek = Math.Max(p.MaxHardDaysPerWeek, perWeek),
                FailureSetsPerWindow = Math.Max(p.FailureSetsPerWindow, perWeek * p.BudgetWindowDays / 7),
                SplitFailureSetsPerWeek = p.SplitFailureSetsPerWeek.ToImmutableDictionary(kv => kv.Key, kv => Math.Max(kv.Value, perWeek)),
                CompoundFailuresPerWeekInHypertrophy = Math.Max(p.CompoundFailuresPerWeekInHypertrophy, perWeek),
            };
        }
        if (block.Phase == Phase.Deload || block.MesocycleWeek == 0)
            return p;
        // B1's bands: hard days at RPE 8, easing half a rep per week further from the peak but always harder than a
        // medium day (2.5 → 2 → 1 by default), RPE 9 in the peak week; medium days at RPE 7–8 and light days at
        // RPE 6–7 — one RIR more than the policy's before the peak week (3 → 3 → 2 and 4 → 4 → 3).
        var offset = p.MesocycleWeeks - 1 - block.MesocycleWeek;
        var before = offset > 0 ? 1 : 0;
        var hard = offset == 0
            ? p.PeakWeekRir
            : Math.Min(Math.Max(p.HardDayRir, p.PeakWeekRir + 1) + (offset - 1) * 0.5, Math.Max(p.PeakWeekRir + 1, p.MediumDayRir + 0.5));
        return p with
        {
            HardDayRir = Math.Min(10, hard),
            MediumDayRir = Math.Min(10, p.MediumDayRir + before),
            LightDayRir = Math.Min(10, p.LightDayRir + before),
            MaxFailureExercisesPerSession = block.FailureWeek ? p.MaxFailureExercisesPerSession : 0,
        };
    }

    /// <summary>Where the templates stand: the index of the week's first training day's template, how many there are, and when each was last hard.</summary>
    private readonly record struct Rotation(int First, int Count, Dictionary<int, DateOnly> LastHard);

    private static bool BeforeEvent(ImmutableArray<TrainingEvent> events, DateOnly d, Policy policy) =>
        events.Any(e => e.Date > d && e.Date.DayNumber - d.DayNumber <= policy.EventWindowDays);

    /// <summary>
    /// S1 over a mesocycle's loading weeks: of the <paramref name="slots"/> (training days outside event windows, each
    /// with its template), the hard days that give the most templates a hard day, then the most hard days — never
    /// next to another hard day, at most <paramref name="maxHard"/> in a calendar week, counting the hard days already
    /// in <paramref name="hard"/>, to which they are added. A dynamic programme over the days in order, the state being
    /// whether the day before was chosen, the calendar week's count and the templates covered; with more than 16
    /// templates in one mesocycle, none are added here and the week-by-week rotation chooses. Among equals, the days
    /// of lowest rotation rank (each week's rotating start first) win, so the weekly pattern rotates.
    /// </summary>
    private static void MesocycleHardDays(List<(DateOnly Date, int Template, int Rank)> slots, HashSet<DateOnly> hard, int maxHard)
    {
        var ids = slots.Select(s => s.Template).Distinct().Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        if (ids.Count > 16 || slots.Count == 0 || maxHard == 0)
            return;
        var fixedCount = new Dictionary<DateOnly, int>();
        foreach (var d in hard)
            fixedCount[Monday(d)] = fixedCount.GetValueOrDefault(Monday(d)) + 1;
        var candidates = slots.Where(s => !hard.Contains(s.Date.AddDays(-1)) && !hard.Contains(s.Date.AddDays(1))).ToList();

        // layers[i]: state after deciding candidate i → (hard days so far, state before, chosen).
        var layers = new List<Dictionary<(bool Prev, int Week, int Mask), (int Count, int Rank, (bool, int, int) From, bool Chosen)>>(candidates.Count);
        var current = new Dictionary<(bool Prev, int Week, int Mask), (int Count, int Rank, (bool, int, int) From, bool Chosen)> { [(false, 0, 0)] = (0, 0, default, false) };
        for (var i = 0; i < candidates.Count; i++)
        {
            var (date, template, rank) = candidates[i];
            var sameWeek = i > 0 && Monday(candidates[i - 1].Date) == Monday(date);
            var adjacent = i > 0 && candidates[i - 1].Date.AddDays(1) == date;
            var next = new Dictionary<(bool Prev, int Week, int Mask), (int Count, int Rank, (bool, int, int) From, bool Chosen)>();
            void Offer((bool, int, int) state, int count, int ranks, (bool, int, int) from, bool chosen)
            {
                if (!next.TryGetValue(state, out var old) || count > old.Count || (count == old.Count && ranks < old.Rank))
                    next[state] = (count, ranks, from, chosen);
            }
            foreach (var (state, value) in current)
            {
                var week = sameWeek ? state.Week : fixedCount.GetValueOrDefault(Monday(date));
                if (week < maxHard && !(state.Prev && adjacent))
                    Offer((true, week + 1, state.Mask | (1 << ids[template])), value.Count + 1, value.Rank + rank, state, true);
                Offer((false, week, state.Mask), value.Count, value.Rank, state, false);
            }
            layers.Add(next);
            current = next;
        }
        if (candidates.Count == 0)
            return;
        var best = current.OrderByDescending(kv => System.Numerics.BitOperations.PopCount((uint)kv.Key.Mask)).ThenByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.Rank).First().Key;
        var picked = new List<DateOnly>();
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var (_, _, from, chosen) = layers[i][best];
            if (chosen)
                picked.Add(candidates[i].Date);
            best = from;
        }
        // At most one more than a calendar week's hard days inside any seven (the source's rotation puts three there).
        foreach (var d in picked.Order())
        {
            if (Enumerable.Range(0, 7).All(start => Enumerable.Range(0, 7).Count(x => hard.Contains(d.AddDays(x - start))) < maxHard + 1))
                hard.Add(d);
        }
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>
    /// S1 and R4: the day type of each date of a week (null = rest). With <paramref name="pick"/> (weeks outside a
    /// mesocycle: plateau blocks), hard days are chosen here: first for the templates that have waited longest since their
    /// last hard day (never = longest), then from a start that rotates each week; never next to another hard day, never
    /// more than the week's maximum in a calendar week (Monday to Sunday). A mesocycle's are chosen beforehand
    /// (<see cref="MesocycleHardDays"/>).
    /// </summary>
    private static Dictionary<DateOnly, DayType?> DayTypes(
        List<DateOnly> dates, HashSet<DayOfWeek> trainingDays, ImmutableArray<TrainingEvent> events, Block block, int week,
        HashSet<DateOnly> hard, Rotation rotation, bool pick, Policy policy)
    {
        var result = new Dictionary<DateOnly, DayType?>();
        var training = new List<DateOnly>();
        foreach (var d in dates)
        {
            var eventDay = events.Any(e => e.Date == d);
            result[d] = null;
            if (trainingDays.Contains(d.DayOfWeek) && !eventDay)
                training.Add(d);
        }
        bool BeforeEvent(DateOnly d) => PlanGenerator.BeforeEvent(events, d, policy);

        if (pick && block.Phase != Phase.Deload && training.Count > 0)
        {
            var maxHard = block.PlateauBlock ? Math.Max(policy.MaxHardDaysPerWeek, policy.PlateauBlockFailureDays) : policy.MaxHardDaysPerWeek;
            var order = Enumerable.Range(0, training.Count)
                .OrderBy(i => rotation.LastHard.TryGetValue((rotation.First + i) % rotation.Count, out var last) ? last.DayNumber : int.MinValue)
                .ThenBy(i => (i - week % training.Count + training.Count) % training.Count);
            var picked = 0;
            foreach (var i in order)
            {
                var d = training[i];
                if (picked < maxHard && !BeforeEvent(d) && CanBeHard(d, hard, maxHard))
                {
                    hard.Add(d);
                    rotation.LastHard[(rotation.First + i) % rotation.Count] = d;
                    picked++;
                }
            }
        }

        var alternate = 0;
        for (var i = 0; i < training.Count; i++)
        {
            var d = training[i];
            if (hard.Contains(d))
                rotation.LastHard[(rotation.First + i) % rotation.Count] = d;
        }
        foreach (var d in training)
        {
            if (hard.Contains(d))
                result[d] = DayType.Hard;
            else if (BeforeEvent(d))
                result[d] = DayType.Light;
            else if (hard.Contains(d.AddDays(-1)))
                result[d] = DayType.Medium;
            else
                result[d] = alternate++ % 2 == 0 ? DayType.Light : DayType.Medium;
        }
        return result;
    }

    /// <summary>
    /// S1: not next to another hard day, fewer than <paramref name="maxHard"/> hard days already in its calendar week,
    /// and no seven days holding more than one over that (the source's own rotation puts three in some).
    /// </summary>
    private static bool CanBeHard(DateOnly d, HashSet<DateOnly> hard, int maxHard)
    {
        if (hard.Contains(d.AddDays(-1)) || hard.Contains(d.AddDays(1)))
            return false;
        if (Enumerable.Range(0, 7).Any(start => Enumerable.Range(0, 7).Count(x => hard.Contains(d.AddDays(x - start))) >= maxHard + 1))
            return false;
        var monday = Monday(d);
        var count = 0;
        for (var x = monday; x < monday.AddDays(7); x = x.AddDays(1))
        {
            if (hard.Contains(x))
                count++;
        }
        return count < maxHard;
    }

    private static ImmutableArray<PlannedExercise> Session(DayTemplate template, double setFactor) =>
        [.. template.Exercises.Select(e => new PlannedExercise(e.Name, e.Exercise, Math.Max(1, (int)Math.Round(e.Sets * setFactor, MidpointRounding.AwayFromZero)), e.Reps))];

    /// <summary>
    /// Loads rise by at most one progression step (S6: the smallest loadable one, or the policy's) from one session of an
    /// exercise to the next, and — with <paramref name="hold"/>, outside deloads — never fall below the previous
    /// non-deload session's load: a lighter day or an earlier week of the RIR ramp keeps the load and more reps in
    /// reserve. Only a warning sign from logged training (W) or a layoff's re-entry (E5) lowers the engine's load.
    /// </summary>
    private static PlannedSet Bounded(PlannedSet set, PlannedExercise exercise, Dictionary<string, double> lastLoad, Athlete athlete, Policy policy, bool hold)
    {
        if (set.WeightKg is not { } kg || !lastLoad.TryGetValue(exercise.Exercise.Id, out var previous))
            return set;
        var unit = athlete.Unit;
        var loading = LoadAdvice.LoadingFor(exercise.Exercise, athlete);
        var wanted = Load.Kg(kg).To(unit).Value;
        var ceiling = LoadAdvice.StepUp(loading, Load.Kg(previous), unit, policy).Value;
        if (wanted > ceiling + 1e-9)
            return set with { WeightKg = LoadAdvice.Kg(Load.Of(ceiling, unit)) };
        if (!hold || set.Reasons.Any(r => r[0] == 'W' || r == "E5"))
            return set;
        var floor = loading.Round(Load.Kg(previous), unit);
        if (floor.InKg < previous - 1e-6)
            floor = loading.Above(Load.Kg(previous), unit);
        return wanted >= floor.Value - 1e-9 ? set : set with { WeightKg = LoadAdvice.Kg(floor) };
    }

    /// <summary>Each exercise's top working load in kg in the lifter's latest real session of it.</summary>
    private static Dictionary<string, double> LastLoads(ImmutableArray<LoggedSession> history)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var session in history.OrderBy(s => s.Date))
        {
            foreach (var e in session.Exercises)
            {
                var top = e.Sets.Where(s => !s.Warmup).Select(s => s.WeightKg).DefaultIfEmpty(0).Max();
                if (top > 0)
                    result[e.Exercise.Id] = top;
            }
        }
        return result;
    }

    /// <summary>
    /// Each exercise's e1RM in kg from the lifter's latest real session of it; a bodyweight exercise's counts the body
    /// (its logged load is what was added), as the engine's loads do.
    /// </summary>
    private static Dictionary<string, double> CurrentStrength(ImmutableArray<LoggedSession> history, Athlete athlete)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var session in history.OrderBy(s => s.Date))
        {
            foreach (var e in session.Exercises)
            {
                var body = Bodyweight(e.Exercise, athlete);
                var total = body > 0 ? e with { Sets = [.. e.Sets.Select(s => s with { WeightKg = e.Exercise.TotalKg(s.WeightKg, body) })] } : e;
                if (Monitoring.TrainingLog.BestE1Rm(total) is { } kg)
                    result[e.Exercise.Id] = kg;
            }
        }
        return result;
    }

    /// <summary>The body's part of a bodyweight exercise's load (0 for any other exercise, or an unknown bodyweight).</summary>
    private static double Bodyweight(Exercise exercise, Athlete athlete) =>
        exercise.MovesBody ? athlete.BodyweightKg ?? 0 : 0;

    /// <summary>
    /// The set as if done as planned, by a lifter whose strength stays at today's estimate (no progress is
    /// assumed; logged training re-plans): mid-range reps, with the reps in reserve that the load (plus
    /// <paramref name="body"/> for a bodyweight exercise) leaves at that
    /// strength (at least half a rep). A failure set is logged failed. Without an estimate, at the target RIR.
    /// </summary>
    private static LoggedSet AsDone(PlannedSet set, RepRange reps, double e1rm, Exercise exercise, double body)
    {
        var done = reps.IsAmrap ? 10 : (reps.Min + reps.Max) / 2;
        double Total(double kg) => body > 0 ? exercise.TotalKg(kg, body) : kg;
        if (set.Failure != FailureLevel.None)
        {
            var toFailure = set.WeightKg is { } w && Total(w) > 0 && e1rm > 0 ? (int)Math.Max(1, Math.Floor(OneRepMax.RepsToFailure(Total(w) / e1rm))) : done;
            return new LoggedSet(set.WeightKg ?? 0, toFailure, Rir.Zero, set.Failure);
        }
        // The reserve the load leaves at that strength, to the nearest half rep, never nothing (that would be failure):
        // so the session's estimate is the lifter's strength again, and the plan assumes neither progress nor decline.
        var rir = set.TargetRir;
        if (set.WeightKg is { } kg && Total(kg) > 0 && e1rm > 0)
            rir = Math.Max(0.5, Math.Round((OneRepMax.RepsToFailure(Total(kg) / e1rm) - done) * 2) / 2);
        return new LoggedSet(set.WeightKg ?? 0, done, Rir.Of(Math.Clamp(rir, 0, Rir.MaxValue)));
    }
}
