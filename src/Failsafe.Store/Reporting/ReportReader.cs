using Failsafe.Store.Catalog;
using Failsafe.Store.Training;

namespace Failsafe.Store.Reporting;

/// <summary>What a report is asked for: a number of weeks or a first day (neither: the default weeks), and lifts to pin.</summary>
public sealed record ReportRequest(int? Weeks = null, DateOnly? Since = null, IReadOnlyList<string>? Lifts = null);

/// <summary>
/// Reads what a report charts from a log: <c>failsafe report</c> and the web app's Progress page both come here, so
/// they chart the same numbers.
/// </summary>
public static class ReportReader
{
    /// <summary>
    /// The report ending on <paramref name="last"/>, or the problem with the request (an option out of range, a lift
    /// no exercise goes by, a stored exercise no longer known). Lifts are exercise names or ids.
    /// </summary>
    public static ReportData? Read(LogReader log, Policy policy, DateOnly last, ReportRequest request, out ReportProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        if (ReportWindow.Asked(last, request.Weeks, request.Since, out problem) is not { } asked)
            return null;

        var profile = log.Profile();
        var lifter = new ReportLifter(
            profile is null ? Split.FullBody : Words.Map<Split>().GetValueOrDefault(profile.Split, Split.FullBody),
            profile?.CompetitionPrep ?? false,
            profile?.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);

        // Every session up to the last day: a lift's records and trend are read against all of its history. Check-ins
        // from far enough back for the wellness baseline of the first charted day.
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var rows = log.Sessions(null, last);
        var history = ImmutableArray.CreateBuilder<LoggedSession>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                history.Add(TrainingStore.ToSession(row, resolver));
            }
            catch (InvalidOperationException ex)
            {
                problem = new ReportProblem("log", $"session of {row.Date:yyyy-MM-dd}: {ex.Message}");
                return null;
            }
        }
        var wellness = log.Wellness(asked.First.AddDays(-(policy.WellnessRecentDays + policy.WellnessBaselineDays)), last);

        var pinned = new List<string>();
        foreach (var lift in request.Lifts ?? [])
        {
            if (PinnedId(lift, history, resolver) is not { } id)
            {
                problem = new ReportProblem("lift", $"'{lift}' is not an exercise in the catalog or among your own");
                return null;
            }
            if (!pinned.Contains(id))
                pinned.Add(id);
        }
        // None asked for: the lifts pinned in the profile (one no longer known, a custom exercise deleted since, is left out).
        if (pinned.Count == 0)
            pinned.AddRange(PinnedLifts.Read(profile?.PinnedLifts).Select(id => PinnedId(id, history, resolver)).OfType<string>().Distinct());

        var firstLogged = new[]
        {
            history.Where(s => asked.Contains(s.Date)).Select(s => (DateOnly?)s.Date).FirstOrDefault(),
            wellness.Where(w => asked.Contains(w.Date)).Select(w => (DateOnly?)w.Date).FirstOrDefault(),
        }.Min();
        return ReportData.Compute(asked.Fit(firstLogged), history.ToImmutable(), wellness, lifter, policy, pinned);
    }

    /// <summary>The exercise id a pinned lift names: an id seen in the log as it is, else a name the resolver knows.</summary>
    private static string? PinnedId(string lift, IEnumerable<LoggedSession> history, ExerciseResolver resolver)
    {
        var trimmed = lift.Trim();
        if (trimmed.Length == 0)
            return null;
        foreach (var e in history.SelectMany(s => s.Exercises))
        {
            if (string.Equals(e.Exercise.Id, trimmed, StringComparison.Ordinal))
                return e.Exercise.Id;
        }
        var name = trimmed.StartsWith("custom:", StringComparison.Ordinal) ? trimmed["custom:".Length..] : trimmed;
        return resolver.Resolve(name) is { Id: { } id } ? id : null;
    }
}
