using System.Globalization;
using System.Text;
using Failsafe.Effort;
using Failsafe.Server.Data;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failsafe.Server.Tests;

/// <summary>
/// The import's PostgreSQL writer (binary COPY) against the SQLite one, on real databases of the test's own: the same
/// file reads back the same; a failing file leaves nothing; importing it again adds nothing; the revision goes up once.
/// </summary>
public sealed class PostgresImportTests : IDisposable
{
    /// <summary>
    /// The size the large files are counted in. Their workouts have 18 sets each, so a file of twice this many sets has
    /// 1,876 workouts and spans five of the PostgreSQL writer's blocks of session ids (64, 128, 256, 512 and 1,024): its
    /// set COPY is ended and begun again four times.
    /// </summary>
    private const int LargeUnit = 16_384;

    private readonly string _admin;
    private readonly string _database;
    private readonly string _connectionString;
    private readonly string _sqliteDir = Path.Combine(Path.GetTempPath(), "failsafe-pg-import-" + Guid.NewGuid().ToString("N"));

    public PostgresImportTests()
    {
        (_admin, _database, _connectionString) = ServerFactory.CreatePostgresDatabase();
        using var db = Postgres(0);
        db.Database.Migrate();
        Directory.CreateDirectory(_sqliteDir);
    }

    private PostgresTrainingDb Postgres(int athlete) =>
        new(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql(_connectionString).Options) { AthleteId = athlete };

    private FailsafeDb Sqlite(int athlete)
    {
        var db = Database.Open(Path.Combine(_sqliteDir, "failsafe.db")).Db;
        db.AthleteId = athlete;
        return db;
    }

    /// <summary>A new profile (athlete) in <paramref name="db"/>, as the server creates one per account.</summary>
    private static int NewAthlete(FailsafeDb db)
    {
        var profile = new ProfileRow { Name = "lifter", UpdatedAt = DateTime.UtcNow };
        db.Profiles.Add(profile);
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return profile.Id;
    }

    private static long Revision(FailsafeDb db) => db.Profiles.AsNoTracking().Single(p => p.Id == db.AthleteId).Revision;

