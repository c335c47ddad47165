namespace Failsafe.Catalog;

/// <summary>
/// Derives what the engine needs (pattern, failure verdicts, CNS demand, pinning risk) from a
/// source catalog row. The rules, in the order they are tried (first match wins), are written up
/// in docs/catalog.md; each result carries the reason that fired.
/// </summary>
/// <remarks>
/// F2: machines (incl. Smith and leverage), cables, bands, bodyweight and free-weight isolation may go to
/// absolute failure. F3: squats, deadlifts and other hinges, overhead pressing, Olympic lifts, complex and
/// pinning movements never fail. F4: bench presses and lighter free-weight compounds may reach
/// technical failure only with a spotter or safeties. F7: isolation ≪ machine compound ≪ free-weight
/// compound in CNS demand.
/// </remarks>
public static class Classifier
{
    private static readonly string[] FreeWeights = ["barbell", "dumbbell", "kettlebells", "e-z curl bar"];

    public static Exercise Classify(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = Normalize(entry.Name);
        var equipment = entry.Equipment ?? "other";
        var mechanic = entry.Mechanic switch
        {
            "compound" => Mechanic.Compound,
            "isolation" => Mechanic.Isolation,
            _ => Mechanic.Unknown,
        };
        var pattern = PatternOf(name, entry.Category);
        var verdict = Verdict(name, equipment, mechanic, pattern, entry.Category);
        return new Exercise(
            entry.Id, entry.Name, mechanic, equipment, entry.Force, entry.Level, entry.Category,
            entry.PrimaryMuscles, entry.SecondaryMuscles, pattern,
            verdict.Max, verdict.WithSpotter, verdict.Cns, verdict.CanPin, verdict.Reason);
    }

