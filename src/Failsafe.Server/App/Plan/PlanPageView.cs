using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Planning;

namespace Failsafe.Server.App.Plan;

/// <summary>
/// What the Plan page shows: the active plan laid out as <c>GET /api/plans/active</c> lays it out
/// (<see cref="TodayPlan.Layout"/>), the events on their days, which past days have a session logged, the
/// injuries, and whether the private calendar feed is on. The page only lays it out.
/// </summary>
public sealed record PlanPageView(
    PlanRow? Row, Failsafe.Planning.Plan? Plan, DateOnly Today, WeightUnit Unit, ImmutableArray<DayOfWeek> TrainingDays,
    IReadOnlyDictionary<DateOnly, int> Logged, IReadOnlyList<EventRow> Events, IReadOnlyList<InjuryRow> Injuries, bool FeedOn)
{
    public static PlanPageView Build(LogReader log, DateOnly today, IReadOnlyList<EventRow> events, IReadOnlyList<InjuryRow> injuries, bool feedOn)
    {
        ArgumentNullException.ThrowIfNull(log);
        var profile = log.Profile() ?? throw new InvalidOperationException("The athlete has no profile.");
        var unit = profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        var row = log.ActivePlan();
        var plan = row is null ? null : TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, row.Weeks);
        var logged = new Dictionary<DateOnly, int>();
        if (row is not null && row.Start <= today)
        {
            foreach (var session in log.Sessions(row.Start, today).Where(s => s.Sets.Count > 0))
                logged[session.Date] = logged.GetValueOrDefault(session.Date) + session.Sets.Count(s => !s.Warmup);
        }
        var (days, problem) = Store.Training.TrainingDays.Parse(row?.Days ?? profile.TrainingDays);
        return new PlanPageView(row, plan, today, unit, problem is null ? days : [], logged, events, injuries, feedOn);
    }

    /// <summary>The last day of the plan.</summary>
    public DateOnly? End => Row is null ? null : Row.Start.AddDays(7 * Row.Weeks - 1);

    /// <summary>The week to open on: this week while the plan runs, else its first (not started) or last (ended).</summary>
    public int OpenWeek =>
        Plan is null || Plan.Weeks.IsEmpty ? 0
        : Today < Plan.Start ? Plan.Weeks[0].Week
        : Plan.Weeks.FirstOrDefault(w => w.Days.Any(d => d.Date == Today))?.Week ?? Plan.Weeks[^1].Week;

    public IEnumerable<EventRow> EventsOn(DateOnly date) => Events.Where(e => e.Date == date);

    /// <summary>A load in the lifter's unit ("82.5 kg"); for none, what the lifter does instead.</summary>
    public string Show(double? kg) => kg is not { } k ? "a load you choose" : k == 0 ? "bodyweight" : Load.Kg(k).To(Unit).ToString();

    /// <summary>A day's type in words: Hard, Medium, Light or Rest.</summary>
    public static string TypeWord(PlanDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.DayType switch { DayType.Hard => "Hard", DayType.Medium => "Medium", DayType.Light => "Light", _ => "Rest" };
    }

    /// <summary>Why the day is special, in words; null for an ordinary training or rest day.</summary>
    public static string? PurposeWord(PlanDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Purpose switch
        {
            DayPurpose.Deload => "Deload",
            DayPurpose.BaselineTest => "Baseline test",
            DayPurpose.CheckIn => "Check-in test",
            DayPurpose.PlateauBlock => "Plateau block",
            _ => null,
        };
    }

    public static string PhaseWord(Phase phase) => phase switch { Phase.Strength => "Strength", Phase.Deload => "Deload", _ => "Hypertrophy" };

    /// <summary>An exercise's sets, runs of the same target together: "Sets 1–3: 6-8 reps, stop with 2 in reserve, 80 kg".</summary>
    public IEnumerable<string> SetLines(PlanExercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var sets = exercise.Sets.OrderBy(s => s.Set).ToList();
        var i = 0;
        while (i < sets.Count)
        {
            var first = sets[i];
            var run = sets.Skip(i).TakeWhile(s => s.Reps == first.Reps && s.TargetRir.Equals(first.TargetRir) && Nullable.Equals(s.WeightKg, first.WeightKg) && s.Failure == first.Failure).Count();
            var which = run == 1 ? $"Set {first.Set}" : $"Sets {first.Set}–{sets[i + run - 1].Set}";
            var effort = first.Failure switch
            {
                FailureLevel.Absolute => "to failure allowed (absolute)",
                FailureLevel.Technical => "to failure allowed (technical: until form would break)",
                _ => string.Create(CultureInfo.InvariantCulture, $"stop with {first.TargetRir:0.#} in reserve"),
            };
            yield return $"{which}: {first.Reps} reps, {effort}, {Show(first.WeightKg)}";
            i += run;
        }
    }

    public static string Date(DateOnly d) => d.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    public static string LongDate(DateOnly d) => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);


    /// <summary>"14–20 Dec", or "28 Dec – 3 Jan" across months.</summary>
    public static string Range(DateOnly from, DateOnly to) =>
        from.Month == to.Month
            ? $"{from.Day.ToString(CultureInfo.InvariantCulture)}–{to.ToString("d MMM", CultureInfo.InvariantCulture)}"
            : $"{from.ToString("d MMM", CultureInfo.InvariantCulture)} – {to.ToString("d MMM", CultureInfo.InvariantCulture)}";

    public static string Weekdays(IEnumerable<DayOfWeek> days) =>
        string.Join(", ", days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
}
