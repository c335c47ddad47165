using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failsafe.Store.Importing;

/// <summary>
/// The PostgreSQL bulk writer of an import: sessions, sets and custom exercises through binary COPY
/// (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) on the context's own connection, inside the transaction the importer has
/// begun, so a failed import leaves nothing behind.
/// <para>
/// The sets stream into one COPY as they are parsed, and the sessions follow in one COPY when the last set is sent:
/// the foreign key from a set to its session is checked once everything is written (by <see cref="CheckedKey"/>, or at
/// the commit, see <see cref="DeferredKey"/>), so a set may be written before its session. A set names its session by
/// id, so the id must be known before the set is sent; ids come from the table's own sequence, reserved in blocks
/// (<see cref="ReserveIds"/>), the first of <see cref="FirstIds"/> in the same round trip as the deferral, each next
/// one twice as large up to <see cref="MostIds"/>. A block can only be reserved between two statements, so the set
/// COPY is ended and begun again around it: a million sets of 43,242 workouts take 12 COPYs of sets (blocks of 64,
/// 128, … 8,192, 8,192, …), and the last block's 5,846 ids go unused. Every row is written once; COPY into a temporary table followed by
/// <c>INSERT … SELECT</c> would write every set twice and keep the whole file in the temporary table until the end.
/// </para>
/// <para>
/// Why one stream rather than rounds of 16,384 sets, each with its sessions' ids, its sessions' COPY and its sets' COPY
/// (measured, bench/README.md, "One stream of sets"): PostgreSQL's backend is the import's critical path, and between
/// two statements it waits for the client, whose threads wait for a core on a busy machine. Sampled every 10 ms
/// through an upload, the backend waited for the client in 41–59 samples with rounds and in 7 with one stream; in five
/// pairs of runs taken in turn, one fresh server each, 99,147 sets/s median before and 102,155 after (faster in four).
/// </para>
/// <para>
/// Why the import checks the key itself when it may (<see cref="KeyChecksOff"/>): PostgreSQL checks a foreign key with one
/// query per row, and for a million sets those queries took 3.7–3.9 s at the commit, about 40 % of the backend's work
/// for the import (bench/README.md, "The key checked by the import"). <see cref="CheckedKey"/> checks the same
/// million rows in one hash join, 0.2 s. Every other writer's statements are still checked by PostgreSQL, row by row.
/// </para>
/// <para>
/// Sequence values are never handed out twice, whoever asks, so the ids cannot collide with rows that other requests
/// add meanwhile; a rolled-back import, and the ids left over in its last block, only leave a gap in the sequence.
/// </para>
/// <para>
/// The rows are encoded by <see cref="PostgresCopyRows"/>. Times in an export are the lifter's wall clock; they are
/// stored as given (their ticks taken as UTC, as EF Core writes them).
/// </para>
/// <para>
/// Unlike <see cref="SqliteImportWriter"/> it keeps the indexes of <c>sets</c> through the import: dropping an index
/// locks the whole table, which on a server is every athlete's log, until the import commits.
/// </para>
/// </summary>
internal sealed class PostgresImportWriter : IImportWriter
{
    /// <summary>Session ids reserved with the deferral: enough for a small file's workouts in one round trip.</summary>
    private const int FirstIds = 64;

    /// <summary>The largest block of session ids reserved at once (a block for 8,192 workouts, about 190,000 sets of a Strong export).</summary>
    private const int MostIds = 8_192;

    private const string SessionCopy =
        "COPY \"sessions\" (\"Id\", \"AthleteId\", \"Date\", \"Name\", \"Source\", \"ImportKey\", \"StartedAt\", \"Notes\", \"Version\") FROM STDIN (FORMAT BINARY)";

    private const string SetCopy =
        "COPY \"sets\" (\"AthleteId\", \"Version\", \"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", \"WeightEntered\", " +
        "\"Reps\", \"Rir\", \"Rpe\", \"Failure\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", \"Notes\", \"LoggedAt\") FROM STDIN (FORMAT BINARY)";

