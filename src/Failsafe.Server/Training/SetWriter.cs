using System.Data;
using System.Data.Common;
using System.Globalization;
using Failsafe.Store.Data;

namespace Failsafe.Server.Training;

/// <summary>
/// Records one logged set: appends it to the day's session (starting the session if the day has none) and raises
/// the athlete's log revision, in plain SQL that PostgreSQL and SQLite both accept. <c>POST /api/sets</c> is the write
/// a gym floor sends most; through EF Core's change tracker and query pipeline it cost several times the database
/// work (bench/README.md, "Server under load"). On PostgreSQL the append and the revision go as one batch — one round
/// trip, one implicit transaction; on SQLite, inside one <c>BEGIN IMMEDIATE</c> transaction. The SQL names the tables
/// and columns of <see cref="FailsafeDb"/>'s model; the API tests read every set written here back through EF Core.
/// </summary>
internal static class SetWriter
{
    /// <summary>The set, placed after the last set of the athlete's session for the day, or nothing when there is no such session or the client key is taken.</summary>
    private const string Append =
        "INSERT INTO \"sets\" (\"AthleteId\", \"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", " +
        "\"WeightEntered\", \"Reps\", \"Rir\", \"Rpe\", \"Failure\", \"Technique\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", " +
        "\"Notes\", \"LoggedAt\", \"Version\", \"ClientKey\", \"ClientHash\") " +
        "SELECT @athlete, s.\"Id\", COALESCE((SELECT MAX(x.\"Order\") FROM \"sets\" x WHERE x.\"SessionId\" = s.\"Id\"), 0) + 1, " +
        "@exerciseId, @exerciseName, @weightKg, @unit, @weightEntered, @reps, @rir, @rpe, @failure, @technique, @warmup, @drop, " +
        "@formBreakdown, @pain, @notes, @loggedAt, 0, @clientKey, @clientHash " +
        "FROM \"sessions\" s WHERE s.\"AthleteId\" = @athlete AND s.\"Date\" = @date AND s.\"Source\" = @source ORDER BY s.\"Id\" LIMIT 1 " +
        "ON CONFLICT DO NOTHING RETURNING \"Id\", \"SessionId\", \"Order\"";

    private const string Touch = "UPDATE \"profiles\" SET \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = @athlete";

    private const string SessionExists =
        "SELECT COUNT(*) FROM \"sessions\" WHERE \"AthleteId\" = @athlete AND \"Date\" = @date AND \"Source\" = @source";

    private const string StartSession =
        "INSERT INTO \"sessions\" (\"AthleteId\", \"Date\", \"Source\", \"StartedAt\", \"Version\") VALUES (@athlete, @date, @source, @started, 0)";

    /// <summary>
    /// Inserts <paramref name="row"/> into <paramref name="day"/>'s session from <paramref name="source"/>, setting its
    /// <see cref="SetRow.Id"/>, <see cref="SetRow.SessionId"/> and <see cref="SetRow.Order"/>. False, with no set
    /// written, when the athlete already has a set under <see cref="SetRow.ClientKey"/> (a retry raced this one).
    /// </summary>
    public static async Task<bool> Insert(DbDataSource database, int athlete, SetRow row, DateOnly day, string source, CancellationToken cancel)
    {
        row.AthleteId = athlete;
        await using var connection = await database.OpenConnectionAsync(cancel);
        var values = Values(row, day, source);
        if (connection.CanCreateBatch && await Batched(connection, row, values, cancel))
            return true;
        if (connection.CanCreateBatch)
            return await Locked(connection, row, day, source, values, cancel);
        // SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits for a busy file by sleeping and retrying,
        // so sixty-four sets at once left some waiting for seconds (the load test's timeouts). Queued here, they wait
        // their turn without holding a thread.
        var gate = Gates.GetValue(database, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        try
        {
            return await Locked(connection, row, day, source, values, cancel);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbDataSource, SemaphoreSlim> Gates = [];

    /// <summary>
    /// The usual case, a set for a day that has its session: raise the revision, then append, in one batch (one round
    /// trip, one implicit transaction). The UPDATE locks the athlete's profile row first, so sets sent at once append
    /// one after another, each seeing the last one's place (under READ COMMITTED each statement sees what committed
    /// before it began). When nothing is appended, the revision went up for nothing, which costs only a cached answer
    /// its place.
    /// </summary>
    private static async Task<bool> Batched(DbConnection connection, SetRow row, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        await using var batch = connection.CreateBatch();
        batch.BatchCommands.Add(BatchCommand(batch, Touch, Athlete(row)));
        batch.BatchCommands.Add(BatchCommand(batch, Append, values));
        await using var reader = await batch.ExecuteReaderAsync(cancel);
        // Npgsql starts the reader at the first statement that returns rows (the UPDATE returns none).
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancel))
        {
        }
        return await Placed(reader, row, cancel);
    }

    /// <summary>
    /// The careful way, in a transaction that first raises the athlete's revision — which locks their profile row (on
    /// SQLite, <c>BEGIN IMMEDIATE</c> locks the file), so two first sets of a day sent at once cannot both start a
    /// session: the second waits, then finds the first's session and appends to it.
    /// </summary>
    private static async Task<bool> Locked(DbConnection connection, SetRow row, DateOnly day, string source, (string, object?, DbType)[] values, CancellationToken cancel)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, transaction, Touch, Athlete(row), cancel);
        if (!await TryAppend(connection, transaction, row, values, cancel))
        {
            // No session for the day yet (start it and append), or the key is taken (write nothing).
            if (await Execute(connection, transaction, SessionExists, Common(row, day, source), cancel) > 0
                || await Execute(connection, transaction, StartSession, [.. Common(row, day, source), ("@started", row.LoggedAt, DbType.DateTime)], cancel) < 0
                || !await TryAppend(connection, transaction, row, values, cancel))
            {
                await transaction.RollbackAsync(cancel);
                return false;
            }
        }
        await transaction.CommitAsync(cancel);
        return true;
    }

    private static (string, object?, DbType)[] Athlete(SetRow row) => [("@athlete", row.AthleteId, DbType.Int32)];

    private static (string, object?, DbType)[] Common(SetRow row, DateOnly day, string source) =>
        [("@athlete", row.AthleteId, DbType.Int32), ("@date", day, DbType.Date), ("@source", source, DbType.String)];

    private static (string, object?, DbType)[] Values(SetRow row, DateOnly day, string source) =>
    [
        .. Common(row, day, source),
        ("@exerciseId", row.ExerciseId, DbType.String), ("@exerciseName", row.ExerciseName, DbType.String),
        ("@weightKg", row.WeightKg, DbType.Double), ("@unit", row.Unit, DbType.String), ("@weightEntered", row.WeightEntered, DbType.Double),
        ("@reps", row.Reps, DbType.Int32), ("@rir", row.Rir, DbType.Double), ("@rpe", row.Rpe, DbType.Double),
        ("@failure", row.Failure, DbType.String), ("@technique", row.Technique, DbType.String), ("@warmup", row.Warmup, DbType.Boolean),
        ("@drop", row.Drop, DbType.Boolean), ("@formBreakdown", row.FormBreakdown, DbType.Boolean), ("@pain", row.Pain, DbType.Boolean),
        ("@notes", row.Notes, DbType.String), ("@loggedAt", row.LoggedAt, DbType.DateTime),
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
        if (!sql.StartsWith("SELECT", StringComparison.Ordinal))
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
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }
}
