using System.Globalization;
using Failsafe.Store.Data;
using Failsafe.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Failsafe.Store.Tests.Data;

/// <summary>A temp directory holding one test's SQLite file, deleted afterwards.</summary>
internal sealed class TempDbDir : IDisposable
{
    public TempDbDir() => Directory.CreateDirectory(Dir);

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "failsafe-db-" + Guid.NewGuid().ToString("N"));

    public string DbPath => Path.Combine(Dir, "failsafe.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}

/// <summary>Database.Open on real SQLite files: creation, migrations, WAL, and upgrading a file made by the first migration.</summary>
public sealed class DatabaseTests : IDisposable
{
    internal const string InitialMigration = "20261122140812_Initial";
    internal const string PlansMigration = "20261122140840_Plans";
    internal const string AthletesMigration = "20261122153231_Athletes";
    internal const string ClientKeysMigration = "20261122154153_ClientKeys";
    internal const string PartialClientKeyMigration = "20261122201343_PartialClientKey";
    internal const string TimeZoneMigration = "20261207035822_TimeZone";
    internal const string SessionStateMigration = "20261207041050_SessionStateAndEquipment";
    internal const string CalendarFeedMigration = "20261207063850_CalendarFeed";
    internal const string HeaviestSetsMigration = "20261207095052_HeaviestSets";
    internal const string PinnedLiftsMigration = "20261207100450_PinnedLifts";
    internal const string DeletedSetKeysMigration = "20261207102026_DeletedSetKeys";
    internal const string ProfilePresetMigration = "20261207120013_ProfilePreset";
    internal const string CoachNotesMigration = "20261207121016_CoachNotes";

    private readonly TempDbDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A plain connection to a file, outside EF (no pooling, so the file is released at dispose).</summary>
    internal static SqliteConnection Connect(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = mode }.ToString());
        connection.Open();
        return connection;
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static bool HasTable(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>A database as the first release left it: only the Initial migration, with a profile and a session of three sets.</summary>
    internal static void CreateAtFirstMigration(string path)
    {
        using (var db = new FailsafeDb(Database.Options(path)))
            db.GetService<IMigrator>().Migrate(InitialMigration);

        using var connection = Connect(path);
        HasTable(connection, "plans").ShouldBeFalse("the first migration has no plans table");
        Execute(connection, """
            INSERT INTO profiles (Name, TrainingYears, FormUnderFatigue, SleepHours, Stress, Goal, InSeason, Split, CompetitionPrep, BodyweightKg, Unit, TrainingDays, Phase, UpdatedAt)
            VALUES ('old lifter', 3.5, 'good', 7.5, 'low', 'strength', 0, 'upper-lower', 0, 81.5, 'kg', 'mon,tue,thu,fri', 'strength', '2026-01-02 09:30:00');
            INSERT INTO sessions (Date, DayType, Name, Source, ImportKey, StartedAt, Notes)
            VALUES ('2026-01-05', 'hard', 'Upper A', 'cli', NULL, NULL, 'first week');
            INSERT INTO sets (SessionId, "Order", ExerciseId, ExerciseName, WeightKg, Unit, WeightEntered, Reps, Rir, Rpe, Failure, Technique, Warmup, "Drop", FormBreakdown, Pain, Notes, LoggedAt)
            VALUES
              (1, 1, 'Barbell_Bench_Press_-_Medium_Grip', 'bench press', 100, 'kg', 100, 8, 2, 8, 'none', NULL, 0, 0, 0, 0, NULL, '2026-01-05 18:00:00'),
              (1, 2, 'Barbell_Bench_Press_-_Medium_Grip', 'bench press', 100, 'kg', 100, 7, 1, NULL, 'none', NULL, 0, 0, 0, 0, NULL, '2026-01-05 18:05:00'),
              (1, 3, 'Barbell_Bench_Press_-_Medium_Grip', 'bench press', 100, 'kg', 100, 6, 0, NULL, 'absolute', NULL, 0, 0, 0, 0, 'last one', '2026-01-05 18:10:00');
            """);
    }

    [Fact]
    public void Open_NewPath_CreatesFileWithEveryMigrationAndNoBackup()
    {
        var (db, backup) = Database.Open(_dir.DbPath);
        using (db)
        {
            backup.ShouldBeNull();
            File.Exists(_dir.DbPath).ShouldBeTrue();
            db.Database.GetPendingMigrations().ShouldBeEmpty();
            db.Database.GetAppliedMigrations().ShouldBe([InitialMigration, PlansMigration, AthletesMigration, ClientKeysMigration, PartialClientKeyMigration, TimeZoneMigration, SessionStateMigration, CalendarFeedMigration, HeaviestSetsMigration, PinnedLiftsMigration, DeletedSetKeysMigration, ProfilePresetMigration, CoachNotesMigration]);
            db.Database.GetAppliedMigrations().ShouldBe(db.Database.GetMigrations());
        }
        using var connection = Connect(_dir.DbPath);
        foreach (var table in new[] { "profiles", "profile_changes", "custom_exercises", "sessions", "sets", "checkins", "events", "injuries", "plans" })
            HasTable(connection, table).ShouldBeTrue(table);
        Directory.GetFiles(_dir.Dir, "*.bak").ShouldBeEmpty();
    }

    [Fact]
    public void Open_NewPath_JournalModeIsWal()
    {
        var (db, _) = Database.Open(_dir.DbPath);
        using (db)
        {
            db.Database.OpenConnection();
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            (command.ExecuteScalar() as string).ShouldBe("wal");
        }
        // WAL is a property of the file: a fresh connection sees it too.
        using var connection = Connect(_dir.DbPath);
        (Scalar(connection, "PRAGMA journal_mode") as string).ShouldBe("wal");
    }

    [Fact]
    public void Open_NewPath_Uses16KiBPages_AnExistingFileKeepsItsOwn()
    {
        Database.Open(_dir.DbPath).Db.Dispose();
        using (var connection = Connect(_dir.DbPath))
            Convert.ToInt64(Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture).ShouldBe(16384L);

        // A file made elsewhere with SQLite's default pages is migrated as it is, never rewritten.
        var other = Path.Combine(_dir.Dir, "default-pages.db");
        using (var connection = Connect(other, SqliteOpenMode.ReadWriteCreate))
            Scalar(connection, "CREATE TABLE t (x)");
        Database.Open(other).Db.Dispose();
        using (var connection = Connect(other))
            Convert.ToInt64(Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture).ShouldBe(4096L);
    }

    [Fact]
    public void Open_MissingParentDirectories_CreatesThem()
    {
        var path = Path.Combine(_dir.Dir, "a", "b", "log.db");

        var (db, backup) = Database.Open(path);
        db.Dispose();

        File.Exists(path).ShouldBeTrue();
        backup.ShouldBeNull();
    }

    [Fact]
    public void Open_CurrentDatabase_KeepsRowsAndWritesNoBackup()
    {
        using (var first = Database.Open(_dir.DbPath).Db)
        {
            first.Events.Add(new EventRow { Date = new DateOnly(2026, 12, 5), Name = "meet" });
            first.SaveChanges();
        }

        var (db, backup) = Database.Open(_dir.DbPath);
        using (db)
        {
            backup.ShouldBeNull();
            db.Events.Single().Name.ShouldBe("meet");
        }
        Directory.GetFiles(_dir.Dir, "*.bak").ShouldBeEmpty();
    }

    [Fact]
    public void Open_EmptyFile_TreatedAsNewWithoutBackup()
    {
        File.WriteAllBytes(_dir.DbPath, []);

        var (db, backup) = Database.Open(_dir.DbPath);
        using (db)
        {
            backup.ShouldBeNull();
            db.Database.GetPendingMigrations().ShouldBeEmpty();
        }
    }

    [Fact]
    public void Open_FileThatIsNotSqlite_ThrowsSqliteException()
    {
        File.WriteAllText(_dir.DbPath, "this is a text file, not a database, and it is long enough to have a header page.");

        Should.Throw<SqliteException>(() => Database.Open(_dir.DbPath).Db.Dispose());
    }

    [Fact]
    public void Open_DatabaseAtFirstMigration_BacksUpThenUpgradesKeepingRows()
    {
        CreateAtFirstMigration(_dir.DbPath);

        var (db, backup) = Database.Open(_dir.DbPath);
        using (db)
        {
            // The backup: a file next to the database, named after the migration it precedes.
            backup.ShouldNotBeNull();
            File.Exists(backup).ShouldBeTrue();
            Path.GetDirectoryName(backup).ShouldBe(Path.GetDirectoryName(Path.GetFullPath(_dir.DbPath)));
            Path.GetFileName(backup).ShouldStartWith("failsafe.db.");
            Path.GetFileName(backup).ShouldContain(Database.LatestMigration);

            // The upgrade: every migration applied, the plans table usable, WAL on.
            db.Database.GetPendingMigrations().ShouldBeEmpty();
            db.Database.GetAppliedMigrations().ShouldBe([InitialMigration, PlansMigration, AthletesMigration, ClientKeysMigration, PartialClientKeyMigration, TimeZoneMigration, SessionStateMigration, CalendarFeedMigration, HeaviestSetsMigration, PinnedLiftsMigration, DeletedSetKeysMigration, ProfilePresetMigration, CoachNotesMigration]);
            db.Plans.Add(new PlanRow { Start = new DateOnly(2026, 11, 23), Weeks = 8, Days = "mon,wed,fri", CreatedAt = DateTime.UtcNow, Active = true });
            db.SaveChanges();

            // The old rows, read through the current model.
            var profile = db.Profiles.AsNoTracking().Single();
            profile.Name.ShouldBe("old lifter");
            profile.TrainingYears.ShouldBe(3.5);
            profile.Split.ShouldBe("upper-lower");
            profile.BodyweightKg.ShouldBe(81.5);
            profile.UpdatedAt.ShouldBe(new DateTime(2026, 1, 2, 9, 30, 0));
            var session = db.Sessions.AsNoTracking().Include(s => s.Sets).Single();
            session.Date.ShouldBe(new DateOnly(2026, 1, 5));
            session.Name.ShouldBe("Upper A");
            session.Sets.OrderBy(s => s.Order).Select(s => (s.Reps, s.Failure)).ShouldBe([(8, "none"), (7, "none"), (6, "absolute")]);
            session.Sets.Single(s => s.Order == 1).Rpe.ShouldBe(8);

            // The old rows belong to the database's one athlete, which the context reads as its own.
            db.AthleteId.ShouldBe(profile.Id);
            session.AthleteId.ShouldBe(profile.Id);
            session.Sets.ShouldAllBe(s => s.AthleteId == profile.Id);
            db.Mine<SessionRow>().Count().ShouldBe(1);
            db.Mine<PlanRow>().Single().AthleteId.ShouldBe(profile.Id);
        }

        using (var connection = Connect(_dir.DbPath))
        {
            HasTable(connection, "plans").ShouldBeTrue();
            (Scalar(connection, "PRAGMA journal_mode") as string).ShouldBe("wal");
        }

        // The backup is the old database, intact and readable on its own.
        using (var old = Connect(backup!, SqliteOpenMode.ReadOnly))
        {
            (Scalar(old, "PRAGMA integrity_check") as string).ShouldBe("ok");
            HasTable(old, "plans").ShouldBeFalse();
            Scalar(old, "SELECT Name FROM profiles").ShouldBe("old lifter");
            Scalar(old, "SELECT count(*) FROM sets").ShouldBe(3L);
            Scalar(old, "SELECT group_concat(MigrationId) FROM __EFMigrationsHistory").ShouldBe(InitialMigration);
        }
    }

    /// <summary>
    /// A log made by the command line of an earlier release (fixtures/README.md says how), opened as the command line
    /// opens it. While it is at the newest migration it opens as it is; once a migration is added, it is backed up and
    /// migrated first. Either way every row reads back through the current model, and the log takes new ones.
    /// </summary>
    [Fact]
    public void Open_LogMadeByTheCommandLineAtPartialClientKey_ReadsEveryRowBack()
    {
        File.Copy(Path.Combine(NodeTool.RepoRoot(), "tests", "Failsafe.Store.Tests", "Data", "fixtures", "log-at-PartialClientKey.db"), _dir.DbPath);

        var (db, backup) = Database.Open(_dir.DbPath);
        using (db)
        {
            (backup is null).ShouldBe(Database.LatestMigration == PartialClientKeyMigration);
            db.Database.GetPendingMigrations().ShouldBeEmpty();

            var profile = db.MyProfile.AsNoTracking().Single();
            (profile.Name, profile.TrainingYears, profile.FormUnderFatigue, profile.Goal, profile.Split, profile.TrainingDays, profile.Phase)
                .ShouldBe(("release lifter", 4.0, "good", "strength", "upper-lower", "mon,tue,thu,fri", "strength"));
            profile.BodyweightKg.ShouldBe(82.5);
            profile.AccountId.ShouldBeNull();
            db.AthleteId.ShouldBe(profile.Id);

            var sessions = db.Mine<SessionRow>().AsNoTracking().Include(s => s.Sets).OrderBy(s => s.Date).ToList();
            sessions.Select(s => (s.Date, s.Source, s.Name, s.Sets.Count)).ShouldBe([
                (new DateOnly(2025, 12, 5), "hevy", "Push Day", 5),
                (new DateOnly(2025, 12, 7), "hevy", "Pull Day", 2),
                (new DateOnly(2026, 11, 20), "cli", "Upper A", 4),
            ]);
            sessions[2].Sets.OrderBy(s => s.Order).Select(s => (s.ExerciseId, s.WeightKg, s.Reps, s.Rir, s.Rpe, s.Failure, s.Drop, s.Notes)).ShouldBe([
                ("Barbell_Bench_Press_-_Medium_Grip", 100.0, 8, (double?)2, (double?)null, "none", false, (string?)null),
                ("Barbell_Bench_Press_-_Medium_Grip", 100.0, 7, 1, 9, "none", false, "grindy"),
                ("Barbell_Squat", 140.0, 5, 0, null, "absolute", false, null),
                ("Barbell_Squat", 120.0, 6, null, null, "none", true, null),
            ]);
            sessions.SelectMany(s => s.Sets).ShouldAllBe(s => s.AthleteId == profile.Id && s.ClientKey == null);
            db.Mine<CustomExerciseRow>().Select(e => e.Name).ShouldBe(["Glorp Machine Kickback"]);
            db.Mine<CheckInRow>().AsNoTracking().Single().ShouldSatisfyAllConditions(
                c => c.Date.ShouldBe(new DateOnly(2026, 11, 20)),
                c => c.SleepHours.ShouldBe(7),
                c => c.Motivation.ShouldBe(5));
            db.Mine<EventRow>().Select(e => e.Name).ShouldBe(["club meet"]);
            db.Mine<InjuryRow>().AsEnumerable().Select(i => (i.Description, i.ClearedOn)).ShouldBe([("left wrist", (DateOnly?)null)]);
            db.Mine<PlanRow>().AsEnumerable().Select(p => (p.Weeks, p.Days, p.Active)).ShouldBe([(8, "mon,tue,thu,fri", true)]);

            db.Events.Add(new EventRow { Date = new DateOnly(2027, 6, 1), Name = "second meet" });
            db.SaveChanges();
            db.Mine<EventRow>().Count().ShouldBe(2);
            db.MyProfile.Select(p => p.Revision).Single().ShouldBe(profile.Revision + 1);
        }

        // The commands that write without EF Core open it on a plain connection, and find the same athlete.
        var (connection, athlete, again) = Database.OpenConnection(_dir.DbPath);
        using (connection)
        {
            again.ShouldBeNull();
            athlete.ShouldBe(db.AthleteId);
            Scalar(connection, "SELECT count(*) FROM sets").ShouldBe(11L);
        }
    }

    [Fact]
    public void Open_UpgradedDatabaseAgain_WritesNoNewBackup()
    {
        CreateAtFirstMigration(_dir.DbPath);
        var (first, backup) = Database.Open(_dir.DbPath);
        first.Dispose();
        backup.ShouldNotBeNull();
        var written = File.GetLastWriteTimeUtc(backup);

        var (again, second) = Database.Open(_dir.DbPath);
        again.Dispose();

        second.ShouldBeNull();
        Directory.GetFiles(_dir.Dir, "*.bak").ShouldBe([backup]);
        File.GetLastWriteTimeUtc(backup).ShouldBe(written);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariables
{
    public const string Name = "Environment variables";
}

/// <summary>Where the database lives by default. Changes process environment variables, so it runs alone.</summary>
[Collection(EnvironmentVariables.Name)]
public sealed class DatabasePathTests : IDisposable
{
    private readonly string? _failsafeDb = Environment.GetEnvironmentVariable("FAILSAFE_DB");
    private readonly string? _xdgDataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
    private readonly TempDbDir _dir = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("FAILSAFE_DB", _failsafeDb);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", _xdgDataHome);
        _dir.Dispose();
    }

    [Fact]
    public void DefaultPath_FailsafeDbSet_ReturnsIt()
    {
        var path = Path.Combine(_dir.Dir, "mine.db");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", path);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(_dir.Dir, "xdg"));

        Database.DefaultPath().ShouldBe(path);
    }

    [Fact]
    public void DefaultPath_XdgDataHomeSet_IsUnderItsFailsafeFolder()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "XDG_DATA_HOME applies on Linux");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", null);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(_dir.Dir, "xdg"));

        Database.DefaultPath().ShouldBe(Path.Combine(_dir.Dir, "xdg", "failsafe", "failsafe.db"));
    }

    [Fact]
    public void DefaultPath_EmptyFailsafeDbAndNoXdg_IsUnderLocalShare()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "~/.local/share applies on Linux");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", "");
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", null);

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Database.DefaultPath().ShouldBe(Path.Combine(home, ".local", "share", "failsafe", "failsafe.db"));
    }

    [Fact]
    public void Open_DefaultPathFromXdg_CreatesTheFolderAndFile()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "XDG_DATA_HOME applies on Linux");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", null);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(_dir.Dir, "xdg"));

        var (db, _) = Database.Open(Database.DefaultPath());
        db.Dispose();

        File.Exists(Path.Combine(_dir.Dir, "xdg", "failsafe", "failsafe.db")).ShouldBeTrue();
    }
}