    private const string CustomCopy =
        "COPY \"custom_exercises\" (\"AthleteId\", \"Name\", \"Mechanic\", \"Equipment\", \"MaxFailure\", \"MaxFailureWithSpotter\", \"CnsDemand\", " +
        "\"PrimaryMuscles\", \"Classified\") FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// A block of <c>@n</c> session ids. The sequence is looked up once per block, in the CTE: named in
    /// <c>nextval(…)</c> itself, <c>pg_get_serial_sequence</c> ran once per id, with its catalog lookups (23–28 ms per
    /// 8,192 ids against 2.5 ms, measured in <c>psql</c>; about 0.2 s of the backend's time for a million sets).
    /// </summary>
    private const string ReserveIds =
        "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('\"sessions\"', 'Id')::regclass AS seq) " +
        "SELECT nextval(s.seq) FROM s, generate_series(1, @n)";

    private readonly NpgsqlConnection _connection;
    private readonly string _source;
    private readonly int _athlete;
    private readonly List<ImportedWorkout> _sessions = [];
    private readonly Queue<long> _ids = new();
    private int _block = FirstIds;
    private PostgresCopyRows? _sets;
    private long _written;

    /// <param name="connection">The open connection, in a transaction (Npgsql runs every command and COPY in it).</param>
    /// <param name="source">The sessions' source: strong or hevy.</param>
    /// <param name="athlete">The athlete the rows belong to.</param>
    public PostgresImportWriter(NpgsqlConnection connection, string source, int athlete)
    {
        _connection = connection;
        _source = source;
        _athlete = athlete;
    }

    /// <summary>
    /// Defers the foreign key of <c>sets</c> to <c>sessions</c> to the commit, for this import's transaction only (the
    /// key is <c>DEFERRABLE INITIALLY IMMEDIATE</c>; every other writer has it checked per statement). PostgreSQL still
    /// checks every set, one query each, at the commit. Deferred, the key also lets a set be written before its session
    /// (see the class's remarks). And checked at the end of a COPY, those queries ran beside the COPY's 1,000 buffered
    /// rows, each of which holds the table's row type in the statement's resource list, and each query's lookups in that
    /// list grew long: about 8 % of the backend's samples went to <c>ResourceOwnerRememberTupleDesc</c> and its
    /// neighbour alone, and none at the commit. Measured in turn, one fresh server per run: 81,089–92,208 sets/s
    /// (PostgreSQL CPU 9.9–11.3 s) checked per COPY, 94,126–99,631 (9.0–9.4 s) deferred; see bench/README.md.
    /// </summary>
    internal const string DeferredKey = "SET CONSTRAINTS \"FK_sets_sessions_SessionId\" DEFERRED";

    /// <summary>
    /// Turns PostgreSQL's row-by-row key checks off for this transaction, when the role may
    /// (<c>GRANT SET ON PARAMETER session_replication_role</c>, PostgreSQL 15 and later; a superuser may anyway): as
    /// <c>pg_restore --disable-triggers</c> does, with <c>session_replication_role = replica</c>, under which the key's
    /// internal triggers do not fire. <see cref="CheckedKey"/> then checks every set of the import in one query before
    /// the commit. One row when the checks are off, none when the role may not (the key is then deferred and checked
    /// row by row at the commit, <see cref="DeferredKey"/>). The tables the import writes have no triggers of their own;
    /// the key from a set to its session is the only one they have (a new trigger or key on them must be checked
    /// here too).
    /// </summary>
    internal const string KeyChecksOff =
        "SELECT set_config('session_replication_role', 'replica', true) WHERE has_parameter_privilege('session_replication_role', 'SET')";

    /// <summary>
    /// The sets this transaction wrote for the athlete whose session is missing, or is another athlete's: what the key
    /// (and more) would have refused. Zero, or the import fails and rolls back. The import's sets are those whose
    /// <c>xmin</c> is this transaction, found through the athlete's index; the sessions are this athlete's.
    /// </summary>
    internal const string CheckedKey =
        "SELECT count(*) FROM \"sets\" s WHERE s.\"AthleteId\" = @athlete AND s.xmin = pg_current_xact_id()::xid " +
        "AND NOT EXISTS (SELECT 1 FROM \"sessions\" x WHERE x.\"Id\" = s.\"SessionId\" AND x.\"AthleteId\" = @athlete)";

