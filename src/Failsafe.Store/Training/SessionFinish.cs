namespace Failsafe.Store.Training;

/// <summary>
/// A session's state — planned (nothing logged yet), in progress (sets logged today), finished — and its finish:
/// the session RPE (CR-10) and the lifter's answer to "do you leave feeling better, the same or worse than you came
/// in?" (W4). A session is finished when the lifter says so or, unanswered, once its day is over; both front ends
/// finish through <see cref="Apply"/>, so they check alike. Nothing is written when a day ends: the state is read.
/// </summary>
public static class SessionFinish
{
    public enum State { Planned, InProgress, Finished }

    /// <summary>The state of <paramref name="session"/> (null: nothing logged) on <paramref name="today"/>.</summary>
    public static State Of(SessionRow? session, DateOnly today) =>
        session is null || session.Sets.Count == 0 ? (session?.FinishedAt is null ? State.Planned : State.Finished)
        : session.FinishedAt is not null || session.Date < today ? State.Finished
        : State.InProgress;

    /// <summary>Records the finish on <paramref name="session"/>; the problem in words when an answer is out of range (nothing changed then).</summary>
    public static string? Apply(SessionRow session, double? rpe, string? feeling, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (rpe is { } r && (r < 1 || r > 10 || Math.Round(r * 2) != r * 2))
            return $"session RPE {r} is out of range (1–10, in half points)";
        Feeling? answer = null;
        if (feeling is not null)
        {
            if (!Words.Map<Feeling>().TryGetValue(feeling.Trim().ToLowerInvariant(), out var f))
                return $"feeling '{feeling}' is not one of better, same, worse";
            answer = f;
        }
        session.FinishedAt ??= nowUtc;
        session.SessionRpe = rpe ?? session.SessionRpe;
        session.Feeling = answer is { } a ? Words.Of(a) : session.Feeling;
        return null;
    }
}
