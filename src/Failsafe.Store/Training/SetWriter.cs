using System.Data;
using System.Data.Common;

namespace Failsafe.Store.Training;

/// <summary>The session a logged set goes into: the athlete's session of <see cref="Day"/> from <see cref="Source"/>, started with <see cref="DayType"/> and <see cref="Name"/> when the day has none.</summary>
public sealed record SessionKey(DateOnly Day, string Source, string? DayType = null, string? Name = null);

/// <summary>
/// The one writer of logged sets — the command line's <c>log</c> and the API's POST, PUT and DELETE on sets — in plain
/// SQL that PostgreSQL and SQLite both accept. Every write raises the athlete's log revision in the same transaction
/// (<see cref="FailsafeDb.RaiseRevision"/>). <c>POST /api/sets</c> is the write a gym floor sends most; through EF
/// Core's change tracker and query pipeline it cost several times the database work (bench/README.md, "Server under
/// load"). On PostgreSQL a single set's append and the revision go as one batch — one round trip, one implicit
/// transaction; otherwise, inside one transaction that raises the revision first (on SQLite <c>BEGIN IMMEDIATE</c>).
/// Bulk imports have their own writer (<see cref="Importing.ImportWriter"/>).
/// </summary>
public static class SetWriter
{
    /// <summary>
    /// The set, placed after the last set of the athlete's session for the day, or nothing when there is no such
    /// session, the session already holds <see cref="LogLimits.MaxSetsPerSession"/> sets, or the client key is taken
    /// (by a set, or by a deleted one).
    /// </summary>
    private static readonly string Append =
        "INSERT INTO \"sets\" (\"AthleteId\", \"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", " +
        "\"WeightEntered\", \"Reps\", \"Rir\", \"Rpe\", \"Failure\", \"Technique\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", " +
        "\"Notes\", \"LoggedAt\", \"Version\", \"ClientKey\", \"ClientHash\") " +
        "SELECT @athlete, s.\"Id\", COALESCE((SELECT MAX(x.\"Order\") FROM \"sets\" x WHERE x.\"SessionId\" = s.\"Id\"), 0) + 1, " +
        "@exerciseId, @exerciseName, @weightKg, @unit, @weightEntered, @reps, @rir, @rpe, @failure, @technique, @warmup, @drop, " +
        "@formBreakdown, @pain, @notes, @loggedAt, 0, @clientKey, @clientHash " +
        "FROM \"sessions\" s WHERE s.\"AthleteId\" = @athlete AND s.\"Date\" = @date AND s.\"Source\" = @source " +
        "AND NOT EXISTS (SELECT 1 FROM \"deleted_set_keys\" k WHERE k.\"AthleteId\" = @athlete AND k.\"ClientKey\" = @clientKey) " +
        $"AND (SELECT COUNT(*) FROM \"sets\" n WHERE n.\"SessionId\" = s.\"Id\") < {LogLimits.MaxSetsPerSession} ORDER BY s.\"Id\" LIMIT 1 " +
        "ON CONFLICT DO NOTHING RETURNING \"Id\", \"SessionId\", \"Order\"";

    private static readonly string Touch = FailsafeDb.RaiseRevision.Replace("{0}", "@athlete", StringComparison.Ordinal);

    /// <summary>The same, giving the new revision.</summary>
    private static readonly string TouchReturning = Touch + " RETURNING \"Revision\"";

    /// <summary>The append, only when the log is at <c>@revision</c> after this write's own raise (nothing else wrote since the set count was taken).</summary>
    private static readonly string AppendAtRevision = Append.Replace(
        " ORDER BY s.\"Id\" LIMIT 1 ",
        " AND (SELECT p.\"Revision\" FROM \"profiles\" p WHERE p.\"Id\" = @athlete) = @revision ORDER BY s.\"Id\" LIMIT 1 ",
        StringComparison.Ordinal);

    private const string SessionExists =
        "SELECT COUNT(*) FROM \"sessions\" WHERE \"AthleteId\" = @athlete AND \"Date\" = @date AND \"Source\" = @source";

