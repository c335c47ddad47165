using Failsafe.Monitoring;

namespace Failsafe.Server.App.Status;

/// <summary>
/// What the Status page shows, from the same use case as <c>GET /api/status</c>: <see cref="StoredDay.StatusOf"/> on
/// the day <see cref="StoredDay.Decide"/> reads from the log (its warnings, actions and budget are the engine on the
/// log as it stands, today's sets included), so the page and the API always agree. The page only lays it out.
/// </summary>
public sealed record StatusView(StoredDay.Status Status, WeightUnit Unit, DateOnly? LastFailure)
{
    /// <summary>How far back the last failure set is looked for: the history the engine reads in full.</summary>
    public const int FailureLookbackDays = TrainingStore.HistoryDays;

    public Evaluation Standing => Status.Standing;

    public Budget Budget => Status.Standing.Budget;

    public DateOnly Date => Status.Day.Date;

    /// <summary>B1's limit on the share of failure sets (0.2).</summary>
    public double MaxFailureShare => Status.Day.Policy.MaxFailureShare;

    /// <summary>The share of rated working sets taken to failure (0 when there are none), as <c>/api/status</c> rounds it.</summary>
    public double FailureShare => Status.Total == 0 ? 0 : Math.Round((double)Status.Buckets[0] / Status.Total, 3);

    /// <summary>The share of rated working sets stopped 1–3 reps short: B1 wants at least 80 %.</summary>
    public double ShortShare => Status.Total == 0 ? 0 : (double)(Status.Buckets[1] + Status.Buckets[2] + Status.Buckets[3]) / Status.Total;

    /// <summary>Days from the last failure set to <see cref="Date"/> (0: today); null when there was none in <see cref="FailureLookbackDays"/> days.</summary>
    public int? DaysSinceFailure => LastFailure is { } d ? Date.DayNumber - d.DayNumber : null;

    public static StatusView Build(LogReader log, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(log);
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var status = StoredDay.StatusOf(StoredDay.Decide(log, resolver, date));
        var last = new TrainingLog(status.Day.Scenario.History).LastDays(date, FailureLookbackDays).ToArray()
            .Where(s => s.Exercises.Any(e => e.Sets.Any(set => set.IsFailure)))
            .Select(s => (DateOnly?)s.Date).LastOrDefault();
        return new StatusView(status, status.Day.Scenario.Athlete.Unit, last);
    }

    /// <summary>A load in kg in the lifter's unit, rounded as <c>/api/status</c> rounds it (0.1 kg) before converting.</summary>
    public string Show(double kg) => Load.Kg(Math.Round(kg, 1)).To(Unit).ToString();

    /// <summary>A share as a whole percentage ("25 %").</summary>
    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * 100):0} %");

    /// <summary>A change as a signed percentage with one decimal ("+2.5 %", "−1.0 %").</summary>
    public static string Change(double change) =>
        (change * 100).ToString("+0.0' %';−0.0' %';0.0' %'", CultureInfo.InvariantCulture);
}
