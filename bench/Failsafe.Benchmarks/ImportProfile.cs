using System.Diagnostics;
using Failsafe.Effort;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failsafe.Benchmarks;

/// <summary>
/// `import-profile CSV [RUNS] [POSTGRES]`: times the import by stage on one file, in one process — parse only (a dry run:
/// CSV, validation, workouts and names, nothing written) and parse + write (a full import into a fresh database),
/// each with wall-clock and CPU time (all threads) and the allocations, so the write stage is the difference. With a
/// PostgreSQL connection string (an account that may create databases) the write goes to a fresh PostgreSQL database
/// per run instead of SQLite, through the binary-COPY writer; the CPU is then this process's alone, not PostgreSQL's.
/// </summary>
public static class ImportProfile
{
    public static void Run(string csv, int runs, string? postgres = null)
    {
        if (postgres is not null)
        {
            for (var i = 0; i < runs; i++)
                MeasurePostgres(postgres, csv);
            return;
        }
        var dir = Path.Combine(Path.GetTempPath(), "failsafe-import-profile");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < runs; i++)
        {
            Measure("parse only  ", dir, csv, dryRun: true);
            Measure("parse+write ", dir, csv, dryRun: false);
        }
    }

    private static void Measure(string what, string dir, string csv, bool dryRun)
    {
        var path = Path.Combine(dir, "profile.db");
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(f);
        using var db = Database.Open(path).Db;
        Measure(what, db, csv, dryRun);
    }

    private static void MeasurePostgres(string admin, string csv)
    {
        var name = "failsafe_import_profile_" + Environment.ProcessId;
        Admin(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        Admin(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            using var db = new PostgresTrainingDb(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql(cs).Options);
            db.Database.Migrate();
            var profile = new ProfileRow { Name = "lifter", UpdatedAt = DateTime.UtcNow };
            db.Profiles.Add(profile);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            db.AthleteId = profile.Id;
            Measure("postgres    ", db, csv, dryRun: false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Admin(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static void Admin(string admin, string sql)
    {
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static void Measure(string what, FailsafeDb db, string csv, bool dryRun)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var summary = WorkoutImporter.Import(db, CatalogLoader.Default, csv, new ImportOptions(ImportSource.Strong, WeightUnit.Kg, dryRun));
        clock.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
        Console.WriteLine(FormattableString.Invariant(
            $"{what}: {summary.Sets:N0} sets, {clock.ElapsedMilliseconds,6} ms wall, {cpuMs,7:F0} ms CPU, {summary.Sets * 1000.0 / clock.ElapsedMilliseconds,9:N0} sets/s, allocated {mb,6:F0} MB, gen0 GCs {GC.CollectionCount(0) - gcs}"));
    }
}