    /// <summary>The sets the athlete's session for the day holds (the one <see cref="Append"/> appends to).</summary>
    private const string SetsInSession =
        "SELECT COUNT(*) FROM \"sets\" WHERE \"SessionId\" = (SELECT \"Id\" FROM \"sessions\" " +
        "WHERE \"AthleteId\" = @athlete AND \"Date\" = @date AND \"Source\" = @source ORDER BY \"Id\" LIMIT 1)";

    private const string StartSession =
        "INSERT INTO \"sessions\" (\"AthleteId\", \"Date\", \"DayType\", \"Name\", \"Source\", \"StartedAt\", \"Version\") " +
        "VALUES (@athlete, @date, @dayType, @name, @source, @started, 0)";

    /// <summary>A correction of a set, when the caller read the version it still has.</summary>
    private const string Update =
        "UPDATE \"sets\" SET \"ExerciseId\" = @exerciseId, \"ExerciseName\" = @exerciseName, \"WeightKg\" = @weightKg, \"Unit\" = @unit, " +
        "\"WeightEntered\" = @weightEntered, \"Reps\" = @reps, \"Rir\" = @rir, \"Rpe\" = @rpe, \"Failure\" = @failure, \"Technique\" = @technique, " +
        "\"Warmup\" = @warmup, \"Drop\" = @drop, \"FormBreakdown\" = @formBreakdown, \"Pain\" = @pain, \"Notes\" = @notes, \"Version\" = \"Version\" + 1 " +
        "WHERE \"Id\" = @id AND \"AthleteId\" = @athlete AND \"Version\" = @version";

    private const string Remove = "DELETE FROM \"sets\" WHERE \"Id\" = @id AND \"AthleteId\" = @athlete AND (@version < 0 OR \"Version\" = @version)";

    /// <summary>How long the idempotency key of a deleted set stays used (<see cref="DeletedSetKeyRow"/>).</summary>
    public static readonly TimeSpan KeysKept = TimeSpan.FromDays(30);

    /// <summary>Keeps the key of the set (or of every set of the session) about to be deleted; <c>{0}</c> names the sets.</summary>
    private const string KeepKeysOfSets =
        "INSERT INTO \"deleted_set_keys\" (\"AthleteId\", \"ClientKey\", \"ClientHash\", \"DeletedAt\") " +
        "SELECT \"AthleteId\", \"ClientKey\", \"ClientHash\", @now FROM \"sets\" WHERE {0} AND \"AthleteId\" = @athlete AND \"ClientKey\" IS NOT NULL " +
        "ON CONFLICT DO NOTHING";

    private static readonly string KeepSetKey = KeepKeysOfSets.Replace("{0}", "\"Id\" = @id AND (@version < 0 OR \"Version\" = @version)", StringComparison.Ordinal);

    private static readonly string KeepSessionKeys = KeepKeysOfSets.Replace("{0}", "\"SessionId\" = @session", StringComparison.Ordinal);

    private const string ForgetKeys = "DELETE FROM \"deleted_set_keys\" WHERE \"AthleteId\" = @athlete AND \"DeletedAt\" < @expired";

