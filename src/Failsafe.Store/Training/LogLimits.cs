
namespace Failsafe.Store.Training;

/// <summary>
/// What a logged session and set may hold, checked the same way by everything that writes one: the API, the command
/// line, the Strong and Hevy importers and the backup restore. Each check gives the problem in words (the caller adds
/// the field, the JSON path or the line and column), or null when the value is fine. The limits are generous for
/// training and tight for abuse: a 60,000,000-character workout name or a set dated 9999-12-31 was once stored by an
/// import the API would have refused.
/// </summary>
public static class LogLimits
{
    /// <summary>The longest name of a session (a workout) or an exercise, in characters.</summary>
    public const int MaxName = 200;

    /// <summary>The longest note of a session or a set, in characters.</summary>
    public const int MaxNotes = 2000;

    /// <summary>The heaviest load, in the unit it was entered in.</summary>
    public const double MaxWeight = 1500;

    /// <summary>The most reps of one set.</summary>
    public const int MaxReps = 1000;

    /// <summary>
    /// The most sets one session may hold. A long session is 30–60 sets (warm-ups, drop sets and all) and a day of two
    /// sessions merged by an app's export stays far below this; the bound keeps every read of one session (the
    /// API's session, the day's next set, an edit) small whatever an account wrote.
    /// </summary>
    public const int MaxSetsPerSession = 500;

    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    public static readonly DateOnly LastDay = new(2200, 12, 31);

    /// <summary>A session's or an exercise's name.</summary>
    public static string? Name(string? text) => text is { Length: > MaxName } ? $"longer than {MaxName} characters" : null;

    /// <summary>A session's or a set's note.</summary>
    public static string? Notes(string? text) => text is { Length: > MaxNotes } ? $"longer than {MaxNotes} characters" : null;

    /// <summary>The day of a session.</summary>
    public static string? Day(DateOnly day) =>
        day < FirstDay || day > LastDay ? $"{Text(day)} is out of range ({Text(FirstDay)} to {Text(LastDay)})" : null;

    /// <summary>A load in the unit it was entered in (0 for bodyweight).</summary>
    public static string? Weight(double weight) =>
        !double.IsFinite(weight) || weight < 0 || weight > MaxWeight ? $"{weight.ToString(CultureInfo.InvariantCulture)} is out of range (0–{MaxWeight})" : null;

    /// <summary>The reps of a set (0 for a missed rep at failure).</summary>
    public static string? Reps(long reps) => reps is < 0 or > MaxReps ? $"{reps} is out of range (0–{MaxReps})" : null;

    /// <summary>A session of <paramref name="sets"/> sets.</summary>
    public static string? Sets(int sets) => 
        sets > MaxSetsPerSession ? string.Create(CultureInfo.InvariantCulture, $"{sets:N0} sets; a session holds at most {MaxSetsPerSession}") : null;

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
