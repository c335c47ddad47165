using Failsafe.Planning;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Failsafe.Store.Planning;

/// <summary>
/// Exports a <see cref="Plan"/> as an iCalendar (RFC 5545) file: one all-day event per training day,
/// none for rest days. The output depends only on the plan, the unit and the name: UIDs come from the
/// date and the plan start, and DTSTAMP is the plan start at 00:00 UTC, so re-exporting the same plan
/// updates the same events in a calendar app instead of duplicating them.
/// </summary>
public static class PlanCalendar
{
    public const string ProductId = "-//Failsafe//Failsafe plan//EN";

    private const string FirstSessionLoad = "load: first session, pick a conservative weight";

    public static string ToIcs(Plan plan, WeightUnit unit, string calendarName = "Failsafe plan")
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarName);

        var calendar = new Ical.Net.Calendar { ProductId = ProductId };
        calendar.AddProperty("X-WR-CALNAME", calendarName);

        var start = Iso(plan.Start);
        var stamp = new CalDateTime(plan.Start.Year, plan.Start.Month, plan.Start.Day, 0, 0, 0, CalDateTime.UtcTzId);
        foreach (var day in plan.Days.Where(d => !d.IsRest).OrderBy(d => d.Date))
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"failsafe-{Iso(day.Date)}-{start}@failsafe",
                DtStamp = stamp,
                DtStart = new CalDateTime(day.Date),
                DtEnd = new CalDateTime(day.Date.AddDays(1)),
                Summary = Summary(day),
                Description = Description(day, unit),
                Transparency = "TRANSPARENT",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net returned no calendar text.");
    }

    /// <summary>"Failsafe: hard day — Full body A", with the purpose when the day is not ordinary training.</summary>
    private static string Summary(PlanDay day)
    {
        var type = day.DayType switch
        {
            DayType.Light => "light",
            DayType.Medium => "medium",
            DayType.Hard => "hard",
            _ => "rest",
        };
        var purpose = day.Purpose switch
        {
            DayPurpose.Deload => " (deload)",
            DayPurpose.BaselineTest => " (baseline test)",
            DayPurpose.CheckIn => " (check-in)",
            DayPurpose.PlateauBlock => " (plateau block)",
            _ => "",
        };
        var template = string.IsNullOrWhiteSpace(day.Template) ? "" : $" — {day.Template}";
        return $"Failsafe: {type} day{purpose}{template}";
    }

    /// <summary>One line per exercise, then the day's notes.</summary>
    private static string Description(PlanDay day, WeightUnit unit)
    {
        var lines = day.Exercises.Select(e => ExerciseLine(e, unit)).ToList();
        if (!day.Notes.IsDefaultOrEmpty)
        {
            lines.Add("");
            lines.Add("Notes:");
            lines.AddRange(day.Notes.Select(n => $"- {n}"));
        }
        return string.Join('\n', lines);
    }

    /// <summary>"Barbell Squat: 4 × 5-8 @ 2 RIR, 100 kg; last set: stop at 2 RIR".</summary>
    private static string ExerciseLine(PlanExercise exercise, WeightUnit unit)
    {
        var sets = exercise.Sets.OrderBy(s => s.Set).ToList();
        if (sets.Count == 0)
            return $"{exercise.Exercise}: no sets";

        var parts = new List<string>();
        var i = 0;
        while (i < sets.Count)
        {
            var run = sets.Skip(i).TakeWhile(s => SameTarget(s, sets[i])).Count();
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{run} × {sets[i].Reps} @ {Rir(sets[i].TargetRir)}, {LoadText(sets[i].WeightKg, unit)}"));
            i += run;
        }

        var last = sets[^1];
        var failing = sets.Where(s => s.Failure != FailureLevel.None).ToList();
        if (failing.Count == 0)
        {
            parts.Add($"last set: stop at {Rir(last.TargetRir)}");
        }
        else
        {
            foreach (var level in failing.GroupBy(s => s.Failure).OrderBy(g => g.Key))
            {
                var numbers = level.Select(s => s.Set).ToList();
                var which = numbers.Count == 1
                    ? numbers[0] == last.Set ? "last set" : string.Create(CultureInfo.InvariantCulture, $"set {numbers[0]}")
                    : "sets " + string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                var to = level.Key == FailureLevel.Absolute ? "absolute failure (until a rep cannot be done)" : "technical failure (until form would break)";
                parts.Add($"{which}: may go to {to}");
            }
        }

        return $"{exercise.Exercise}: {string.Join("; ", parts)}";
    }

    private static bool SameTarget(PlannedSet a, PlannedSet b) =>
        a.Reps == b.Reps && a.TargetRir.Equals(b.TargetRir) && Nullable.Equals(a.WeightKg, b.WeightKg) && a.Failure == b.Failure;

    private static string Rir(double rir) => string.Create(CultureInfo.InvariantCulture, $"{rir:0.#} RIR");

    private static string LoadText(double? kg, WeightUnit unit) =>
        kg is { } value ? Load.Kg(value).To(unit).ToString() : FirstSessionLoad;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
