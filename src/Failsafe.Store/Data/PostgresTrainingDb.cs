using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Failsafe.Store.Data;

/// <summary>
/// The training log on PostgreSQL (the server's choice when given a connection string). The same model as
/// <see cref="FailsafeDb"/>, but its own type, so that its migrations (Data/Migrations/Postgres) are told apart from
/// the SQLite ones (Data/Migrations/Sqlite), and so that it builds its model at run time instead of taking the
/// compiled model, which is SQLite's.
/// </summary>
public sealed class PostgresTrainingDb(DbContextOptions<PostgresTrainingDb> options) : FailsafeDb(options);

/// <summary>Lets `dotnet ef migrations add … --context PostgresTrainingDb` create the context (no database is opened).</summary>
internal sealed class PostgresTrainingDesignFactory : IDesignTimeDbContextFactory<PostgresTrainingDb>
{
    public PostgresTrainingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql("Host=localhost").Options);
}
