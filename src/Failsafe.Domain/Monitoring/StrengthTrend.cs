using Failsafe.Engine;

namespace Failsafe.Monitoring;

/// <summary>
/// W1 signs read from performance: <c>strength-decline</c> and <c>plateau</c>, per exercise, from
/// each session's best RIR-adjusted e1RM (see <see cref="TrainingLog.BestE1Rm"/>).
/// </summary>
/// <remarks>
/// Decline: inside the last <see cref="Policy.DeclineLookbackDays"/> days, the last
/// <see cref="Policy.DeclineSessions"/> sessions of the exercise all sit more than
/// <see cref="Policy.DeclineThreshold"/> below the best of the earlier sessions in that window.
/// Plateau: at least <see cref="Policy.PlateauMinSessions"/> sessions in the last
/// <see cref="Policy.PlateauWeeks"/> weeks, some sessions in the same span before, and the window's best
/// no more than <see cref="Policy.PlateauMinProgress"/> above the earlier span's best. An exercise that
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
        var span = Math.Max(policy.DeclineLookbackDays, 2 * plateauDays);
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
            else if (Plateaued(points, today, policy, out var windowBest, out var priorBest))
            {
                findings.Add(new("plateau", name,
                    $"{name}: no e1RM progress in {policy.PlateauWeeks} weeks of steady training (best {windowBest:0.#} kg vs {priorBest:0.#} kg before)"));
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

    private static bool Plateaued(List<(DateOnly Date, double E1Rm)> points, DateOnly today, Policy policy, out double windowBest, out double priorBest)
    {
        windowBest = priorBest = 0;
        var windowStart = today.AddDays(-policy.PlateauWeeks * 7);
        var priorStart = windowStart.AddDays(-policy.PlateauWeeks * 7);
        int inWindow = 0, inPrior = 0;
        foreach (var (date, e1rm) in points)
        {
            if (date > windowStart)
            {
                inWindow++;
                windowBest = Math.Max(windowBest, e1rm);
            }
            else if (date > priorStart)
            {
                inPrior++;
                priorBest = Math.Max(priorBest, e1rm);
            }
        }
        return inWindow >= policy.PlateauMinSessions && inPrior > 0 && windowBest <= priorBest * (1 + policy.PlateauMinProgress);
    }
}
