using Failsafe.Autoregulation;
using Failsafe.Catalog;
using Failsafe.Server.Training;

namespace Failsafe.Server.App.Today;

/// <summary>
/// What the Today page shows, from the same use cases as <c>GET /api/today</c> and <c>/api/next</c>: the day as
/// decided (<see cref="StoredDay.Decide"/>), changed by the lifter's skips and swaps, the sets logged so far and the
/// next set's advice. The page only lays it out.
/// </summary>
public sealed record TodayView(
    StoredDay.Day Day, Evaluation Evaluation, SessionRow? Session, SessionChanges Changes, NextSetAdvice Next,
    IReadOnlyList<TodayView.ExerciseView> Exercises, WeightUnit Unit, Equipment Gear)
{
    /// <summary>One exercise as the page lists it: its decision, the working sets done today and those done last time.</summary>
    public sealed record ExerciseView(ExerciseDecision Decision, PlannedExercise Planned, IReadOnlyList<SetRow> Done, IReadOnlyList<LoggedSet> LastTime, DateOnly? LastDate);

    public DayType? DayType => Evaluation.Session?.DayType ?? Day.Plan.Day.DayType;

    public bool IsRest => Day.Plan.Day.IsRest && Session is null;

    /// <summary>The exercises the lifter skipped today, by name (they can be brought back).</summary>
    public IEnumerable<string> Skipped => Day.Scenario.Session.Exercises.Where(e => Changes.Skipped.Contains(e.Exercise.Id)).Select(e => e.Name);

    public int FailureRestSeconds => Day.Policy.FailureRestSeconds;

    public static TodayView Build(LogReader log, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(log);
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var day = StoredDay.Decide(log, resolver, date);
        var session = log.SessionOn(date, SessionEndpoints.Source);
        var changes = SessionChanges.Parse(session?.ChangesJson);
        var (planned, evaluation) = StoredDay.AsChanged(day, session, resolver);
        var next = StoredDay.Next(day, session, resolver);
        var done = (session?.Sets ?? []).Where(s => !s.Warmup && !s.Drop).OrderBy(s => s.Order)
            .Select(s => (Row: s, Id: resolver.Resolve(s.ExerciseName).Exercise?.Id ?? s.ExerciseId))
            .ToLookup(t => t.Id, t => t.Row);
        var history = day.Scenario.History.Where(s => s.Date < date).OrderByDescending(s => s.Date).ToList();
        var list = new List<ExerciseView>();
        foreach (var decision in evaluation.Exercises)
        {
            var plan = planned.Exercises.FirstOrDefault(e => e.Exercise.Id == decision.CatalogExercise.Id)
                ?? planned.Exercises.First(e => e.Name == decision.Exercise);
            var last = history.Select(s => (s.Date, Exercise: s.Exercises.FirstOrDefault(e => e.Exercise.Id == decision.CatalogExercise.Id)))
                .FirstOrDefault(t => t.Exercise is not null);
            list.Add(new ExerciseView(decision, plan, [.. done[decision.CatalogExercise.Id]],
                last.Exercise is null ? [] : [.. last.Exercise.Sets.Where(s => s.IsWorking)], last.Exercise is null ? null : last.Date));
        }
        var athlete = day.Scenario.Athlete;
        return new TodayView(day, evaluation, session, changes, next, list, athlete.Unit, athlete.Gear);
    }

    /// <summary>A load in the lifter's unit, as a number for an input (no unit).</summary>
    public string Number(double kg) => Math.Round(Load.Kg(kg).To(Unit).Value, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A load in the lifter's unit with the unit ("82.5 kg"); "bodyweight" for none.</summary>
    public string Show(double? kg) => kg is not { } k ? "a load you choose" : k == 0 ? "bodyweight" : Load.Kg(k).To(Unit).ToString();

    public string UnitName => Unit == WeightUnit.Lb ? "lb" : "kg";
}
