using Failsafe.Catalog;
using Failsafe.Store.Catalog;

namespace Failsafe.Store.Tests.Catalog;

/// <summary>
/// The failure verdicts and CNS demand the bundled catalog derives, checked against RULES.md:
/// F2 (what may go to absolute failure), F3 (what never fails), F4 (spotter or safeties) and F7 (CNS ordering).
/// </summary>
public sealed class ClassificationTests
{
    private const FailureLevel None = FailureLevel.None;
    private const FailureLevel Technical = FailureLevel.Technical;
    private const FailureLevel Absolute = FailureLevel.Absolute;

    private static readonly string[] SpeedOrEventCategories = ["plyometrics", "olympic weightlifting", "strongman"];
    private static readonly string[] FreeWeights = ["barbell", "dumbbell", "kettlebells", "e-z curl bar"];

    private static ExerciseCatalog Catalog => CatalogLoader.Default;

    private static Exercise ById(string id) =>
        Catalog.All.SingleOrDefault(e => e.Id == id) ?? throw new InvalidOperationException($"No exercise with id '{id}' in the catalog.");

    private static void ShouldHaveNoViolations(IEnumerable<Exercise> violations, string rule)
    {
        var list = violations.Select(e => $"{e.Id} ({e.Equipment}, {e.Mechanic}, {e.Category}): {e.MaxFailure}/{e.MaxFailureWithSpotter}, CNS {e.Cns} — {e.ClassificationReason}").ToList();
        list.ShouldBeEmpty($"{rule}:\n{string.Join("\n", list)}");
    }

    [Fact]
    public void Load_BundledCatalog_Has873Exercises()
    {
        Catalog.All.Length.ShouldBe(873);
        CatalogLoader.LoadEntries().Length.ShouldBe(873);
    }

    [Fact]
    public void Load_BundledCatalog_IdsAreUnique()
    {
        Catalog.All.Select(e => e.Id).ShouldBeUnique();
    }

    [Fact]
    public void Load_EveryAlias_PointsToAnExistingExercise()
    {
        var ids = Catalog.All.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var aliases = CatalogLoader.LoadAliases();

        aliases.ShouldNotBeEmpty();
        aliases.Where(a => !ids.Contains(a.Value)).Select(a => $"{a.Key} -> {a.Value}").ShouldBeEmpty();
    }

