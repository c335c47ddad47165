namespace Failsafe.Store.Training;

/// <summary>Training weekdays as lifters write them: <c>mon,wed,fri</c> or full names.</summary>
public static class TrainingDays
{
    private static readonly Dictionary<string, DayOfWeek> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    /// <summary>The days in week order (Monday first), or the problem with the text.</summary>
    public static (ImmutableArray<DayOfWeek> Days, string? Problem) Parse(string text)
    {
        var days = new List<DayOfWeek>();
        if (string.IsNullOrWhiteSpace(text))
            return ([], "name at least one training day");
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Names.TryGetValue(part, out var day))
                return ([], $"'{part}' is not a weekday (use mon, tue, wed, thu, fri, sat, sun)");
            if (days.Contains(day))
                return ([], $"'{part}' is listed twice");
            days.Add(day);
        }
        return days.Count == 0 ? ([], "name at least one training day") : ([.. days.OrderBy(d => ((int)d + 6) % 7)], null);
    }

    /// <summary>The stored form: <c>mon,wed,fri</c>.</summary>
    public static string Format(IEnumerable<DayOfWeek> days) => string.Join(',', days.Select(x => x.ToString()[..3].ToLowerInvariant()));
}
