using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Store.Data;
using Failsafe.Store.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Training;

/// <summary>
/// Reads the stored log into the engine's terms (a <see cref="Scenario"/>), with explicit mapping between rows
/// and domain types.
/// </summary>
public static class TrainingStore
{
    /// <summary>How far back history is loaded in full; older sessions only contribute each exercise's last session and the bench record (E3).</summary>
    public const int HistoryDays = 120;

    public static ProfileRow? Profile(FailsafeDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.MyProfile.AsNoTracking().FirstOrDefault();
    }

    public static Athlete ToAthlete(ProfileRow p, IEnumerable<string> injuries)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new Athlete(
            p.TrainingYears,
            Words.Map<FormUnderFatigue>().GetValueOrDefault(p.FormUnderFatigue, FormUnderFatigue.Good),
            p.SleepHours,
            Words.Map<Stress>().GetValueOrDefault(p.Stress, Stress.Moderate),
            [.. injuries],
            Words.Map<Goal>().GetValueOrDefault(p.Goal, Goal.General),
            p.InSeason,
            Words.Map<Split>().GetValueOrDefault(p.Split, Split.FullBody),
            p.CompetitionPrep,
            p.BodyweightKg,
            p.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);
    }

    /// <summary>
    /// The scenario for <paramref name="today"/>: profile, current injuries, events, check-ins of the last 60 days,
    /// the last <see cref="HistoryDays"/> days of sessions in full, plus — from before that — the last session of
    /// every exercise in <paramref name="session"/> (for loads) and the best barbell bench sets (for E3).
    /// </summary>
    public static Scenario Scenario(FailsafeDb db, ExerciseResolver resolver, DateOnly today, PlannedSession session)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(session);
        var profile = Profile(db) ?? throw new InvalidOperationException("No profile yet: run `failsafe init` first.");
        var injuries = db.Mine<InjuryRow>().AsNoTracking().Where(i => (i.ClearedOn == null || i.ClearedOn > today) && i.Since <= today).OrderBy(i => i.Id).Select(i => i.Description).ToList();
        var events = db.Mine<EventRow>().AsNoTracking().Where(e => e.Date >= today).OrderBy(e => e.Date).ThenBy(e => e.Id).ToList()
            .Select(e => new TrainingEvent(e.Date, e.Name)).ToImmutableArray();
        var checkInsFrom = today.AddDays(-60);
        var wellness = db.Mine<CheckInRow>().AsNoTracking().Where(c => c.Date >= checkInsFrom && c.Date <= today).OrderBy(c => c.Date).ToList()
            .Select(c => new Wellness(c.Date, c.SleepHours, c.SleepQuality, c.Fatigue, c.Mood, c.Soreness, c.Aches, c.Motivation))
            .ToImmutableArray();

        var from = today.AddDays(-HistoryDays);
        var sessions = db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).AsSplitQuery()
            .Where(s => s.Date > from && s.Date <= today).OrderBy(s => s.Id).ToList();
        var seen = sessions.Select(s => s.Id).ToHashSet();
        foreach (var id in PlannedExerciseIds(session))
        {
            var lastId = db.Mine<SetRow>().AsNoTracking().Where(s => s.ExerciseId == id)
                .Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { x.Id, x.Date })
                .Where(x => x.Date <= from).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).Select(x => x.Id).FirstOrDefault();
            if (lastId != 0 && seen.Add(lastId))
                sessions.Add(db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).Single(s => s.Id == lastId));
        }
        var benchIds = BenchExerciseIds(resolver);
        var bench = db.Mine<SetRow>().AsNoTracking().Where(s => benchIds.Contains(s.ExerciseId) && s.Failure == "none" && s.WeightKg >= BenchMinKg)
            .Join(db.Mine<SessionRow>(), s => s.SessionId, x => x.Id, (s, x) => new { Set = s, x.Date })
            .Where(x => x.Date <= from).OrderByDescending(x => x.Set.WeightKg).ThenBy(x => x.Set.Id).Take(BenchSets).ToList()
            .Select(x => (x.Set, x.Date)).ToList();
        return Assemble(profile, injuries, events, wellness, sessions, bench, resolver, today, session);
    }

    /// <summary>E3 looks at the heaviest controlled barbell bench sets ever done: this many, from this weight.</summary>
    internal const int BenchSets = 20;

    internal const double BenchMinKg = 80;

    /// <summary>The exercises of the planned session, each once: their last session before the window is loaded too.</summary>
    internal static List<string> PlannedExerciseIds(PlannedSession session) => [.. session.Exercises.Select(e => e.Exercise.Id).Distinct()];

    /// <summary>The catalog's barbell bench presses (E3 only needs the heaviest controlled sets of these).</summary>
    internal static List<string> BenchExerciseIds(ExerciseResolver resolver) =>
        [.. resolver.Catalog.All.Where(e => e.Pattern == MovementPattern.HorizontalPress && e.Equipment == "barbell"
            && e.Name.Contains("Bench Press", StringComparison.OrdinalIgnoreCase)).Select(e => e.Id)];

    /// <summary>
    /// The scenario from the rows read (by EF here, by plain SQL in <see cref="SqlTrainingLog"/>): sessions in the
    /// order read, then sorted by date (stably), and the bench sets as one extra session dated by the earliest of them.
    /// </summary>
    internal static Scenario Assemble(
        ProfileRow profile, List<string> injuries, ImmutableArray<TrainingEvent> events, ImmutableArray<Wellness> wellness,
        List<SessionRow> sessions, List<(SetRow Set, DateOnly Date)> bench, ExerciseResolver resolver, DateOnly today, PlannedSession session)
    {
        var history = ImmutableArray.CreateBuilder<LoggedSession>(sessions.Count + 1);
        foreach (var s in sessions.OrderBy(s => s.Date))
            history.Add(ToSession(s, resolver));
        if (bench.Count > 0)
        {
            var benchSession = new SessionRow { Date = bench.Min(b => b.Date), Sets = [.. bench.Select(b => b.Set)] };
            history.Add(ToSession(benchSession, resolver));
        }

        var phase = Words.Map<Phase>().GetValueOrDefault(profile.Phase, Phase.Hypertrophy);
        return new Scenario(today, ToAthlete(profile, injuries), phase, events, history.ToImmutable(), wellness, session);
    }

    // The words of a set and a session, mapped once (Words.Map builds its dictionary on every call; a scenario maps thousands of sets).
    private static readonly Dictionary<string, FailureLevel> FailureLevels = Words.Map<FailureLevel>();
    private static readonly Dictionary<string, Technique> Techniques = Words.Map<Technique>();
    private static readonly Dictionary<string, DayType> DayTypes = Words.Map<DayType>();

    public static LoggedSession ToSession(SessionRow row, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(resolver);
        var exercises = ImmutableArray.CreateBuilder<LoggedExercise>();
        foreach (var group in row.Sets.OrderBy(s => s.Order).ThenBy(s => s.Id).GroupBy(s => s.ExerciseId))
        {
            var first = group.First();
            var exercise = resolver.Resolve(first.ExerciseName).Exercise
                ?? resolver.Catalog.Resolve(group.Key).Exercise
                ?? throw new InvalidOperationException($"Stored exercise '{first.ExerciseName}' ({group.Key}) is no longer known.");
            exercises.Add(new LoggedExercise(first.ExerciseName, exercise, [.. group.Select(ToSet)]));
        }
        DayType? dayType = row.DayType is { } d && DayTypes.TryGetValue(d, out var t) ? t : null;
        return new LoggedSession(row.Date, dayType, exercises.ToImmutable());
    }

    public static LoggedSet ToSet(SetRow s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var failure = FailureLevels.GetValueOrDefault(s.Failure, FailureLevel.None);
        var rir = failure != FailureLevel.None ? 0 : s.Rir ?? (s.Rpe is { } rpe ? 10 - rpe : 2);
        Technique? technique = s.Technique is { } t && Techniques.TryGetValue(t, out var tech) ? tech : null;
        return new LoggedSet(s.WeightKg, Math.Max(s.Reps, failure == FailureLevel.None ? 1 : 0), Rir.Of(Math.Clamp(Math.Round(rir * 2) / 2, 0, 10)), failure, technique, s.Warmup);
    }
}
