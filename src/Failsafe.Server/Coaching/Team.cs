using System.Security.Claims;
using Failsafe.Server.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Failsafe.Server.Coaching;

/// <summary>A warning or action in words, with its code and rule.</summary>
public sealed record NoticeView(string Code, string Rule, string Message);

/// <summary>An e1RM trend over the last 8 weeks: <see cref="Direction"/> is up, down or flat (within 2 %).</summary>
public sealed record LiftTrendView(string Exercise, string Direction, double Change);

public sealed record UpcomingEventView(DateOnly Date, string Name);

/// <summary>One athlete in the coach's list (<see cref="AthleteSummary"/>); <see cref="Reasons"/> say why they need a look.</summary>
public sealed record AthleteSummaryView(
    int AthleteId, string Name, string? Email, string Preset, bool NeedsAttention, IReadOnlyList<string> Reasons,
    IReadOnlyList<NoticeView> Warnings, IReadOnlyList<NoticeView> Actions, DateOnly? LastSession, int? DaysSinceLastSession,
    int WeekPlanned, int WeekDone, int FailureSetsUsed, int FailureSetsAllowed, int BudgetWindowDays, double FailureShare, double MaxFailureShare,
    int RatedSets, DateOnly? LastCheckIn, IReadOnlyList<string> CheckInFlags, IReadOnlyList<LiftTrendView> Trends, DateOnly? UnansweredWorse,
    bool InDeload, IReadOnlyList<UpcomingEventView> UpcomingEvents);

/// <summary>A kind of warning and how many athletes have it.</summary>
public sealed record WarningCountView(string Code, string Rule, int Athletes);

public sealed record TeamEventView(int AthleteId, string Athlete, DateOnly Date, string Name);

/// <summary>
/// The coach's athletes together: the list (needs-attention first, filtered), and over all of them the warnings by kind,
/// who is in a deload, whose failure budget is spent and the upcoming events by date.
/// </summary>
public sealed record TeamView(
    int Total, IReadOnlyList<AthleteSummaryView> Athletes, IReadOnlyList<WarningCountView> WarningsByKind,
    IReadOnlyList<AthleteSummaryView> InDeload, IReadOnlyList<AthleteSummaryView> BudgetSpent, IReadOnlyList<TeamEventView> UpcomingEvents);

/// <summary>Which athletes the list shows.</summary>
public enum TeamFilter
{
    All,

    /// <summary>Those with a reason to look (<see cref="AthleteSummary.NeedsAttention"/>).</summary>
    Attention,

    /// <summary>Those without a session since this week's Monday.</summary>
    Idle,
}

/// <summary>
/// Athletes' summaries keyed by athlete and day, each kept with the <see cref="ProfileRow.Revision"/> it was made at:
/// any change to an athlete's log (a set, a check-in, a coach's note, the profile) raises the revision in the database,
/// so a summary is never served after a change, made on any instance; the cache saves re-reading and re-deciding the
/// athletes whose logs did not change since the coach last looked.
/// </summary>
public sealed class SummaryCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public AthleteSummary? Get(int athlete, DateOnly day, long revision) =>
        _cache.TryGetValue((athlete, day), out (long Revision, AthleteSummary Summary) hit) && hit.Revision == revision ? hit.Summary : null;

    public void Set(int athlete, DateOnly day, long revision, AthleteSummary summary) =>
        _cache.Set((athlete, day), (revision, summary), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });

    public void Dispose() => _cache.Dispose();
}

