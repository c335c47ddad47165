using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Failsafe.Store.Importing;

/// <summary>
/// The SQLite bulk writer of an import: sessions and sets with prepared INSERT statements on the context's own
/// connection, inside the transaction the importer has begun. The statements are bound by position through SQLitePCL — the layer under
/// Microsoft.Data.Sqlite — because ADO.NET parameters are looked up by name on every execution, which measured at a
/// third of the speed (see bench/import.sh); the sets' values go through <see cref="SqliteBinder"/>. Sets go <see cref="Batch"/> rows per statement. The value formats are
/// those EF Core writes (dates as ISO text, booleans as 0/1), so EF reads the rows as its own.
/// </summary>
internal sealed class SqliteImportWriter : IImportWriter
{
    /// <summary>Rows per multi-row INSERT (× 15 bound values = 1,920: far below SQLite's limit of 32,766 variables).</summary>
    public const int Batch = 128;

    private const int ValuesPerRow = 15;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _session;
    private readonly sqlite3_stmt _batch;
    private readonly sqlite3_stmt _single;
    private readonly SqliteBinder _batchBinder;
    private readonly SqliteBinder _singleBinder;
    private readonly (long Session, byte[] LoggedAt, ImportedSet Set)[] _pending = new (long, byte[], ImportedSet)[Batch];
    private readonly string _source;
    private readonly int _athlete;
    private readonly List<(string Name, string Sql)> _deferredIndexes = [];
    private int _count;

    /// <param name="connection">The open connection, in a transaction.</param>
    /// <param name="source">The sessions' source: strong or hevy.</param>
    /// <param name="athlete">The athlete the rows belong to (written into the statements: it is a number).</param>
    public SqliteImportWriter(SqliteConnection connection, string source, int athlete)
    {
        _source = source;
        _athlete = athlete;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _session = Prepare(
            "INSERT INTO \"sessions\" (\"AthleteId\", \"Date\", \"DayType\", \"Name\", \"Source\", \"ImportKey\", \"StartedAt\", \"Notes\", \"Version\") " +
            string.Create(CultureInfo.InvariantCulture, $"VALUES ({athlete}, ?, NULL, ?, ?, ?, ?, ?, 0)"));
        _batch = Prepare(SetInsert(Batch, athlete));
        _single = Prepare(SetInsert(1, athlete));
        _batchBinder = new SqliteBinder(_batch);
        _singleBinder = new SqliteBinder(_single);
    }

