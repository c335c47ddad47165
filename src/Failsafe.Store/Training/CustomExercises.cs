namespace Failsafe.Store.Training;

/// <summary>A lifter's classification of a custom exercise; a null field keeps what the exercise has.</summary>
public sealed record Classification(string? Mechanic, string? Equipment, string? MaxFailure, string? MaxFailureWithSpotter, string? CnsDemand, string? PrimaryMuscles);

/// <summary>
/// The rules for the lifter's own exercises, the same on the command line and the server: a name the catalog and
/// the lifter's list do not know yet, a classification in the contract's words, or one copied from a catalog exercise
/// it moves like.
/// </summary>
public static class CustomExercises
{
    public const int MaxNameLength = LogLimits.MaxName;

    /// <summary>Why <paramref name="name"/> cannot be a new custom exercise; null when it can.</summary>
    public static string? CheckName(string? name, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength)
            return $"the name must be 1–{MaxNameLength} characters";
        return resolver.Resolve(trimmed) is { Id: { } id, Exercise: { } known }
            ? id.StartsWith("custom:", StringComparison.Ordinal) ? $"'{trimmed}' is already one of your exercises" : $"'{trimmed}' is already in the catalog as {known.Name}"
            : null;
    }

    /// <summary>
    /// A new custom exercise classified as <paramref name="like"/> is (mechanic, equipment, failure limits, CNS demand,
    /// muscles), held to what F3 allows its own name (a "shoulder press" like the leg press still never fails).
    /// </summary>
    public static CustomExerciseRow Like(string name, Exercise like)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(like);
        var row = new CustomExerciseRow
        {
            Name = name.Trim(), Mechanic = like.Mechanic == Mechanic.Isolation ? "isolation" : "compound", Equipment = like.Equipment,
            MaxFailure = Words.Of(like.MaxFailure), MaxFailureWithSpotter = Words.Of(like.MaxFailureWithSpotter), CnsDemand = Words.Of(like.Cns),
            PrimaryMuscles = string.Join(',', like.PrimaryMuscles), Classified = true,
        };
        if (F3Limit(row) is { } limit)
            Cap(row, limit);
        return row;
    }

    /// <summary>What F3 allows the exercise by its name, equipment and mechanic (<see cref="Classifier.F3Limit"/>); null when F3 says nothing of it.</summary>
    public static (FailureLevel Max, FailureLevel WithSpotter, string Reason)? F3Limit(CustomExerciseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Classifier.F3Limit(row.Name, row.Equipment, row.Mechanic == "isolation" ? Mechanic.Isolation : Mechanic.Compound);
    }

    private static void Cap(CustomExerciseRow row, (FailureLevel Max, FailureLevel WithSpotter, string Reason) limit)
    {
        var words = Words.Map<FailureLevel>();
        if (words.GetValueOrDefault(row.MaxFailure) > limit.Max)
            row.MaxFailure = Words.Of(limit.Max);
        if (words.GetValueOrDefault(row.MaxFailureWithSpotter) > limit.WithSpotter)
            row.MaxFailureWithSpotter = Words.Of(limit.WithSpotter);
    }

    /// <summary>
    /// Applies <paramref name="input"/> to <paramref name="row"/> and marks it classified; the problems by field (the
    /// contract's camelCase names) when a value is not allowed — then the row must not be saved.
    /// </summary>
    public static Dictionary<string, string> Classify(CustomExerciseRow row, Classification input)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        string Word<T>(string field, string? value, string current, string list)
            where T : struct, Enum
        {
            if (value is null)
                return current;
            if (Words.Map<T>().TryGetValue(value, out var parsed))
                return Words.Of(parsed);
            errors[field] = $"'{value}' is not one of: {list}";
            return current;
        }
        row.Mechanic = input.Mechanic switch
        {
            null => row.Mechanic,
            "compound" or "isolation" => input.Mechanic,
            _ => Fail("mechanic", $"'{input.Mechanic}' is not compound or isolation", row.Mechanic),
        };
        row.MaxFailure = Word<FailureLevel>("maxFailure", input.MaxFailure, row.MaxFailure, "none, technical, absolute");
        row.MaxFailureWithSpotter = Word<FailureLevel>("maxFailureWithSpotter", input.MaxFailureWithSpotter, row.MaxFailureWithSpotter, "none, technical, absolute");
        row.CnsDemand = Word<CnsDemand>("cnsDemand", input.CnsDemand, row.CnsDemand, "low, moderate, high");
        if (input.Equipment is { } eq)
            row.Equipment = eq.Length is > 0 and <= 40 ? eq : Fail("equipment", "1–40 characters", row.Equipment);
        if (input.PrimaryMuscles is { } pm)
            row.PrimaryMuscles = pm.Length <= 200 ? pm : Fail("primaryMuscles", "longer than 200 characters", row.PrimaryMuscles);
        if (errors.Count == 0 && F3Limit(row) is { } limit)
        {
            var words = Words.Map<FailureLevel>();
            if (input.MaxFailure is not null && words[row.MaxFailure] > limit.Max)
                errors["maxFailure"] = $"'{row.MaxFailure}' is more than '{row.Name}' may ever reach: {limit.Reason}";
            if (input.MaxFailureWithSpotter is not null && words[row.MaxFailureWithSpotter] > limit.WithSpotter)
                errors["maxFailureWithSpotter"] = $"'{row.MaxFailureWithSpotter}' is more than '{row.Name}' may ever reach: {limit.Reason}";
            Cap(row, limit);
        }
        if (errors.Count == 0)
            row.Classified = true;
        return errors;

        string Fail(string field, string problem, string keep)
        {
            errors[field] = problem;
            return keep;
        }
    }
}