    /// <summary>
    /// Appends <paramref name="row"/> to <paramref name="session"/> (starting it if the day has none), setting its
    /// <see cref="SetRow.Id"/>, <see cref="SetRow.SessionId"/> and <see cref="SetRow.Order"/>. False, with no set
    /// written, when the athlete already has a set under <see cref="SetRow.ClientKey"/> (a retry raced this one).
    /// Throws <see cref="SetCapException"/>, with nothing written, when the log already holds <paramref name="cap"/>'s most.
    /// </summary>
    public static async Task<bool> Insert(DbDataSource database, int athlete, SessionKey session, SetRow row, SetCap cap, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(cap);
        await using var connection = await database.OpenConnectionAsync(cancel);
        if (connection.CanCreateBatch)
        {
            row.AthleteId = athlete;
            // The count this process keeps holds only while no other write came between (the append checks the revision).
            if (cap.Known(athlete) is { } known && known.Held < cap.Most && await Batched(connection, row, Values(row, session), known.Revision + 1, cancel))
            {
                cap.Remember(athlete, known.Revision + 1, known.Held + 1);
                return true;
            }
            return await Insert(connection, athlete, session, [row], cap, cancel);
        }
        // SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits for a busy file by sleeping and retrying,
        // so sixty-four sets at once left some waiting for seconds (the load test's timeouts). Queued here, they wait
        // their turn without holding a thread.
        var gate = Gates.GetValue(database, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        try
        {
            return await Insert(connection, athlete, session, [row], cap, cancel);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbDataSource, SemaphoreSlim> Gates = [];

    /// <summary>
    /// Appends <paramref name="rows"/>, in order, to <paramref name="session"/> on an open connection, in one
    /// transaction that first raises the athlete's revision — which locks their profile row (on SQLite, the file), so
    /// two first sets of a day sent at once cannot both start a session: the second waits, then finds the first's
    /// session and appends to it; and two sets cannot both take an account's last place under <paramref name="cap"/>.
    /// False, with nothing written, when a row's client key is taken; <see cref="SetCapException"/> when the log would
    /// hold more than the cap allows.
    /// </summary>
    public static async Task<bool> Insert(DbConnection connection, int athlete, SessionKey session, IReadOnlyList<SetRow> rows, SetCap cap, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cap);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var revision = await Execute(connection, transaction, TouchReturning, Athlete(athlete), cancel);
        var held = cap.Known(athlete) is { } known && known.Revision == revision - 1
            ? known.Held
            : (await cap.CountAsync(connection, transaction, athlete, cancel)).Held;
        if (held + rows.Count > cap.Most)
        {
            await transaction.RollbackAsync(cancel);
            throw new SetCapException(cap, held);
        }
        foreach (var row in rows)
        {
            row.AthleteId = athlete;
            var values = Values(row, session);
            if (await TryAppend(connection, transaction, row, values, cancel))
                continue;
            // No session for the day yet (start it and append), a full session or a taken key (write nothing).
            if (await Execute(connection, transaction, SetsInSession, Common(athlete, session), cancel) is var inSession
                && inSession >= LogLimits.MaxSetsPerSession)
            {
                await transaction.RollbackAsync(cancel);
                throw new SessionFullException(session.Day, inSession);
            }
            if (await Execute(connection, transaction, SessionExists, Common(athlete, session), cancel) > 0
                || await Execute(connection, transaction, StartSession, Start(athlete, session, row.LoggedAt), cancel) < 0
                || !await TryAppend(connection, transaction, row, values, cancel))
            {
                await transaction.RollbackAsync(cancel);
                return false;
            }
        }
        await transaction.CommitAsync(cancel);
        cap.Remember(athlete, revision, held + rows.Count);
        return true;
    }

    /// <summary>
    /// Replaces the fields of the athlete's set <paramref name="row"/> (<see cref="SetRow.Id"/>) if it is still at
    /// <paramref name="version"/>, raising its version (<paramref name="row"/> gets the new one). False, with nothing
    /// written, when the set is gone or at another version.
    /// </summary>
    public static async Task<bool> Edit(DbConnection connection, int athlete, SetRow row, int version, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(row);
        (string, object?, DbType)[] values =
        [
            .. Fields(row), ("@athlete", athlete, DbType.Int32), ("@id", row.Id, DbType.Int64), ("@version", version, DbType.Int32),
        ];
        if (!await Changed(connection, athlete, Update, values, cancel))
            return false;
        row.Version = version + 1;
        return true;
    }

    /// <summary>
    /// Deletes the athlete's set <paramref name="id"/> if it is at <paramref name="version"/> (any version when null),
    /// keeping its idempotency key used for <see cref="KeysKept"/> (and forgetting keys older than that). False when
    /// nothing was deleted.
    /// </summary>
    public static async Task<bool> Delete(DbConnection connection, int athlete, long id, int? version, DateTime now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string, object?, DbType)[] values =
        [
            ("@athlete", athlete, DbType.Int32), ("@id", id, DbType.Int64), ("@version", version ?? -1, DbType.Int32), ("@now", now, DbType.DateTime),
        ];
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(athlete), cancel);
        await KeepKeysOf(connection, transaction, athlete, now, KeepSetKey, values, cancel);
        if (await Execute(connection, transaction, Remove, values, cancel) != 1)
        {
            await transaction.RollbackAsync(cancel);
            return false;
        }
        await transaction.CommitAsync(cancel);
        return true;
    }