    private static ImportSummary Import(FailsafeDb db, string csv, ImportSource source, WeightUnit? unit = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return WorkoutImporter.Import(db, CatalogLoader.Default, stream, new ImportOptions(source, unit));
    }

    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "tests", "Failsafe.Store.Tests", "Importing", "samples", name));
    }

    /// <summary>
    /// A Strong export (semicolon layout with units; a comma in a text) of <paramref name="sets"/> sets, 18 to a workout (see
    /// <see cref="LargeUnit"/>): kg and lb, warm-up, drop and failure sets, RPE or none, notes or none, workout notes, and an
    /// exercise the catalog does not know.
    /// </summary>
    private static string LargeExport(int sets, string? lastRow = null)
    {
        var csv = new StringBuilder("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n");
        string[] lifts = ["Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)", "Glorp Machine Kickback"];
        string[] kinds = ["1", "2", "W", "D", "F", "3"];
        for (var i = 0; i < sets; i++)
        {
            var start = new DateTime(2015, 3, 2, 17, 30, 15).AddDays(i / 18).AddMinutes(i / 18 % 7);
            csv.Append(CultureInfo.InvariantCulture,
                $"{start:yyyy-MM-dd HH:mm:ss};Workout {i / 18 % 4};{lifts[i / 6 % 4]};{kinds[i % 6]};{40 + i % 60}.25;{(i % 7 == 0 ? "lbs" : "kg")};" +
                $"{3 + i % 9};{(i % 3 == 0 ? "" : (6 + i % 4 * 0.5).ToString(CultureInfo.InvariantCulture))};{(i % 4 == 0 ? "felt heavy, left knee" : "")};{(i % 18 == 0 ? "day notes" : "")}\n");
        }
        if (lastRow is not null)
            csv.Append(lastRow).Append('\n');
        return csv.ToString();
    }

    /// <summary>Everything an import stores of a set and its session, in a stable order, without ids and athletes.</summary>
    private static List<string> Stored(FailsafeDb db) =>
        [.. db.Mine<SetRow>().AsNoTracking()
            .Join(db.Mine<SessionRow>().AsNoTracking(), x => x.SessionId, s => s.Id, (x, s) => new { Set = x, Session = s })
            .AsEnumerable()
            .OrderBy(r => r.Session.ImportKey, StringComparer.Ordinal).ThenBy(r => r.Set.Order)
            .Select(r => string.Join('|', CultureInfo.InvariantCulture,
                r.Session.Date, r.Session.DayType, r.Session.Name, r.Session.Source, r.Session.ImportKey, r.Session.StartedAt?.Ticks, r.Session.Notes, r.Session.Version,
                r.Set.Order, r.Set.ExerciseId, r.Set.ExerciseName, r.Set.WeightKg.ToString("R", CultureInfo.InvariantCulture), r.Set.Unit,
                r.Set.WeightEntered.ToString("R", CultureInfo.InvariantCulture), r.Set.Reps, r.Set.Rir, r.Set.Rpe, r.Set.Failure, r.Set.Technique,
                r.Set.Warmup, r.Set.Drop, r.Set.FormBreakdown, r.Set.Pain, r.Set.Notes, r.Set.LoggedAt.Ticks, r.Set.Version, r.Set.ClientKey, r.Set.ClientHash))];

    private static List<string> Custom(FailsafeDb db) =>
        [.. db.Mine<CustomExerciseRow>().AsNoTracking().AsEnumerable().OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => string.Join('|', c.Name, c.Mechanic, c.Equipment, c.MaxFailure, c.MaxFailureWithSpotter, c.CnsDemand, c.PrimaryMuscles, c.Classified))];

    private static (int Sessions, int Sets, int Custom) Counts(FailsafeDb db) =>
        (db.Mine<SessionRow>().Count(), db.Mine<SetRow>().Count(), db.Mine<CustomExerciseRow>().Count());

    [Fact]
    public void A_large_import_is_analysed_before_it_commits_and_the_heaviest_sets_are_read_through_their_index()
    {
        // After a 300,000-set import the first /api/today timed out (30 s) until autovacuum analysed sets: the import
        // now analyses what it changed, and an index serves E3's heaviest-sets query whatever the statistics say.
        // (Its time on a published server is bench/abuse.sh's to measure.)
        int athlete;
        using (var setup = Postgres(0))
            athlete = NewAthlete(setup);
        using (var pg = Postgres(athlete))
            Import(pg, LargeExport(300_000), ImportSource.Strong).Sets.ShouldBe(300_000);

        using var db = Postgres(athlete);
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        using (var estimate = Sql.Command(connection, "SELECT reltuples FROM pg_class WHERE oid = '\"sets\"'::regclass"))
            Convert.ToDouble(estimate.ExecuteScalar(), CultureInfo.InvariantCulture).ShouldBeGreaterThan(250_000, "the planner's count of sets after the import");
        using (var analysed = Sql.Command(connection,
            "SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = 'sets' AND attname IN ('AthleteId', 'SessionId', 'ExerciseId', 'WeightKg')"))
            Convert.ToInt32(analysed.ExecuteScalar(), CultureInfo.InvariantCulture).ShouldBe(4, "the columns the log is read by have statistics");

        string[] bench = [CatalogLoader.Default.Find("Bench Press (Barbell)")!.Id, CatalogLoader.Default.Find("Incline Bench Press (Barbell)")!.Id];
        using var explain = Sql.Command(connection, "EXPLAIN " + LogReader.HeaviestSets(bench.Length),
            [("@athlete", athlete), .. bench.Select((b, i) => ($"@b{i}", (object?)b)), ("@min", 80.0), ("@from", new DateOnly(2026, 8, 9))]);
        using var rows = explain.ExecuteReader();
        var plan = new StringBuilder();
        while (rows.Read())
            plan.AppendLine(rows.GetString(0));
        plan.ToString().ShouldContain("IX_sets_AthleteId_ExerciseId_WeightKg", customMessage: plan.ToString());
    }

    [Fact]
    public void The_key_from_a_set_to_its_session_is_checked_per_statement_and_an_import_defers_it_to_the_commit_where_it_still_holds()
    {
        int athlete;
        using (var setup = Postgres(0))
            athlete = NewAthlete(setup);
        using var db = Postgres(athlete);
        db.Database.OpenConnection();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        using (var key = Sql.Command(connection, "SELECT condeferrable, condeferred FROM pg_constraint WHERE conname = 'FK_sets_sessions_SessionId'"))
        using (var row = key.ExecuteReader())
        {
            row.Read().ShouldBeTrue("the key exists");
            (row.GetBoolean(0), row.GetBoolean(1)).ShouldBe((true, false), "deferrable, and checked per statement unless a transaction defers it");
        }

        const string Orphan = "INSERT INTO \"sets\" (\"AthleteId\", \"SessionId\", \"Order\", \"ExerciseId\", \"ExerciseName\", \"WeightKg\", \"Unit\", " +
            "\"WeightEntered\", \"Reps\", \"Failure\", \"Warmup\", \"Drop\", \"FormBreakdown\", \"Pain\", \"LoggedAt\", \"Version\") " +
            "VALUES (@athlete, 987654321, 1, 'barbell-back-squat', 'Squat', 100, 'kg', 100, 5, 'none', false, false, false, false, now(), 0)";
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = Sql.Command(connection, Orphan, ("athlete", athlete));
            Should.Throw<PostgresException>(() => insert.ExecuteNonQuery()).SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation, "any other writer's statement");
        }
        using (var transaction = connection.BeginTransaction())
        {
            using (var defer = Sql.Command(connection, "SET CONSTRAINTS \"FK_sets_sessions_SessionId\" DEFERRED"))
                defer.ExecuteNonQuery();
            using (var insert = Sql.Command(connection, Orphan, ("athlete", athlete)))
                insert.ExecuteNonQuery().ShouldBe(1, "deferred, the statement passes");
            Should.Throw<PostgresException>(() => transaction.Commit()).SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation, "and the commit does not");
        }
        using var count = Sql.Command(connection, "SELECT count(*) FROM \"sets\" WHERE \"SessionId\" = 987654321");
        Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture).ShouldBe(0);
    }

    /// <summary>Whether the role of <paramref name="connectionString"/> may set <c>session_replication_role</c>.</summary>
    private static bool MaySkipKeyChecks(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var may = Sql.Command(connection, "SELECT has_parameter_privilege('session_replication_role', 'SET')");
        return (bool)may.ExecuteScalar()!;
    }

    /// <summary>
    /// A connection string to the test's database as the role <c>.ci/postgres.sh</c> makes without the grant on
    /// <c>session_replication_role</c>, given the rights on the tables a server's role has (but not their ownership).
    /// </summary>
    private string WithoutTheGrant()
    {
        var plain = new NpgsqlConnectionStringBuilder(_connectionString);
        plain.Username += "_plain";
        using (var connection = new NpgsqlConnection(_connectionString))
        {
            connection.Open();
            using var exists = Sql.Command(connection, "SELECT count(*) FROM pg_roles WHERE rolname = @name", ("name", plain.Username!));
            Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture).ShouldBe(1, $"the role {plain.Username} (bash .ci/postgres.sh makes it)");
            using var grant = Sql.Command(connection,
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"{plain.Username}\"; " +
                $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO \"{plain.Username}\"");
            grant.ExecuteNonQuery();
        }
        MaySkipKeyChecks(plain.ConnectionString).ShouldBeFalse();
        return plain.ConnectionString;
    }

    private static PostgresTrainingDb Postgres(string connectionString, int athlete) =>
        new(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql(connectionString).Options) { AthleteId = athlete };

    /// <summary>
    /// A session the import sends that never reaches the table (a trigger that fires even with the key checks off
    /// drops it): its sets name no session. Refused either way, and nothing is stored: by the import's own check of its
    /// sets (a role that may turn the row-by-row checks off) or by the key at the commit (one that may not).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_set_whose_session_is_not_stored_is_refused_with_or_without_the_row_by_row_key_checks(bool granted)
    {
        using (var owner = new NpgsqlConnection(_connectionString))
        {
            owner.Open();
            using var lose = Sql.Command(owner,
                "CREATE FUNCTION lose_session() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"Name\" = 'Lost' THEN RETURN NULL; END IF; RETURN NEW; END $$; " +
                "CREATE TRIGGER lose_session BEFORE INSERT ON \"sessions\" FOR EACH ROW EXECUTE FUNCTION lose_session(); " +
                "ALTER TABLE \"sessions\" ENABLE ALWAYS TRIGGER lose_session");
            lose.ExecuteNonQuery();
        }
        var connectionString = granted ? _connectionString : WithoutTheGrant();
        if (granted && Environment.GetEnvironmentVariable("CI") == "true")
            MaySkipKeyChecks(connectionString).ShouldBeTrue("CI's role has the grant (.ci/postgres.sh), so both ways are tested");
        var skipping = MaySkipKeyChecks(connectionString);
        int athlete;
        using (var setup = Postgres(connectionString, 0))
            athlete = NewAthlete(setup);

        var csv = LargeExport(LargeUnit * 2) + "2030-01-01 10:00:00;Lost;Squat (Barbell);1;100;kg;5;;;\n";
        using (var db = Postgres(connectionString, athlete))
        {
            var error = Should.Throw<Exception>(() => Import(db, csv, ImportSource.Strong));
            if (skipping)
                error.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("1 sets of the import name no session of the athlete; nothing was stored.");
            else
                error.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation);
        }
        using var after = Postgres(connectionString, athlete);
        Counts(after).ShouldBe((0, 0, 0));
        Revision(after).ShouldBe(0);
    }

    [Fact]
    public void Import_OnPostgresByARoleWithoutTheGrant_ChecksTheKeyRowByRowAndReadsBackTheSame()
    {
        var plain = WithoutTheGrant();
        int granted, notGranted;
        using (var setup = Postgres(0))
            granted = NewAthlete(setup);
        using (var setup = Postgres(plain, 0))
            notGranted = NewAthlete(setup);
        var csv = LargeExport(LargeUnit * 2);
        using (var db = Postgres(granted))
            Import(db, csv, ImportSource.Strong).Sets.ShouldBe(LargeUnit * 2);
        using (var db = Postgres(plain, notGranted))
            Import(db, csv, ImportSource.Strong).Sets.ShouldBe(LargeUnit * 2);
        using var one = Postgres(granted);
        using var other = Postgres(plain, notGranted);
        Stored(other).ShouldBe(Stored(one));
        Counts(other).ShouldBe(Counts(one));
    }

    public static TheoryData<string, ImportSource, WeightUnit?> Files() => new()
    {
        { "strong-comma.csv", ImportSource.Strong, WeightUnit.Lb },
        { "strong-semicolon.csv", ImportSource.Strong, null },
        { "strong-quoted.csv", ImportSource.Strong, WeightUnit.Lb },
        { "hevy.csv", ImportSource.Hevy, null },
        { "large", ImportSource.Strong, null },
        { "unicode", ImportSource.Strong, null },
    };

    /// <summary>
    /// Texts and times the COPY writer encodes itself: notes of the longest length in two-, three- and four-byte UTF-8
    /// (enough of them to cross its 64 KB buffer inside a character), names and a custom exercise outside ASCII, and
    /// times before PostgreSQL's epoch (2000-01-01), on it and a second before it.
    /// </summary>
    private static string UnicodeExport()
    {
        var csv = new StringBuilder("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n");
        string[] starts = ["1999-12-31 23:59:59", "2000-01-01 00:00:00", "1970-01-01 00:00:00", "1987-06-15 06:05:04", "2031-02-03 04:05:06"];
        string[] lifts = ["Squat (Barbell)", "Rückenstrecker Maschine — 背中 💪", "Bench Press (Barbell)"];
        const string pieces = "é—背💪";
        for (var i = 0; i < 60; i++)
        {
            var notes = new StringBuilder();
            while (notes.Length < Failsafe.Store.Training.LogLimits.MaxNotes - 2)
                notes.Append(pieces[(notes.Length + i) % 3]).Append(i % 2 == 0 ? "💪" : "");
            csv.Append(CultureInfo.InvariantCulture,
                $"{starts[i / 12]};Séance {i / 12} 🏋;{lifts[i % 3]};{1 + i % 12};{20 + i}.5;kg;{1 + i % 10};{(i % 2 == 0 ? "8.5" : "")};\"{notes}\";\"journée ✓ {i / 12}\"\n");
        }
        return csv.ToString();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Import_OnPostgres_ReadsBackAsTheSqliteImportOfTheSameFile(string file, ImportSource source, WeightUnit? unit)
    {
        var csv = file switch
        {
            "large" => LargeExport(LargeUnit * 2 + 1_000),
            "unicode" => UnicodeExport(),
            _ => Sample(file),
        };
        int pgAthlete, liteAthlete;
        using (var setup = Postgres(0))
            pgAthlete = NewAthlete(setup);
        using (var setup = Sqlite(0))
            liteAthlete = NewAthlete(setup);

        ImportSummary pgSummary, liteSummary;
        using (var pg = Postgres(pgAthlete))
            pgSummary = Import(pg, csv, source, unit);
        using (var lite = Sqlite(liteAthlete))
            liteSummary = Import(lite, csv, source, unit);

        pgSummary.ShouldBeEquivalentTo(liteSummary);
        pgSummary.Sets.ShouldBeGreaterThan(0);
        using var pgRead = Postgres(pgAthlete);
        using var liteRead = Sqlite(liteAthlete);
        var stored = Stored(pgRead);
        stored.Count.ShouldBe((int)pgSummary.Sets);
        stored.ShouldBe(Stored(liteRead));
        Custom(pgRead).ShouldBe(Custom(liteRead));
    }

    [Fact]
    public void Import_OnPostgresWithAnErrorOnItsLastLine_LeavesNothingBehind()
    {
        int athlete;
        using (var setup = Postgres(0))
            athlete = NewAthlete(setup);
        using (var db = Postgres(athlete))
            Import(db, Sample("strong-semicolon.csv"), ImportSource.Strong);
        using var before = Postgres(athlete);
        var (counts, revision, stored) = (Counts(before), Revision(before), Stored(before));

        // Past two of the writer's chunks: sessions and sets were COPYed before the bad line was read.
        var bad = LargeExport(LargeUnit * 2 + 1_000, "2030-01-01 10:00:00;Late;Squat (Barbell);1;100;kg;five;;;");
        using (var db = Postgres(athlete))
        {
            var error = Should.Throw<ImportException>(() => Import(db, bad, ImportSource.Strong));
            error.Message.ShouldBe($"line {LargeUnit * 2 + 1_002}, column Reps: 'five' is not a whole number");
        }

        using var after = Postgres(athlete);
        Counts(after).ShouldBe(counts);
        Revision(after).ShouldBe(revision);
        Stored(after).ShouldBe(stored);
        after.Mine<CustomExerciseRow>().Any(c => c.Name == "Glorp Machine Kickback").ShouldBeFalse();
    }

    [Fact]
    public void Import_OnPostgresOfTheSameFileAgain_AddsNothing()
    {
        int athlete;
        using (var setup = Postgres(0))
            athlete = NewAthlete(setup);
        var csv = LargeExport(LargeUnit + 500);
        ImportSummary first;
        using (var db = Postgres(athlete))
            first = Import(db, csv, ImportSource.Strong);
        using var between = Postgres(athlete);
        var (counts, revision, stored) = (Counts(between), Revision(between), Stored(between));

        ImportSummary again;
        using (var db = Postgres(athlete))
            again = Import(db, csv, ImportSource.Strong);

        (again.Workouts, again.Sets, again.DuplicateWorkouts, again.DuplicateSets).ShouldBe((0, 0L, first.Workouts, first.Sets));
        using var after = Postgres(athlete);
        Counts(after).ShouldBe(counts);
        Stored(after).ShouldBe(stored);
        Revision(after).ShouldBe(revision, "nothing changed, so cached decisions stay valid");
    }

    [Fact]
    public void Import_OnPostgres_RaisesTheRevisionOnceAndOnlyForItsAthlete()
    {
        int athlete, other;
        using (var setup = Postgres(0))
        {
            athlete = NewAthlete(setup);
            other = NewAthlete(setup);
        }
        long before, otherBefore;
        using (var db = Postgres(athlete))
            before = Revision(db);
        using (var db = Postgres(other))
            otherBefore = Revision(db);

        ImportSummary summary;
        using (var db = Postgres(athlete))
            summary = Import(db, LargeExport(LargeUnit * 3), ImportSource.Strong);

        summary.Sets.ShouldBe(LargeUnit * 3);
        summary.Unmatched.Single().Created.ShouldBeTrue();
        using (var db = Postgres(athlete))
            Revision(db).ShouldBe(before + 1);
        using (var db = Postgres(other))
        {
            Revision(db).ShouldBe(otherBefore);
            Counts(db).ShouldBe((0, 0, 0));
        }
    }

    [Fact]
    public async Task Import_OnPostgresOfAWorkoutAnotherRequestStoresMeanwhile_IsAConflictThatStoresNothing()
    {
        // The COPY meets the unique import key of a workout committed after the import read the log: PostgreSQL's
        // error comes back through the COPY stream as the same DbUpdateException as EF Core's, and nothing is kept.
        var cancel = TestContext.Current.CancellationToken;
        int athlete, other;
        using (var setup = Postgres(0))
        {
            athlete = NewAthlete(setup);
            other = NewAthlete(setup);
        }
        var csv = Sample("strong-semicolon.csv");
        using (var db = Postgres(other))
            Import(db, csv, ImportSource.Strong);
        string key;
        using (var db = Postgres(other))
            key = db.Mine<SessionRow>().Select(s => s.ImportKey!).OrderBy(k => k).First();

        await using var rival = new NpgsqlConnection(_connectionString);
        await rival.OpenAsync(cancel);
        await using var transaction = await rival.BeginTransactionAsync(cancel);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO \"sessions\" (\"AthleteId\", \"Date\", \"Source\", \"ImportKey\", \"Version\") VALUES (@athlete, DATE '2020-01-01', 'strong', @key, 0)", rival, transaction))
        {
            insert.Parameters.AddWithValue("athlete", athlete);
            insert.Parameters.AddWithValue("key", key);
            await insert.ExecuteNonQueryAsync(cancel);
        }

        var import = Task.Run(() =>
        {
            using var db = Postgres(athlete);
            return Import(db, csv, ImportSource.Strong);
        }, cancel);
        // The import's COPY of sessions waits on the rival's uncommitted key; the rival then commits.
        await using (var watch = new NpgsqlConnection(_connectionString))
        {
            await watch.OpenAsync(cancel);
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watch);
            for (var tries = 0; (long)(await waiting.ExecuteScalarAsync(cancel))! == 0; tries++)
            {
                tries.ShouldBeLessThan(600, "the import never waited on the rival's workout");
                import.IsCompleted.ShouldBeFalse("the import ended before it met the rival's workout");
                await Task.Delay(50, cancel);
            }
        }
        await transaction.CommitAsync(cancel);

        var error = await Should.ThrowAsync<DbUpdateException>(import);
        error.Message.ShouldContain("nothing of this one was stored");
        using var after = Postgres(athlete);
        Counts(after).ShouldBe((1, 0, 0), "only the rival's session");
    }

    public void Dispose()
    {
        ServerFactory.DropPostgresDatabase(_admin, _database);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_sqliteDir, true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned later.
        }
    }
}
