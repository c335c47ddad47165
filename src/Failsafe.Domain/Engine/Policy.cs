namespace Failsafe.Engine;

/// <summary>
/// Every number the rules use, in one place, with the defaults documented in docs/rules.md
/// (each with the text or paper it comes from). A coach can load a stricter or looser policy;
/// <see cref="Validate"/> names the first field that makes no sense.
/// </summary>
public sealed record Policy
{
    public static Policy Default { get; } = new();

    // E — eligibility
    public double MinTrainingYears { get; init; } = 2;                       // E1: "at least 2–3 years"
    public double MinSleepHours { get; init; } = 7;                          // E1: "7+ h sleep"
    public bool RequireExcellentForm { get; init; } = true;                  // E1: "excellent form under fatigue"
    public Stress MaxStress { get; init; } = Stress.Moderate;                // E1: "stress managed"
    public double AdvancedBenchKg { get; init; } = 102;                      // E3: 225 lb × 8
    public int AdvancedBenchReps { get; init; } = 8;                         // E3
    public int LayoffDays { get; init; } = 28;                               // E5: "months off"; 4 weeks as the issue states

    // F — where failure may happen
    public int LastExercisesForFailure { get; init; } = 3;                   // F6: last one to three exercises
    public double HighCnsMinRir { get; init; } = 2;                          // F7 / S2: stop 2–3 short on the big lifts

    // B — budget
    public double MaxFailureShare { get; init; } = 0.20;                     // B1: 80/20
    public int ShareWindowDays { get; init; } = 28;                          // B1: window the share is counted over
    public int MaxFailureExercisesPerSession { get; init; } = 1;             // B2: start small
    public int MaxFailureSetsPerExercisePerWeek { get; init; } = 2;          // B3: once or twice a week
    public int BudgetWindowDays { get; init; } = 14;                         // B4: two-week window
    public int FailureSetsPerWindow { get; init; } = 4;                      // B4: "a few"
    public ImmutableDictionary<Split, int> SplitFailureSetsPerWeek { get; init; } = // B5
        ImmutableDictionary.CreateRange(new Dictionary<Split, int> { [Split.FullBody] = 2, [Split.UpperLower] = 3, [Split.BodyPart] = 5 });
    public int CompetitionPrepWindowDays { get; init; } = 28;                // B5: "a few sessions every four weeks"
    public int CompetitionPrepFailureSets { get; init; } = 2;                // B5

    // R — recovery
    public int CnsRecoveryHours { get; init; } = 72;                         // R1
    public int HeavyLowerBodyRecoveryDays { get; init; } = 7;                // R2: 7–14 days; the low end
    public double HeavyLowerBodyRir { get; init; } = 1;                      // R2: a set at or below this RIR makes a squat/hinge session "all-out"
    public int MuscleRecoveryHours { get; init; } = 72;                      // R3 / B5: ≥ 72 h for the same muscle
    public int EventWindowDays { get; init; } = 2;                           // R4: "the couple of days before"
    public int BeyondFailureRestHours { get; init; } = 72;                    // R5
    public int MaxWorkingSetsAfterFailure { get; init; } = 8;                // R6

    // S — structure
    public int MinFailureReps { get; init; } = 5;                            // S5: 5–15 acceptable
    public int MaxFailureReps { get; init; } = 15;                           // S5
    public int CompoundFailuresPerWeekInHypertrophy { get; init; } = 1;      // S3
    public bool HypertrophyFailureOnFreeWeightCompounds { get; init; }       // S3 conflict: default only machine/safe compounds
    public double HardDayRir { get; init; } = 2;                             // B1: hard days at RPE 8 (2 RIR); ~90 % of sessions at RPE 7–8 [002]
    public double MediumDayRir { get; init; } = 2;
    public double LightDayRir { get; init; } = 3;
    public double DeloadRir { get; init; } = 3;                              // S4: deloads at 1–3 RIR, the top end
    public double NotEligibleMinRir { get; init; } = 2;                      // E2: 2–3 RIR
    public int MaxHardDaysPerWeek { get; init; } = 2;                        // S1

