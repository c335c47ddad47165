namespace Failsafe.Server.App.History;

/// <summary>
/// What the History page shows: the sessions between two dates as <c>GET /api/sessions</c> reads them
/// (<see cref="LogReader.Sessions"/>), newest first, each set said in the lifter's unit. The page only lays it out;
/// changes go through <c>PUT</c> and <c>DELETE /api/sets/{id}</c>.
/// </summary>
public sealed record HistoryView(DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<SessionRow> Sessions, WeightUnit Unit, ExerciseResolver Resolver)
{
    /// <summary>The days shown when no range is asked for (as the API's default: the 30 days before <c>to</c>, and <c>to</c>).</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest range one page lists: a year of sessions is already a long page on a phone.</summary>
    public const int MaxDays = 366;

    /// <summary>A run of consecutive sets of one exercise within a session.</summary>
    public sealed record Group(string Exercise, IReadOnlyList<SetRow> Sets);

    /// <summary>
    /// Reads the range <paramref name="from"/>–<paramref name="to"/> (yyyy-MM-dd, both optional: the last
    /// <see cref="DefaultDays"/> days to <paramref name="today"/>); on a malformed range, null and the problem in words.
    /// </summary>
    public static HistoryView? Build(LogReader log, string? from, string? to, DateOnly today, WeightUnit unit, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(log);
        problem = null;
        if (!TryDay(to, today, out var end))
            problem = $"To: '{to}' is not a date like {Dates.Text(today)}.";
        else if (!TryDay(from, end.AddDays(-DefaultDays), out var start))
            problem = $"From: '{from}' is not a date like {Dates.Text(today)}.";
        else if (start > end)
            problem = $"From ({Dates.Text(start)}) is after to ({Dates.Text(end)}).";
        else if (end.DayNumber - start.DayNumber >= MaxDays)
            problem = $"From {Dates.Text(start)} to {Dates.Text(end)} is more than {MaxDays} days: choose a shorter range.";
        else
        {
            var sessions = log.Sessions(start, end).OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).ToList();
            return new HistoryView(start, end, today, sessions, unit, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()));
        }
        return null;
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 1900 and <= 2200;
    }


    /// <summary>The previous range of the same length, ending the day before <see cref="From"/>.</summary>
    public (DateOnly From, DateOnly To) Older => (From.AddDays(-(To.DayNumber - From.DayNumber) - 1), From.AddDays(-1));

    /// <summary>The next range of the same length, starting the day after <see cref="To"/>; null when <see cref="To"/> is today or later.</summary>
    public (DateOnly From, DateOnly To)? Newer =>
        To >= Today ? null : (To.AddDays(1), To.AddDays(To.DayNumber - From.DayNumber + 1) is var end && end < Today ? end : Today);

    /// <summary>The session's sets in order, as runs of one exercise, each named as the catalog (or the lifter's custom exercise) names it.</summary>
    public IReadOnlyList<Group> Groups(SessionRow session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var groups = new List<Group>();
        List<SetRow>? current = null;
        string? id = null;
        foreach (var set in session.Sets.OrderBy(s => s.Order).ThenBy(s => s.Id))
        {
            if (current is null || set.ExerciseId != id)
            {
                current = [];
                id = set.ExerciseId;
                groups.Add(new Group(Resolver.Resolve(set.ExerciseName).Exercise?.Name ?? set.ExerciseName, current));
            }
            current.Add(set);
        }
        return groups;
    }

    /// <summary>The set's load in the lifter's unit: as entered when entered in it, else converted ("bodyweight" for none).</summary>
    public string Weight(SetRow set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.WeightKg == 0)
            return "bodyweight";
        var entered = Load.Of(set.WeightEntered, set.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);
        return (entered.Unit == Unit ? entered : Load.Kg(set.WeightKg).To(Unit)).ToString();
    }

    /// <summary>The effort as logged: "@ 2 RIR", "@ RPE 8"; empty for a set to failure (its mark says so) or one logged without either.</summary>
    public static string Effort(SetRow set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Failure != "none" ? ""
            : set.Rpe is { } rpe ? string.Create(CultureInfo.InvariantCulture, $"@ RPE {rpe:0.#}")
            : set.Rir is { } rir ? string.Create(CultureInfo.InvariantCulture, $"@ {rir:0.#} RIR")
            : "";
    }

    public string UnitName => Unit == WeightUnit.Lb ? "lb" : "kg";

    public static string Number(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