/// <summary>
/// Reads the coach's athletes for the Athletes and Team pages and <c>GET /api/coaching/team</c>: the links (one query),
/// their revisions, then the logs of those whose summary is not cached at their revision, all at once
/// (<see cref="LogReader.Team"/>: one round trip, however many athletes), each summed up by <see cref="AthleteSummary.Of"/>
/// on the athlete's own date.
/// </summary>
public static class Team
{
    public static async Task<TeamView> Read(
        ClaimsPrincipal user, AccountsDb accounts, FailsafeDb training, SummaryCache cache, TimeProvider clock, TeamFilter filter, string? search,
        CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(cache);
        var coached = await CoachingEndpoints.Coached(AthleteAccess.AccountId(user), accounts, training, clock, cancel);
        var emails = coached.ToDictionary(c => c.AthleteId, c => c.Email);
        var ids = emails.Keys.ToList();
        var logs = await training.Profiles.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Revision, p.TimeZone }).ToListAsync(cancel);
        var summaries = new List<AthleteSummary>(logs.Count);
        var stale = new Dictionary<int, (DateOnly Today, long Revision)>();
        foreach (var log in logs)
        {
            var today = LocalDay.Today(clock, log.TimeZone ?? "Etc/UTC");
            if (cache.Get(log.Id, today, log.Revision) is { } hit)
                summaries.Add(hit);
            else
                stale[log.Id] = (today, log.Revision);
        }
        if (stale.Count > 0)
        {
            await training.Database.OpenConnectionAsync(cancel);
            var earliest = stale.Values.Min(s => s.Today).AddDays(-1 - AthleteSummary.HistoryDays);
            foreach (var (id, rows) in LogReader.Team(training.Database.GetDbConnection(), [.. stale.Keys], earliest))
            {
                var (today, revision) = stale[id];
                var summary = AthleteSummary.Of(rows, today);
                cache.Set(id, today, revision, summary);
                summaries.Add(summary);
            }
        }
        var all = summaries
            .OrderByDescending(s => s.Attention).ThenByDescending(s => s.DaysSinceLastSession ?? int.MaxValue)
            .ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.AthleteId)
            .Select(s => View(s, emails.GetValueOrDefault(s.AthleteId)))
            .ToList();
        var shown = all.Where(a => filter switch
        {
            TeamFilter.Attention => a.NeedsAttention,
            TeamFilter.Idle => a.WeekDone == 0,
            _ => true,
        });
        if (search?.Trim() is { Length: > 0 } q)
        {
            shown = shown.Where(a => a.Name.Contains(q, StringComparison.CurrentCultureIgnoreCase)
                || (a.Email?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false));
        }
        var warnings = all.SelectMany(a => a.Warnings.DistinctBy(w => w.Code).Select(w => (w.Code, w.Rule)))
            .GroupBy(w => w.Code).Select(g => new WarningCountView(g.Key, g.First().Rule, g.Count()))
            .OrderByDescending(w => w.Athletes).ThenBy(w => w.Code, StringComparer.Ordinal).ToList();
        var events = all.SelectMany(a => a.UpcomingEvents.Select(e => new TeamEventView(a.AthleteId, a.Name, e.Date, e.Name)))
            .OrderBy(e => e.Date).ThenBy(e => e.Athlete, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new TeamView(
            all.Count, [.. shown], warnings, [.. all.Where(a => a.InDeload)],
            [.. all.Where(a => a.FailureSetsUsed > 0 && a.FailureSetsUsed >= a.FailureSetsAllowed)], events);
    }

    private static AthleteSummaryView View(AthleteSummary s, string? email) => new(
        s.AthleteId, s.Name, email, s.Preset, s.NeedsAttention, s.Reasons,
        [.. s.Warnings.Select(w => new NoticeView(w.Code, w.Rule, w.Message))], [.. s.Actions.Select(a => new NoticeView(a.Code, a.Rule, a.Message))],
        s.LastSession, s.DaysSinceLastSession, s.WeekPlanned, s.WeekDone, s.Budget.FailureSetsUsed, s.Budget.FailureSetsAllowed, s.Budget.WindowDays,
        Math.Round(s.FailureShare, 3), s.MaxFailureShare, s.RatedSets, s.LastCheckIn, s.CheckInFlags,
        [.. s.Trends.Select(t => new LiftTrendView(t.Name, Direction(t.Last / t.First - 1), Math.Round(t.Last / t.First - 1, 4)))],
        s.UnansweredWorse, s.InDeload, [.. s.UpcomingEvents.Select(e => new UpcomingEventView(e.Date, e.Name))]);

    /// <summary>Up or down beyond 2 %; flat within it (a session's noise).</summary>
    private static string Direction(double change) => change >= 0.02 ? "up" : change <= -0.02 ? "down" : "flat";
}