    // W — monitoring
    public int DeclineSessions { get; init; } = 3;                           // W1: several sessions in a row
    public double DeclineThreshold { get; init; } = 0.025;                   // W1: 2.5 % under the previous best
    public int DeclineLookbackDays { get; init; } = 42;
    public int PlateauWeeks { get; init; } = 4;                              // W1/W3: ~4 weeks of training show a plateau (docs/estimators.md)
    public int PlateauMinSessions { get; init; } = 6;                        // "consistent training" inside the plateau window
    public double PlateauMinProgress { get; init; } = 0.01;                  // an e1RM trend of 1 % per PlateauWeeks counts as progress
    public int WellnessRecentDays { get; init; } = 7;
    public int WellnessBaselineDays { get; init; } = 28;
    public int WellnessMinBaselineEntries { get; init; } = 5;
    public int PersistentDays { get; init; } = 3;                            // W1: persistent = several days, not one night
    public double WellnessDelta { get; init; } = 1.0;                        // worse than own baseline by a point
    public double PoorSleepHours { get; init; } = 6;
    public int DeloadSigns { get; init; } = 3;                               // W2: deload when this many signs stack up
    public int BrokenSessionFailureSets { get; init; } = 3;                  // W4: this many failure sets in one session make it a test
    public int WorseSessions { get; init; } = 2;                             // W4: this many sessions left "worse" within twice WellnessRecentDays is a sign

    // Planning
    public int MesocycleWeeks { get; init; } = 4;                            // 3 weeks ramping RIR 3 → 2 → 1, then a deload (EVIDENCE: ramps, deload every 5.6 ± 2.3 weeks)
    public double DeloadSetFactor { get; init; } = 0.5;                      // S4 / EVIDENCE: deload volume −25…−90 %; half the sets
    public double LightDaySetFactor { get; init; } = 0.67;                   // S1: a light day is lighter in volume too: two thirds of the sets
    public double FirstSessionRir { get; init; } = 3;                        // S6: no history → a conservative first session
    public double ProgressionStepKg { get; init; }                           // S6: 0 = the smallest loadable step; else at least this much (kg)
    public int PlateauBlockWeeks { get; init; } = 2;                         // B6: two weeks
    public int PlateauBlockFailureDays { get; init; } = 3;                   // B6: failure on three days a week
    public double NextSetDropThreshold { get; init; } = 0.10;                // autoregulation: 10 % under the expected e1RM cuts the day
    public double OneStepFromRir { get; init; } = 5;                         // autoregulation: a set reported at 5+ RIR moves the next load one step at most (RIR error > 2 reps at 7–10 RIR, Hackett 2017)
    public int RestSeconds { get; init; } = 120;                             // R6: rest assumed between sets (drop-off ratios by rest); the rest prescribed after a set of a lighter exercise
    public int HeavyRestSeconds { get; init; } = 180;                        // R6: rest after a set of a heavy compound (3 min keeps ~0.75–0.80 of the reps, 2 min ~0.70–0.75)
    public int FailureRestSeconds { get; init; } = 300;                      // R6: rest after a failure set (5 min keeps ~0.90 of the reps)
    public int WarmupRestSeconds { get; init; } = 60;                        // F6: warm-ups are light; a minute is enough

    // Loads
    public double MaxRiseHeavyCompound { get; init; } = 0.05;                // S6: a heavy barbell compound (high CNS demand) rises at most 5 % per session (at least one loadable step)
    public double MaxRise { get; init; } = 0.10;                             // S6: any other exercise at most 10 % per session (at least one loadable step)
    public double LayoffLoadCut { get; init; } = 0.10;                       // E5: after a layoff, loads start at least 10 % under the last logged (EVIDENCE: deload loads −10 %)
    public double LayoffRir { get; init; } = 3;                              // E5: and at least 3 RIR ("failure might happen sooner")
    public ImmutableArray<double> WarmupRamp { get; init; } = [0.4, 0.6, 0.8]; // F6: warm-up sets at these shares of the first work set's load (heavy compounds)
    public ImmutableArray<double> LightWarmupRamp { get; init; } = [0.5, 0.75]; // F6: before the first exercise of a muscle group that is not a heavy compound

    // Planning: the mesocycle's RIR ramp in B1's bands
    public double PeakWeekRir { get; init; } = 1;                            // B1: RPE 9 for the hard days of a mesocycle's peak week; earlier weeks one RIR more per week

