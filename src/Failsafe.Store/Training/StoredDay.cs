using System.Text.Json;
using Failsafe.Autoregulation;
using Failsafe.Monitoring;

namespace Failsafe.Store.Training;

/// <summary>
/// A day of the stored log as the coach sees it: the planned day, the scenario and the engine's decisions
/// (what <c>today</c> shows), the status report (warnings, budget, the 80/20 split, e1RM trends) and the next set
/// after what was logged. Shared by every front end, so they all decide alike.
/// </summary>
public static class StoredDay
{
    public sealed record Day(DateOnly Date, TodayPlan.Result Plan, Scenario Scenario, Evaluation Evaluation, Policy Policy);

    public sealed record Trend(string Name, int Sessions, double First, double Last);

    /// <summary>
    /// Rated working sets by reps in reserve over the share window (failure, 1, 2, 3, 4+), the working sets logged
    /// without RPE or RIR (<see cref="Unrated"/>, in no bucket), and the e1RM trends (rated sets only). <see cref="Standing"/>
    /// is the engine on the log as it stands, today's sets included: its warnings, actions and budget are what status reports.
    /// </summary>
    public sealed record Status(Day Day, Evaluation Standing, int WindowDays, int[] Buckets, IReadOnlyList<Trend> Trends)
    {
        public int Total => Buckets.Sum();

        public int Unrated { get; init; }
    }

    /// <summary>
    /// Decides <paramref name="date"/> on the stored log, read through <paramref name="log"/>, with the profile's preset
    /// (<see cref="LogReader.StoredPolicy"/>) unless <paramref name="policy"/> is given.
    /// </summary>
    public static Day Decide(LogReader log, ExerciseResolver resolver, DateOnly date, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        policy ??= log.StoredPolicy();
        var today = TodayPlan.For(log, resolver, date, policy);
        var scenario = log.Scenario(resolver, date, TodayPlan.Session(today.Day));
        // The day's prescription is fixed from the training before today: the sets logged today steer only the next
        // set (Next), and are compared with this prescription, never folded into it.
        var before = scenario with { History = [.. scenario.History.Where(s => s.Date < date)] };
        var evaluation = Evaluator.Evaluate(before, today.Day.Policy ?? policy);
        return new Day(date, today, scenario with { Session = evaluation.Session ?? scenario.Session }, evaluation, policy);
    }

    public static Status StatusOf(Day day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var log = new TrainingLog(day.Scenario.History);
        var window = day.Policy.ShareWindowDays;
        var (buckets, unrated) = Buckets(log, day.Date, window);
        var standing = Evaluator.Evaluate(day.Scenario with { Session = TodayPlan.Session(day.Plan.Day) }, day.Plan.Day.Policy ?? day.Policy);
        return new Status(day, standing, window, buckets, Trends(log, day.Date)) { Unrated = unrated };
    }

    /// <summary>The rated working sets of the <paramref name="window"/> days up to <paramref name="day"/> by RIR bucket, and the unrated ones.</summary>
    public static (int[] Buckets, int Unrated) Buckets(TrainingLog log, DateOnly day, int window)
    {
        ArgumentNullException.ThrowIfNull(log);
        var buckets = new int[RirBuckets.Count];
        var unrated = 0;
        foreach (var s in log.LastDays(day, window))
        {
            foreach (var e in s.Exercises)
            {
                foreach (var set in e.Sets)
                {
                    if (RirBuckets.Of(set) is >= 0 and var b)
                        buckets[b]++;
                    else if (set.IsWorking)
                        unrated++;
                }
            }
        }
        return (buckets, unrated);
    }

