using Failsafe.Monitoring;
using Failsafe.Store.Catalog;

namespace Failsafe.Store.Training;

/// <summary>
/// One athlete as a coach sees them each morning: the engine's warnings and actions on the log as it stands (with the
/// athlete's preset), days since the last session, this week's sessions planned and done, the failure budget, the
/// 80/20 share, what was plainly bad in the last check-in, the e1RM trend of the most trained lifts, and a session left
/// "worse than I came in" (W4) that no coach's note has answered. <see cref="Attention"/> orders the list.
/// </summary>
public sealed record AthleteSummary(
    int AthleteId,
    string Name,
    string Preset,
    DateOnly Today,
    ImmutableArray<Warning> Warnings,
    ImmutableArray<Engine.Action> Actions,
    DateOnly? LastSession,
    int WeekPlanned,
    int WeekDone,
    Budget Budget,
    int RatedSets,
    int FailureSets,
    double MaxFailureShare,
    DateOnly? LastCheckIn,
    ImmutableArray<string> CheckInFlags,
    ImmutableArray<StoredDay.Trend> Trends,
    DateOnly? UnansweredWorse,
    bool InDeload,
    ImmutableArray<TrainingEvent> UpcomingEvents)
{
    /// <summary>Failure sets logged in the last <see cref="CheckInDays"/> days while the engine advises none (E1); 0 otherwise.</summary>
    public int UnadvisedFailureSets { get; init; }

    /// <summary>Why the engine advises no failure (E1, in words), when it does not.</summary>
    public string? NotEligible { get; init; }

    /// <summary>How far back sessions are read for the list: the e1RM trends' eight weeks, which covers every window the list shows.</summary>
    public const int HistoryDays = 56;

    /// <summary>A check-in older than this many days no longer flags the athlete.</summary>
    public const int CheckInDays = 3;

    public int? DaysSinceLastSession => LastSession is { } d ? Today.DayNumber - d.DayNumber : null;

    public double FailureShare => RatedSets == 0 ? 0 : (double)FailureSets / RatedSets;

    /// <summary>The failure budget is used up (and something was used).</summary>
    public bool BudgetSpent => Budget.FailureSetsUsed > 0 && Budget.FailureSetsUsed >= Budget.FailureSetsAllowed;

    /// <summary>
    /// Why the athlete needs a look, in words, most pressing first: the engine's warning signs (W) and overused failure
    /// (B), its W actions (deload, scale back), an unanswered W4, a recent poor check-in, the budget spent.
    /// </summary>
    public ImmutableArray<string> Reasons
    {
        get
        {
            var reasons = ImmutableArray.CreateBuilder<string>();
            foreach (var w in Warnings.Where(w => w.Rule.StartsWith('W') || w.Code == "failure-overuse"))
                reasons.Add($"{w.Message} ({w.Rule})");
            foreach (var a in Actions.Where(a => a.Rule.StartsWith('W')))
                reasons.Add($"{a.Message} ({a.Rule})");
            if (UnadvisedFailureSets > 0)
                reasons.Add($"{UnadvisedFailureSets} failure {(UnadvisedFailureSets == 1 ? "set" : "sets")} in the last {CheckInDays} days, though no failure is advised: {NotEligible} (E1)");
            if (UnansweredWorse is { } worse)
                reasons.Add($"left the session of {worse:yyyy-MM-dd} feeling worse than they came in, not answered yet (W4)");
            if (!CheckInFlags.IsEmpty && LastCheckIn is { } c && Today.DayNumber - c.DayNumber <= CheckInDays)
                reasons.Add($"check-in of {c:yyyy-MM-dd}: {string.Join(", ", CheckInFlags)}");
            if (BudgetSpent && !Warnings.Any(w => w.Code == "failure-overuse"))
                reasons.Add($"failure budget spent: {Budget.FailureSetsUsed} of {Budget.FailureSetsAllowed} in {Budget.WindowDays} days");
            return reasons.ToImmutable();
        }
    }

    /// <summary>The list's order: more reasons first.</summary>
    public int Attention => Reasons.Length;

    public bool NeedsAttention => Attention > 0;

    /// <summary>The summary of one athlete from what <see cref="LogReader.Team"/> read, on their <paramref name="today"/>.</summary>
    public static AthleteSummary Of(LogReader.TeamRows rows, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var profile = rows.Profile;
        var policy = PolicyPresets.Of(profile.Preset);
        var resolver = new ExerciseResolver(CatalogLoader.Default, rows.Custom);
        var from = today.AddDays(-HistoryDays);
        var injuries = rows.Injuries.Where(i => i.Since <= today && (i.ClearedOn is null || i.ClearedOn > today)).Select(i => i.Description).ToList();
        var events = rows.Events.Where(e => e.Date >= today).ToImmutableArray();
        var wellness = rows.Wellness.Where(w => w.Date <= today).ToImmutableArray();
        var sessions = rows.Sessions.Where(s => s.Date > from && s.Date <= today).ToList();
        // The log as it stands, today's sets included; no planned exercises: the list shows the day's signs, not its sets.
        var scenario = TrainingStore.Assemble(profile, injuries, events, wellness, sessions, [], resolver, today, new PlannedSession(DayType.Hard, []));
        var evaluation = Evaluator.Evaluate(scenario, policy);
        var log = new TrainingLog(scenario.History);
        var (buckets, _) = StoredDay.Buckets(log, today, policy.ShareWindowDays);

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var plan = rows.ActivePlan is { } p && today >= p.Start && today < p.Start.AddDays(7 * p.Weeks) ? p.Days : profile.TrainingDays;
        var planned = TrainingDays.Parse(plan).Days.Distinct().Count();
        var done = sessions.Where(s => s.Date >= monday && s.Date <= today).Select(s => s.Date).Distinct().Count();

        var lastCheckIn = wellness.IsEmpty ? null : wellness[^1];
        var worse = sessions.Where(s => s.Feeling == "worse").Select(s => (DateOnly?)s.Date).Max();
        var unanswered = worse is { } w && (rows.LastCoachNote is not { } note || note < w) ? worse : null;
        var deload = profile.Phase == "deload" || evaluation.Actions.Any(a => a.Code == "deload");
        return new AthleteSummary(
            profile.Id, profile.Name, PolicyPresets.NameOf(profile.Preset), today, evaluation.Warnings, evaluation.Actions,
            rows.LastSession is { } last && last <= today ? last : sessions.Count == 0 ? null : sessions.Max(s => s.Date),
            planned, done, evaluation.Budget, buckets.Sum(), buckets[0], policy.MaxFailureShare,
            lastCheckIn?.Date, lastCheckIn is null ? [] : WellnessSigns.Flags(lastCheckIn, policy),
            [.. StoredDay.Trends(log, today).Take(3)], unanswered, deload, events)
        {
            UnadvisedFailureSets = evaluation.Eligibility.Failure ? 0 : TrainingLog.FailureSets(log.LastDays(today, CheckInDays)),
            NotEligible = evaluation.Eligibility.Failure ? null : evaluation.Eligibility.Reasons.FirstOrDefault(r => r.Rule == "E1")?.Message,
        };
    }
}
