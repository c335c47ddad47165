using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Server.Transfer;

/// <summary>
/// Imports into a database other than SQLite (PostgreSQL) with the very same importer: the file is first imported
/// into a scratch SQLite log seeded with what the athlete already has — the keys of imported workouts and the custom
/// exercises — so duplicates, unknown names and every error come out exactly as they would in place; then the new
/// sessions, sets and custom exercises are copied into the athlete's log in one transaction. A file therefore still
/// imports whole or not at all, and importing it again adds nothing.
/// </summary>
public static class StagedImport
{
    /// <summary>Sessions copied per save (with their sets), to keep the change tracker small.</summary>
    private const int Chunk = 500;

    public static ImportSummary Run(FailsafeDb target, string path, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.Combine(Path.GetTempPath(), $"failsafe-stage-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            using var scratch = Database.Open(Path.Combine(dir, "stage.db")).Db;
            var customs = target.Mine<CustomExerciseRow>().AsNoTracking().ToList();
            var seeded = new HashSet<string>(customs.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
            scratch.CustomExercises.AddRange(customs.Select(c => Copy(c)));
            var keys = target.Mine<SessionRow>().AsNoTracking().Where(s => s.ImportKey != null).Select(s => new { s.ImportKey, s.Date }).ToList();
            scratch.Sessions.AddRange(keys.Select(k => new SessionRow { Date = k.Date, Source = "seed", ImportKey = k.ImportKey }));
            scratch.SaveChanges();
            scratch.ChangeTracker.Clear();

            var summary = WorkoutImporter.Import(scratch, CatalogLoader.Default, path, options);
            if (options.DryRun || summary.Sets == 0 && summary.Unmatched.All(u => !u.Created))
                return summary;

            using var transaction = target.Database.BeginTransaction();
            target.ChangeTracker.AutoDetectChangesEnabled = false;
            target.CustomExercises.AddRange(scratch.CustomExercises.AsNoTracking().AsEnumerable().Where(c => !seeded.Contains(c.Name)).Select(c => Copy(c)));
            target.SaveChanges();
            target.ChangeTracker.Clear();
            long after = 0;
            while (true)
            {
                var batch = scratch.Sessions.AsNoTracking().Include(s => s.Sets).Where(s => s.Source != "seed" && s.Id > after)
                    .OrderBy(s => s.Id).Take(Chunk).ToList();
                if (batch.Count == 0)
                    break;
                after = batch[^1].Id;
                target.Sessions.AddRange(batch.Select(Copy));
                target.SaveChanges();
                target.ChangeTracker.Clear();
            }
            transaction.Commit();
            return summary;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaning.
            }
        }
    }

    private static CustomExerciseRow Copy(CustomExerciseRow c) => new()
    {
        Name = c.Name, Mechanic = c.Mechanic, Equipment = c.Equipment, MaxFailure = c.MaxFailure, MaxFailureWithSpotter = c.MaxFailureWithSpotter,
        CnsDemand = c.CnsDemand, PrimaryMuscles = c.PrimaryMuscles, Classified = c.Classified,
    };

    // Times in an export are the lifter's wall clock; they are stored as given (PostgreSQL wants them marked UTC).
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static SessionRow Copy(SessionRow s) => new()
    {
        Date = s.Date, DayType = s.DayType, Name = s.Name, Source = s.Source, ImportKey = s.ImportKey, StartedAt = s.StartedAt is { } t ? Utc(t) : null, Notes = s.Notes,
        Sets = [.. s.Sets.Select(x => new SetRow
        {
            Order = x.Order, ExerciseId = x.ExerciseId, ExerciseName = x.ExerciseName, WeightKg = x.WeightKg, Unit = x.Unit, WeightEntered = x.WeightEntered,
            Reps = x.Reps, Rir = x.Rir, Rpe = x.Rpe, Failure = x.Failure, Technique = x.Technique, Warmup = x.Warmup, Drop = x.Drop,
            FormBreakdown = x.FormBreakdown, Pain = x.Pain, Notes = x.Notes, LoggedAt = Utc(x.LoggedAt),
        })],
    };
}
