using Failsafe.Effort;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;

namespace Failsafe.Store.Tests.Importing;

/// <summary>A real SQLite training log in its own temporary folder, deleted afterwards.</summary>
internal sealed class ImportTestDb : IDisposable
{
    private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "failsafe-import-" + Guid.NewGuid().ToString("N"));

    public ImportTestDb()
    {
        Directory.CreateDirectory(_dir);
        Path = System.IO.Path.Combine(_dir, "failsafe.db");
        Db = Database.Open(Path).Db;
    }

    public string Path { get; }

    public FailsafeDb Db { get; }

    public ImportSummary Import(string sample, ImportSource? source, WeightUnit? unit = null, bool dryRun = false) =>
        WorkoutImporter.Import(Db, CatalogLoader.Default, Sample(sample), new ImportOptions(source, unit, dryRun));

    public ImportSummary ImportText(string csv, ImportSource? source, WeightUnit? unit = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return WorkoutImporter.Import(Db, CatalogLoader.Default, stream, new ImportOptions(source, unit));
    }

    /// <summary>A fresh context on the same file, so reads see what was written, not what one context remembers.</summary>
    public FailsafeDb Fresh() => Database.Open(Path).Db;

    /// <summary>A fresh context working for <paramref name="athlete"/>.</summary>
    public FailsafeDb As(int athlete)
    {
        var db = Fresh();
        db.AthleteId = athlete;
        return db;
    }

    /// <summary>Row counts of every table an import writes.</summary>
    public (int Sessions, int Sets, int Custom) Counts()
    {
        using var db = Fresh();
        return (db.Sessions.Count(), db.Sets.Count(), db.CustomExercises.Count());
    }

    public static string Sample(string name) => System.IO.Path.Combine(RepoRoot(), "tests", "Failsafe.Store.Tests", "Importing", "samples", name);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Failsafe.slnx not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Db.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite on some platforms; the temp folder is cleaned up eventually.
        }
    }
}