    /// <summary>
    /// Keeps the idempotency keys of every set of the athlete's session <paramref name="session"/>, before the session
    /// is deleted in <paramref name="transaction"/> (the API's DELETE of a session).
    /// </summary>
    public static Task KeepKeys(DbConnection connection, DbTransaction transaction, int athlete, long session, DateTime now, CancellationToken cancel) =>
        KeepKeysOf(connection, transaction, athlete, now, KeepSessionKeys,
            [("@athlete", athlete, DbType.Int32), ("@session", session, DbType.Int64), ("@now", now, DbType.DateTime)], cancel);

    private static async Task KeepKeysOf(
        DbConnection connection, DbTransaction transaction, int athlete, DateTime now, string sql, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await Execute(connection, transaction, ForgetKeys, [.. Athlete(athlete), ("@expired", now - KeysKept, DbType.DateTime)], cancel);
        await Execute(connection, transaction, sql, values, cancel);
    }

    private const string LastSet =
        "SELECT s.\"Id\", s.\"ExerciseName\", s.\"WeightEntered\", s.\"Unit\", s.\"Reps\" FROM \"sets\" s INNER JOIN \"sessions\" x ON s.\"SessionId\" = x.\"Id\" " +
        "WHERE x.\"AthleteId\" = @athlete AND x.\"Date\" = @date AND x.\"Source\" = @source ORDER BY s.\"Order\" DESC, s.\"Id\" DESC LIMIT 1";