    /// <summary>
    /// What F3 allows a movement by its name, whatever anyone classifies it as: the limits and the rule's reason when
    /// the name is a squat, a hinge, overhead pressing, an Olympic lift or another movement that never fails with
    /// that equipment; null when F3 says nothing of it. A lifter's own exercise is held to this (docs/catalog.md).
    /// </summary>
    public static (FailureLevel Max, FailureLevel WithSpotter, string Reason)? F3Limit(string name, string equipment, Mechanic mechanic)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = Normalize(name);
        var verdict = Verdict(normalized, equipment ?? "other", mechanic, PatternOf(normalized, null), null);
        return verdict.Reason.Contains("(F3", StringComparison.Ordinal) ? (verdict.Max, verdict.WithSpotter, verdict.Reason) : null;
    }

    internal readonly record struct Outcome(FailureLevel Max, FailureLevel WithSpotter, CnsDemand Cns, bool CanPin, string Reason);

    private static Outcome Verdict(string name, string equipment, Mechanic mechanic, MovementPattern pattern, string? category)
    {
        var isolation = mechanic == Mechanic.Isolation;
        switch (category)
        {
            case "stretching":
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.Low, false, "stretching: not a set taken near failure");
            case "cardio":
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.Moderate, false, "cardio: not a set taken near failure");
            case "plyometrics":
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, false, "plyometric: speed and landing quality, never failure (F3, F7)");
            case "olympic weightlifting":
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, true, "Olympic lift: complex and CNS-heavy, never failure (F3)");
            case "strongman":
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, true, "strongman event: heavy and complex, never failure (F3)");
        }

        if (pattern == MovementPattern.Olympic)
            return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, true, "Olympic lift: complex and CNS-heavy, never failure (F3)");
        if (Has(name, "jump", "hop", "bound", "throw", "toss", "plyo", "clap", "explosive"))
            return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, false, "jumping or throwing: speed work, never failure (F3)");

        // F3: overhead pressing is a movement pattern — no failure on it whatever the equipment, a machine shoulder press
        // and a band press included (only squat and hinge patterns on a machine that catches the load follow F2).
        // Bodyweight overhead pressing (handstand push-ups) is a skill movement, decided with the bodyweight ones below.
        if (pattern is MovementPattern.VerticalPress && equipment != "body only")
        {
            var bar = equipment is "barbell" or "e-z curl bar";
            return new(FailureLevel.None, FailureLevel.None, bar ? CnsDemand.High : CnsDemand.Moderate, bar, "overhead pressing: never failure, whatever the equipment (F3)");
        }
        if (equipment is "machine" or "cable")
            return new(FailureLevel.Absolute, FailureLevel.Absolute, isolation ? CnsDemand.Low : CnsDemand.Moderate, false,
                $"{equipment}: the load is guided and can be released safely (F2)");
        if (equipment == "bands")
            return new(FailureLevel.Absolute, FailureLevel.Absolute, CnsDemand.Low, false, "bands: light and safe to fail (F2)");

        var bodyweightMovement = equipment == "body only" || IsBodyweightMovement(name);
        if (bodyweightMovement)
        {
            if (Has(name, "handstand", "pistol", "muscle up", "one arm chin", "one arm pull"))
                return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, true, "bodyweight skill movement: complex or inverted, never failure (F3)");
            return new(FailureLevel.Absolute, FailureLevel.Absolute, isolation ? CnsDemand.Low : CnsDemand.Moderate, false,
                "bodyweight: failing only means stopping (F2, S7)");
        }

        var barbell = equipment is "barbell" or "e-z curl bar";
        var freeWeight = FreeWeights.Contains(equipment);
        var heavyCns = barbell ? CnsDemand.High : CnsDemand.Moderate;

        if (pattern is MovementPattern.Squat)
            return new(FailureLevel.None, FailureLevel.None, heavyCns, barbell, "squat pattern: never failure, not even technical (F3)");
        if (pattern is MovementPattern.Hinge)
            return new(FailureLevel.None, FailureLevel.None, heavyCns, false, "deadlift/hinge pattern: never failure, not even technical (F3)");
        if (Has(name, "lunge", "split squat", "step up", "swing", "get up", "windmill", "thruster", "clean", "snatch", "jerk"))
            return new(FailureLevel.None, FailureLevel.None, heavyCns, false, "complex coordination or balance: never failure (F3)");
        if (Has(name, "bench press", "floor press", "incline press", "decline press", "guillotine"))
            return new(FailureLevel.None, FailureLevel.Technical, heavyCns, true,
                "bench press family: technical failure at most, and only with a spotter or safeties (F3, F4)");

        if (mechanic == Mechanic.Isolation && freeWeight)
        {
            if (barbell && Has(name, "lying", "skull", "pullover"))
                return new(FailureLevel.None, FailureLevel.Technical, CnsDemand.Low, true,
                    "bar over the face or chest: can pin, technical failure only with a spotter (F3, F4)");
            return new(FailureLevel.Absolute, FailureLevel.Absolute, CnsDemand.Low, false, "free-weight isolation: safe to fail (F2)");
        }

        if (mechanic == Mechanic.Compound && barbell)
            return new(FailureLevel.None, FailureLevel.None, CnsDemand.High, false, "heavy barbell compound: never failure (F3, F7)");
        if (mechanic == Mechanic.Compound && freeWeight)
            return new(FailureLevel.None, FailureLevel.Technical, CnsDemand.Moderate, false,
                "free-weight compound: technical failure only with a spotter or safeties (F4, F7)");

        return new(FailureLevel.None, FailureLevel.None, CnsDemand.Moderate, false, "unclassified equipment or mechanic: conservative, no failure");
    }

    /// <summary>The movement pattern a name reads as (a lifter's own exercise has no catalog category).</summary>
    public static MovementPattern PatternOf(string name) => PatternOf(Normalize(name ?? ""), null);

    internal static MovementPattern PatternOf(string name, string? category)
    {
        if (category == "olympic weightlifting" || Has(name, "clean", "snatch", "jerk"))
            return MovementPattern.Olympic;
        if (Has(name, "farmer", "carry", "yoke", "walk"))
            return MovementPattern.Carry;
        if (Has(name, "deadlift", "good morning", "stiff leg", "romanian", "rack pull"))
            return MovementPattern.Hinge;
        if (Has(name, "squat", "leg press"))
            return MovementPattern.Squat;
        if (Has(name, "overhead press", "military", "shoulder press", "push press", "arnold", "handstand push", "z press", "bradford", "seated barbell press", "standing barbell press"))
            return MovementPattern.VerticalPress;
        if (Has(name, "bench press", "floor press", "chest press", "push up", "pushup", "incline press", "decline press", "dip"))
            return MovementPattern.HorizontalPress;
        if (Has(name, "row", "pulldown", "pull up", "pullup", "chin", "face pull"))
            return MovementPattern.Pull;
        return MovementPattern.Other;
    }

    private static bool IsBodyweightMovement(string name) =>
        Has(name, "pull up", "pullup", "chin", "push up", "pushup", "dip", "inverted row", "muscle up")
;

    private static bool Has(string normalizedName, params ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            var i = normalizedName.IndexOf(w, StringComparison.Ordinal);
            while (i >= 0)
            {
                // Match whole words at the start so "clean" does not fire inside "unclean", nor "row" inside "throw".
                if (i == 0 || normalizedName[i - 1] == ' ')
                    return true;
                i = normalizedName.IndexOf(w, i + 1, StringComparison.Ordinal);
            }
        }
        return false;
    }

    /// <summary>Lower case, punctuation to spaces, single spaces.</summary>
    internal static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        var lastSpace = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
                lastSpace = false;
            }
            else if (c != '\'' && !lastSpace)
            {
                buffer[n++] = ' ';
                lastSpace = true;
            }
        }
        return new string(buffer[..n]).TrimEnd();
    }
}
