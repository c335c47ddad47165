using System.Net;
using Failsafe.Server.Accounts;
using Failsafe.Store.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failsafe.Server.Tests;

/// <summary>
/// The accounts' migrations (SQLite and PostgreSQL) against the model in code, and a PostgreSQL database left by the
/// first migrations brought up to date by the server. (The training log's own migration tests are in Failsafe.Store.Tests.)
/// </summary>
public sealed class MigrationTests
{
    private const string AddMigration = "add a migration for each context after changing the model (docs/server.md, \"Changing a data model\")";
    private const string FirstPostgresTraining = "20261122155050_Training";
    private const string FirstPostgresAccounts = "20261122155034_Accounts";

    [Fact]
    public void SqliteAccounts_Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new AccountsDesignFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(AddMigration);
    }

    [Fact]
    public void PostgresAccounts_Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new PostgresAccountsDesignFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(AddMigration);
    }

    /// <summary>Databases record the ids of the migrations applied to them: a renamed or lost migration would be run again, or never.</summary>
    [Fact]
    public void AccountsMigrations_KeepTheIdsExistingDatabasesRecorded()
    {
        using var sqlite = new AccountsDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresAccountsDesignFactory().CreateDbContext([]);

        sqlite.Database.GetMigrations().First().ShouldBe("20261122154910_Accounts");
        postgres.Database.GetMigrations().First().ShouldBe(FirstPostgresAccounts);
    }

    /// <summary>
    /// A PostgreSQL database as the first server release with PostgreSQL left it — each schema at its first
    /// migration, an athlete's session written with plain SQL — started on by the server, which migrates it.
    /// </summary>
    [Fact]
    public async Task Start_PostgresDatabaseAtFirstMigrations_UpgradesKeepingRows()
    {
        var (admin, name, cs) = ServerFactory.CreatePostgresDatabase();
        try
        {
            await using (var training = new PostgresTrainingDb(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql(cs).Options))
                await training.GetService<IMigrator>().MigrateAsync(FirstPostgresTraining, Api.Cancel);
            await using (var accounts = new PostgresAccountsDb(new DbContextOptionsBuilder<PostgresAccountsDb>().UseNpgsql(cs, x => x.MigrationsHistoryTable(AccountsDb.HistoryTable)).Options, TimeProvider.System))
                await accounts.GetService<IMigrator>().MigrateAsync(FirstPostgresAccounts, Api.Cancel);
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync(Api.Cancel);
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO profiles ("AccountId", "Name", "TrainingYears", "FormUnderFatigue", "SleepHours", "Stress", "Goal", "InSeason", "Split", "CompetitionPrep", "BodyweightKg", "Unit", "TrainingDays", "Phase", "UpdatedAt", "Revision")
                    VALUES ('first-account', 'first lifter', 2, 'good', 8, 'low', 'hypertrophy', false, 'full-body', false, 70, 'kg', 'mon,wed,fri', 'hypertrophy', '2026-11-23 08:00:00+00', 3);
                    INSERT INTO sessions ("AthleteId", "Date", "DayType", "Name", "Source", "ImportKey", "StartedAt", "Notes", "Version")
                    VALUES (1, '2026-11-23', 'hard', 'Full A', 'api', NULL, NULL, NULL, 0);
                    INSERT INTO sets ("AthleteId", "SessionId", "Order", "ExerciseId", "ExerciseName", "WeightKg", "Unit", "WeightEntered", "Reps", "Rir", "Rpe", "Failure", "Technique", "Warmup", "Drop", "FormBreakdown", "Pain", "Notes", "LoggedAt", "Version", "ClientKey", "ClientHash")
                    VALUES
                      (1, 1, 1, 'Barbell_Squat', 'squat', 100, 'kg', 100, 5, 2, NULL, 'none', NULL, false, false, false, false, NULL, '2026-11-23 08:10:00+00', 0, 'phone-1', 'h1'),
                      (1, 1, 2, 'Barbell_Squat', 'squat', 100, 'kg', 100, 5, 1, NULL, 'none', NULL, false, false, false, false, 'last', '2026-11-23 08:15:00+00', 0, NULL, NULL);
                    """;
                await command.ExecuteNonQueryAsync(Api.Cancel);
            }

            using (var factory = new ServerFactory(Provider.Postgres, sharedConnectionString: cs))
            {
                using var client = factory.CreateClient();
                (await client.GetAsync(new Uri("/readyz", UriKind.Relative), Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

                await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PostgresTrainingDb>>().CreateDbContextAsync(Api.Cancel);
                (await db.Database.GetAppliedMigrationsAsync(Api.Cancel)).ShouldBe(db.Database.GetMigrations());
                var profile = await db.Profiles.AsNoTracking().SingleAsync(p => p.AccountId == "first-account", Api.Cancel);
                (profile.Name, profile.TrainingDays, profile.Revision).ShouldBe(("first lifter", "mon,wed,fri", 3L));
                db.AthleteId = profile.Id;
                var session = await db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).SingleAsync(Api.Cancel);
                (session.Date, session.Name).ShouldBe((new DateOnly(2026, 11, 23), "Full A"));
                session.Sets.OrderBy(s => s.Order).Select(s => (s.Reps, s.Rir, s.ClientKey, s.Notes)).ShouldBe([(5, (double?)2, (string?)"phone-1", (string?)null), (5, 1, null, "last")]);

                // The second migration made the client-key index partial.
                await using var connection = new NpgsqlConnection(cs);
                await connection.OpenAsync(Api.Cancel);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_sets_AthleteId_ClientKey'";
                ((string?)await command.ExecuteScalarAsync(Api.Cancel)).ShouldEndWith("WHERE (\"ClientKey\" IS NOT NULL)");
            }
        }
        finally
        {
            ServerFactory.DropPostgresDatabase(admin, name);
        }
    }
}
