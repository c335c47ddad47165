namespace Failsafe.Catalog;

/// <summary>The most failure a set may reach. Ordered: None &lt; Technical &lt; Absolute.</summary>
public enum FailureLevel
{
    /// <summary>Stop with reps in reserve.</summary>
    None = 0,

    /// <summary>May go until the next rep would break form.</summary>
    Technical = 1,

    /// <summary>May go until the next rep cannot be done at all.</summary>
    Absolute = 2,
}

public enum Mechanic
{
    Unknown,
    Compound,
    Isolation,
}

/// <summary>How much a movement taxes the nervous system (RULES F7, R1–R2).</summary>
public enum CnsDemand
{
    Low,
    Moderate,
    High,
}

/// <summary>The movement family, used where rules name lifts (F3, R2).</summary>
public enum MovementPattern
{
    Other,
    Squat,
    Hinge,
    HorizontalPress,
    VerticalPress,
    Pull,
    Olympic,
    Carry,
}

/// <summary>A row of the source catalog (free-exercise-db), before classification.</summary>
public sealed record CatalogEntry(
    string Id,
    string Name,
    string? Mechanic,
    string? Equipment,
    string? Force,
    string? Level,
    string? Category,
    ImmutableArray<string> PrimaryMuscles,
    ImmutableArray<string> SecondaryMuscles);

/// <summary>
/// An exercise with what the engine needs to decide how close to failure it may go.
/// <see cref="MaxFailure"/> is the verdict without spotter or safeties;
/// <see cref="MaxFailureWithSpotter"/> with a spotter or safeties in place (F4).
/// <see cref="ClassificationReason"/> says which rule gave the verdict; <see cref="Correction"/> what the
/// curated override table changed in the source data, if anything.
/// </summary>
public sealed record Exercise(
    string Id,
    string Name,
    Mechanic Mechanic,
    string Equipment,
    string? Force,
    string? Level,
    string? Category,
    ImmutableArray<string> PrimaryMuscles,
    ImmutableArray<string> SecondaryMuscles,
    MovementPattern Pattern,
    FailureLevel MaxFailure,
    FailureLevel MaxFailureWithSpotter,
    CnsDemand Cns,
    bool CanPin,
    string ClassificationReason,
    string? Correction = null)
{
    /// <summary>True when a spotter or safeties change the verdict.</summary>
    public bool SpotterChangesVerdict => MaxFailureWithSpotter != MaxFailure;

    /// <summary>The most failure this exercise tolerates in the given setup.</summary>
    public FailureLevel MaxFailureIn(bool spotterOrSafeties) => spotterOrSafeties ? MaxFailureWithSpotter : MaxFailure;

    /// <summary>F4: safeties (pins, straps in a rack) catch a bar; a dumbbell or kettlebell movement needs a spotter.</summary>
    public bool SafetiesCatch => Equipment is "barbell" or "e-z curl bar";

    /// <summary>S3/F3: the bench-press family (flat, incline, decline, floor; barbell or dumbbell), which may reach technical failure under F4.</summary>
    public bool IsBenchFamily => Pattern == MovementPattern.HorizontalPress && Equipment is "barbell" or "dumbbell" or "e-z curl bar";

    /// <summary>Bodyweight exercises and bands: AMRAP finishers are allowed (S7).</summary>
    public bool IsBodyweightOrBand => Equipment is "body only" or "bands";

    /// <summary>
    /// An assisted variant ("Assisted Pull Up", a custom "Assisted Dip"): what is logged is the assistance a machine or
    /// band takes off, as the machine shows it and as other apps export it.
    /// </summary>
    public bool IsAssisted => $" {Classifier.Normalize(Name)} ".Contains(" assisted ", StringComparison.Ordinal);

    /// <summary>The lifter moves their own body: the load lifted counts the bodyweight.</summary>
    public bool MovesBody => Equipment == "body only" || IsAssisted;

    /// <summary>
    /// The load lifted for a logged weight, with a body of <paramref name="bodyKg"/>: bodyweight plus the added load, or
    /// bodyweight minus the assistance (never below nothing).
    /// </summary>
    public double TotalKg(double loggedKg, double bodyKg) => IsAssisted ? Math.Max(0, bodyKg - loggedKg) : bodyKg + loggedKg;

    /// <summary>What is logged (added load, or assistance) for a load lifted of <paramref name="totalKg"/>; never below 0.</summary>
    public double LoggedKg(double totalKg, double bodyKg) => Math.Max(0, IsAssisted ? bodyKg - totalKg : totalKg - bodyKg);
}
