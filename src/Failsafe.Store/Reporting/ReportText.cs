using Wellness = Failsafe.Engine.Wellness;

namespace Failsafe.Store.Reporting;

/// <summary>
/// What each chart shows, in sentences with its numbers: the charts' text alternatives (an SVG's description, the
/// page's words under a chart) and the report's summary lines.
/// </summary>
public static class ReportText
{
    /// <summary>A run of consecutive warning days and the signs raised on any of them.</summary>
    public sealed record Run(DateOnly First, DateOnly Last, ImmutableArray<string> Codes);

    /// <summary>Consecutive warning days as one run each, in order.</summary>
    public static List<Run> Runs(IReadOnlyList<WarningDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var runs = new List<Run>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1].Date == days[j].Date.AddDays(1))
                j++;
            runs.Add(new Run(days[i].Date, days[j].Date, [.. days.Skip(i).Take(j - i + 1).SelectMany(d => d.Codes).Distinct()]));
            i = j + 1;
        }
        return runs;
    }

    private static readonly Dictionary<string, (string Words, string Label)> Signs = new(StringComparer.Ordinal)
    {
        ["persistent-fatigue"] = ("lasting fatigue", "fatigue"),
        ["mood-change"] = ("mood has dropped", "mood"),
        ["poor-sleep"] = ("poor sleep", "sleep"),
        ["aches"] = ("aches and soreness", "aches"),
        ["low-motivation"] = ("low motivation", "motivation"),
    };

    /// <summary>A warning sign's code in words ("poor-sleep" → "poor sleep").</summary>
    public static string Words(string code) => Signs.TryGetValue(code, out var s) ? s.Words : code;

    /// <summary>A warning sign's one-word name, for a chart's label.</summary>
    public static string Label(string code) => Signs.TryGetValue(code, out var s) ? s.Label : code;

    /// <summary>A day as the report writes it: "3 Mar", with the year when the window spans more than one.</summary>
    public static string Day(ReportData data, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(data);
        return day.ToString(data.Window.First.Year == data.Window.Last.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>The window in words: "3 Mar to 27 Apr 2025 (8 weeks)".</summary>
    public static string Window(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var w = data.Window;
        var weeks = (w.Days + 6) / 7;
        return string.Create(CultureInfo.InvariantCulture, $"{w.First:d MMM}{(w.First.Year != w.Last.Year ? $" {w.First.Year}" : "")} to {w.Last:d MMM yyyy} ({(w.Days % 7 == 0 || w.Days > 70 ? $"{weeks} week{(weeks == 1 ? "" : "s")}" : $"{w.Days} days")})");
    }

    /// <summary>A load in kg, in the lifter's unit with the unit ("142.5 kg").</summary>
    public static string Load(ReportData data, double kg)
    {
        ArgumentNullException.ThrowIfNull(data);
        return string.Create(CultureInfo.InvariantCulture, $"{Effort.Load.Kg(kg).To(data.Unit).Value:0.#} {data.UnitName}");
    }

    /// <summary>Every charted lift's sentence.</summary>
    public static string E1Rm(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Lifts.IsEmpty ? "No sessions with loaded sets in this window." : string.Join(" ", data.Lifts.Select(l => Lift(data, l)));
    }

    /// <summary>
    /// One lift: its sessions, best, latest and trend, its records, and any points left out. E.g. "Barbell Squat: 16
    /// sessions from 3 Mar to 25 Apr. Best e1RM 131.6 kg on 21 Apr; latest 128.9 kg. Trend from 118.5 to 129.2 kg (+10.7). 3 PRs."
    /// </summary>
    public static string Lift(ReportData data, LiftSeries? lift)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (lift is null)
            return "No sessions with loaded sets in this window.";
        var shown = lift.Plotted.ToList();
        if (shown.Count == 0)
            return $"{lift.Name}: no loaded sets in this window.";
        var best = shown.MaxBy(p => p.E1RmKg)!;
        var latest = shown[^1];
        var text = $"{lift.Name}: {Count(shown.Count, "session")} from {Day(data, shown[0].Date)} to {Day(data, latest.Date)}. " +
            $"Best e1RM {Load(data, best.E1RmKg)} on {Day(data, best.Date)}; latest {Load(data, latest.E1RmKg)}.";
        if (shown.Count > 1 && shown[0].TrendKg is { } from && latest.TrendKg is { } to)
        {
            var change = Effort.Load.Kg(to).To(data.Unit).Value - Effort.Load.Kg(from).To(data.Unit).Value;
            text += string.Create(CultureInfo.InvariantCulture, $" Trend from {Load(data, from)} to {Load(data, to)} ({change:+0.#;-0.#;±0}).");
        }
        var prs = shown.Count(p => p.Pr);
        if (prs > 0)
            text += $" {Count(prs, "PR")}.";
        foreach (var f in lift.Flagged)
            text += $" Left out: {Load(data, f.E1RmKg)} on {Day(data, f.Date)}, far off the sessions around it (a unit mix-up?).";
        return text;
    }

    public static string WeeklySets(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Weeks.IsEmpty)
            return "No working sets in this window.";
        var all = data.Weeks.Sum(w => w.All);
        var rated = data.Weeks.Sum(w => w.Total);
        var failures = data.Weeks.Sum(w => w.Failure);
        var unrated = data.Weeks.Sum(w => w.Unrated);
        var shortSets = data.Weeks.Sum(w => w.Rir1 + w.Rir2 + w.Rir3);
        var text = $"{Count(data.Weeks.Length, "week")}, {Count(all, "working set")}";
        if (rated == 0)
            return text + ", none rated with RIR or RPE.";
        text += string.Create(CultureInfo.InvariantCulture,
            $": {(double)shortSets / rated:P0} of the rated ones at 1–3 RIR (goal at least {1 - data.MaxFailureShare:P0}), {(double)failures / rated:P0} to failure (at most {data.MaxFailureShare:P0}), {Count(failures, "failure set")} in all");
        text += unrated > 0 ? $"; {unrated} unrated." : ".";
        var last = data.Weeks[^1];
        text += $" Week of {Day(data, last.Monday)}: {Count(last.All, "set")}, {last.Failure} to failure.";
        return text;
    }

    public static string MuscleSets(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Muscles.IsEmpty)
            return "No working sets in this window.";
        var weeks = data.Muscles[0].Weeks;
        var text = (weeks == 1 ? "Direct working sets per muscle group this week" : $"Direct working sets per muscle group, per week over the last {weeks} weeks") +
            " (a set counts for each primary muscle of its exercise): " +
            string.Join(", ", data.Muscles.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Group} {m.PerWeek:0.#}"))) + ".";
        var below = data.Muscles.Where(m => m.Landmark is { } l && m.PerWeek < l.Mev).ToList();
        var over = data.Muscles.Where(m => m.Landmark is { MrvLow: { } low } && m.PerWeek > low).ToList();
        if (below.Count > 0)
            text += " Below the minimum effective volume (MEV): " + string.Join(", ", below.Select(m => $"{m.Group} (MEV {m.Landmark!.Mev})")) + ".";
        if (over.Count > 0)
            text += " Into the maximum recoverable volume's range (MRV): " + string.Join(", ", over.Select(m => $"{m.Group} ({m.Landmark!.MrvLow}–{m.Landmark.MrvHigh})")) + ".";
        return text + $" Landmarks: {VolumeLandmarks.Source}; drawn only where published.";
    }

    private static readonly (string Name, Func<Wellness, int?> Value)[] Measures =
    [
        ("sleep quality", w => w.SleepQuality), ("mood", w => w.Mood), ("motivation", w => w.Motivation),
        ("fatigue", w => w.Fatigue), ("soreness", w => w.Soreness), ("aches", w => w.Aches),
    ];

    public static string Wellness(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Wellness.IsEmpty)
            return "No check-ins in this window.";
        var last = data.Wellness[^1].Date;
        var recent = data.Wellness.Where(w => w.Date > last.AddDays(-ReportCharts.TrendDays)).ToList();
        var means = Measures
            .Select(m => (m.Name, Values: recent.Select(m.Value).OfType<int>().ToList()))
            .Where(m => m.Values.Count > 0)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Values.Average():0.0}"));
        var text = $"{Count(data.Wellness.Length, "check-in")}. Means of the last {ReportCharts.TrendDays} days (1–5; for fatigue, soreness and aches higher is worse): {string.Join(", ", means)}.";
        var runs = Runs(data.WarningDays);
        if (runs.Count == 0)
            return text + " No warning days.";
        return text + $" {Count(data.WarningDays.Length, "warning day")}: " + string.Join("; ", runs.Select(r =>
            $"{(r.First == r.Last ? Day(data, r.First) : $"{Day(data, r.First)}–{Day(data, r.Last)}")} ({string.Join(", ", r.Codes.Select(Words))})")) + ".";
    }

    /// <summary>The warning days in short, for a summary: how many, and the latest <paramref name="latest"/> runs of them.</summary>
    public static string WarningDays(ReportData data, int latest = 3)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Wellness.IsEmpty)
            return "No check-ins in this window.";
        var runs = Runs(data.WarningDays);
        if (runs.Count == 0)
            return $"None in {Count(data.Wellness.Length, "check-in")}.";
        var shown = runs.TakeLast(latest).Select(r =>
            $"{(r.First == r.Last ? Day(data, r.First) : $"{Day(data, r.First)}–{Day(data, r.Last)}")} ({string.Join(", ", r.Codes.Select(Words))})");
        return $"{Count(data.WarningDays.Length, "warning day")} in {Count(data.Wellness.Length, "check-in")}; " +
            (runs.Count > latest ? $"the latest: " : "") + string.Join("; ", shown) + ".";
    }

    public static string FailureBudget(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Budget.IsEmpty)
            return "No sessions in this window.";
        var today = data.Budget[^1];
        var text = $"On {Day(data, today.Date)}: {today.Used} failure set{(today.Used == 1 ? "" : "s")} in the last {data.BudgetWindowDays} days of {today.Allowed} allowed";
        text += today.Beyond > 0 ? $" ({today.Beyond} beyond failure)." : ".";
        var over = data.Budget.Where(b => b.Over).ToList();
        text += over.Count == 0
            ? " Never over the budget in this window."
            : $" Over the budget on {Count(over.Count, "day")}, the most {over.Max(b => b.Used)} on {Day(data, over.MaxBy(b => b.Used)!.Date)}.";
        return text;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}
