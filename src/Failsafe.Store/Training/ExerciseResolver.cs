using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Training;

/// <summary>
/// Resolves exercise names against the catalog (aliases included) and then the lifter's custom exercises.
/// Imports may create a custom exercise for an unknown name, classified conservatively (<c>maxFailure: none</c>)
/// until the lifter classifies it.
/// </summary>
public sealed class ExerciseResolver
{
    private readonly ExerciseCatalog _catalog;
    private readonly Dictionary<string, CustomExerciseRow> _custom;

    public ExerciseResolver(ExerciseCatalog catalog, FailsafeDb db)
        : this(catalog, Custom(db))
    {
    }

    /// <summary>A resolver over the catalog and the given custom exercises (the athlete's, as read from the log).</summary>
    public ExerciseResolver(ExerciseCatalog catalog, IEnumerable<CustomExerciseRow> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        _catalog = catalog;
        _custom = custom.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static List<CustomExerciseRow> Custom(FailsafeDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Mine<CustomExerciseRow>().AsNoTracking().ToList();
    }

    public ExerciseCatalog Catalog => _catalog;

    /// <summary>The stored id ("catalog id" or "custom:{id}") and the exercise, or the catalog's suggestions.</summary>
    public (string? Id, Exercise? Exercise, NameMatch Match) Resolve(string name)
    {
        var (id, exercise) = Find(name);
        return exercise is not null
            ? (id, exercise, new NameMatch(exercise, []))
            : (null, null, _catalog.Resolve(name));
    }

    /// <summary>
    /// The stored id and the exercise of <paramref name="name"/>: the catalog's, else the lifter's own; nulls when
    /// neither knows it. No suggestions are searched for (an import resolves thousands of names and shows none).
    /// </summary>
    public (string? Id, Exercise? Exercise) Find(string name)
    {
        // Remembered per name: a log names the same exercises over and over. Only what is known is remembered, so
        // adding a custom exercise leaves nothing stale.
        if (_known.TryGetValue(name, out var known))
            return known;
        (string?, Exercise?) result;
        if (_catalog.Find(name) is { } e)
            result = (e.Id, e);
        else if (_custom.TryGetValue(name.Trim(), out var c))
            result = (CustomId(c), ToExercise(c));
        else
            return (null, null);
        _known[name] = result;
        return result;
    }

    private readonly Dictionary<string, (string? Id, Exercise? Exercise)> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a custom exercise for an unknown name, unclassified, to what this resolver knows; the caller stores the
    /// row (an import's writer stores all it created at once).
    /// </summary>
    public (string Id, Exercise Exercise, CustomExerciseRow Row) AddCustom(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var row = new CustomExerciseRow { Name = name.Trim() };
        _custom[row.Name] = row;
        return (CustomId(row), ToExercise(row), row);
    }

    public static string CustomId(CustomExerciseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"custom:{row.Name}";
    }

    /// <summary>A custom exercise as the engine sees it: its own classification, none until classified.</summary>
    public static Exercise ToExercise(CustomExerciseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var words = Words.Map<FailureLevel>();
        var max = row.Classified ? words.GetValueOrDefault(row.MaxFailure) : FailureLevel.None;
        var withSpotter = row.Classified ? words.GetValueOrDefault(row.MaxFailureWithSpotter) : FailureLevel.None;
        // F3 by name holds whatever a stored classification says (one made before the check, or restored from a backup).
        var limit = CustomExercises.F3Limit(row);
        if (limit is { } l)
            (max, withSpotter) = ((FailureLevel)Math.Min((int)max, (int)l.Max), (FailureLevel)Math.Min((int)withSpotter, (int)l.WithSpotter));
        return new Exercise(
            CustomId(row), row.Name,
            row.Mechanic == "isolation" ? Mechanic.Isolation : Mechanic.Compound,
            row.Equipment, null, null, "custom",
            [.. row.PrimaryMuscles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            [], Classifier.PatternOf(row.Name), max, (FailureLevel)Math.Max((int)max, (int)withSpotter),
            Words.Map<CnsDemand>().GetValueOrDefault(row.CnsDemand, CnsDemand.Moderate), false,
            !row.Classified ? "custom exercise, not yet classified: no failure until it is"
            : limit is { } f3 ? $"custom exercise, classified by the lifter; {f3.Reason}" : "custom exercise, classified by the lifter");
    }
}