    /// <summary>True when <see cref="KeyChecksOff"/> took effect: the import's sets are checked by <see cref="CheckedKey"/>.</summary>
    private bool _keyChecksOff;

    public void Begin(long estimatedSets)
    {
        // COPY needs no prepared statements, and the indexes stay (see the class's remarks). The first ids come in the
        // same round trip.
        var canTurnOff = _connection.PostgreSqlVersion.Major >= 15;
        using var batch = new NpgsqlBatch(_connection) { BatchCommands = { new(DeferredKey) } };
        if (canTurnOff)
            batch.BatchCommands.Add(new(KeyChecksOff));
        batch.BatchCommands.Add(new(ReserveIds) { Parameters = { new("n", _block) } });
        using var reader = batch.ExecuteReader();
        if (canTurnOff)
        {
            _keyChecksOff = reader.Read();
            reader.NextResult();
        }
        Take(reader, _block);
    }

    // Compiled optimized at once, as the import's other hot loops (see ImportPipe.Write).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSet(ImportedWorkout workout, in ImportedSet set)
    {
        if (workout.SessionId == 0)
        {
            if (_ids.Count == 0)
                Reserve();
            workout.SessionId = _ids.Dequeue();
            _sessions.Add(workout);
        }
        var copy = _sets ??= new PostgresCopyRows(_connection, SetCopy);
        copy.Row(19);
        copy.Int32(_athlete);
        copy.Int32(0);
        copy.Int64(workout.SessionId);
        copy.Int32(set.Order);
        copy.Text(set.Exercise.IdUtf8);
        copy.Text(set.Exercise.NameUtf8);
        copy.Double(set.WeightKg);
        copy.Text(set.Pounds ? "lb"u8 : "kg"u8);
        copy.Double(set.WeightEntered);
        copy.Int32(set.Reps);
        copy.Double(set.Rir);
        copy.Double(set.Rpe);
        copy.Text(set.Failure ? "absolute"u8 : "none"u8);
        copy.Bool(set.Warmup);
        copy.Bool(set.Drop);
        copy.Bool(false);
        copy.Bool(false);
        copy.Text(set.Notes);
        copy.Timestamp(workout.Start);
        _written++;
    }

    /// <summary>Ends the set COPY, if one is open, and reserves the next block of session ids, twice the last one's size.</summary>
    private void Reserve()
    {
        EndSets();
        _block = Math.Min(_block * 2, MostIds);
        using var command = Sql.Command(_connection, ReserveIds, ("n", _block));
        Take(command.ExecuteReader(), _block);
    }

    private void Take(DbDataReader ids, int n)
    {
        using (ids)
        {
            while (ids.Read())
                _ids.Enqueue(ids.GetInt64(0));
        }
        if (_ids.Count != n)
            throw new InvalidOperationException($"The sequence gave {_ids.Count} ids for {n} sessions.");
    }

    private void EndSets()
    {
        if (_sets is null)
            return;
        try
        {
            _sets.Complete();
        }
        finally
        {
            _sets.Dispose();
            _sets = null;
        }
    }

    /// <summary>Ends the set COPY and writes the sessions of the sets written.</summary>
    public void Flush()
    {
        EndSets();
        if (_sessions.Count == 0)
            return;
        try
        {
            WriteSessions();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw Conflict(ex);
        }
        _sessions.Clear();
    }

    /// <summary>
    /// Checks the key from this import's sets to their sessions in one query (<see cref="CheckedKey"/>), when the
    /// row-by-row checks are off. After <see cref="Analyze"/>: planned from the statistics of an empty table, the query
    /// probed the sessions' key once per set (0.84–0.95 s for a million sets), where it now joins them by hash.
    /// </summary>
    private void CheckKey()
    {
        if (!_keyChecksOff)
            return;
        using var check = Sql.Command(_connection, CheckedKey, ("athlete", _athlete));
        var orphans = Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (orphans > 0)
            throw new InvalidOperationException($"{orphans:N0} sets of the import name no session of the athlete; nothing was stored.");
    }