    [Fact]
    public void Load_EveryAlias_ResolvesToItsTarget()
    {
        var wrong = Catalog.Aliases
            .Select(a => (Alias: a.Key, Target: a.Value, Resolved: Catalog.Resolve(a.Key).Exercise?.Id))
            .Where(a => a.Resolved is null)
            .Select(a => $"{a.Alias} -> {a.Target} (unresolved)")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Load_EveryExercise_HasAClassificationReason()
    {
        Catalog.All.Where(e => string.IsNullOrWhiteSpace(e.ClassificationReason)).Select(e => e.Id).ShouldBeEmpty();
    }

    /// <summary>Hand-reviewed verdicts for the major lifts: id → without spotter, with spotter, CNS.</summary>
    [Theory]
    // F3: squat, deadlift, overhead pressing and Olympic lifts never fail, not even with a spotter; F7: high CNS.
    [InlineData("Barbell_Squat", None, None, CnsDemand.High)]
    [InlineData("Front_Barbell_Squat", None, None, CnsDemand.High)]
    [InlineData("Barbell_Deadlift", None, None, CnsDemand.High)]
    [InlineData("Sumo_Deadlift", None, None, CnsDemand.High)]
    [InlineData("Romanian_Deadlift", None, None, CnsDemand.High)]
    [InlineData("Trap_Bar_Deadlift", None, None, CnsDemand.High)]
    [InlineData("Standing_Military_Press", None, None, CnsDemand.High)]
    [InlineData("Barbell_Shoulder_Press", None, None, CnsDemand.High)]
    [InlineData("Power_Clean", None, None, CnsDemand.High)]
    [InlineData("Snatch", None, None, CnsDemand.High)]
    [InlineData("Clean_and_Jerk", None, None, CnsDemand.High)]
    [InlineData("Push_Press", None, None, CnsDemand.High)]
    [InlineData("Dumbbell_Shoulder_Press", None, None, CnsDemand.Moderate)]
    [InlineData("Machine_Shoulder_Military_Press", None, None, CnsDemand.Moderate)] // F3: overhead pressing never fails, whatever the equipment
    // F3 + F4: the bench press family reaches technical failure at most, and only with a spotter or safeties.
    [InlineData("Barbell_Bench_Press_-_Medium_Grip", None, Technical, CnsDemand.High)]
    [InlineData("Barbell_Incline_Bench_Press_-_Medium_Grip", None, Technical, CnsDemand.High)]
    [InlineData("Close-Grip_Barbell_Bench_Press", None, Technical, CnsDemand.High)]
    [InlineData("Decline_Barbell_Bench_Press", None, Technical, CnsDemand.High)]
    [InlineData("Dumbbell_Bench_Press", None, Technical, CnsDemand.Moderate)]
    [InlineData("Incline_Dumbbell_Press", None, Technical, CnsDemand.Moderate)]
    // F2: machines (incl. Smith and leverage) and cables may go to absolute failure; F7: compounds moderate, isolation low.
    [InlineData("Leg_Press", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Hack_Squat", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Smith_Machine_Bench_Press", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Smith_Machine_Squat", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Machine_Bench_Press", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Wide-Grip_Lat_Pulldown", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Seated_Cable_Rows", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Triceps_Pushdown", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Leg_Extensions", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Lying_Leg_Curls", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Seated_Leg_Curl", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Butterfly", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Face_Pull", Absolute, Absolute, CnsDemand.Moderate)]
    // F2: free-weight isolation is safe to fail; F7: low CNS.
    [InlineData("Side_Lateral_Raise", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Dumbbell_Bicep_Curl", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Hammer_Curls", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Barbell_Curl", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Dumbbell_Flyes", Absolute, Absolute, CnsDemand.Low)]
    // F2, S7: bodyweight pull-ups, chin-ups, push-ups and dips may go to absolute failure.
    [InlineData("Pullups", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Chin-Up", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Pushups", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Dips_-_Triceps_Version", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Dips_-_Chest_Version", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Bench_Dips", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Parallel_Bar_Dip", Absolute, Absolute, CnsDemand.Moderate)]
    [InlineData("Mixed_Grip_Chin", Absolute, Absolute, CnsDemand.Moderate)]
    // F3: inverted / skill bodyweight movements never fail.
    [InlineData("Handstand_Push-Ups", None, None, CnsDemand.High)]
    [InlineData("Muscle_Up", None, None, CnsDemand.High)]
    // F3: plyometric (speed) pushing never fails, whatever the implement.
    [InlineData("Plyo_Push-up", None, None, CnsDemand.High)]
    [InlineData("Plyo_Kettlebell_Pushups", None, None, CnsDemand.High)]
    // F2: bands are light and safe to fail.
    [InlineData("Lateral_Raise_-_With_Bands", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Band_Pull_Apart", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Squats_-_With_Bands", Absolute, Absolute, CnsDemand.Low)]
    [InlineData("Shoulder_Press_-_With_Bands", None, None, CnsDemand.Moderate)] // F3: overhead pressing, whatever the equipment
    // Stretching is not a set taken near failure.
    [InlineData("Hamstring_Stretch", None, None, CnsDemand.Low)]
    [InlineData("90_90_Hamstring", None, None, CnsDemand.Low)]
    [InlineData("Childs_Pose", None, None, CnsDemand.Low)]
    public void Classify_MajorLift_HasHandReviewedVerdict(string id, FailureLevel maxFailure, FailureLevel withSpotter, CnsDemand cns)
    {
        var e = ById(id);

        e.ShouldSatisfyAllConditions(
            () => e.MaxFailure.ShouldBe(maxFailure, $"{id}: {e.ClassificationReason}"),
            () => e.MaxFailureWithSpotter.ShouldBe(withSpotter, $"{id}: {e.ClassificationReason}"),
            () => e.Cns.ShouldBe(cns, $"{id}: {e.ClassificationReason}"));
    }

    [Theory]
    [InlineData("Barbell_Bench_Press_-_Medium_Grip")]
    [InlineData("Dumbbell_Bench_Press")]
    [InlineData("Close-Grip_Barbell_Bench_Press")]
    public void Classify_BenchPress_SpotterChangesVerdictAndBarCanPin(string id)
    {
        var e = ById(id);

        e.SpotterChangesVerdict.ShouldBeTrue();
        e.MaxFailureIn(spotterOrSafeties: false).ShouldBe(FailureLevel.None);
        e.MaxFailureIn(spotterOrSafeties: true).ShouldBe(FailureLevel.Technical);
        e.CanPin.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Barbell_Squat", MovementPattern.Squat)]
    [InlineData("Front_Barbell_Squat", MovementPattern.Squat)]
    [InlineData("Barbell_Deadlift", MovementPattern.Hinge)]
    [InlineData("Romanian_Deadlift", MovementPattern.Hinge)]
    [InlineData("Standing_Military_Press", MovementPattern.VerticalPress)]
    [InlineData("Barbell_Bench_Press_-_Medium_Grip", MovementPattern.HorizontalPress)]
    [InlineData("Pullups", MovementPattern.Pull)]
    [InlineData("Power_Clean", MovementPattern.Olympic)]
    [InlineData("Farmers_Walk", MovementPattern.Carry)]
    public void Classify_MajorLift_HasExpectedPattern(string id, MovementPattern pattern)
    {
        ById(id).Pattern.ShouldBe(pattern);
    }

    [Fact]
    public void Classify_SmithMachineHangPowerClean_OlympicLiftNeverFailsEvenOnAMachine()
    {
        // F3 (Olympic lifts never fail) outranks F2 (machines may) for this one machine/strength entry.
        var e = ById("Smith_Machine_Hang_Power_Clean");

        e.Equipment.ShouldBe("machine");
        e.MaxFailure.ShouldBe(FailureLevel.None);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.None);
    }

    // ---- F7: the more CNS-demanding the movement, the less failure it tolerates. ----

    [Fact]
    public void F7_IsolationExercises_AreNeverHighCnsOutsideSpeedAndEventCategories()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Mechanic == Mechanic.Isolation && e.Cns == CnsDemand.High && !SpeedOrEventCategories.Contains(e.Category)),
            "isolation exercises are low-CNS (F7)");
    }

    [Fact]
    public void F7_HighCnsExercises_NeverFailWithoutASpotter()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Cns == CnsDemand.High && e.MaxFailure != FailureLevel.None),
            "high-CNS movements tolerate no failure without a spotter (F7)");
    }

    [Fact]
    public void F7_AbsoluteFailureExercises_AreNeverHighCns()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.MaxFailureWithSpotter == FailureLevel.Absolute && e.Cns == CnsDemand.High),
            "exercises that may go to absolute failure are not high-CNS (F7)");
    }

    [Fact]
    public void F7_GuidedIsolation_IsLowCns()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Mechanic == Mechanic.Isolation && e.Equipment is "machine" or "cable" or "bands" && e.Cns != CnsDemand.Low),
            "machine, cable and band isolation is low-CNS (F7)");
    }

    [Fact]
    public void F7_CnsOrdering_IsolationBelowMachineCompoundBelowBarbellCompound()
    {
        static bool Strength(Exercise e) => e.Category is "strength" or "powerlifting";
        var curated = CuratedOverrides.All.Where(o => o.Cns is not null).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);

        var isolation = Catalog.All.Where(e => Strength(e) && e.Mechanic == Mechanic.Isolation).ToList();
        var machineCompound = Catalog.All
            .Where(e => Strength(e) && e.Mechanic == Mechanic.Compound && e.Equipment is "machine" or "cable" && e.Pattern is not (MovementPattern.Olympic or MovementPattern.VerticalPress))
            .ToList();
        var barbellCompound = Catalog.All
            .Where(e => Strength(e) && e.Mechanic == Mechanic.Compound && e.Equipment == "barbell" && !curated.Contains(e.Id))
            .ToList();

        isolation.ShouldNotBeEmpty();
        machineCompound.ShouldNotBeEmpty();
        barbellCompound.ShouldNotBeEmpty();
        ((int)isolation.Max(e => e.Cns)).ShouldBeLessThanOrEqualTo((int)machineCompound.Min(e => e.Cns));
        ((int)machineCompound.Max(e => e.Cns)).ShouldBeLessThan((int)barbellCompound.Min(e => e.Cns));
        barbellCompound.ShouldAllBe(e => e.Cns == CnsDemand.High);
    }

    [Fact]
    public void F7_FailureTolerance_MachineCompoundsAboveFreeWeightCompounds()
    {
        static bool Strength(Exercise e) => e.Category is "strength" or "powerlifting";
        var machineCompound = Catalog.All
            .Where(e => Strength(e) && e.Mechanic == Mechanic.Compound && e.Equipment is "machine" or "cable" && e.Pattern is not (MovementPattern.Olympic or MovementPattern.VerticalPress))
            .ToList();
        var freeWeightCompound = Catalog.All
            .Where(e => Strength(e) && e.Mechanic == Mechanic.Compound && FreeWeights.Contains(e.Equipment)
                && !e.Name.Contains("push", StringComparison.OrdinalIgnoreCase))
            .ToList();

        machineCompound.ShouldAllBe(e => e.MaxFailure == FailureLevel.Absolute);
        ShouldHaveNoViolations(freeWeightCompound.Where(e => e.MaxFailure != FailureLevel.None),
            "free-weight compounds never fail without a spotter or safeties (F4)");
    }

    // ---- Whole-catalog invariants. ----

    [Fact]
    public void Invariant_MaxFailure_NeverExceedsMaxFailureWithSpotter()
    {
        ShouldHaveNoViolations(Catalog.All.Where(e => e.MaxFailure > e.MaxFailureWithSpotter), "a spotter never lowers the verdict");
    }

    [Fact]
    public void Invariant_OlympicWeightliftingCategory_NeverFails()
    {
        var olympic = Catalog.All.Where(e => e.Category == "olympic weightlifting").ToList();

        olympic.ShouldNotBeEmpty();
        ShouldHaveNoViolations(
            olympic.Where(e => e.MaxFailure != FailureLevel.None || e.MaxFailureWithSpotter != FailureLevel.None || e.Cns != CnsDemand.High),
            "Olympic lifts never fail and are high-CNS (F3, F7)");
    }

    [Fact]
    public void Invariant_OlympicPattern_NeverFails()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Pattern == MovementPattern.Olympic && e.MaxFailureWithSpotter != FailureLevel.None),
            "cleans, snatches and jerks never fail (F3)");
    }

    [Fact]
    public void Invariant_MachineAndCableStrengthExercises_MayGoToAbsoluteFailureButOverheadPressing()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Equipment is "machine" or "cable" && e.Category == "strength"
                && e.Pattern is not (MovementPattern.Olympic or MovementPattern.VerticalPress)
                && (e.MaxFailure != FailureLevel.Absolute || e.MaxFailureWithSpotter != FailureLevel.Absolute)),
            "machines (incl. Smith) and cables may go to absolute failure (F2), but for overhead pressing (F3)");
    }

    [Fact]
    public void Invariant_BandExercises_MayGoToAbsoluteFailureButOverheadPressing()
    {
        var bands = Catalog.All.Where(e => e.Equipment == "bands").ToList();

        bands.ShouldNotBeEmpty();
        ShouldHaveNoViolations(bands.Where(e => e.Pattern != MovementPattern.VerticalPress && e.MaxFailure != FailureLevel.Absolute), "bands are safe to fail (F2), but for overhead pressing (F3)");
        bands.ShouldAllBe(e => e.IsBodyweightOrBand);
    }

    [Fact]
    public void Invariant_OverheadPressing_NeverGoesToFailureWhateverTheEquipment() =>
        ShouldHaveNoViolations(Catalog.All.Where(e => e.Pattern == MovementPattern.VerticalPress && e.MaxFailureWithSpotter != FailureLevel.None),
            "overhead pressing never fails, whatever the equipment (F3)");

    [Fact]
    public void Invariant_StretchingAndCardio_NeverGoNearFailure()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Category is "stretching" or "cardio" && e.MaxFailureWithSpotter != FailureLevel.None),
            "stretching and cardio are not sets taken near failure");
    }

    [Fact]
    public void Invariant_PlyometricsAndStrongman_NeverFail()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Category is "plyometrics" or "strongman" && e.MaxFailureWithSpotter != FailureLevel.None),
            "speed work and strongman events never fail (F3)");
    }

    [Fact]
    public void Invariant_BarbellSquatsHingesAndOverheadPresses_NeverFailEvenWithSpotter()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Equipment is "barbell" or "dumbbell" or "kettlebells"
                && e.Pattern is MovementPattern.Squat or MovementPattern.Hinge or MovementPattern.VerticalPress
                && e.MaxFailureWithSpotter != FailureLevel.None),
            "free-weight squats, deadlifts/hinges and overhead presses never fail, not even technically (F3)");
    }

    [Fact]
    public void Invariant_BarbellCompounds_NeverAbsoluteFailure()
    {
        ShouldHaveNoViolations(
            Catalog.All.Where(e => e.Equipment == "barbell" && e.Mechanic == Mechanic.Compound && e.MaxFailureWithSpotter == FailureLevel.Absolute),
            "never absolute failure on multi-joint barbell lifts (F3)");
    }

    [Fact]
    public void Invariant_TechnicalFailure_OnlyEverWithASpotter()
    {
        // F4: where a verdict allows technical failure it is only under a spotter or safeties; no exercise is technical without one.
        ShouldHaveNoViolations(Catalog.All.Where(e => e.MaxFailure == FailureLevel.Technical), "technical failure requires a spotter or safeties (F4)");
    }
}
