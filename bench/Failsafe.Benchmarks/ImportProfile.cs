using System.Diagnostics;
using Failsafe.Effort;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;

namespace Failsafe.Benchmarks;

/// <summary>
/// `import-profile CSV [RUNS]`: times the import by stage on one file, in one process — parse only (a dry run:
/// CSV, validation, workouts and names, nothing written) and parse + write (a full import into a fresh database),
/// each with wall-clock and CPU time (all threads) and the allocations, so the write stage is the difference.
/// </summary>
public static class ImportProfile
{
    public static void Run(string csv, int runs)
    {
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
