using System.Data.Common;
using Failsafe.Server.Accounts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Failsafe.Server.Data;

/// <summary>
/// Which database the server uses: PostgreSQL when <c>ConnectionStrings:Failsafe</c> is set (environment
/// <c>ConnectionStrings__Failsafe</c>), otherwise the SQLite file chosen as the command line chooses it
/// (<c>FAILSAFE_DB</c>, else the user's data directory). Both hold the training log (<see cref="FailsafeDb"/>) and
/// the accounts (<see cref="AccountsDb"/>), each with its own migrations per provider.
/// </summary>
public sealed record ServerDatabase(bool Postgres, string ConnectionString, string? SqlitePath)
{
    public static ServerDatabase From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetConnectionString("Failsafe") is { Length: > 0 } pg)
            return new(true, Tuned(pg), null);
        var path = Path.GetFullPath(configuration["FAILSAFE_DB"] is { Length: > 0 } p ? p : Database.DefaultPath());
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new(false, cs, path);
    }

    /// <summary>
    /// Npgsql settings for a server answering many requests at once, unless the connection string sets them:
    /// statements are prepared once per pooled connection (<c>Max Auto Prepare</c>: the per-request profile lookup,
    /// the set's INSERT and the revision UPDATE are then only bound and executed, not parsed and planned again), and a
    /// connection returned to the pool is not reset (<c>No Reset On Close</c>: the server sets no session state, and
    /// the reset would also drop those prepared statements).
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public string Describe() => Postgres
        ? $"PostgreSQL ({new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString})"
        : $"SQLite ({SqlitePath})";

    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        // One pool per server for EF Core and the plain queries (ProfileLookup), owned and closed by the host.
        if (Postgres)
            services.AddSingleton<DbDataSource>(_ => NpgsqlDataSource.Create(ConnectionString));
        else
            services.AddSingleton(_ => ScrubbingSqliteConnection.Source(ConnectionString));
        services.AddSingleton<Athletes.ProfileLookup>();

        // The training context comes from a pool (contexts are reset and reused, not built for every request) and is
        // handed to the request's AthleteAccess, which scopes it to the athlete the request works on.
        const ServiceLifetime context = ServiceLifetime.Scoped, options = ServiceLifetime.Singleton;
        if (Postgres)
        {
            services.AddPooledDbContextFactory<PostgresTrainingDb>((sp, o) => o.UseNpgsql((NpgsqlDataSource)sp.GetRequiredService<DbDataSource>()));
            services.AddScoped<FailsafeDb>(sp => sp.GetRequiredService<Athletes.AthleteAccess>().Attach(sp.GetRequiredService<IDbContextFactory<PostgresTrainingDb>>().CreateDbContext()));
            services.AddDbContext<AccountsDb, PostgresAccountsDb>((sp, o) => o.UseNpgsql((NpgsqlDataSource)sp.GetRequiredService<DbDataSource>(), x => x.MigrationsHistoryTable(AccountsDb.HistoryTable)), context, options);
        }
        else
        {
            services.AddPooledDbContextFactory<FailsafeDb>(o => o.UseSqlite(ConnectionString).AddInterceptors(ScrubbingSqliteConnection.Interceptor));
            services.AddScoped<FailsafeDb>(sp => sp.GetRequiredService<Athletes.AthleteAccess>().Attach(sp.GetRequiredService<IDbContextFactory<FailsafeDb>>().CreateDbContext()));
            services.AddDbContext<AccountsDb>(o => o.UseSqlite(ConnectionString, x => x.MigrationsHistoryTable(AccountsDb.HistoryTable)).AddInterceptors(ScrubbingSqliteConnection.Interceptor), context, options);
        }
    }

    /// <summary>
    /// Brings both schemas up to date. SQLite goes through <see cref="Database.Open"/> (a backup before migrating an
    /// existing file, WAL mode; a new file gets SQLite's default 4 KiB pages, which suit a server's many small
    /// commits better than the personal log's 16 KiB); PostgreSQL migrates under EF Core's migration lock, so instances may start together.
    /// </summary>
    public void Migrate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!Postgres)
            Database.Open(SqlitePath!, Database.SmallCommitPageSize).Db.Dispose();
        using var scope = services.CreateScope();
        if (Postgres)
            scope.ServiceProvider.GetRequiredService<FailsafeDb>().Database.Migrate();
        scope.ServiceProvider.GetRequiredService<AccountsDb>().Database.Migrate();
    }

    /// <summary>Null when both schemas are reachable and current, else what is wrong.</summary>
    public static async Task<string?> NotReady(FailsafeDb training, AccountsDb accounts, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(accounts);
        try
        {
            if (!await training.Database.CanConnectAsync(cancel) || !await accounts.Database.CanConnectAsync(cancel))
                return "the database is not reachable";
            var pending = (await training.Database.GetPendingMigrationsAsync(cancel)).Concat(await accounts.Database.GetPendingMigrationsAsync(cancel)).ToList();
            return pending.Count == 0 ? null : $"migrations pending: {string.Join(", ", pending)}";
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return $"the database is not reachable: {ex.Message}";
        }
    }
}
