namespace Failsafe.Store.Reporting;

/// <summary>
/// Direct working sets of one muscle group per week: the mean over the last <see cref="Weeks"/> weeks of the window
/// and the last week alone, with the group's volume landmarks where the evidence gives them (<see cref="VolumeLandmarks"/>).
/// </summary>
public sealed record MuscleVolume(string Group, double PerWeek, int LastWeek, int Weeks, VolumeLandmark? Landmark);

/// <summary>
/// A muscle group's weekly direct-set landmarks: the minimum effective volume (MEV) and, where published, the maximum
/// recoverable volume's range (MRV, low–high; it depends on how often the muscle is trained).
/// </summary>
public sealed record VolumeLandmark(int Mev, int? MrvLow = null, int? MrvHigh = null);

/// <summary>
/// The weekly direct-set landmarks of EVIDENCE.md's "Volume and mesocycles" (Renaissance Periodization's help centre):
/// chest MEV ≥ 6 and MRV 20–35 by frequency; back MEV ≥ 10; quads MEV ≥ 8; side delts MEV ≥ 8; hamstrings MEV ≥ 4.
/// Figures vary up to 2× between lifters. Only these are drawn: no landmark is invented for the other groups.
/// </summary>
public static class VolumeLandmarks
{
    public const string Source = "RP help centre (EVIDENCE.md, Volume and mesocycles); figures vary up to 2× between lifters";

    /// <summary>How many of the window's last weeks the mean covers (fewer when the window, or the training in it, is shorter).</summary>
    public const int MeanWeeks = 4;

    private static readonly Dictionary<string, VolumeLandmark> ByGroup = new(StringComparer.Ordinal)
    {
        ["chest"] = new(6, 20, 35),
        ["back"] = new(10),
        ["quads"] = new(8),
        ["shoulders"] = new(8),
        ["hamstrings"] = new(4),
    };

    public static VolumeLandmark? For(string group) => ByGroup.GetValueOrDefault(group);

    /// <summary>
    /// The group a catalog muscle is counted in: lats and middle back are the back; quadriceps the quads; shoulders
    /// carry the side delts' landmark (the catalog does not tell the delts apart). The rest keep the catalog's name.
    /// </summary>
    public static string Group(string muscle) => muscle switch
    {
        "lats" or "middle back" => "back",
        "quadriceps" => "quads",
        _ => muscle,
    };

    /// <summary>
    /// Direct sets per muscle group over the window's last <see cref="MeanWeeks"/> weeks (Monday to Sunday; the last
    /// one ends with the window): each working set counts once for every group among its exercise's primary muscles.
    /// Drop sets and warm-ups are not working sets. Groups with the most sets first.
    /// </summary>
    public static ImmutableArray<MuscleVolume> Count(IReadOnlyList<LoggedSession> sessions, ReportWindow window)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var lastMonday = ReportData.Monday(window.Last);
        var firstMonday = ReportData.Monday(window.First);
        var from = lastMonday.AddDays(-7 * (MeanWeeks - 1));
        // From the first week with training in the window: two weeks of a new lifter are not averaged over four.
        var firstSession = sessions.Where(s => s.Date >= window.First && s.Date <= window.Last).Select(s => (DateOnly?)s.Date).Min();
        if (firstSession is { } f && ReportData.Monday(f) > firstMonday)
            firstMonday = ReportData.Monday(f);
        if (from < firstMonday)
            from = firstMonday;
        var weeks = (lastMonday.DayNumber - from.DayNumber) / 7 + 1;
        var all = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            if (session.Date < from || session.Date > window.Last || session.Date < window.First)
                continue;
            foreach (var e in session.Exercises)
            {
                var working = e.Sets.Count(s => s.IsWorking);
                if (working == 0)
                    continue;
                foreach (var group in e.Exercise.PrimaryMuscles.Select(Group).Distinct())
                {
                    all[group] = all.GetValueOrDefault(group) + working;
                    if (session.Date >= lastMonday)
                        last[group] = last.GetValueOrDefault(group) + working;
                }
            }
        }
        return [.. all
            .Select(p => new MuscleVolume(p.Key, (double)p.Value / weeks, last.GetValueOrDefault(p.Key), weeks, For(p.Key)))
            .OrderByDescending(m => m.PerWeek).ThenBy(m => m.Group, StringComparer.Ordinal)];
    }
}
