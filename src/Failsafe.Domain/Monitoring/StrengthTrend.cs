namespace Failsafe.Monitoring;

/// <summary>
/// W1 signs read from performance: <c>strength-decline</c> and <c>plateau</c>, per exercise, from
/// each session's best RIR-adjusted e1RM (see <see cref="TrainingLog.BestE1Rm"/>).
/// </summary>
/// <remarks>
/// Decline: inside the last <see cref="Policy.DeclineLookbackDays"/> days, the last
/// <see cref="Policy.DeclineSessions"/> sessions of the exercise all sit more than
/// <see cref="Policy.DeclineThreshold"/> below the best of the earlier sessions in that window.
/// Plateau: the exercise's sessions of the last <see cref="Policy.PlateauWeeks"/> weeks — or, when fewer than
/// <see cref="Policy.PlateauMinSessions"/>, its last that many sessions within three times that span (weekly training) —
/// number at least <see cref="Policy.PlateauMinSessions"/>, span at least <see cref="Policy.PlateauWeeks"/> − 1 weeks from
/// first to last with no gap longer than that, the last inside half the window ("consistent training"); and the least-squares trend of their e1RMs gains no more
/// than <see cref="Policy.PlateauMinProgress"/> per <see cref="Policy.PlateauWeeks"/> weeks, relative to their mean.
/// Its false-alarm rate on generated noise is in docs/estimators.md. An exercise that
/// is declining is reported as a decline, not also as a plateau.
/// Trends compare like with like: sets stopped with reps in reserve (at least 80 % of training, B1).
/// Failure sets are tests and are left out, so one all-out set can neither hide a decline nor fake progress —
/// and a failure added to the history can never lift a warning.
/// </remarks>
public static class StrengthTrend
{
    public sealed record Finding(string Code, string Exercise, string Message);

    public static List<Finding> Detect(TrainingLog log, DateOnly today, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        var plateauDays = policy.PlateauWeeks * 7;
        var span = Math.Max(policy.DeclineLookbackDays, 3 * plateauDays);
        var series = new Dictionary<string, (string Name, List<(DateOnly Date, double E1Rm)> Points)>(StringComparer.Ordinal);
        foreach (var session in log.LastDays(today, span))
        {
            foreach (var e in session.Exercises)
            {
                if (TrainingLog.BestE1Rm(e, controlledOnly: true) is not { } e1rm)
                    continue;
                if (!series.TryGetValue(e.Exercise.Id, out var s))
                    series[e.Exercise.Id] = s = (e.Exercise.Name, []);
                // Two entries of one exercise on one day count as one session: keep the better.
                if (s.Points.Count > 0 && s.Points[^1].Date == session.Date)
                    s.Points[^1] = (session.Date, Math.Max(s.Points[^1].E1Rm, e1rm));
                else
                    s.Points.Add((session.Date, e1rm));
            }
        }

        var findings = new List<Finding>();
        foreach (var (_, (name, points)) in series.OrderBy(s => s.Value.Name, StringComparer.Ordinal))
        {
            if (Declining(points, today, policy, out var best, out var latest))
            {
                findings.Add(new("strength-decline", name,
                    $"{name}: the last {policy.DeclineSessions} sessions' e1RM (latest {latest:0.#} kg) sit more than {policy.DeclineThreshold:P1} below the recent best of {best:0.#} kg"));
            }
            else if (Plateaued(points, today, policy, out var gain, out var sessions))
            {
                findings.Add(new("plateau", name,
                    $"{name}: no e1RM progress over {sessions} sessions of steady training (trend {gain:+0.0%;-0.0%;0.0%} per {policy.PlateauWeeks} weeks, under {policy.PlateauMinProgress:P0})"));
            }
        }
        return findings;
    }

    private static bool Declining(List<(DateOnly Date, double E1Rm)> points, DateOnly today, Policy policy, out double best, out double latest)
    {
        best = latest = 0;
        var from = today.AddDays(-policy.DeclineLookbackDays);
        var start = points.FindIndex(p => p.Date > from);
        if (start < 0)
            return false;
        var recent = points.Count - policy.DeclineSessions;
        if (recent - start < 1)
            return false;
        for (var i = start; i < recent; i++)
            best = Math.Max(best, points[i].E1Rm);
        latest = points[^1].E1Rm;
        var limit = best * (1 - policy.DeclineThreshold);
        for (var i = recent; i < points.Count; i++)
        {
            if (points[i].E1Rm >= limit)
                return false;
        }
        return true;
    }

    private static bool Plateaued(List<(DateOnly Date, double E1Rm)> points, DateOnly today, Policy policy, out double gain, out int sessions)
    {
        gain = 0;
        sessions = 0;
        var days = policy.PlateauWeeks * 7;
        var recent = points.FindIndex(p => p.Date > today.AddDays(-days));
        var first = recent < 0 ? points.Count : recent;
        if (points.Count - first < policy.PlateauMinSessions)
            first = Math.Max(0, points.Count - policy.PlateauMinSessions);
        while (first < points.Count && points[first].Date <= today.AddDays(-3 * days))
            first++;
        sessions = points.Count - first;
        var gap = (policy.PlateauWeeks - 1) * 7;
        if (sessions < policy.PlateauMinSessions
            || points[^1].Date.DayNumber - points[first].Date.DayNumber < gap
            || today.DayNumber - points[^1].Date.DayNumber > days / 2)
            return false;
        for (var i = first + 1; i < points.Count; i++)
        {
            if (points[i].Date.DayNumber - points[i - 1].Date.DayNumber > gap)
                return false;
        }
        gain = Gain(points, first, days);
        return gain <= policy.PlateauMinProgress;
    }

    /// <summary>The least-squares trend of <paramref name="points"/> from <paramref name="first"/> on, as a share of their mean per <paramref name="days"/> days.</summary>
    internal static double Gain(List<(DateOnly Date, double E1Rm)> points, int first, int days)
    {
        var n = points.Count - first;
        double meanX = 0, meanY = 0;
        for (var i = first; i < points.Count; i++)
        {
            meanX += points[i].Date.DayNumber;
            meanY += points[i].E1Rm;
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0, sxx = 0;
        for (var i = first; i < points.Count; i++)
        {
            var dx = points[i].Date.DayNumber - meanX;
            sxy += dx * (points[i].E1Rm - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 || meanY <= 0 ? 0 : sxy / sxx * days / meanY;
    }
}
