using Failsafe.Monitoring;

namespace Failsafe.Engine;

/// <summary>
/// What the rules need to know about the lifter's recent past, computed once per evaluation
/// from the scenario. Windows are counted in whole days back from <see cref="Scenario.Today"/>:
/// "72 h" covers the two previous days and today.
/// </summary>
public sealed class Facts
{
    public Facts(Scenario scenario, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        Scenario = scenario;
        Policy = policy;
        Log = new TrainingLog(scenario.History);
        var today = scenario.Today;

        Eligibility = EligibilityRules.Evaluate(scenario, Log, policy);

        var split = policy.BudgetFor(scenario.Athlete.Split, scenario.Athlete.CompetitionPrep);
        BudgetRule = split.Rule;
        MuscleRecoveryHours = split.MuscleRecoveryHours;
        Budget = new Budget(split.WindowDays, TrainingLog.FailureSets(Log.LastDays(today, split.WindowDays)), split.FailureSets);

        // B1 counts rated working sets: a drop set belongs to its parent, an unrated set cannot be placed.
        var (rated, failures, _) = TrainingLog.Split(Log.LastDays(today, policy.ShareWindowDays));
        ShareWorkingSets = rated;
        FailureShare = rated == 0 ? 0 : (double)failures / rated;

        var cnsDays = HoursToDays(policy.CnsRecoveryHours);
        var muscleDays = HoursToDays(MuscleRecoveryHours);
        var restDays = HoursToDays(policy.BeyondFailureRestHours);
        var longest = Math.Max(Math.Max(Math.Max(cnsDays, muscleDays), Math.Max(restDays, 7)), policy.HeavyLowerBodyFailureRecoveryDays);
        foreach (var session in Log.LastDays(today, longest))
        {
            var age = today.DayNumber - session.Date.DayNumber;
            var heavyLower = false;
            var heavyLowerFailed = false;
            foreach (var e in session.Exercises)
            {
                var x = e.Exercise;
                foreach (var set in e.Sets)
                {
                    if (set.Warmup)
                        continue;
                    if (x.Cns == CnsDemand.High && x.Pattern is MovementPattern.Squat or MovementPattern.Hinge)
                    {
                        heavyLower |= set.IsFailure || (set.Rated && set.Rir.Value <= policy.HeavyLowerBodyRir);
                        heavyLowerFailed |= set.IsFailure;
                    }
                    if (!set.IsFailure)
                        continue;
                    if (age < 7)
                    {
                        FailureSetsThisWeek[x.Id] = FailureSetsThisWeek.GetValueOrDefault(x.Id) + 1;
                        if (x.Mechanic == Mechanic.Compound)
                            CompoundFailuresThisWeek++;
                    }
                    if (age < cnsDays && x.Cns >= CnsDemand.Moderate)
                        CnsFailure ??= (session.Date, x.Name);
                    if (age < muscleDays)
                    {
                        foreach (var m in x.PrimaryMuscles)
                            MusclesFailed.TryAdd(m, session.Date);
                    }
                    if (age < restDays && set.Technique is not null)
                        BeyondFailure ??= (session.Date, x.Name);
                    // R5/B5: a body-part split rests yesterday's muscle groups by itself; only a group trained again today needs the extra rest.
                    if (age == 1 && (scenario.Athlete.Split != Split.BodyPart || x.PrimaryMuscles.Any(TrainedToday(scenario).Contains)))
                        FailedYesterday = true;
                }
            }
            // R2: 7 days after a hard squat/deadlift day, 14 after one that held failure or technical-failure sets.
            var window = heavyLowerFailed ? policy.HeavyLowerBodyFailureRecoveryDays : policy.HeavyLowerBodyRecoveryDays;
            if (heavyLower && age < window && HeavyLowerBody is null)
                HeavyLowerBody = (session.Date, window);
        }

        // S1: at most MaxHardDaysPerWeek hard days in a calendar week (Monday to Sunday) and never two in a row; a
        // rotating week may put three inside some rolling seven days, which the rule allows.
        var hardDays = new HashSet<DateOnly>();
        var hardYesterday = false;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        foreach (var s in Log.Between(today.AddDays(-8), today.AddDays(-1)))
        {
            if (s.DayType != DayType.Hard)
                continue;
            if (s.Date >= monday)
                hardDays.Add(s.Date);
            if (s.Date == today.AddDays(-1))
                hardYesterday = true;
        }
        HardDaysThisWeek = hardDays.Count;
        HardAfterHard = scenario.Session.DayType == DayType.Hard && hardYesterday;

        // S6: which of today's exercises the lifter has logged before, newest sessions first, stopping once all are found.
        var planned = scenario.Session.Exercises.Select(e => e.Exercise.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = Log.Sessions.Length - 1; i >= 0 && Known.Count < planned.Count; i--)
        {
            foreach (var e in Log.Sessions[i].Exercises)
            {
                if (planned.Contains(e.Exercise.Id))
                    Known.Add(e.Exercise.Id);
            }
        }

        // Warning signs are read from what the lifter logged (and the check-ins), never from sessions assumed ahead.
        var evidence = scenario.Logged.IsDefault ? Log : new TrainingLog(scenario.Logged);
        foreach (var s in evidence.LastDays(today, policy.BudgetWindowDays))
        {
            if (TrainingLog.FailureSets([s]) >= policy.BrokenSessionFailureSets)
                BrokenSession ??= s.Date;
        }

        foreach (var ev in scenario.Events.OrderBy(e => e.Date))
        {
            if (ev.Date >= today && ev.Date.DayNumber - today.DayNumber <= policy.EventWindowDays)
            {
                EventSoon = ev;
                break;
            }
        }

        WellnessSigns = Monitoring.WellnessSigns.Detect(scenario.Wellness, today, policy);
        if (Monitoring.WellnessSigns.LeftWorse(scenario.Evidence, today, policy) is { } worse)
            WellnessSigns = WellnessSigns.Add(worse);
        var earlier = Monitoring.WellnessSigns.Detect(scenario.Wellness, today.AddDays(-policy.WellnessRecentDays), policy);
        WellnessPersisting = WellnessSigns.Any(s => earlier.Any(e => e.Code == s.Code));
        Trends = StrengthTrend.Detect(evidence, today, policy);

        var (loggedRated, loggedFailures, _) = ReferenceEquals(evidence, Log) ? (rated, failures, 0) : TrainingLog.Split(evidence.LastDays(today, policy.ShareWindowDays));
        Overused = TrainingLog.FailureSets(evidence.LastDays(today, Budget.WindowDays)) > Budget.FailureSetsAllowed
            || (loggedRated >= 10 && (double)loggedFailures / loggedRated > policy.MaxFailureShare);
        FatigueSigns = !WellnessSigns.IsEmpty || Trends.Any(t => t.Code == "strength-decline");
        ScaleBack = FatigueSigns || Overused || BrokenSession is not null;

        var last = Log.Last;
        if (last is not null && today.DayNumber - last.Date.DayNumber >= policy.LayoffDays)
            LayoffDays = today.DayNumber - last.Date.DayNumber;
    }

