namespace Failsafe.Store.Training;

/// <summary>
/// Reads the stored log into the engine's terms (a <see cref="Scenario"/>), with explicit mapping between rows
/// and domain types.
/// </summary>
public static class TrainingStore
{
    /// <summary>How far back history is loaded in full; older sessions only contribute each exercise's last session and the bench record (E3).</summary>
    public const int HistoryDays = 120;

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
            p.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg)
        {
            Equipment = EquipmentJson.Stored(p.EquipmentJson),
        };
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
    /// The scenario from the rows read (by <see cref="LogReader"/>): sessions in the
    /// order read, then sorted by date (stably), and the bench sets as one extra session dated by the earliest of them.
    /// </summary>
    public static Scenario Assemble(
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
        DayType? dayType = row.DayType is { } d && Words.Map<DayType>().TryGetValue(d, out var t) ? t : null;
        Feeling? feeling = row.Feeling is { } f && Words.Map<Feeling>().TryGetValue(f, out var answer) ? answer : null;
        return new LoggedSession(row.Date, dayType, exercises.ToImmutable(), feeling);
    }

    /// <summary>
    /// The engine's set for a stored row. A row without RIR, RPE or a failure mark stays unrated (<see cref="LoggedSet.Rated"/>
    /// false): nothing is invented for it. A drop row stays tied to the set before it (<see cref="LoggedSet.Drop"/>).
    /// </summary>
    public static LoggedSet ToSet(SetRow s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var failure = Words.Map<FailureLevel>().GetValueOrDefault(s.Failure, FailureLevel.None);
        double? rir = failure != FailureLevel.None ? 0 : s.Rir ?? (s.Rpe is { } rpe ? 10 - rpe : null);
        Technique? technique = s.Technique is { } t && Words.Map<Technique>().TryGetValue(t, out var tech) ? tech : null;
        return new LoggedSet(s.WeightKg, Math.Max(s.Reps, failure == FailureLevel.None ? 1 : 0), Rir.Of(Math.Clamp(Math.Round((rir ?? 0) * 2) / 2, 0, 10)),
            failure, technique, s.Warmup, s.Drop, rir is not null);
    }
}
