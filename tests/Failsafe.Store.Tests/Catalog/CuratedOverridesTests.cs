using Failsafe.Catalog;
using Failsafe.Store.Catalog;

namespace Failsafe.Store.Tests.Catalog;

/// <summary>One test per hand-reviewed correction in <see cref="CuratedOverrides.All"/>, against the raw source row.</summary>
public sealed class CuratedOverridesTests
{
    private static ExerciseCatalog Catalog => CatalogLoader.Default;

    public static TheoryData<string> OverrideIds => new(CuratedOverrides.All.Select(o => o.Id));

    private static Exercise Loaded(string id) =>
        Catalog.All.SingleOrDefault(e => e.Id == id) ?? throw new InvalidOperationException($"No exercise with id '{id}' in the catalog.");

    private static CatalogEntry Raw(string id) =>
        CatalogLoader.LoadEntries().SingleOrDefault(e => e.Id == id) ?? throw new InvalidOperationException($"No source row with id '{id}'.");

    private static CuratedOverrides.Override OverrideFor(string id) => CuratedOverrides.All.Single(o => o.Id == id);

    [Fact]
    public void All_IsNotEmpty()
    {
        CuratedOverrides.All.ShouldNotBeEmpty();
    }

    [Fact]
    public void All_IdsAreUnique()
    {
        CuratedOverrides.All.Select(o => o.Id).ShouldBeUnique();
    }

    [Fact]
    public void All_EveryOverrideId_ExistsInTheCatalogAndTheSource()
    {
        var catalogIds = Catalog.All.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var sourceIds = CatalogLoader.LoadEntries().Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        CuratedOverrides.All.Where(o => !catalogIds.Contains(o.Id)).Select(o => o.Id).ShouldBeEmpty();
        CuratedOverrides.All.Where(o => !sourceIds.Contains(o.Id)).Select(o => o.Id).ShouldBeEmpty();
    }

    [Fact]
    public void Catalog_OnlyOverriddenExercises_CarryACorrection()
    {
        var overridden = CuratedOverrides.All.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);

