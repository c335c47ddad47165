namespace Failsafe.Server.Web;

public static class Dates
{
    /// <summary>Parses an optional <c>yyyy-MM-dd</c> value; without one, <paramref name="today"/> (the athlete's date now, <see cref="Athletes.AthleteAccess.Today"/>).</summary>
    public static bool TryDay(string? text, DateOnly today, out DateOnly day, out IResult? problem, string field = "date")
    {
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            day = today;
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 1900 and <= 2200)
            return true;
        problem = Problems.Invalid(field, $"'{text}' is not a date like 2026-03-05");
        return false;
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
