namespace Failsafe.Store.Reporting;

/// <summary>
/// The days a report charts, <see cref="First"/> to <see cref="Last"/>, both included. Asked for as a number of weeks
/// back from the last day or as a first day (<see cref="Asked"/>), then fitted to the data (<see cref="Fit"/>), so two
/// weeks of training are not drawn in the corner of half a year.
/// </summary>
public readonly record struct ReportWindow(DateOnly First, DateOnly Last)
{
    public const int DefaultWeeks = 26;
    public const int MaxWeeks = 520;

    /// <summary>A fitted window is never narrower than this (unless a narrower one was asked for).</summary>
    public const int MinFittedDays = 28;

    public int Days => Last.DayNumber - First.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>
    /// The window asked for, ending on <paramref name="last"/>: from <paramref name="since"/> when given, else
    /// <paramref name="weeks"/> weeks (default <see cref="DefaultWeeks"/>). Null with the problem in words when the
    /// request cannot be met: both given, weeks outside 1–<see cref="MaxWeeks"/>, or a first day after the last.
    /// </summary>
    public static ReportWindow? Asked(DateOnly last, int? weeks, DateOnly? since, out ReportProblem? problem)
    {
        problem = null;
        if (weeks is not null && since is not null)
            problem = new ReportProblem("since", "give either a number of weeks or a first day, not both");
        else if (weeks is < 1 or > MaxWeeks)
            problem = new ReportProblem("weeks", $"{weeks} is out of range (1–{MaxWeeks})");
        else if (since is { } s && s > last)
            problem = new ReportProblem("since", $"{s:yyyy-MM-dd} is after the last day charted ({last:yyyy-MM-dd})");
        if (problem is not null)
            return null;
        return new ReportWindow(since ?? last.AddDays(1 - 7 * (weeks ?? DefaultWeeks)), last);
    }

    /// <summary>
    /// This window started at the week (Monday) of <paramref name="firstLogged"/>, the first day with a session or a
    /// check-in inside it, but at least <see cref="MinFittedDays"/> wide and never before <see cref="First"/>. Nothing
    /// logged inside: the window as it is.
    /// </summary>
    public ReportWindow Fit(DateOnly? firstLogged)
    {
        if (firstLogged is not { } day || !Contains(day))
            return this;
        var start = ReportData.Monday(day);
        var widest = Last.AddDays(1 - MinFittedDays);
        if (start > widest)
            start = widest;
        return new ReportWindow(start < First ? First : start, Last);
    }
}

/// <summary>Why a report cannot be made as asked: the option or field at fault (without dashes) and the problem.</summary>
public sealed record ReportProblem(string Field, string Message);
