using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Failsafe.Store.Importing;

/// <summary>One set as it is written: the row of <c>sets</c> without its id and session.</summary>
internal readonly record struct ImportedSet(
    int Order, string ExerciseId, string ExerciseName, double WeightKg, string Unit, double WeightEntered, int Reps,
    double? Rir, double? Rpe, string Failure, bool Warmup, bool Drop, string? Notes);

/// <summary>
/// Writes sessions and sets with prepared ADO.NET commands on the context's SQLite connection, inside its
/// transaction: a million sets through EF change tracking would take minutes and gigabytes. Sets are buffered and
/// written <see cref="Batch"/> rows per INSERT, which saves most of the per-statement cost. The columns and value
/// formats are those EF Core writes (dates as ISO text, booleans as 0/1), so EF reads the rows back as its own.
/// </summary>
internal sealed class ImportWriter : IDisposable
{
    /// <summary>Rows per multi-row INSERT: 64 × 15 parameters stays far below SQLite's limit of bound variables.</summary>
    public const int Batch = 64;

    private const string SetColumns =
        "\"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", \"WeightEntered\", \"Reps\", \"Rir\", \"Rpe\", " +
        "\"Failure\", \"Technique\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", \"Notes\", \"LoggedAt\"";

    // Bound per row: every column but Technique (NULL), FormBreakdown and Pain (0), which imports do not know.
    private const int ParametersPerRow = 15;

    private static readonly object Zero = 0L;
    private static readonly object One = 1L;

    private readonly SqliteCommand _session;
    private readonly SqliteCommand _batch;
    private readonly SqliteCommand _single;
    private readonly SqliteParameter[] _batchParameters;
    private readonly SqliteParameter[] _singleParameters;
    private readonly (long Session, string LoggedAt, ImportedSet Set)[] _pending = new (long, string, ImportedSet)[Batch];
    private int _count;

    public ImportWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _session = connection.CreateCommand();
        _session.Transaction = transaction;
        _session.CommandText =
            "INSERT INTO \"sessions\" (\"Date\", \"DayType\", \"Name\", \"Source\", \"ImportKey\", \"StartedAt\", \"Notes\") " +
            "VALUES ($date, NULL, $name, $source, $key, $started, $notes) RETURNING \"Id\"";
        foreach (var name in new[] { "$date", "$name", "$source", "$key", "$started", "$notes" })
            _session.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        _session.Prepare();

        (_batch, _batchParameters) = SetInsert(connection, transaction, Batch);
        (_single, _singleParameters) = SetInsert(connection, transaction, 1);
    }

    private static (SqliteCommand, SqliteParameter[]) SetInsert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new System.Text.StringBuilder($"INSERT INTO \"sets\" ({SetColumns}) VALUES ");
        var parameters = new SqliteParameter[rows * ParametersPerRow];
        for (var r = 0; r < rows; r++)
        {
            if (r > 0)
                text.Append(", ");
            text.Append('(');
            for (var p = 0; p < ParametersPerRow; p++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$p{r}_{p}");
                var parameter = new SqliteParameter { ParameterName = name };
                parameters[r * ParametersPerRow + p] = parameter;
                command.Parameters.Add(parameter);
                text.Append(name);
                text.Append(p switch
                {
                    10 => ", NULL, ", // after Failure: Technique
                    12 => ", 0, 0, ", // after Drop: FormBreakdown, Pain
                    ParametersPerRow - 1 => "",
                    _ => ", ",
                });
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        command.Prepare();
        return (command, parameters);
    }

    /// <summary>Inserts a session and returns its id.</summary>
    public long AddSession(DateTime started, string? name, string source, string key, string? notes)
    {
        _session.Parameters[0].Value = started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _session.Parameters[1].Value = (object?)name ?? DBNull.Value;
        _session.Parameters[2].Value = source;
        _session.Parameters[3].Value = key;
        _session.Parameters[4].Value = FormatDateTime(started);
        _session.Parameters[5].Value = (object?)notes ?? DBNull.Value;
        return (long)_session.ExecuteScalar()!;
    }

    /// <summary>A date and time as EF Core's SQLite provider stores it.</summary>
    public static string FormatDateTime(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public void AddSet(long session, string loggedAt, in ImportedSet set)
    {
        _pending[_count++] = (session, loggedAt, set);
        if (_count == Batch)
        {
            for (var r = 0; r < Batch; r++)
                Bind(_batchParameters, r * ParametersPerRow, _pending[r]);
            _batch.ExecuteNonQuery();
            _count = 0;
        }
    }

    /// <summary>Writes the sets still buffered.</summary>
    public void Flush()
    {
        for (var r = 0; r < _count; r++)
        {
            Bind(_singleParameters, 0, _pending[r]);
            _single.ExecuteNonQuery();
        }
        _count = 0;
    }

    private static void Bind(SqliteParameter[] p, int at, in (long Session, string LoggedAt, ImportedSet Set) row)
    {
        var s = row.Set;
        p[at].Value = row.Session;
        p[at + 1].Value = s.Order;
        p[at + 2].Value = s.ExerciseId;
        p[at + 3].Value = s.ExerciseName;
        p[at + 4].Value = s.WeightKg;
        p[at + 5].Value = s.Unit;
        p[at + 6].Value = s.WeightEntered;
        p[at + 7].Value = s.Reps;
        p[at + 8].Value = s.Rir is { } rir ? rir : DBNull.Value;
        p[at + 9].Value = s.Rpe is { } rpe ? rpe : DBNull.Value;
        p[at + 10].Value = s.Failure;
        p[at + 11].Value = s.Warmup ? One : Zero;
        p[at + 12].Value = s.Drop ? One : Zero;
        p[at + 13].Value = (object?)s.Notes ?? DBNull.Value;
        p[at + 14].Value = row.LoggedAt;
    }

    public void Dispose()
    {
        _session.Dispose();
        _batch.Dispose();
        _single.Dispose();
    }
}
