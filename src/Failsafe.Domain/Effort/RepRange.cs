using System.Globalization;

namespace Failsafe.Effort;

/// <summary>
/// The reps planned for a set: a count ("8"), a range ("8-12", Min ≤ Max) or AMRAP
/// (as many as possible). Counts are 1–100.
/// </summary>
public readonly record struct RepRange
{
    public const int MaxReps = 100;

    private RepRange(int min, int max, bool amrap) => (Min, Max, IsAmrap) = (min, max, amrap);

    /// <summary>Lowest planned reps; for AMRAP, 1.</summary>
    public int Min { get; }

    /// <summary>Highest planned reps; for AMRAP, <see cref="MaxReps"/>.</summary>
    public int Max { get; }

    public bool IsAmrap { get; }

    public static RepRange Amrap => new(1, MaxReps, true);

    public static RepRange Between(int min, int max)
    {
        if (min < 1 || max > MaxReps || min > max)
            throw new ArgumentOutOfRangeException(nameof(min), $"Rep range {min}-{max} must satisfy 1 ≤ min ≤ max ≤ {MaxReps}.");
        return new RepRange(min, max, false);
    }

    /// <summary>Parses "8", "8-12" (also "8–12") or "AMRAP" (any case). Returns false with a reason otherwise.</summary>
    public static bool TryParse(string? text, out RepRange range, out string error)
    {
        range = default;
        error = "";
        var s = text?.Trim() ?? "";
        if (s.Equals("AMRAP", StringComparison.OrdinalIgnoreCase))
        {
            range = Amrap;
            return true;
        }
        var parts = s.Split(['-', '–'], StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            error = $"'{text}' is not a rep count, a range like 8-12, or AMRAP";
            return false;
        }
        if (min < 1 || max > MaxReps || min > max)
        {
            error = $"'{text}' must satisfy 1 ≤ min ≤ max ≤ {MaxReps}";
            return false;
        }
        range = new RepRange(min, max, false);
        return true;
    }

    public static RepRange Parse(string text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    public override string ToString() =>
        IsAmrap ? "AMRAP" : Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : $"{Min}-{Max}";
}