    private static string SetInsert(int rows, int athlete)
    {
        var text = new StringBuilder(
            "INSERT INTO \"sets\" (\"AthleteId\", \"Version\", \"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", \"WeightEntered\", " +
            "\"Reps\", \"Rir\", \"Rpe\", \"Failure\", \"Technique\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", \"Notes\", \"LoggedAt\") VALUES ");
        for (var r = 0; r < rows; r++)
            text.Append(r == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({athlete}, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, 0, ?, ?)");
        return text.ToString();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Check(rc);
    }

    /// <summary>A date and time as EF Core's SQLite provider stores it.</summary>
    public static string FormatDateTime(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Inserts the session of <paramref name="workout"/> and sets its id.</summary>
    private void AddSession(ImportedWorkout workout)
    {
        var s = _session;
        raw.sqlite3_bind_text(s, 1, workout.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        BindText(s, 2, workout.Name.Length > 0 ? workout.Name : null);
        raw.sqlite3_bind_text(s, 3, _source);
        raw.sqlite3_bind_text(s, 4, workout.Key);
        raw.sqlite3_bind_text(s, 5, FormatDateTime(workout.Start));
        BindText(s, 6, workout.Notes);
        Run(s);
        workout.SessionId = raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Adds a set of <paramref name="workout"/>, inserting its session first if this is its first set.</summary>
    public void AddSet(ImportedWorkout workout, in ImportedSet set)
    {
        if (workout.SessionId == 0)
            AddSession(workout);
        _pending[_count++] = (workout.SessionId, workout.LoggedAt, set);
        if (_count < Batch)
            return;
        for (var r = 0; r < Batch; r++)
            Bind(_batchBinder, r * ValuesPerRow, _pending[r]);
        Check(_batchBinder.TakeFailure());
        Run(_batch);
        _count = 0;
    }

    /// <summary>Writes the sets still buffered.</summary>
    public void Flush()
    {
        for (var r = 0; r < _count; r++)
        {
            Bind(_singleBinder, 0, _pending[r]);
            Check(_singleBinder.TakeFailure());
            Run(_single);
        }
        _count = 0;
    }

    private static void Bind(SqliteBinder s, int at, in (long Session, byte[] LoggedAt, ImportedSet Set) row)
    {
        ref readonly var set = ref row.Set;
        s.Int64(at + 1, row.Session);
        s.Int64(at + 2, set.Order);
        // Texts that never move are bound without a copy: the pinned arrays of Utf8, and literals (data of the
        // assembly's image). The rows stay in _pending, so the arrays live until the statement has run.
        s.Stable(at + 3, set.Exercise.IdUtf8);
        s.Stable(at + 4, set.Exercise.NameUtf8);
        s.Double(at + 5, set.WeightKg);
        s.Stable(at + 6, set.Pounds ? "lb"u8 : "kg"u8);
        s.Double(at + 7, set.WeightEntered);
        s.Int64(at + 8, set.Reps);
        s.Double(at + 9, set.Rir);
        s.Double(at + 10, set.Rpe);
        s.Stable(at + 11, set.Failure ? "absolute"u8 : "none"u8);
        s.Int64(at + 12, set.Warmup ? 1 : 0);
        s.Int64(at + 13, set.Drop ? 1 : 0);
        s.Text(at + 14, set.Notes);
        s.Stable(at + 15, row.LoggedAt);
    }

    private static void BindText(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
            raw.sqlite3_bind_null(s, index);
        else
            raw.sqlite3_bind_text(s, index, value);
    }

    /// <summary>Imports estimated at this many sets or more (and more than the log has) defer the indexes of sets.</summary>
    private const long DeferIndexesFrom = 50_000;

    public void Begin(long estimatedSets)
    {
        if (estimatedSets < DeferIndexesFrom)
            return;
        long sets;
        Check(raw.sqlite3_prepare_v2(_db, "SELECT count(*) FROM \"sets\"", out var count));
        using (count)
        {
            Check(raw.sqlite3_step(count));
            sets = raw.sqlite3_column_int64(count, 0);
        }
        // A large file into a small log: build the indexes of sets once at the end instead of row by row.
        if (estimatedSets >= sets)
            DeferIndexes();
    }

    /// <summary>
    /// Drops the indexes of <c>sets</c> until <see cref="RestoreIndexes"/>: for a large import into a small log,
    /// building them once at the end is faster than keeping them up to date row by row. Inside the transaction, so
    /// a failed import gets them back with everything else. Their definitions are read from the database itself.
    /// </summary>
    private void DeferIndexes()
    {
        Check(raw.sqlite3_prepare_v2(_db, "SELECT \"name\", \"sql\" FROM \"sqlite_master\" WHERE \"type\" = 'index' AND \"tbl_name\" = 'sets' AND \"sql\" IS NOT NULL", out var query));
        using (query)
        {
            while (raw.sqlite3_step(query) == raw.SQLITE_ROW)
                _deferredIndexes.Add((raw.sqlite3_column_text(query, 0).utf8_to_string(), raw.sqlite3_column_text(query, 1).utf8_to_string()));
        }
        // The partial index of client keys stays: imported sets have no client key, so it gets no entries from
        // them, and building it again would read the whole table once more.
        _deferredIndexes.RemoveAll(index => index.Sql.Contains("\"ClientKey\" IS NOT NULL", StringComparison.Ordinal));
        foreach (var (name, _) in _deferredIndexes)
            Check(raw.sqlite3_exec(_db, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
    }

    public void Finish(IReadOnlyList<CustomExerciseRow> created, bool changed)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (created.Count > 0)
        {
            var insert = Prepare(
                "INSERT INTO \"custom_exercises\" (\"AthleteId\", \"Name\", \"Mechanic\", \"Equipment\", \"MaxFailure\", \"MaxFailureWithSpotter\", " +
                string.Create(CultureInfo.InvariantCulture, $"\"CnsDemand\", \"PrimaryMuscles\", \"Classified\") VALUES ({_athlete}, ?, ?, ?, ?, ?, ?, ?, ?)"));
            using (insert)
            {
                foreach (var c in created)
                {
                    raw.sqlite3_bind_text(insert, 1, c.Name);
                    raw.sqlite3_bind_text(insert, 2, c.Mechanic);
                    raw.sqlite3_bind_text(insert, 3, c.Equipment);
                    raw.sqlite3_bind_text(insert, 4, c.MaxFailure);
                    raw.sqlite3_bind_text(insert, 5, c.MaxFailureWithSpotter);
                    raw.sqlite3_bind_text(insert, 6, c.CnsDemand);
                    raw.sqlite3_bind_text(insert, 7, c.PrimaryMuscles);
                    raw.sqlite3_bind_int(insert, 8, c.Classified ? 1 : 0);
                    Run(insert);
                }
            }
        }
        RestoreIndexes();
        if (changed)
            Check(raw.sqlite3_exec(_db, FailsafeDb.RaiseRevision.Replace("{0}", _athlete.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
    }

    private void RestoreIndexes()
    {
        if (_deferredIndexes.Count == 0)
            return;
        // The sorter of CREATE INDEX sorts its runs on a helper thread meanwhile (the reader is done by now).
        Check(raw.sqlite3_exec(_db, "PRAGMA threads = 2"));
        try
        {
            foreach (var (_, sql) in _deferredIndexes)
                Check(raw.sqlite3_exec(_db, sql));
        }
        finally
        {
            raw.sqlite3_exec(_db, "PRAGMA threads = 0");
        }
        _deferredIndexes.Clear();
    }

    public void Dispose()
    {
        _session.Dispose();
        _batch.Dispose();
        _single.Dispose();
    }

    /// <summary>
    /// The UTF-8 bytes of <paramref name="text"/> in an array that never moves (the pinned object heap), so SQLite
    /// may keep pointing at it between bind and step instead of copying it (<see cref="SqliteBinder.Stable"/>).
    /// </summary>
    public static byte[] Utf8(string text)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(text), pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