    private void WriteSessions()
    {
        using var copy = new PostgresCopyRows(_connection, SessionCopy);
        foreach (var w in _sessions)
        {
            copy.Row(9);
            copy.Int64(w.SessionId);
            copy.Int32(_athlete);
            copy.Date(DateOnly.FromDateTime(w.Start));
            copy.Text(w.Name.Length > 0 ? w.Name : null);
            copy.Text(_source);
            copy.Text(w.Key);
            copy.Timestamp(w.Start);
            copy.Text(w.Notes);
            copy.Int32(0);
        }
        copy.Complete();
    }

    public void Finish(IReadOnlyList<CustomExerciseRow> created, bool changed)
    {
        ArgumentNullException.ThrowIfNull(created);
        try
        {
            if (created.Count > 0)
            {
                using var copy = new PostgresCopyRows(_connection, CustomCopy);
                foreach (var c in created)
                {
                    copy.Row(9);
                    copy.Int32(_athlete);
                    copy.Text(c.Name);
                    copy.Text(c.Mechanic);
                    copy.Text(c.Equipment);
                    copy.Text(c.MaxFailure);
                    copy.Text(c.MaxFailureWithSpotter);
                    copy.Text(c.CnsDemand);
                    copy.Text(c.PrimaryMuscles);
                    copy.Bool(c.Classified);
                }
                copy.Complete();
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw Conflict(ex);
        }
        if (!changed)
            return;
        using var touch = Sql.Command(_connection, FailsafeDb.RaiseRevision.Replace("{0}", "@athlete", StringComparison.Ordinal), ("athlete", _athlete));
        touch.ExecuteNonQuery();
        Analyze();
        CheckKey();
    }

    /// <summary>An import of at least this many sets has what it changed analysed before it commits (see <see cref="Analyze"/>).</summary>
    public const long AnalyzeFrom = 10_000;

    /// <summary>
    /// The statement of <see cref="Analyze"/>: the columns that the log's queries filter, join or sort <c>sets</c> and
    /// <c>sessions</c> by (<see cref="Training.LogReader"/>, the server's endpoints). A new query that selects by another
    /// column adds it here.
    /// </summary>
    internal const string AnalyzedColumns =
        "ANALYZE \"sets\" (\"AthleteId\", \"SessionId\", \"Order\", \"ExerciseId\", \"WeightKg\", \"Failure\", \"ClientKey\"), " +
        "\"sessions\" (\"AthleteId\", \"Date\", \"ImportKey\", \"Source\")";

    /// <summary>
    /// Analyses <c>sets</c> and <c>sessions</c> when this import added at least <see cref="AnalyzeFrom"/> sets and a tenth of
    /// what the planner believed the table held (autovacuum's own threshold, which it reaches only a while later): in
    /// the import's transaction, so the statistics count its rows and a rollback takes them back. Planned from stale
    /// statistics, the first <c>/api/today</c> after a 300,000-set import ran past the 30-second command timeout.
    /// Only the columns the log is read by (<see cref="AnalyzedColumns"/>) are analysed: all of them took twice as long
    /// (0.40 s against 0.19 s for a million sets and their sessions), on the import's critical path. Autovacuum still
    /// analyses every column later, as it would have.
    /// </summary>
    private void Analyze()
    {
        if (_written < AnalyzeFrom)
            return;
        using (var estimate = Sql.Command(_connection, "SELECT reltuples FROM pg_class WHERE oid = '\"sets\"'::regclass"))
        {
            var believed = Convert.ToDouble(estimate.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (believed > 0 && _written < believed / 10)
                return;
        }
        using var analyze = Sql.Command(_connection, AnalyzedColumns);
        analyze.ExecuteNonQuery();
    }

    /// <summary>
    /// Another import of this athlete stored the same workout or custom exercise after this one read the log: the same
    /// exception as when EF Core's SaveChanges meets the unique index, so callers handle both alike.
    /// </summary>
    private static DbUpdateException Conflict(PostgresException ex) =>
        new($"Another import stored the same rows meanwhile ({ex.ConstraintName}); nothing of this one was stored.", ex);

    /// <summary>Cancels the set COPY when the import stops before <see cref="Flush"/>: the importer then rolls back.</summary>
    public void Dispose()
    {
        _sets?.Dispose();
        _sets = null;
    }
}
