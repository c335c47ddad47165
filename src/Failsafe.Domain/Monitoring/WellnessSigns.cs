namespace Failsafe.Monitoring;

/// <summary>
/// W1 signs read from daily check-ins, each against the lifter's own baseline.
/// </summary>
/// <remarks>
/// The recent window is the last <see cref="Policy.WellnessRecentDays"/> days (today included); the
/// baseline is the mean of the <see cref="Policy.WellnessBaselineDays"/> days before it. A day is "bad" for a
/// measure when it is worse than the baseline mean by at least <see cref="Policy.WellnessDelta"/> and at least
/// middling (3 on the 1–5 scale; needs at least <see cref="Policy.WellnessMinBaselineEntries"/> baseline entries),
/// or whenever it is plainly bad on its own (fatigue/soreness/aches ≥ 4; mood, sleep quality, motivation ≤ 2) —
/// so chronic fatigue that has become the lifter's "baseline" is still a sign.
/// Sleep hours below <see cref="Policy.PoorSleepHours"/> also make a bad sleep day.
/// A sign is raised only when at least <see cref="Policy.PersistentDays"/> recent days are bad: persistent, not
/// one bad night. Measures: fatigue → persistent-fatigue; mood → mood-change; sleep quality and hours →
/// poor-sleep; aches and soreness → aches; motivation → low-motivation.
/// </remarks>
public static class WellnessSigns
{
    private enum Worse { Higher, Lower }

    private sealed record Measure(string Code, Worse Direction, Func<Wellness, double?> Value, string Words);

    private static readonly Measure[] Measures =
    [
        new("persistent-fatigue", Worse.Higher, w => w.Fatigue, "fatigue"),
        new("mood-change", Worse.Lower, w => w.Mood, "mood"),
        new("poor-sleep", Worse.Lower, w => w.SleepQuality, "sleep quality"),
        new("aches", Worse.Higher, w => w.Aches, "aches and pains"),
        new("aches", Worse.Higher, w => w.Soreness, "soreness"),
        new("low-motivation", Worse.Lower, w => w.Motivation, "motivation"),
    ];

    public sealed record Sign(string Code, int BadDays, string Message);

    /// <summary>
    /// W4: sessions the lifter left feeling worse than they came in, in the two recent windows (<see cref="Policy.WellnessRecentDays"/> each)
    /// before <paramref name="today"/> (today's own session is not over yet). A sign when at least
    /// <see cref="Policy.WorseSessions"/> were; one bad session is not.
    /// </summary>
    public static Sign? LeftWorse(ImmutableArray<LoggedSession> history, DateOnly today, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (history.IsDefaultOrEmpty)
            return null;
        var days = 2 * policy.WellnessRecentDays;
        var from = today.AddDays(-days);
        var answered = history.Where(s => s.Date >= from && s.Date < today && s.Feeling is not null).ToList();
        var worse = answered.Count(s => s.Feeling == Feeling.Worse);
        return worse >= policy.WorseSessions
            ? new Sign("leaving-worse", worse, $"left {worse} of the last {answered.Count} answered sessions feeling worse than you came in (last {days} days)")
            : null;
    }

    private static bool PlainlyBad(Measure m, double v) => m.Direction == Worse.Higher ? v >= 4 : v <= 2;

    /// <summary>
    /// What is plainly bad in one check-in, in words, whatever the lifter's baseline (fatigue, soreness or aches at 4+;
    /// mood, sleep quality or motivation at 2 or less; sleep under <see cref="Policy.PoorSleepHours"/>): what a coach
    /// looks at first. One bad day is not a sign (see <see cref="Detect"/>), but it is worth a look.
    /// </summary>
    public static ImmutableArray<string> Flags(Wellness entry, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(policy);
        var flags = ImmutableArray.CreateBuilder<string>();
        if (entry.SleepHours is { } h && h < policy.PoorSleepHours)
            flags.Add($"slept {h:0.#} h");
        foreach (var m in Measures)
        {
            if (m.Value(entry) is { } v && PlainlyBad(m, v))
                flags.Add($"{(m.Direction == Worse.Higher ? "high" : "low")} {m.Words} ({v:0})");
        }
        return flags.ToImmutable();
    }

    /// <summary>Signs in the window ending on <paramref name="today"/>.</summary>
    public static ImmutableArray<Sign> Detect(ImmutableArray<Wellness> entries, DateOnly today, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (entries.IsDefaultOrEmpty)
            return [];
        var recentFrom = today.AddDays(-policy.WellnessRecentDays);
        var baselineFrom = recentFrom.AddDays(-policy.WellnessBaselineDays);
        var recent = new List<Wellness>();
        var baseline = new List<Wellness>();
        foreach (var w in entries)
        {
            if (w.Date > recentFrom && w.Date <= today)
                recent.Add(w);
            else if (w.Date > baselineFrom && w.Date <= recentFrom)
                baseline.Add(w);
        }

        var bad = new Dictionary<string, (HashSet<DateOnly> Days, List<string> Words)>(StringComparer.Ordinal);
        void Mark(string code, DateOnly day, string words)
        {
            if (!bad.TryGetValue(code, out var b))
                bad[code] = b = ([], []);
            b.Days.Add(day);
            if (!b.Words.Contains(words))
                b.Words.Add(words);
        }

        foreach (var m in Measures)
        {
            var values = baseline.Select(m.Value).OfType<double>().ToList();
            double? mean = values.Count >= policy.WellnessMinBaselineEntries ? values.Average() : null;
            foreach (var w in recent)
            {
                if (m.Value(w) is not { } v)
                    continue;
                // Plainly bad days count whatever the baseline, so a sign that has lasted for weeks (and so
                // dragged the baseline with it) is still reported; milder days count when they break the lifter's norm.
                var plainlyBad = PlainlyBad(m, v);
                var worseThanUsual = mean is { } b && (m.Direction == Worse.Higher
                    ? v >= b + policy.WellnessDelta && v >= 3
                    : v <= b - policy.WellnessDelta && v <= 3);
                var isBad = plainlyBad || worseThanUsual;
                if (isBad)
                    Mark(m.Code, w.Date, m.Words);
            }
        }
        foreach (var w in recent)
        {
            if (w.SleepHours is { } h && h < policy.PoorSleepHours)
                Mark("poor-sleep", w.Date, $"sleep under {policy.PoorSleepHours:0.#} h");
        }

        return
        [
            .. bad.Where(b => b.Value.Days.Count >= policy.PersistentDays)
                .OrderBy(b => b.Key, StringComparer.Ordinal)
                .Select(b => new Sign(b.Key, b.Value.Days.Count,
                    $"{string.Join(" and ", b.Value.Words)} worse than usual on {b.Value.Days.Count} of the last {policy.WellnessRecentDays} days")),
        ];
    }
}
