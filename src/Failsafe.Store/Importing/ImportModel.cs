using Failsafe.Effort;

namespace Failsafe.Store.Importing;

/// <summary>The app an export comes from; also the <c>Source</c> of the sessions it creates.</summary>
public enum ImportSource
{
    Strong,
    Hevy,
}

/// <summary>How to import: from which app, the unit of weights the file does not label, and whether to write.</summary>
/// <param name="Source">The app that wrote the file.</param>
/// <param name="Unit">The unit of the weights when the file does not say (Strong's comma layout); ignored when it does.</param>
/// <param name="DryRun">Parse and validate everything and count what would be imported, but write nothing.</param>
public sealed record ImportOptions(ImportSource Source, WeightUnit? Unit = null, bool DryRun = false);

/// <summary>An exercise name that is not in the catalog: imported as a custom exercise that needs classifying.</summary>
/// <param name="Name">The name as in the file.</param>
/// <param name="Sets">How many imported sets use it.</param>
/// <param name="Created">True when this import created the custom exercise (false: it existed, still unclassified).</param>
public sealed record UnmatchedExercise(string Name, int Sets, bool Created);

/// <summary>What an import did (or, on a dry run, would do).</summary>
public sealed record ImportSummary
{
    public required ImportSource Source { get; init; }
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

    /// <summary>Sets without reps (timed or distance sets, such as planks or rowing): not training sets the log can use.</summary>
    public required long SetsWithoutReps { get; init; }

    /// <summary>Rows that are not sets (Strong's rest-timer and note rows).</summary>
    public required long OtherRows { get; init; }

    /// <summary>Exercise names not in the catalog, by name.</summary>
    public required IReadOnlyList<UnmatchedExercise> Unmatched { get; init; }
}

/// <summary>The file cannot be imported: the message names the line and column where it can.</summary>
public sealed class ImportException : Exception
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
