using Failsafe.Planning;
using Failsafe.Store.Catalog;

namespace Failsafe.Store.Training;

/// <summary>
/// Re-lays the active plan from a day for the weeks it has left (<c>failsafe plan adjust</c>,
/// <c>POST /api/plans/active/adjust</c>): the old plan stays stored but inactive, and a new one with its training days
/// and template starts that day. Laid out on the log as it is now, it opens with a deload week when warning signs call
/// for one (W2). Both front ends adjust through <see cref="Apply"/>, so they refuse and re-lay alike.
/// </summary>
public static class PlanAdjust
{
    /// <summary>The re-laid plan: its stored row and its layout.</summary>
    public sealed record Result(PlanRow Row, Plan Plan)
    {
        /// <summary>True when the re-laid plan opens with a deload week (W2).</summary>
        public bool StartsWithDeload => Plan.Weeks.Length > 0 && Plan.Weeks[0].Phase == Phase.Deload;
    }

    /// <summary>
    /// Re-lays <paramref name="db"/>'s athlete's active plan from <paramref name="from"/> and saves it; the problem in
    /// words when there is no active plan or it has ended (nothing changed then; the caller says how to make a new
    /// one). Synchronous, as laying out a plan is (the server's <c>GET /api/plans/active</c> too).
    /// </summary>
    public static (Result? Result, string? Problem) Apply(FailsafeDb db, DateOnly from, DateTime nowUtc, Policy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var old = db.Mine<PlanRow>().Where(p => p.Active).OrderByDescending(p => p.Id).FirstOrDefault();
        if (old is null)
            return (null, "there is no active plan to adjust");
        var end = old.Start.AddDays(7 * old.Weeks);
        if (from >= end)
            return (null, string.Create(CultureInfo.InvariantCulture, $"the active plan ended on {end.AddDays(-1):yyyy-MM-dd}"));
        var left = Math.Clamp((end.DayNumber - from.DayNumber + 6) / 7, 1, 104);
        old.Active = false;
        var row = new PlanRow { Start = from, Weeks = left, Days = old.Days, TemplateJson = old.TemplateJson, CreatedAt = nowUtc, Active = true };
        db.Plans.Add(row);
        db.SaveChanges();
        var log = LogReader.For(db);
        var plan = TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, left, policy);
        return (new Result(row, plan), null);
    }
}