    /// <summary>The first invalid field, as "field: problem", or null when the policy is usable.</summary>
    public string? Validate()
    {
        static bool Share(double v) => v is >= 0 and <= 1;
        static bool Rir(double v) => v is >= 0 and <= 10 && Math.Abs(v * 2 - Math.Round(v * 2)) < 1e-9;
        var checks = new (string Field, bool Ok, string Problem)[]
        {
            (nameof(MinTrainingYears), MinTrainingYears is >= 0 and <= 80, "must be 0–80 years"),
            (nameof(MinSleepHours), MinSleepHours is >= 0 and <= 24, "must be 0–24 hours"),
            (nameof(AdvancedBenchKg), AdvancedBenchKg is > 0 and <= 500, "must be a weight above 0 and at most 500 kg"),
            (nameof(AdvancedBenchReps), AdvancedBenchReps is >= 1 and <= 30, "must be 1–30 reps"),
            (nameof(LayoffDays), LayoffDays is >= 1 and <= 365, "must be 1–365 days"),
            (nameof(LastExercisesForFailure), LastExercisesForFailure is >= 0 and <= 20, "must be 0–20 exercises"),
            (nameof(HighCnsMinRir), Rir(HighCnsMinRir), "must be a RIR 0–10 in half steps"),
            (nameof(MaxFailureShare), Share(MaxFailureShare), "must be a share between 0 and 1"),
            (nameof(ShareWindowDays), ShareWindowDays is >= 1 and <= 365, "must be 1–365 days"),
            (nameof(MaxFailureExercisesPerSession), MaxFailureExercisesPerSession is >= 0 and <= 20, "must be 0–20"),
            (nameof(MaxFailureSetsPerExercisePerWeek), MaxFailureSetsPerExercisePerWeek is >= 0 and <= 20, "must be 0–20"),
            (nameof(BudgetWindowDays), BudgetWindowDays is >= 1 and <= 365, "must be 1–365 days"),
            (nameof(FailureSetsPerWindow), FailureSetsPerWindow is >= 0 and <= 200, "must be 0–200"),
            (nameof(SplitFailureSetsPerWeek), SplitFailureSetsPerWeek is not null && Enum.GetValues<Split>().All(s => SplitFailureSetsPerWeek.TryGetValue(s, out var n) && n is >= 0 and <= 50),
                "must give 0–50 sets for each of full-body, upper-lower and body-part"),
            (nameof(CompetitionPrepWindowDays), CompetitionPrepWindowDays is >= 1 and <= 365, "must be 1–365 days"),
            (nameof(CompetitionPrepFailureSets), CompetitionPrepFailureSets is >= 0 and <= 50, "must be 0–50"),
            (nameof(CnsRecoveryHours), CnsRecoveryHours is >= 0 and <= 24 * 30, "must be 0–720 hours"),
            (nameof(HeavyLowerBodyRecoveryDays), HeavyLowerBodyRecoveryDays is >= 0 and <= 60, "must be 0–60 days"),
            (nameof(HeavyLowerBodyRir), Rir(HeavyLowerBodyRir), "must be a RIR 0–10 in half steps"),
            (nameof(MuscleRecoveryHours), MuscleRecoveryHours is >= 0 and <= 24 * 30, "must be 0–720 hours"),
            (nameof(EventWindowDays), EventWindowDays is >= 0 and <= 60, "must be 0–60 days"),
            (nameof(BeyondFailureRestHours), BeyondFailureRestHours is >= 0 and <= 24 * 30, "must be 0–720 hours"),
            (nameof(MaxWorkingSetsAfterFailure), MaxWorkingSetsAfterFailure is >= 0 and <= 100, "must be 0–100 sets"),
            (nameof(MinFailureReps), MinFailureReps is >= 1 and <= 100, "must be 1–100 reps"),
            (nameof(MaxFailureReps), MaxFailureReps >= MinFailureReps && MaxFailureReps <= 100, "must be at least MinFailureReps and at most 100"),
            (nameof(CompoundFailuresPerWeekInHypertrophy), CompoundFailuresPerWeekInHypertrophy is >= 0 and <= 20, "must be 0–20"),
            (nameof(HardDayRir), Rir(HardDayRir) && HardDayRir >= 1, "must be a RIR 1–10 in half steps (0 is failure, which rules grant, not day types)"),
            (nameof(MediumDayRir), Rir(MediumDayRir) && MediumDayRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(LightDayRir), Rir(LightDayRir) && LightDayRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(DeloadRir), Rir(DeloadRir) && DeloadRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(NotEligibleMinRir), Rir(NotEligibleMinRir) && NotEligibleMinRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(MaxHardDaysPerWeek), MaxHardDaysPerWeek is >= 0 and <= 7, "must be 0–7 days"),
            (nameof(DeclineSessions), DeclineSessions is >= 2 and <= 20, "must be 2–20 sessions"),
            (nameof(DeclineThreshold), DeclineThreshold is > 0 and < 0.5, "must be a share above 0 and below 0.5"),
            (nameof(DeclineLookbackDays), DeclineLookbackDays is >= 7 and <= 365, "must be 7–365 days"),
            (nameof(PlateauWeeks), PlateauWeeks is >= 2 and <= 52, "must be 2–52 weeks"),
            (nameof(PlateauMinSessions), PlateauMinSessions is >= 2 and <= 100, "must be 2–100 sessions"),
            (nameof(PlateauMinProgress), PlateauMinProgress is >= 0 and < 0.5, "must be a share from 0 to below 0.5"),
            (nameof(WellnessRecentDays), WellnessRecentDays is >= 1 and <= 60, "must be 1–60 days"),
            (nameof(WellnessBaselineDays), WellnessBaselineDays is >= 1 and <= 365, "must be 1–365 days"),
            (nameof(WellnessMinBaselineEntries), WellnessMinBaselineEntries is >= 1 and <= 365, "must be 1–365 entries"),
            (nameof(PersistentDays), PersistentDays >= 1 && PersistentDays <= WellnessRecentDays, "must be at least 1 and at most WellnessRecentDays"),
            (nameof(WellnessDelta), WellnessDelta is > 0 and <= 4, "must be above 0 and at most 4 points"),
            (nameof(PoorSleepHours), PoorSleepHours is >= 0 and <= 24, "must be 0–24 hours"),
            (nameof(DeloadSigns), DeloadSigns is >= 1 and <= 20, "must be 1–20 signs"),
            (nameof(BrokenSessionFailureSets), BrokenSessionFailureSets is >= 1 and <= 100, "must be 1–100 sets"),
            (nameof(WorseSessions), WorseSessions is >= 1 and <= 20, "must be 1–20 sessions"),
            (nameof(MesocycleWeeks), MesocycleWeeks is >= 2 and <= 12, "must be 2–12 weeks (the last is the deload)"),
            (nameof(DeloadSetFactor), DeloadSetFactor is > 0 and <= 1, "must be a share above 0 and at most 1"),
            (nameof(LightDaySetFactor), LightDaySetFactor is > 0 and <= 1, "must be a share above 0 and at most 1"),
            (nameof(FirstSessionRir), Rir(FirstSessionRir) && FirstSessionRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(ProgressionStepKg), ProgressionStepKg is >= 0 and <= 50, "must be 0–50 kg (0 = the smallest loadable step)"),
            (nameof(PlateauBlockWeeks), PlateauBlockWeeks is >= 1 and <= 8, "must be 1–8 weeks"),
            (nameof(PlateauBlockFailureDays), PlateauBlockFailureDays is >= 1 and <= 4, "must be 1–4 days (never two hard days in a row)"),
            (nameof(NextSetDropThreshold), NextSetDropThreshold is > 0 and < 0.5, "must be a share above 0 and below 0.5"),
            (nameof(OneStepFromRir), Rir(OneStepFromRir) && OneStepFromRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(RestSeconds), RestSeconds is >= 30 and <= 600, "must be 30–600 seconds"),
            (nameof(HeavyRestSeconds), HeavyRestSeconds is >= 30 and <= 900, "must be 30–900 seconds"),
            (nameof(FailureRestSeconds), FailureRestSeconds is >= 30 and <= 900, "must be 30–900 seconds"),
            (nameof(WarmupRestSeconds), WarmupRestSeconds is >= 0 and <= 600, "must be 0–600 seconds"),
            (nameof(MaxRiseHeavyCompound), MaxRiseHeavyCompound is >= 0 and <= 0.5, "must be a share from 0 to 0.5"),
            (nameof(MaxRise), MaxRise is >= 0 and <= 0.5, "must be a share from 0 to 0.5"),
            (nameof(LayoffLoadCut), LayoffLoadCut is >= 0 and < 1, "must be a share from 0 to below 1"),
            (nameof(LayoffRir), Rir(LayoffRir) && LayoffRir >= 1, "must be a RIR 1–10 in half steps"),
            (nameof(WarmupRamp), !WarmupRamp.IsDefault && WarmupRamp.Length <= 6 && WarmupRamp.All(v => v is > 0 and < 1), "must be at most 6 shares, each above 0 and below 1"),
            (nameof(LightWarmupRamp), !LightWarmupRamp.IsDefault && LightWarmupRamp.Length <= 6 && LightWarmupRamp.All(v => v is > 0 and < 1), "must be at most 6 shares, each above 0 and below 1"),
            (nameof(HardDayLateSetRirDrop), Rir(HardDayLateSetRirDrop) && HardDayLateSetRirDrop <= 3, "must be 0–3 reps in half steps"),
            (nameof(HeavyLowerBodyFailureRecoveryDays), HeavyLowerBodyFailureRecoveryDays >= HeavyLowerBodyRecoveryDays && HeavyLowerBodyFailureRecoveryDays <= 60, "must be at least HeavyLowerBodyRecoveryDays and at most 60 days"),
            (nameof(BodyPartMuscleRecoveryHours), BodyPartMuscleRecoveryHours is >= 0 and <= 24 * 30, "must be 0–720 hours"),
            (nameof(PeakWeekRir), Rir(PeakWeekRir) && PeakWeekRir >= 1, "must be a RIR 1–10 in half steps"),
        };
        foreach (var (field, ok, problem) in checks)
        {
            if (!ok)
                return $"{char.ToLowerInvariant(field[0])}{field[1..]}: {problem}";
        }
        return null;
    }