    /// <summary>The five exercises trained most in the last 8 weeks, first vs last session e1RM.</summary>
    public static List<Trend> Trends(TrainingLog log, DateOnly day)
    {
        var points = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var s in log.LastDays(day, 56))
        {
            foreach (var e in s.Exercises)
            {
                if (TrainingLog.BestE1Rm(e, controlledOnly: true) is { } kg)
                {
                    if (!points.TryGetValue(e.Exercise.Name, out var list))
                        points[e.Exercise.Name] = list = [];
                    list.Add(kg);
                }
            }
        }
        return [.. points.Where(p => p.Value.Count >= 2).OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5)
            .Select(p => new Trend(p.Key, p.Value.Count, p.Value[0], p.Value[^1]))];
    }

    public static void WriteStatus(Utf8JsonWriter w, Status status)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(status);
        var b = status.Buckets;
        var total = status.Total;
        w.WriteStartObject();
        w.WriteString("date", status.Day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        EvaluationJson.WriteNotices(w, status.Standing);
        w.WriteStartObject("rirBuckets");
        w.WriteNumber("windowDays", status.WindowDays);
        w.WriteNumber("workingSets", total);
        for (var i = 0; i < RirBuckets.Count; i++)
            w.WriteNumber(RirBuckets.Keys[i], b[i]);
        w.WriteNumber("failureShare", total == 0 ? 0 : Math.Round((double)b[0] / total, 3));
        w.WriteNumber("maxFailureShare", status.Day.Policy.MaxFailureShare);
        w.WriteNumber("unratedSets", status.Unrated);
        w.WriteEndObject();
        w.WriteStartArray("e1rmTrends");
        foreach (var t in status.Trends)
        {
            w.WriteStartObject();
            w.WriteString("exercise", t.Name);
            w.WriteNumber("sessions", t.Sessions);
            w.WriteNumber("firstKg", Math.Round(t.First, 1));
            w.WriteNumber("lastKg", Math.Round(t.Last, 1));
            w.WriteNumber("change", Math.Round(t.Last / t.First - 1, 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The next set after what <paramref name="session"/> holds (its working sets in order), on the day as the lifter
    /// changed it (<see cref="SessionChanges.Apply"/>: skips, swaps, additions, their order, the exercise in hand first).
    /// </summary>
    public static NextSetAdvice Next(Day day, SessionRow? session, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(resolver);
        var done = (session?.Sets ?? []).Where(s => !s.Warmup && !s.Drop).OrderBy(s => s.Order)
            .Select(s => (row: s, ex: resolver.Resolve(s.ExerciseName).Exercise))
            .Where(t => t.ex is not null)
            .Select(t => new DoneSet(t.row.ExerciseName, t.ex!, t.row.WeightKg, t.row.Reps, TrainingStore.ToSet(t.row).Rir, Words.Map<FailureLevel>().GetValueOrDefault(t.row.Failure)))
            .ToList();
        // What was logged before today calibrates the lifter's RIR reports; today's sets are the ones done, and the
        // day's changes (skips, swaps, additions) decide what comes next.
        var before = day.Scenario with { History = [.. day.Scenario.History.Where(s => s.Date < day.Date)] };
        var (planned, evaluation) = Changed(day, SessionChanges.Parse(session?.ChangesJson), resolver, done.LastOrDefault()?.Exercise.Id);
        // Sets of an exercise that left the day (skipped, swapped out) stay logged but do not steer what comes next.
        done.RemoveAll(d => !planned.Exercises.Any(e => e.Exercise.Id == d.Exercise.Id));
        return NextSet.Decide(before with { Session = planned }, evaluation, done, day.Plan.Day.Policy ?? day.Policy);
    }

    /// <summary>
    /// The day's decisions as the lifter changed the day so far (skips, swaps, additions, their order) in
    /// <paramref name="session"/> — what <c>today</c> shows, on the command line, the API and the web app alike.
    /// </summary>
    public static (PlannedSession Session, Evaluation Evaluation) AsChanged(Day day, SessionRow? session, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(day);
        return Changed(day, SessionChanges.Parse(session?.ChangesJson), resolver, null);
    }

    private static (PlannedSession Session, Evaluation Evaluation) Changed(Day day, SessionChanges changes, ExerciseResolver resolver, string? lastDone) =>
        changes.Apply(day.Scenario.Session, day.Evaluation, resolver, lastDone,
            day.Scenario with { History = [.. day.Scenario.History.Where(s => s.Date < day.Date)] }, day.Plan.Day.Policy ?? day.Policy);

    /// <summary>The day's exercises as changed so far: planned, swapped in, added; skipped ones left out.</summary>
    public static IReadOnlyList<PlannedExercise> Exercises(Day day, SessionChanges changes, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(changes);
        return Changed(day, changes, resolver, null).Session.Exercises;
    }

    /// <summary>Why <paramref name="exercise"/> cannot be skipped, swapped or moved on <paramref name="date"/>: it is not among the day's exercises.</summary>
    public static string NotInSession(string exercise, DateOnly date, IReadOnlyList<PlannedExercise> current) =>
        $"{exercise} is not in {date:yyyy-MM-dd}'s session ({(current.Count == 0 ? "nothing is planned" : string.Join(", ", current.Select(e => e.Name)))})";
}
