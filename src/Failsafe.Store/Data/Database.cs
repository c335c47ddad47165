using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Failsafe.Store.Data;

/// <summary>
/// Where the database lives and how it is opened: <c>--db PATH</c>, else <c>FAILSAFE_DB</c>, else
/// <c>$XDG_DATA_HOME/failsafe/failsafe.db</c> (<c>~/.local/share/failsafe/failsafe.db</c>) on Linux and the
/// platform's application-data folder elsewhere. Opening creates the file, applies pending migrations — after
/// writing a backup copy next to an existing file — and switches SQLite to WAL mode.
/// </summary>
public static class Database
{
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("FAILSAFE_DB") is { Length: > 0 } env)
            return env;
        string root;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                : xdg;
        }
        else
        {
            root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        return Path.Combine(root, "failsafe", "failsafe.db");
    }

    public static DbContextOptions<FailsafeDb> Options(string path) =>
        new DbContextOptionsBuilder<FailsafeDb>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString())
            .Options;

    /// <summary>The newest migration in this build; a test keeps it equal to the last one in the migrations.</summary>
    public const string LatestMigration = "20261207121016_CoachNotes";

    /// <summary>A plain SQLite connection to the file at <paramref name="fullPath"/> (not opened).</summary>
    public static SqliteConnection Connection(string fullPath) =>
        new(new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = false }.ToString());

    /// <summary>
    /// A cheap check that an existing file already has the latest migration, so the everyday commands skip EF's
    /// migration machinery (which costs more than the command itself). WAL mode is persistent in the file.
    /// </summary>
    private static bool IsCurrent(DbConnection connection)
    {
        try
        {
            using var command = Sql.Command(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1");
            return command.ExecuteScalar() as string == LatestMigration;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>
    /// The athlete a personal database belongs to: its profile without a server account, or 1 before <c>init</c>
    /// creates it (0 when the file also holds server accounts: the command line's rows then never mix with theirs).
    /// </summary>
    public static int LocalAthlete(FailsafeDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        try
        {
            return LocalAthlete(db.Database.GetDbConnection());
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>The athlete a personal database belongs to (see <see cref="LocalAthlete(FailsafeDb)"/>), read on an open connection.</summary>
    public static int LocalAthlete(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Sql.Command(connection, "SELECT min(\"Id\") FROM \"profiles\" WHERE \"AccountId\" IS NULL");
        if (command.ExecuteScalar() is long id)
            return (int)id;
        command.CommandText = "SELECT count(*) FROM \"profiles\"";
        return command.ExecuteScalar() is 0L ? 1 : 0;
    }

    /// <summary>
    /// Opens the database at <paramref name="path"/> as a plain open connection, for the commands that read and
    /// write it without EF Core (<see cref="Training.SqlTrainingLog"/>). A file that is not current is created or
    /// migrated first through <see cref="Open"/>; returns the backup written, if any, and the local athlete.
    /// </summary>
    public static (SqliteConnection Connection, int AthleteId, string? Backup) OpenConnection(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && new FileInfo(full).Length > 0)
        {
            var current = Connection(full);
            try
            {
                current.Open();
                if (IsCurrent(current))
                    return (current, LocalAthlete(current), null);
            }
            catch
            {
                current.Dispose();
                throw;
            }
            current.Dispose();
        }
        var (db, backup) = Open(full);
        db.Dispose();
        var connection = Connection(full);
        try
        {
            connection.Open();
            return (connection, LocalAthlete(connection), backup);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The local athlete of an existing file that has the latest migration; null when it needs migrating.</summary>
    private static int? Current(string full)
    {
        using var connection = Connection(full);
        connection.Open();
        return IsCurrent(connection) ? LocalAthlete(connection) : null;
    }

    /// <summary>
    /// Pages of a new personal log, in bytes: larger pages mean fewer pages, page splits and WAL frames for the same
    /// rows, and a 1,000,000-set import measured about 7 % faster than with SQLite's default 4 KiB (bench/README.md).
    /// </summary>
    public const int PageSize = 16384;

    /// <summary>
    /// SQLite's default page size, for a file that takes many small commits (the server on SQLite: every logged set
    /// is a commit, and each commit writes whole pages to the WAL; 4,000 such commits took 1.7–2.1 s with 16 KiB
    /// pages against 0.6–1.1 s with 4 KiB).
    /// </summary>
    public const int SmallCommitPageSize = 4096;

    /// <summary>Creates the file of a new database with pages of <paramref name="pageSize"/> bytes, in WAL mode (the page size is fixed once the first page is written).</summary>
    private static void CreateFile(string full, int pageSize)
    {
        using var connection = Connection(full);
        connection.Open();
        using var command = Sql.Command(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {pageSize}; PRAGMA journal_mode = WAL;"));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Opens (creating or migrating) the database at <paramref name="path"/>; returns the backup written, if any. A new
    /// file gets pages of <paramref name="pageSize"/> bytes; an existing one keeps its own.
    /// </summary>
    public static (FailsafeDb Db, string? Backup) Open(string path, int pageSize = PageSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var existed = File.Exists(full) && new FileInfo(full).Length > 0;
        // The check runs on a plain connection, so a current file does not start EF Core's services here.
        if (existed && Current(full) is { } athlete)
            return (new FailsafeDb(Options(full)) { AthleteId = athlete }, null);
        if (!existed)
            CreateFile(full, pageSize);
        var db = new FailsafeDb(Options(full));
        string? backup = null;
        var pending = db.Database.GetPendingMigrations().ToList();
        if (pending.Count > 0)
        {
            if (existed && db.Database.GetAppliedMigrations().Any())
            {
                backup = $"{full}.before-{pending[^1]}.bak";
                db.Database.OpenConnection();
                try
                {
                    // VACUUM INTO writes a consistent copy even with a WAL file beside the database.
                    using var command = Sql.Command(db.Database.GetDbConnection(), "VACUUM INTO $path", ("$path", backup));
                    if (File.Exists(backup))
                        File.Delete(backup);
                    command.ExecuteNonQuery();
                }
                finally
                {
                    db.Database.CloseConnection();
                }
            }
            db.Database.Migrate();
        }
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.AthleteId = LocalAthlete(db);
        return (db, backup);
    }
}

/// <summary>Lets `dotnet ef` create the context at design time.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FailsafeDb>
{
    public FailsafeDb CreateDbContext(string[] args) => new(Database.Options("design-time.db"));
}
