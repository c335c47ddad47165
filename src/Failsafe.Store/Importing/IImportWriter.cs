using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Failsafe.Store.Importing;

/// <summary>An exercise as the sets of an import store it: its id and the name as in the file, also as UTF-8 in arrays that never move.</summary>
internal sealed class ImportedExercise(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public byte[] IdUtf8 { get; } = SqliteImportWriter.Utf8(id);
    public byte[] NameUtf8 { get; } = SqliteImportWriter.Utf8(name);
}

/// <summary>One set as it is written: the row of <c>sets</c> without its id, session and time.</summary>
internal readonly record struct ImportedSet(
    int Order, ImportedExercise Exercise, double WeightKg, bool Pounds, double WeightEntered, int Reps,
    double? Rir, double? Rpe, bool Failure, bool Warmup, bool Drop, string? Notes);

/// <summary>A workout of the file: what its session row needs, and the id the writer gives it.</summary>
internal sealed class ImportedWorkout(string key, DateTime start, string name)
{
    public string Key { get; } = key;

    /// <summary>The start as in the file: the lifter's wall clock, stored as given.</summary>
    public DateTime Start { get; } = start;
    public string Name { get; } = name;
    /// <summary>
    /// The start as SQLite's sets store it, made at the first call (by the SQLite writer only: the PostgreSQL writer
    /// sends the time as a number) and kept, as every set of the workout binds it.
    /// </summary>
    public byte[] LoggedAt => _loggedAt ??= SqliteImportWriter.Utf8(SqliteImportWriter.FormatDateTime(Start));

    private byte[]? _loggedAt;
    public bool Duplicate { get; init; }

    /// <summary>Sets of this workout seen so far (by the reader); the next set's order is one more.</summary>
    public int Sets { get; set; }
    public string? Notes { get; set; }

    /// <summary>The session's id once the writer has given it one; 0 before.</summary>
    public long SessionId { get; set; }
}

/// <summary>
/// The bulk writer of one import: it writes what <see cref="WorkoutImporter"/> decided (duplicates already skipped by
/// import key, unknown names already made custom exercises) in the fastest way its database has, on the context's own
/// connection and inside the transaction the importer began, so a file imports whole or not at all. The calls come
/// in this order: <see cref="Begin"/>; <see cref="AddSet"/> for every set and then <see cref="Flush"/>, all from one
/// thread (not necessarily the importer's, see <see cref="ImportPipe"/>); <see cref="Finish"/>. Errors are thrown,
/// and the importer rolls the transaction back.
/// </summary>
internal interface IImportWriter : IDisposable
{
    /// <summary>Prepares for about <paramref name="estimatedSets"/> sets (0 when the size of the file is not known).</summary>
    void Begin(long estimatedSets);

    /// <summary>
    /// Adds a set of <paramref name="workout"/>. At the workout's first set the writer gives it its session's id;
    /// the session is written then (SQLite) or by <see cref="Flush"/> (PostgreSQL, whose key to the session is checked
    /// when the import has written everything: by its own query, or at the commit).
    /// </summary>
    void AddSet(ImportedWorkout workout, in ImportedSet set);

    /// <summary>Writes the sets and sessions still buffered.</summary>
    void Flush();

    /// <summary>
    /// Writes the custom exercises the import created, completes what <see cref="Begin"/> put off, and raises the
    /// athlete's <see cref="ProfileRow.Revision"/> once when <paramref name="changed"/>, so cached decisions see the new log.
    /// </summary>
    void Finish(IReadOnlyList<CustomExerciseRow> created, bool changed);
}

/// <summary>Chooses the bulk writer for the database behind a connection.</summary>
internal static class ImportWriters
{
    /// <param name="connection">The context's open connection, in a transaction.</param>
    /// <param name="source">The sessions' source: strong or hevy.</param>
    /// <param name="athlete">The athlete the rows belong to.</param>
    public static IImportWriter For(DbConnection connection, string source, int athlete) => connection switch
    {
        SqliteConnection sqlite => new SqliteImportWriter(sqlite, source, athlete),
        NpgsqlConnection postgres => new PostgresImportWriter(postgres, source, athlete),
        _ => throw new NotSupportedException($"Importing into {connection.GetType().Name} is not supported: only SQLite and PostgreSQL."),
    };
}