    /// <summary>
    /// B1: on a hard day the last set of each of the session's late exercises (F6's last ones) keeps this many reps fewer
    /// in reserve than <see cref="HardDayRir"/>, never under 1: RPE 9 against the day's RPE 8, and it ramps with the plan's
    /// mesocycle as the day's target does.
    /// </summary>
    public double HardDayLateSetRirDrop { get; init; } = 1;

    /// <summary>R2: the CNS window after a hard squat/deadlift day that held failure or technical-failure sets (the top of "7–14 days").</summary>
    public int HeavyLowerBodyFailureRecoveryDays { get; init; } = 14;

    /// <summary>B5: a body-part split fails each muscle group once a week.</summary>
    public int BodyPartMuscleRecoveryHours { get; init; } = 7 * 24;

    /// <summary>
    /// The failure budget the lifter's split sets (B4/B5 and the conflict table), the one place the engine and the planner
    /// read it from: full-body and upper/lower follow B4 (the two-week budget, or the split's weekly allowance over two
    /// weeks when stricter; ≥ <see cref="MuscleRecoveryHours"/> per muscle); a body-part split follows B5 (its weekly
    /// allowance over 7 days, each muscle group once a week); competition prep a few check-ins every four weeks. B1's
    /// share caps all of them.
    /// </summary>
    public FailureBudget BudgetFor(Split split, bool competitionPrep)
    {
        if (competitionPrep)
            return new("B5", CompetitionPrepWindowDays, CompetitionPrepFailureSets, MuscleRecoveryHours);
        if (split == Split.BodyPart)
            return new("B5", 7, SplitFailureSetsPerWeek[split], Math.Max(MuscleRecoveryHours, BodyPartMuscleRecoveryHours));
        var splitAllowance = SplitFailureSetsPerWeek[split] * BudgetWindowDays / 7;
        return splitAllowance < FailureSetsPerWindow
            ? new("B5", BudgetWindowDays, splitAllowance, MuscleRecoveryHours)
            : new("B4", BudgetWindowDays, FailureSetsPerWindow, MuscleRecoveryHours);
    }
}

/// <summary>A split's failure budget: the rule that sets it, failure sets allowed per rolling window of days, and the hours before a muscle fails again.</summary>
public sealed record FailureBudget(string Rule, int WindowDays, int FailureSets, int MuscleRecoveryHours);
