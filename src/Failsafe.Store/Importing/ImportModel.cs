namespace Failsafe.Store.Importing;

/// <summary>The app an export comes from; also the <c>Source</c> of the sessions it creates (<see cref="WorkoutImporter.Stored"/>).</summary>
public enum ImportSource
{
    Strong,
    Hevy,
    FitNotes,
    Fitbod,
    Jefit,
    Liftosaur,
    StrongLifts,
}

/// <summary>The apps an import reads, by the words the command line (<c>--from</c>) and the API (<c>from</c>) take.</summary>
public static class ImportApps
{
    /// <summary>Every app, in the order the documentation lists them.</summary>
    public static IReadOnlyList<ImportSource> All { get; } = Enum.GetValues<ImportSource>();

    /// <summary>What can be imported, for help and for an error about a file that is none of it.</summary>
    public const string Supported =
        "Strong, Hevy, FitNotes, Fitbod, JEFIT, Liftosaur and StrongLifts exports (CSV), and Failsafe backups (`failsafe export json`)";

    /// <summary>An app's word: strong, hevy, fitnotes, fitbod, jefit, liftosaur, stronglifts.</summary>
    public static string Word(ImportSource source) => source.ToString().ToLowerInvariant();

    /// <summary>The app of a word (case-insensitive), or null.</summary>
    public static ImportSource? Parse(string? word) =>
        All.Cast<ImportSource?>().FirstOrDefault(a => string.Equals(Word(a!.Value), word?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>An app's name as lifters know it.</summary>
    public static string Display(ImportSource source) => source switch
    {
        ImportSource.FitNotes => "FitNotes",
        ImportSource.Jefit => "JEFIT",
        ImportSource.StrongLifts => "StrongLifts",
        _ => source.ToString(),
    };
}

/// <summary>How to import: from which app, the unit of weights the file does not label, and whether to write.</summary>
/// <param name="Source">The app that wrote the file; null: detected from the file (its header and content).</param>
/// <param name="Unit">The unit of the weights when the file does not say (Strong's comma layout); ignored when it does.</param>
/// <param name="DryRun">Parse and validate everything and count what would be imported, but write nothing.</param>
public sealed record ImportOptions(ImportSource? Source, WeightUnit? Unit = null, bool DryRun = false)
{
    /// <summary>The most sets this import may add (null: no cap); more is refused whole (<see cref="ImportLimitException"/>).</summary>
    public ImportCap? MostSets { get; init; }

    /// <summary>
    /// The most sets the athlete's log may hold (null: no cap), checked again once the import is written, inside its
    /// transaction with the athlete's profile row locked: an import that raced another past the cap is refused whole.
    /// </summary>
    public Training.SetCap? Account { get; init; }

    /// <summary>The most custom exercises this import may create for names nothing knows (null: no cap); more is refused whole.</summary>
    public ImportCap? MostNewExercises { get; init; }
}

/// <summary>A cap on what one import may add.</summary>
/// <param name="Most">The most it may add.</param>
/// <param name="Limit">The limit's name, such as the server's setting (<c>Failsafe:Limits:SetsPerImport</c>).</param>
/// <param name="Says">The cap in words, ending the refusal: "one import may add at most 5 sets (Failsafe:Limits:SetsPerImport)".</param>
public sealed record ImportCap(long Most, string Limit, string Says);

/// <summary>An exercise name that is not in the catalog: imported as a custom exercise that needs classifying.</summary>
/// <param name="Name">The name as in the file.</param>
/// <param name="Sets">How many imported sets use it.</param>
/// <param name="Created">True when this import created the custom exercise (false: it existed, still unclassified).</param>
public sealed record UnmatchedExercise(string Name, int Sets, bool Created);

/// <summary>What an import did (or, on a dry run, would do).</summary>
public sealed record ImportSummary
{
    public required ImportSource Source { get; init; }

    /// <summary>The layout the file was read as ("Strong, 2025 layout", "FitNotes"…).</summary>
    public required string Layout { get; init; }
    public required bool DryRun { get; init; }

    /// <summary>Workouts imported (sessions created).</summary>
    public required int Workouts { get; init; }

    /// <summary>Sets imported.</summary>
    public required long Sets { get; init; }
    public required DateTime? First { get; init; }
    public required DateTime? Last { get; init; }

    /// <summary>Workouts already in the log from an earlier import, and their sets: skipped.</summary>
    public required int DuplicateWorkouts { get; init; }
    public required long DuplicateSets { get; init; }

    /// <summary>Sets without reps (timed, distance and cardio sets, such as planks or rowing): not training sets the log can use.</summary>
    public required long SetsWithoutReps { get; init; }

    /// <summary>Rows that are not sets (Strong's rest-timer and note rows, Liftosaur's planned sets not done).</summary>
    public required long OtherRows { get; init; }

    /// <summary>Exercise names not in the catalog, by name.</summary>
    public required IReadOnlyList<UnmatchedExercise> Unmatched { get; init; }
}

/// <summary>The file would add more than a cap allows (<see cref="ImportOptions"/>): nothing of it was stored.</summary>
public sealed class ImportLimitException : ImportException
{
    public ImportLimitException() { }

    public ImportLimitException(string message) : base(message) { }

    public ImportLimitException(string message, Exception inner) : base(message, inner) { }

    public ImportLimitException(long line, string? column, ImportCap cap, string prefix = "")
        : base(line, column, $"{prefix}{cap?.Says}; nothing was stored")
    {
        ArgumentNullException.ThrowIfNull(cap);
        Cap = cap;
    }

    /// <summary>The cap the file went over.</summary>
    public ImportCap? Cap { get; }
}

/// <summary>The file cannot be imported: the message names the line and column where it can.</summary>
public class ImportException : Exception
{
    public ImportException() { }

    public ImportException(string message) : base(message) { }

    public ImportException(string message, Exception inner) : base(message, inner) { }

    public ImportException(long line, string? column, string problem, Exception? inner = null)
        : base(Describe(line, column, problem), inner)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the file, or 0 when the problem is not at one line.</summary>
    public long Line { get; }

    /// <summary>The column's header name as in the file, when the problem is one field.</summary>
    public string? Column { get; }

    private static string Describe(long line, string? column, string problem)
    {
        var at = line > 0 ? $"line {line}" : "";
        if (column is not null)
            at = at.Length > 0 ? $"{at}, column {column}" : $"column {column}";
        return at.Length > 0 ? $"{at}: {problem}" : problem;
    }
}