    public Scenario Scenario { get; }
    public Policy Policy { get; }
    public TrainingLog Log { get; }
    public Eligibility Eligibility { get; }
    public Budget Budget { get; }

    /// <summary>"B4" when the two-week budget binds, "B5" when the split or competition prep sets it.</summary>
    public string BudgetRule { get; }

    /// <summary>R3/B5: hours before a muscle group fails again (72 h; a body-part split's week).</summary>
    public int MuscleRecoveryHours { get; }

    /// <summary>S6: the session's exercises the lifter has logged before; a first session of any other is conservative.</summary>
    public HashSet<string> Known { get; } = new(StringComparer.Ordinal);
    public int ShareWorkingSets { get; }
    public double FailureShare { get; }
    public Dictionary<string, int> FailureSetsThisWeek { get; } = new(StringComparer.Ordinal);
    public int CompoundFailuresThisWeek { get; }
    public (DateOnly Date, string Exercise)? CnsFailure { get; }
    public Dictionary<string, DateOnly> MusclesFailed { get; } = new(StringComparer.Ordinal);
    public (DateOnly Date, string Exercise)? BeyondFailure { get; }
    /// <summary>R5: failure sets yesterday — for a body-part split, only on a muscle group trained again today.</summary>
    public bool FailedYesterday { get; }
    /// <summary>R2: the latest hard squat/deadlift day still inside its window, and that window in days (7, or 14 after failure).</summary>
    public (DateOnly Date, int WindowDays)? HeavyLowerBody { get; }
    public bool HardAfterHard { get; }
    /// <summary>S1: hard days logged earlier in today's calendar week (Monday to Sunday).</summary>
    public int HardDaysThisWeek { get; }
    public TrainingEvent? EventSoon { get; }
    public ImmutableArray<WellnessSigns.Sign> WellnessSigns { get; }
    public bool WellnessPersisting { get; }
    public List<StrengthTrend.Finding> Trends { get; }
    public bool Overused { get; }

    /// <summary>W4: the latest session in the budget window with so many failure sets that it was a test, not training.</summary>
    public DateOnly? BrokenSession { get; }
    public bool FatigueSigns { get; }
    public bool ScaleBack { get; }
    public int? LayoffDays { get; }

    private static int HoursToDays(int hours) => (hours + 23) / 24;

    private static HashSet<string> TrainedToday(Scenario scenario) =>
        scenario.Session.Exercises.SelectMany(e => e.Exercise.PrimaryMuscles).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reps-to-failure for an e1RM check: bench of AdvancedBenchKg × AdvancedBenchReps at 0 RIR.</summary>
    internal static double AdvancedBenchE1Rm(Policy p) => p.AdvancedBenchKg / OneRepMax.FractionOf1Rm(p.AdvancedBenchReps);
}
