namespace Failsafe.Catalog;

/// <summary>
/// Hand-reviewed corrections to the source data and to the derived classification. Each entry
/// names the catalog id, what changes and why; each has a test (CuratedOverridesTests).
/// </summary>
public static class CuratedOverrides
{
    /// <summary>A correction of one catalog row; null fields keep what the source or the rules gave.</summary>
    public sealed record Override(
        string Id,
        string Why,
        Mechanic? Mechanic = null,
        string? Equipment = null,
        ImmutableArray<string>? PrimaryMuscles = null,
        FailureLevel? MaxFailure = null,
        FailureLevel? MaxFailureWithSpotter = null,
        CnsDemand? Cns = null);

    public static ImmutableArray<Override> All { get; } =
    [
        new("3_4_Sit-Up", "source tags a sit-up as compound; it is a trunk isolation movement", Mechanic: Catalog.Mechanic.Isolation),
        new("Jackknife_Sit-Up", "source tags a sit-up as compound; it is a trunk isolation movement", Mechanic: Catalog.Mechanic.Isolation),
        new("Decline_Push-Up", "source has no equipment; a push-up is bodyweight", Equipment: "body only"),
        new("Scapular_Pull-Up", "source has no equipment; hangs from a bar with bodyweight", Equipment: "body only"),
        new("Dips_-_Chest_Version", "source says 'other'; parallel-bar dips are bodyweight", Equipment: "body only"),
        new("Trap_Bar_Deadlift", "source says 'other'; a trap (hex) bar is a barbell, and this is a heavy hinge", Equipment: "barbell"),
        new("Ab_Roller", "source tags it compound with 'other' equipment; an ab wheel rollout is a bodyweight trunk exercise, safe to fail on the knees",
            Mechanic: Catalog.Mechanic.Isolation, Equipment: "body only"),
        new("Barbell_Deadlift", "source lists only the lower back; the deadlift loads hamstrings and glutes as prime movers, which recovery windows must see",
            PrimaryMuscles: ["hamstrings", "glutes", "lower back"]),
        new("Barbell_Squat", "source lists only the quadriceps; glutes are prime movers too",
            PrimaryMuscles: ["quadriceps", "glutes"]),
        new("Barbell_Hip_Thrust", "the bar rests on the hips and can be rolled off; technical failure with a pad and safeties, never absolute",
            MaxFailure: FailureLevel.None, MaxFailureWithSpotter: FailureLevel.Technical, Cns: CnsDemand.Moderate),
    ];

    /// <summary>Classifies a row and applies its override, if any; re-derives verdicts when mechanic or equipment change.</summary>
    public static Exercise Apply(CatalogEntry entry, Override? change)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (change is null)
            return Classifier.Classify(entry);

        var corrected = entry with
        {
            Mechanic = change.Mechanic is { } m ? m.ToString().ToLowerInvariant() : entry.Mechanic,
            Equipment = change.Equipment ?? entry.Equipment,
            PrimaryMuscles = change.PrimaryMuscles ?? entry.PrimaryMuscles,
        };
        var exercise = Classifier.Classify(corrected);
        var verdictChanged = change.MaxFailure is not null || change.MaxFailureWithSpotter is not null;
        return exercise with
        {
            MaxFailure = change.MaxFailure ?? exercise.MaxFailure,
            MaxFailureWithSpotter = change.MaxFailureWithSpotter ?? exercise.MaxFailureWithSpotter,
            Cns = change.Cns ?? exercise.Cns,
            ClassificationReason = verdictChanged ? $"curated: {change.Why}" : exercise.ClassificationReason,
            Correction = change.Why,
        };
    }
}
