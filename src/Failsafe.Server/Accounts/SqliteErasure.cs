
namespace Failsafe.Server.Accounts;

/// <summary>
/// Deleting an account on SQLite leaves nothing of it in the files: SQLite otherwise keeps a deleted row's bytes in
/// the page it was on (or in a free page) and in the write-ahead log until they happen to be overwritten, so the email
/// and notes could be read from the file long after. While erasing, the contexts' connections run with
/// <c>secure_delete</c> (deleted content is overwritten with zeros), and the end checkpoints the write-ahead log into
/// the file and truncates it (<c>wal_checkpoint(TRUNCATE)</c>), which drops the frames that still held the rows as
/// first written. A no-op on PostgreSQL (docs/server.md, "Deleted accounts").
/// </summary>
internal sealed class SqliteErasure : IAsyncDisposable
{
    private readonly DbContext[] _contexts;

    private SqliteErasure(DbContext[] contexts) => _contexts = contexts;

    /// <summary>Opens each context's connection (kept until the context ends) with <c>secure_delete</c> on.</summary>
    public static async Task<SqliteErasure> Start(CancellationToken cancel, params DbContext[] contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var sqlite = contexts.Where(c => c.Database.IsSqlite()).ToArray();
        foreach (var context in sqlite)
        {
            await context.Database.OpenConnectionAsync(cancel);
            await context.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancel);
        }
        return new SqliteErasure(sqlite);
    }

    /// <summary>
    /// Moves the log's frames into the file and truncates the log. Best effort: a reader still on an older snapshot
    /// keeps the checkpoint from finishing; the frames are then overwritten as the log is reused.
    /// </summary>
    public async Task Finish(CancellationToken cancel)
    {
        if (_contexts.Length > 0)
            await _contexts[0].Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancel);
    }

    /// <summary>The pooled connections go back to the server's everyday setting.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.Database.ExecuteSqlRawAsync(Data.ScrubbingSqliteConnection.Fast);
            await context.Database.CloseConnectionAsync();
        }
    }
}
