using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Failsafe.Server.Data;

/// <summary>
/// Every connection the server opens to its SQLite file — EF Core's (<see cref="Interceptor"/>) and the plain
/// queries' (<see cref="Source"/>) — runs with <c>secure_delete = FAST</c>: what a delete or an update frees inside a
/// page is overwritten with zeros, at no extra I/O. Without it an old copy of a row (the profile with its email, a
/// set's notes) stays in the page's free space long after the row changed or went. Pages freed whole by deleting an
/// account are zeroed too, by <see cref="Accounts.SqliteErasure"/> (<c>secure_delete = ON</c> for that request).
/// </summary>
public sealed class ScrubbingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public const string Fast = "PRAGMA secure_delete = FAST";

    public override void Open()
    {
        var wasOpen = State == System.Data.ConnectionState.Open;
        base.Open();
        if (wasOpen)
            return;
        using var command = CreateCommand();
        command.CommandText = Fast;
        command.ExecuteNonQuery();
    }

    /// <summary>The plain queries' connections.</summary>
    public static DbDataSource Source(string connectionString) => new Scrubbing(connectionString);

    /// <summary>EF Core's connections.</summary>
    public static readonly IInterceptor Interceptor = new Creating();

    private sealed class Scrubbing(string connectionString) : DbDataSource
    {
        public override string ConnectionString => connectionString;

        protected override DbConnection CreateDbConnection() => new ScrubbingSqliteConnection(connectionString);
    }

    private sealed class Creating : DbConnectionInterceptor
    {
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            InterceptionResult<DbConnection>.SuppressWithResult(new ScrubbingSqliteConnection(eventData.ConnectionString!));
    }
}