    /// <summary>
    /// Undo: deletes the last set of the athlete's session <paramref name="session"/> (a drop set counts as a set of
    /// its own) and returns it (id, exercise, load as entered, reps); null when the day has no set.
    /// </summary>
    public static async Task<SetRow?> Undo(DbConnection connection, int athlete, SessionKey session, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(session);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(athlete), cancel);
        SetRow? last = null;
        await using (var find = Command(connection, LastSet, Common(athlete, session)))
        {
            find.Transaction = transaction;
            await using var reader = await find.ExecuteReaderAsync(cancel);
            if (await reader.ReadAsync(cancel))
            {
                last = new SetRow
                {
                    Id = reader.GetInt64(0), AthleteId = athlete, ExerciseName = reader.GetString(1), WeightEntered = reader.GetDouble(2),
                    Unit = reader.GetString(3), Reps = reader.GetInt32(4),
                };
            }
        }
        if (last is null || await Execute(connection, transaction, Remove, [("@athlete", athlete, DbType.Int32), ("@id", last.Id, DbType.Int64), ("@version", -1, DbType.Int32)], cancel) != 1)
        {
            await transaction.RollbackAsync(cancel);
            return null;
        }
        await transaction.CommitAsync(cancel);
        return last;
    }

    private const string FindSession =
        "SELECT \"Id\" FROM \"sessions\" WHERE \"AthleteId\" = @athlete AND \"Date\" = @date AND \"Source\" = @source ORDER BY \"Id\" LIMIT 1";

    private const string ReadChanges = "SELECT \"ChangesJson\", \"Version\" FROM \"sessions\" WHERE \"Id\" = @id AND \"AthleteId\" = @athlete";

    private const string WriteChanges =
        "UPDATE \"sessions\" SET \"ChangesJson\" = @changes, \"Version\" = \"Version\" + 1 WHERE \"Id\" = @id AND \"AthleteId\" = @athlete AND \"Version\" = @version";

    /// <summary>
    /// Applies <paramref name="change"/> to what the lifter changed in the day's session <paramref name="session"/>
    /// (<see cref="SessionChanges"/>, stored in <c>sessions.ChangesJson</c>), starting the session when the day has
    /// none yet (a skip can come before the first set). Returns the changes as stored.
    /// </summary>
    public static async Task<SessionChanges> Change(DbConnection connection, int athlete, SessionKey session, DateTime now, Func<SessionChanges, SessionChanges> change, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(athlete), cancel);
        var id = await Execute(connection, transaction, FindSession, Common(athlete, session), cancel);
        if (id == 0)
        {
            await Execute(connection, transaction, StartSession, Start(athlete, session, now), cancel);
            id = await Execute(connection, transaction, FindSession, Common(athlete, session), cancel);
        }
        var result = await ChangeIn(connection, transaction, athlete, id, null, change, cancel)
            ?? throw new InvalidOperationException("The session changed while its changes were written, inside one transaction.");
        await transaction.CommitAsync(cancel);
        return result.Changes;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the athlete's session <paramref name="sessionId"/> if it is still at
    /// <paramref name="version"/>, raising its version. Null, with nothing written, when the session is gone or at
    /// another version.
    /// </summary>
    public static async Task<(SessionChanges Changes, int Version)?> Change(DbConnection connection, int athlete, long sessionId, int version, Func<SessionChanges, SessionChanges> change, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(athlete), cancel);
        var result = await ChangeIn(connection, transaction, athlete, sessionId, version, change, cancel);
        if (result is null)
            await transaction.RollbackAsync(cancel);
        else
            await transaction.CommitAsync(cancel);
        return result;
    }

    private static async Task<(SessionChanges Changes, int Version)?> ChangeIn(
        DbConnection connection, DbTransaction transaction, int athlete, long id, int? expected, Func<SessionChanges, SessionChanges> change, CancellationToken cancel)
    {
        (string, object?, DbType)[] key = [("@athlete", athlete, DbType.Int32), ("@id", id, DbType.Int64)];
        string? json;
        int version;
        await using (var read = Command(connection, ReadChanges, key))
        {
            read.Transaction = transaction;
            await using var reader = await read.ExecuteReaderAsync(cancel);
            if (!await reader.ReadAsync(cancel))
                return null;
            json = reader.IsDBNull(0) ? null : reader.GetString(0);
            version = reader.GetInt32(1);
        }
        if (expected is { } v && v != version)
            return null;
        var changed = change(SessionChanges.Parse(json));
        if (await Execute(connection, transaction, WriteChanges, [.. key, ("@changes", changed.ToJson(), DbType.String), ("@version", version, DbType.Int32)], cancel) != 1)
            return null;
        return (changed, version + 1);
    }

    /// <summary>Runs one change and raises the revision, in one transaction; false (rolled back) when it changed no row.</summary>
    private static async Task<bool> Changed(DbConnection connection, int athlete, string sql, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(athlete), cancel);
        if (await Execute(connection, transaction, sql, values, cancel) != 1)
        {
            await transaction.RollbackAsync(cancel);
            return false;
        }
        await transaction.CommitAsync(cancel);
        return true;
    }

    /// <summary>
    /// The usual case, a set for a day that has its session, written right after the last count of the athlete's sets
    /// this process holds (<paramref name="revision"/> is the log's revision once this write raised it): raise the
    /// revision, then append, in one batch (one round
    /// trip, one implicit transaction). The UPDATE locks the athlete's profile row first, so sets sent at once append
    /// one after another, each seeing the last one's place (under READ COMMITTED each statement sees what committed
    /// before it began). When nothing is appended, the revision went up for nothing, which costs only a cached answer
    /// its place.
    /// </summary>
    private static async Task<bool> Batched(DbConnection connection, SetRow row, (string, object?, DbType)[] values, long revision, CancellationToken cancel)
    {
        await using var batch = connection.CreateBatch();
        batch.BatchCommands.Add(BatchCommand(batch, Touch, Athlete(row.AthleteId)));
        batch.BatchCommands.Add(BatchCommand(batch, AppendAtRevision, [.. values, ("@revision", revision, DbType.Int64)]));
        await using var reader = await batch.ExecuteReaderAsync(cancel);
        // Npgsql starts the reader at the first statement that returns rows (the UPDATE returns none).
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancel))
        {
        }
        return await Placed(reader, row, cancel);
    }

    private static (string, object?, DbType)[] Athlete(int athlete) => [("@athlete", athlete, DbType.Int32)];

    private static (string, object?, DbType)[] Common(int athlete, SessionKey session) =>
        [("@athlete", athlete, DbType.Int32), ("@date", session.Day, DbType.Date), ("@source", session.Source, DbType.String)];

    private static (string, object?, DbType)[] Start(int athlete, SessionKey session, DateTime started) =>
    [
        .. Common(athlete, session), ("@dayType", session.DayType, DbType.String), ("@name", session.Name, DbType.String),
        ("@started", started, DbType.DateTime),
    ];

    private static (string, object?, DbType)[] Fields(SetRow row) =>
    [
        ("@exerciseId", row.ExerciseId, DbType.String), ("@exerciseName", row.ExerciseName, DbType.String),
        ("@weightKg", row.WeightKg, DbType.Double), ("@unit", row.Unit, DbType.String), ("@weightEntered", row.WeightEntered, DbType.Double),
        ("@reps", row.Reps, DbType.Int32), ("@rir", row.Rir, DbType.Double), ("@rpe", row.Rpe, DbType.Double),
        ("@failure", row.Failure, DbType.String), ("@technique", row.Technique, DbType.String), ("@warmup", row.Warmup, DbType.Boolean),
        ("@drop", row.Drop, DbType.Boolean), ("@formBreakdown", row.FormBreakdown, DbType.Boolean), ("@pain", row.Pain, DbType.Boolean),
        ("@notes", row.Notes, DbType.String),
    ];

    private static (string, object?, DbType)[] Values(SetRow row, SessionKey session) =>
    [
        .. Common(row.AthleteId, session), .. Fields(row), ("@loggedAt", row.LoggedAt, DbType.DateTime),
        ("@clientKey", row.ClientKey, DbType.String), ("@clientHash", row.ClientHash, DbType.String),
    ];

    private static async Task<bool> TryAppend(DbConnection connection, DbTransaction transaction, SetRow row, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        await using var append = Command(connection, Append, values);
        append.Transaction = transaction;
        await using var reader = await append.ExecuteReaderAsync(cancel);
        return await Placed(reader, row, cancel);
    }

    /// <summary>Runs <paramref name="sql"/>: its first value as a number when it returns rows, else the rows it changed.</summary>
    private static async Task<long> Execute(DbConnection connection, DbTransaction transaction, string sql, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        await using var command = Command(connection, sql, values);
        command.Transaction = transaction;
        if (!sql.StartsWith("SELECT", StringComparison.Ordinal) && !sql.Contains(" RETURNING ", StringComparison.Ordinal))
            return await command.ExecuteNonQueryAsync(cancel);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel) ?? 0L, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> Placed(DbDataReader reader, SetRow row, CancellationToken cancel)
    {
        if (!await reader.ReadAsync(cancel))
            return false;
        row.Id = reader.GetInt64(0);
        row.SessionId = reader.GetInt64(1);
        row.Order = reader.GetInt32(2);
        row.Version = 0;
        return true;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value, DbType Type)[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command.Parameters, command.CreateParameter, values);
        return command;
    }

    private static DbBatchCommand BatchCommand(DbBatch batch, string sql, (string Name, object? Value, DbType Type)[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        Bind(command.Parameters, command.CreateParameter, values);
        return command;
    }

    /// <summary>Typed even when null: PostgreSQL cannot infer the type of a parameter in a SELECT list.</summary>
    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, (string Name, object? Value, DbType Type)[] values)
    {
        foreach (var (name, value, type) in values)
            Sql.Add(parameters, create(), name, value, type);
    }
}