        Catalog.All.Where(e => e.Correction is not null).Select(e => e.Id).ShouldBe(overridden, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(OverrideIds))]
    public void Override_HasAReasonAndChangesSomething(string id)
    {
        var change = OverrideFor(id);

        change.Why.ShouldNotBeNullOrWhiteSpace();
        (change.Mechanic is not null || change.Equipment is not null || change.PrimaryMuscles is not null
            || change.MaxFailure is not null || change.MaxFailureWithSpotter is not null || change.Cns is not null)
            .ShouldBeTrue($"override for {id} changes nothing");
    }

    [Theory]
    [MemberData(nameof(OverrideIds))]
    public void Override_IsAppliedInTheLoadedCatalog(string id)
    {
        var change = OverrideFor(id);
        var e = Loaded(id);

        e.Correction.ShouldBe(change.Why);
        e.ShouldSatisfyAllConditions(
            () => { if (change.Mechanic is { } m) e.Mechanic.ShouldBe(m); },
            () => { if (change.Equipment is { } q) e.Equipment.ShouldBe(q); },
            () => { if (change.PrimaryMuscles is { } p) e.PrimaryMuscles.ShouldBe(p); },
            () => { if (change.MaxFailure is { } f) e.MaxFailure.ShouldBe(f); },
            () => { if (change.MaxFailureWithSpotter is { } s) e.MaxFailureWithSpotter.ShouldBe(s); },
            () => { if (change.Cns is { } c) e.Cns.ShouldBe(c); });
    }

    [Theory]
    [MemberData(nameof(OverrideIds))]
    public void Override_DiffersFromTheUncorrectedClassification(string id)
    {
        var change = OverrideFor(id);
        var raw = Raw(id);
        var uncorrected = Classifier.Classify(raw);
        var loaded = Loaded(id);

        var differences = new List<string>();
        if (change.Mechanic is not null && !string.Equals(raw.Mechanic, change.Mechanic.Value.ToString(), StringComparison.OrdinalIgnoreCase))
            differences.Add("mechanic");
        if (change.Equipment is not null && raw.Equipment != change.Equipment)
            differences.Add("equipment");
        if (change.PrimaryMuscles is { } p && !raw.PrimaryMuscles.SequenceEqual(p))
            differences.Add("primary muscles");
        if (loaded.MaxFailure != uncorrected.MaxFailure)
            differences.Add("max failure");
        if (loaded.MaxFailureWithSpotter != uncorrected.MaxFailureWithSpotter)
            differences.Add("max failure with spotter");
        if (loaded.Cns != uncorrected.Cns)
            differences.Add("CNS");

        differences.ShouldNotBeEmpty($"override for {id} is a no-op against the source row");
    }

    // ---- What each override changed, one by one. ----

    [Theory]
    [InlineData("3_4_Sit-Up")]
    [InlineData("Jackknife_Sit-Up")]
    public void SitUp_SourceSaysCompound_LoadedAsIsolation(string id)
    {
        Raw(id).Mechanic.ShouldBe("compound");
        var e = Loaded(id);

        e.Mechanic.ShouldBe(Mechanic.Isolation);
        e.Equipment.ShouldBe("body only");
        e.MaxFailure.ShouldBe(FailureLevel.Absolute);
        e.Cns.ShouldBe(CnsDemand.Low);
        Classifier.Classify(Raw(id)).Cns.ShouldBe(CnsDemand.Moderate);
    }

    [Fact]
    public void DeclinePushUp_SourceHasNoEquipment_LoadedAsBodyOnly()
    {
        Raw("Decline_Push-Up").Equipment.ShouldBeNull();
        var e = Loaded("Decline_Push-Up");

        e.Equipment.ShouldBe("body only");
        e.IsBodyweightOrBand.ShouldBeTrue();
        e.MaxFailure.ShouldBe(FailureLevel.Absolute);
        Classifier.Classify(Raw("Decline_Push-Up")).IsBodyweightOrBand.ShouldBeFalse();
    }

    [Fact]
    public void ScapularPullUp_SourceHasNoEquipment_LoadedAsBodyOnly()
    {
        Raw("Scapular_Pull-Up").Equipment.ShouldBeNull();
        var e = Loaded("Scapular_Pull-Up");

        e.Equipment.ShouldBe("body only");
        e.IsBodyweightOrBand.ShouldBeTrue();
        e.MaxFailure.ShouldBe(FailureLevel.Absolute);
        Classifier.Classify(Raw("Scapular_Pull-Up")).IsBodyweightOrBand.ShouldBeFalse();
    }

    [Fact]
    public void ChestDips_SourceSaysOther_LoadedAsBodyOnly()
    {
        Raw("Dips_-_Chest_Version").Equipment.ShouldBe("other");
        var e = Loaded("Dips_-_Chest_Version");

        e.Equipment.ShouldBe("body only");
        e.IsBodyweightOrBand.ShouldBeTrue();
        e.MaxFailure.ShouldBe(FailureLevel.Absolute);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void TrapBarDeadlift_SourceSaysOther_LoadedAsBarbellHingeThatNeverFails()
    {
        Raw("Trap_Bar_Deadlift").Equipment.ShouldBe("other");
        var e = Loaded("Trap_Bar_Deadlift");

        e.Equipment.ShouldBe("barbell");
        e.Pattern.ShouldBe(MovementPattern.Hinge);
        e.MaxFailure.ShouldBe(FailureLevel.None);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.None);
        e.Cns.ShouldBe(CnsDemand.High);
        Classifier.Classify(Raw("Trap_Bar_Deadlift")).Cns.ShouldBe(CnsDemand.Moderate);
    }

    [Fact]
    public void AbRoller_SourceSaysCompoundOther_LoadedAsBodyweightIsolationSafeToFail()
    {
        var raw = Raw("Ab_Roller");
        raw.Mechanic.ShouldBe("compound");
        raw.Equipment.ShouldBe("other");
        var e = Loaded("Ab_Roller");

        e.Mechanic.ShouldBe(Mechanic.Isolation);
        e.Equipment.ShouldBe("body only");
        e.MaxFailure.ShouldBe(FailureLevel.Absolute);
        e.Cns.ShouldBe(CnsDemand.Low);
        Classifier.Classify(raw).MaxFailure.ShouldBe(FailureLevel.None);
    }

    [Fact]
    public void BarbellDeadlift_SourceListsOnlyLowerBack_LoadedWithHamstringsAndGlutes()
    {
        Raw("Barbell_Deadlift").PrimaryMuscles.ShouldBe(["lower back"]);
        var e = Loaded("Barbell_Deadlift");

        e.PrimaryMuscles.ShouldBe(["hamstrings", "glutes", "lower back"]);
        e.MaxFailure.ShouldBe(FailureLevel.None);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.None);
    }

    [Fact]
    public void BarbellSquat_SourceListsOnlyQuadriceps_LoadedWithGlutes()
    {
        Raw("Barbell_Squat").PrimaryMuscles.ShouldBe(["quadriceps"]);
        var e = Loaded("Barbell_Squat");

        e.PrimaryMuscles.ShouldBe(["quadriceps", "glutes"]);
        e.MaxFailure.ShouldBe(FailureLevel.None);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.None);
    }

    [Fact]
    public void BarbellHipThrust_RulesSayNoFailureHighCns_CuratedToTechnicalWithSafetiesModerateCns()
    {
        var uncorrected = Classifier.Classify(Raw("Barbell_Hip_Thrust"));
        uncorrected.MaxFailureWithSpotter.ShouldBe(FailureLevel.None);
        uncorrected.Cns.ShouldBe(CnsDemand.High);
        var e = Loaded("Barbell_Hip_Thrust");

        e.MaxFailure.ShouldBe(FailureLevel.None);
        e.MaxFailureWithSpotter.ShouldBe(FailureLevel.Technical);
        e.SpotterChangesVerdict.ShouldBeTrue();
        e.Cns.ShouldBe(CnsDemand.Moderate);
        e.ClassificationReason.ShouldStartWith("curated:");
    }

    [Fact]
    public void SpecificTests_CoverEveryOverride()
    {
        // Keep in step with the specific tests above: a new override needs its own assertion of what it changed.
        string[] covered =
        [
            "3_4_Sit-Up", "Jackknife_Sit-Up", "Decline_Push-Up", "Scapular_Pull-Up", "Dips_-_Chest_Version",
            "Trap_Bar_Deadlift", "Ab_Roller", "Barbell_Deadlift", "Barbell_Squat", "Barbell_Hip_Thrust",
        ];

        CuratedOverrides.All.Select(o => o.Id).ShouldBe(covered, ignoreOrder: true);
    }

    [Fact]
    public void Apply_WithoutOverride_EqualsThePlainClassification()
    {
        var raw = Raw("Leg_Press");
        var applied = CuratedOverrides.Apply(raw, null);
        var plain = Classifier.Classify(raw);

        applied.Correction.ShouldBeNull();
        applied.MaxFailure.ShouldBe(plain.MaxFailure);
        applied.MaxFailureWithSpotter.ShouldBe(plain.MaxFailureWithSpotter);
        applied.Cns.ShouldBe(plain.Cns);
        applied.ClassificationReason.ShouldBe(plain.ClassificationReason);
    }
}
