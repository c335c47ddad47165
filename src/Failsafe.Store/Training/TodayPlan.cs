using System.Text;
using Failsafe.Planning;
using Failsafe.Store.Planning;

namespace Failsafe.Store.Training;

/// <summary>
/// The stored plan, regenerated: the calendar (day types, templates, blocks) comes from the plan as it was
/// laid out from its start; each day's sets are then decided by the engine on the real log (see
/// <see cref="LogReader.Scenario"/>), so what is logged re-plans what follows.
/// </summary>
public static class TodayPlan
{
    public sealed record Result(PlanDay Day, PlanRow? Stored, string? Note);

    /// <summary>The plan laid out from its start, up to <paramref name="weeks"/> weeks, with the profile's preset unless <paramref name="policy"/> is given.</summary>
    public static Plan Layout(LogReader log, ExerciseResolver resolver, PlanRow row, int weeks, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(row);
        var profile = log.Profile() ?? throw new InvalidOperationException("No profile yet: run `failsafe init` first.");
        policy ??= PolicyPresets.Of(profile.Preset);
        var scenario = log.Scenario(resolver, row.Start, new PlannedSession(DayType.Hard, []));
        // The layout is decided from what was known at the start, so the calendar does not shift as sets are logged.
        scenario = scenario with { History = [.. scenario.History.Where(s => s.Date < row.Start)], Wellness = [.. scenario.Wellness.Where(w => w.Date < row.Start)] };
        var templates = Templates(row, profile, resolver);
        var days = StoredDays(row.Days);
        return PlanGenerator.Generate(scenario, new PlanRequest(row.Start, Math.Clamp(weeks, 1, row.Weeks), days, templates), policy);
    }

    /// <summary>The planned day for <paramref name="date"/>; without an active plan (or outside it), a one-week plan from the profile's defaults starting that day.</summary>
    public static Result For(LogReader log, ExerciseResolver resolver, DateOnly date, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var profile = log.Profile() ?? throw new InvalidOperationException("No profile yet: run `failsafe init` first.");
        policy ??= PolicyPresets.Of(profile.Preset);
        var row = log.ActivePlan();
        string? note = null;
        if (row is null || date < row.Start || date >= row.Start.AddDays(7 * row.Weeks))
        {
            note = row is null
                ? "no active plan: today follows your profile's split and days (run `failsafe plan new` to plan ahead)"
                : $"{date:yyyy-MM-dd} is outside the active plan ({row.Start:yyyy-MM-dd}, {row.Weeks} weeks): today follows your profile's split";
            row = new PlanRow { Start = date, Weeks = 1, Days = profile.TrainingDays, Active = false };
        }
        var weeks = (date.DayNumber - row.Start.DayNumber) / 7 + 1;
        var plan = Layout(log, resolver, row, weeks, policy);
        var day = plan.Days.Single(d => d.Date == date);
        if (row.Active && day.DayType == DayType.Medium && MovedHardDay(log, resolver, plan, date, policy) is { } from)
        {
            day = day with
            {
                DayType = DayType.Hard,
                Notes = day.Notes.Add($"hard day: moved here from {from:yyyy-MM-dd}, which was trained as a medium day for extra rest after failure (R5)"),
            };
        }
        return new Result(day, row.Active ? row : null, note);
    }

    /// <summary>
    /// R5 moves the hard day: when the plan's previous training day (at most three days back) was planned hard and the
    /// engine gave it extra rest instead (a medium day, after failure), its hard work moves to this planned medium day.
    /// The previous day is decided again as it was that day — on the training before it — so the answer does not
    /// change with what is logged later.
    /// </summary>
    private static DateOnly? MovedHardDay(LogReader log, ExerciseResolver resolver, Plan plan, DateOnly date, Policy policy)
    {
        var previous = plan.Days.LastOrDefault(d => d.Date < date && !d.IsRest);
        if (previous is not { DayType: DayType.Hard } || date.DayNumber - previous.Date.DayNumber > 3)
            return null;
        var scenario = log.Scenario(resolver, previous.Date, Session(previous));
        scenario = scenario with { History = [.. scenario.History.Where(s => s.Date < previous.Date)] };
        var evaluation = Evaluator.Evaluate(scenario, previous.Policy ?? policy);
        return evaluation.Actions.Any(a => a.Code == "extra-rest") && evaluation.Session is { DayType: not DayType.Hard } ? previous.Date : null;
    }

    /// <summary>The day's planned session for the engine (rest days give an empty one).</summary>
    public static PlannedSession Session(PlanDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new PlannedSession(day.DayType ?? DayType.Light,
            [.. day.Exercises.Select(e => new PlannedExercise(e.Exercise, e.CatalogExercise, e.Sets.Length, Effort.RepRange.Parse(e.Sets[0].Reps)))]);
    }

    /// <summary>The stored training days (Monday, Wednesday and Friday when none are stored).</summary>
    private static ImmutableArray<DayOfWeek> StoredDays(string days)
    {
        if (string.IsNullOrWhiteSpace(days))
            return [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday];
        var (list, problem) = TrainingDays.Parse(days);
        return problem is null ? list : throw new InvalidOperationException($"The stored training days '{days}' are not valid: {problem}.");
    }

    private static ImmutableArray<DayTemplate> Templates(PlanRow row, ProfileRow profile, ExerciseResolver resolver)
    {
        if (row.TemplateJson is { Length: > 0 } json)
        {
            var (template, error) = new ScenarioReader(resolver.Catalog).ReadTemplate(Encoding.UTF8.GetBytes($"{{\"template\":{json}}}"));
            if (template is { } t)
                return t;
            throw new InvalidOperationException($"The stored plan's template is invalid: {error}");
        }
        return SplitTemplates.For(TrainingStore.ToAthlete(profile, []).Split, resolver.Catalog);
    }
}
