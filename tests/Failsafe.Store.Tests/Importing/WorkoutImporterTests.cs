using Failsafe.Effort;
using Failsafe.Store.Data;
using Failsafe.Store.Catalog;
using Failsafe.Store.Importing;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Tests.Importing;

public sealed class WorkoutImporterTests
{
    private const double Lb = 0.45359237;

    private static List<SetRow> Sets(ImportTestDb t, string session)
    {
        using var db = t.Fresh();
        var id = db.Sessions.AsNoTracking().Single(s => s.Name == session).Id;
        return [.. db.Sets.AsNoTracking().Where(s => s.SessionId == id).OrderBy(s => s.Order)];
    }

    [Fact]
    public void Strong_comma_layout_imports_with_the_given_unit()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("strong-comma.csv", ImportSource.Strong, WeightUnit.Lb);

        summary.Workouts.ShouldBe(2);
        summary.Sets.ShouldBe(9);
        summary.SetsWithoutReps.ShouldBe(1); // the plank
        summary.DuplicateWorkouts.ShouldBe(0);
        summary.First.ShouldBe(new DateTime(2024, 3, 5, 18, 30, 0));
        summary.Last.ShouldBe(new DateTime(2024, 3, 7, 7, 5, 0));
        t.Counts().ShouldBe((2, 9, 1));

        using (var db = t.Fresh())
        {
            var push = db.Sessions.AsNoTracking().Single(s => s.Name == "Push, heavy");
            push.Source.ShouldBe("strong");
            push.Date.ShouldBe(new DateOnly(2024, 3, 5));
            push.StartedAt.ShouldBe(new DateTime(2024, 3, 5, 18, 30, 0));
            push.Notes.ShouldBe("Felt strong");
            push.ImportKey.ShouldBe("strong|2024-03-05 18:30:00|Push, heavy");
        }

        var sets = Sets(t, "Push, heavy");
        sets.Select(s => s.Order).ShouldBe([1, 2, 3, 4, 5]);
        sets.ShouldAllBe(s => s.Unit == "lb" && s.ExerciseName == "Bench Press (Barbell)" && !s.ExerciseId.StartsWith("custom:"));
        sets[0].Warmup.ShouldBeTrue();
        sets[0].WeightEntered.ShouldBe(45);
        sets[0].WeightKg.ShouldBe(45 * Lb, 1e-9);
        sets[1].WeightKg.ShouldBe(185 * Lb, 1e-9);
        (sets[1].Rpe, sets[1].Rir, sets[1].Failure).ShouldBe((8.0, 2.0, "none"));
        (sets[2].Rpe, sets[2].Rir).ShouldBe((8.5, 1.5));
        (sets[3].Failure, sets[3].Rir, sets[3].Reps, sets[3].Notes).ShouldBe(("absolute", 0.0, 4, "grinder"));
        sets[4].Drop.ShouldBeTrue();
        sets[4].Warmup.ShouldBeFalse();
        sets.Where(s => s.Order != 1).ShouldAllBe(s => !s.Warmup);
        sets[0].LoggedAt.ShouldBe(new DateTime(2024, 3, 5, 18, 30, 0));
        sets[0].Rpe.ShouldBeNull();
        sets[0].Rir.ShouldBeNull();
    }

    [Fact]
    public void Strong_comma_layout_without_a_unit_is_refused()
    {
        using var t = new ImportTestDb();
        var error = Should.Throw<ImportException>(() => t.Import("strong-comma.csv", ImportSource.Strong));

        error.Message.ShouldContain("--unit");
        error.Message.ShouldContain("no unit");
        error.Column.ShouldBe("Weight");
        t.Counts().ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Strong_semicolon_layout_takes_each_rows_unit()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("strong-semicolon.csv", ImportSource.Strong);

        (summary.Workouts, summary.Sets).ShouldBe((2, 7));
        var leg = Sets(t, "Leg");
        leg.Count.ShouldBe(5);
        leg[0].Warmup.ShouldBeTrue();
        (leg[1].Unit, leg[1].WeightKg, leg[1].Rir).ShouldBe(("kg", 140.0, 2.0));
        (leg[3].Unit, leg[3].WeightEntered).ShouldBe(("lb", 225.0));
        leg[3].WeightKg.ShouldBe(225 * Lb, 1e-9);
        (leg[4].Failure, leg[4].Rpe, leg[4].Rir).ShouldBe(("absolute", 10.0, 0.0));

        var upper = Sets(t, "Upper");
        upper[0].WeightKg.ShouldBe(80.5);
        upper[1].Drop.ShouldBeTrue();
    }

    [Fact]
    public void Strong_quoted_layout_skips_rest_timers_and_notes_and_reads_decimal_commas()
    {
        using var t = new ImportTestDb();
        // The header says kg, so a --unit that disagrees is not used.
        var summary = t.Import("strong-quoted.csv", ImportSource.Strong, WeightUnit.Lb);

        (summary.Workouts, summary.Sets, summary.OtherRows).ShouldBe((2, 7, 2));
        var morning = Sets(t, "Morning Workout");
        morning.Count.ShouldBe(5);
        morning.ShouldAllBe(s => s.Unit == "kg" && s.ExerciseName == "Bicep Curl (Dumbbell)");
        (morning[0].Warmup, morning[0].WeightKg).ShouldBe((true, 6.0));
        (morning[1].WeightKg, morning[1].Reps, morning[1].Rpe).ShouldBe((12.5, 10, 8.0));
        (morning[2].Rpe, morning[2].Rir).ShouldBe((9.5, 0.5));
        morning[3].Drop.ShouldBeTrue();
        (morning[4].Failure, morning[4].Rir).ShouldBe(("absolute", 0.0));
        Sets(t, "Evening Workout").Count.ShouldBe(2);

        using var db = t.Fresh();
        db.Sessions.AsNoTracking().Single(s => s.Name == "Morning Workout").Notes.ShouldBe("Gym A");
    }

    [Fact]
    public void Hevy_export_imports_set_types_rpe_and_dates()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("hevy.csv", ImportSource.Hevy);

        (summary.Workouts, summary.Sets, summary.SetsWithoutReps).ShouldBe((2, 7, 1));
        summary.First.ShouldBe(new DateTime(2025, 12, 5, 11, 37, 0));
        summary.Last.ShouldBe(new DateTime(2025, 12, 7, 9, 5, 0));

        var push = Sets(t, "Push Day");
        push.Count.ShouldBe(5);
        push.ShouldAllBe(s => s.Unit == "kg");
        push[0].Warmup.ShouldBeTrue();
        (push[1].WeightKg, push[1].Reps, push[1].Rpe, push[1].Rir).ShouldBe((100.0, 5, 8.0, 2.0));
        (push[3].Failure, push[3].Rir).ShouldBe(("absolute", 0.0));
        (push[4].Drop, push[4].WeightKg).ShouldBe((true, 70.0));

        var pull = Sets(t, "Pull Day");
        (pull[0].WeightKg, pull[0].Rpe, pull[0].Notes).ShouldBe((60.5, 7.5, "slow eccentric"));
        using var db = t.Fresh();
        var session = db.Sessions.AsNoTracking().Single(s => s.Name == "Push Day");
        (session.Source, session.Notes, session.ImportKey).ShouldBe(("hevy", "Good session", "hevy|2025-12-05 11:37:00|Push Day"));
    }

    [Fact]
    public void Hevy_weights_in_pounds_are_stored_in_kg()
    {
        using var t = new ImportTestDb();
        t.ImportText(
            "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n" +
            "Legs,\"1 Feb 2025, 08:00\",\"1 Feb 2025, 09:00\",,Squat (Barbell),,,0,normal,315,3,,,9\n",
            ImportSource.Hevy);

        var set = Sets(t, "Legs").Single();
        (set.Unit, set.WeightEntered, set.Rir).ShouldBe(("lb", 315.0, 1.0));
        set.WeightKg.ShouldBe(315 * Lb, 1e-9);
    }

    [Theory]
    [InlineData("strong-comma.csv", ImportSource.Strong)]
    [InlineData("strong-semicolon.csv", ImportSource.Strong)]
    [InlineData("strong-quoted.csv", ImportSource.Strong)]
    [InlineData("hevy.csv", ImportSource.Hevy)]
    public void Importing_the_same_file_again_adds_nothing(string sample, ImportSource source)
    {
        using var t = new ImportTestDb();
        var first = t.Import(sample, source, WeightUnit.Kg);
        var before = t.Counts();

        var again = t.Import(sample, source, WeightUnit.Kg);

        (again.Workouts, again.Sets).ShouldBe((0, 0));
        again.DuplicateWorkouts.ShouldBe(first.Workouts);
        again.DuplicateSets.ShouldBe(first.Sets);
        again.Unmatched.ShouldBeEmpty();
        t.Counts().ShouldBe(before);
    }

    [Fact]
    public void A_bad_row_mid_file_names_its_line_and_column_and_writes_nothing()
    {
        using var t = new ImportTestDb();
        t.Import("hevy.csv", ImportSource.Hevy);
        var before = t.Counts();

        var error = Should.Throw<ImportException>(() => t.Import("strong-bad-row.csv", ImportSource.Strong, WeightUnit.Kg));

        // Line 7 of the file: the quoted note on line 3 spans two lines.
        error.Message.ShouldBe("line 7, column Reps: 'x' is not a whole number");
        (error.Line, error.Column).ShouldBe((7L, "Reps"));
        t.Counts().ShouldBe(before);
        // The context that failed is still usable, and remembers nothing of the failed import.
        t.Db.ChangeTracker.Entries().ShouldBeEmpty();
        t.Import("strong-semicolon.csv", ImportSource.Strong).Workouts.ShouldBe(2);
    }

    [Theory]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),1,abc,kg,5,\n", "line 2, column Weight: 'abc' is not a number")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,kg,5,\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,stone,5,\n", "line 3, column Weight Unit: 'stone' is not a weight unit (kg or lbs)")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),X,100,kg,5,\n", "line 2, column Set Order: 'X' is not a set number, W or WARM_UP (warm-up), D or DROP_SET (drop set), F or FAILURE (failure)")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n01/02/2024,A,Squat (Barbell),1,100,kg,5,\n", "line 2, column Date: '01/02/2024' is not a date and time like 2024-03-05 18:30:00")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,kg,5,12\n", "line 2, column RPE: '12' is not an RPE (1 to 10)")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,kg,5.5,\n", "line 2, column Reps: '5.5' is not a whole number")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat (Barbell),1,100\n", "line 2: has 5 fields, but the header has 8 (separated by ',')")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,,1,100,kg,5,\n", "line 2, column Exercise Name: empty: every set names its exercise")]
    [InlineData("Date,Workout Name,Exercise Name,Weight,Reps\n", "line 1: not a Strong export: its header has 5 columns separated by ',' ('Date', 'Workout Name', 'Exercise Name', 'Weight', 'Reps'); nearest: Strong, which also has 'Set Order'")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE,Notes\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,kg,5,,fine\n2024-01-01 10:00:00,A,Squat (Barbell),2,100,kg,5,,left\u0000knee\n", "line 3, column Notes: holds the NUL character (U+0000), which cannot be stored; remove it")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A,Squat\u0000,1,100,kg,5,\n", "line 2, column Exercise Name: holds the NUL character (U+0000), which cannot be stored; remove it")]
    [InlineData("Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE\n2024-01-01 10:00:00,A\u0000,Squat (Barbell),1,100,kg,5,\n", "line 2, column Workout Name: holds the NUL character (U+0000), which cannot be stored; remove it")]
    public void Bad_strong_input_is_refused_with_line_and_column(string csv, string message)
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText(csv, ImportSource.Strong)).Message.ShouldBe(message);
        t.Counts().ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Bad_hevy_set_type_is_refused()
    {
        using var t = new ImportTestDb();
        var csv = "title,start_time,exercise_title,set_type,weight_kg,reps,rpe\nA,\"5 Dec 2025, 11:37\",Squat (Barbell),superset,100,5,\n";
        Should.Throw<ImportException>(() => t.ImportText(csv, ImportSource.Hevy))
            .Message.ShouldBe("line 2, column set_type: 'superset' is not a set type (normal, warmup, dropset or failure)");
    }

    [Fact]
    public void A_file_from_the_other_app_says_which_command_to_use()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.Import("hevy.csv", ImportSource.Strong)).Message.ShouldContain("looks like a Hevy export: use --from hevy");
        Should.Throw<ImportException>(() => t.Import("strong-semicolon.csv", ImportSource.Hevy)).Message.ShouldContain("looks like a Strong export: use --from strong");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText("", ImportSource.Strong)).Message.ShouldContain("empty");
    }

    [Fact]
    public void Unmatched_names_become_unclassified_custom_exercises()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("strong-comma.csv", ImportSource.Strong, WeightUnit.Kg);

        summary.Unmatched.ShouldBe([new UnmatchedExercise("Glorp Machine Kickback", 1, Created: true)]);
        using var db = t.Fresh();
        var custom = db.CustomExercises.AsNoTracking().Single();
        (custom.Name, custom.Classified, custom.MaxFailure).ShouldBe(("Glorp Machine Kickback", false, "none"));
        db.Sets.AsNoTracking().Single(s => s.ExerciseName == "Glorp Machine Kickback").ExerciseId.ShouldBe("custom:Glorp Machine Kickback");

        // Another file with the same name reuses the custom exercise, and still lists it until it is classified.
        var hevy = t.Import("hevy.csv", ImportSource.Hevy);
        hevy.Unmatched.ShouldBe([new UnmatchedExercise("Glorp Machine Kickback", 1, Created: false)]);
        t.Counts().Custom.ShouldBe(1);
    }

    [Fact]
    public void Dry_run_validates_and_counts_but_writes_nothing()
    {
        using var t = new ImportTestDb();
        var dry = t.Import("strong-comma.csv", ImportSource.Strong, WeightUnit.Kg, dryRun: true);

        dry.DryRun.ShouldBeTrue();
        (dry.Workouts, dry.Sets).ShouldBe((2, 9));
        dry.Unmatched.ShouldBe([new UnmatchedExercise("Glorp Machine Kickback", 1, Created: true)]);
        t.Counts().ShouldBe((0, 0, 0));
        t.Db.ChangeTracker.Entries().ShouldBeEmpty();

        var real = t.Import("strong-comma.csv", ImportSource.Strong, WeightUnit.Kg);
        (real.Workouts, real.Sets, real.Unmatched.Count).ShouldBe((dry.Workouts, dry.Sets, dry.Unmatched.Count));
    }

    [Fact]
    public void Dry_run_still_finds_bad_rows()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.Import("strong-bad-row.csv", ImportSource.Strong, WeightUnit.Kg, dryRun: true))
            .Message.ShouldBe("line 7, column Reps: 'x' is not a whole number");
    }

    [Fact]
    public void A_newer_export_adds_only_the_new_workouts()
    {
        using var t = new ImportTestDb();
        const string header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE\n";
        const string first = "2024-01-01 10:00:00;A;Squat (Barbell);1;100;kg;5;\n";
        const string second = "2024-01-03 10:00:00;B;Squat (Barbell);1;105;kg;5;\n2024-01-03 10:00:00;B;Squat (Barbell);2;105;kg;5;\n";
        t.ImportText(header + first, ImportSource.Strong);

        var summary = t.ImportText(header + first + second, ImportSource.Strong);

        (summary.Workouts, summary.Sets, summary.DuplicateWorkouts, summary.DuplicateSets).ShouldBe((1, 2, 1, 1));
        t.Counts().ShouldBe((2, 3, 0));
    }

    [Fact]
    public void A_missed_rep_at_failure_is_kept_but_sets_without_reps_are_not()
    {
        using var t = new ImportTestDb();
        var csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE\n" +
            "2024-01-01 10:00:00;A;Squat (Barbell);1;140;kg;3;9\n" +
            "2024-01-01 10:00:00;A;Squat (Barbell);F;150;kg;0;\n" +
            "2024-01-01 10:00:00;A;Plank;1;0;kg;;\n" +
            "2024-01-01 10:00:00;A;Plank;F;0;kg;0;\n";
        var summary = t.ImportText(csv, ImportSource.Strong);

        (summary.Sets, summary.SetsWithoutReps).ShouldBe((2, 2));
        var missed = Sets(t, "A")[1];
        (missed.Reps, missed.WeightKg, missed.Failure, missed.Rir).ShouldBe((0, 150.0, "absolute", 0.0));
    }

    [Fact]
    public void Rows_of_one_workout_apart_in_the_file_join_the_same_session()
    {
        using var t = new ImportTestDb();
        var csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE\n" +
            "2024-01-01 10:00:00;A;Squat (Barbell);1;100;kg;5;\n" +
            "2024-01-02 10:00:00;B;Squat (Barbell);1;100;kg;5;\n" +
            "2024-01-01 10:00:00;A;Squat (Barbell);2;100;kg;4;\n";
        t.ImportText(csv, ImportSource.Strong).Workouts.ShouldBe(2);
        Sets(t, "A").Select(s => (s.Order, s.Reps)).ShouldBe([(1, 5), (2, 4)]);
    }

    [Fact]
    public void More_sets_than_one_insert_batch_are_all_written_in_order()
    {
        using var t = new ImportTestDb();
        var csv = new System.Text.StringBuilder("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE\n");
        for (var i = 1; i <= 150; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2024-01-01 10:00:00;Big;Squat (Barbell);{i};{i};kg;5;\n");
        t.ImportText(csv.ToString(), ImportSource.Strong).Sets.ShouldBe(150);
        var sets = Sets(t, "Big");
        sets.Select(s => s.Order).ShouldBe(Enumerable.Range(1, 150));
        sets.Select(s => s.WeightKg).ShouldBe(Enumerable.Range(1, 150).Select(i => (double)i));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_too()
    {
        using var t = new ImportTestDb();
        var bytes = File.ReadAllBytes(ImportTestDb.Sample("strong-quoted.csv"));
        using var stream = new NonSeekable(bytes);
        var summary = WorkoutImporter.Import(t.Db, CatalogLoader.Default, stream, new ImportOptions(ImportSource.Strong));
        (summary.Workouts, summary.Sets).ShouldBe((2, 7));
    }

    [Fact]
    public void Progress_is_reported_up_to_the_end_of_the_file()
    {
        using var t = new ImportTestDb();
        var path = ImportTestDb.Sample("hevy.csv");
        var reports = new List<long>();
        WorkoutImporter.Import(t.Db, CatalogLoader.Default, path, new ImportOptions(ImportSource.Hevy), reports.Add);
        reports.ShouldNotBeEmpty();
        reports[^1].ShouldBeGreaterThan(0);
        reports[^1].ShouldBeLessThanOrEqualTo(new FileInfo(path).Length);
    }

    /// <summary>A Strong export of <paramref name="sets"/> sets, big enough (over 3 MB) for the importer to defer the indexes of sets.</summary>
    private static string LargeExport(int sets, string? lastRow = null)
    {
        var csv = new System.Text.StringBuilder("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes\n");
        string[] lifts = ["Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)", "Glorp Machine Kickback"];
        for (var i = 0; i < sets; i++)
        {
            var start = new DateTime(2010, 1, 1, 18, 0, 0).AddDays(i / 20);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{start:yyyy-MM-dd HH:mm:ss};Workout {i / 20 % 3};{lifts[i / 5 % 4]};{i % 5 + 1};{60 + i % 40}.5;kg;{5 + i % 4};8;some notes here\n");
        }
        if (lastRow is not null)
            csv.Append(lastRow).Append('\n');
        return csv.ToString();
    }

    private static List<string> SetIndexes(ImportTestDb t)
    {
        using var db = t.Fresh();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sets' ORDER BY name";
        using var rows = command.ExecuteReader();
        var names = new List<string>();
        while (rows.Read())
            names.Add(rows.GetString(0));
        return names;
    }

    [Fact]
    public void A_large_import_keeps_the_indexes_of_sets()
    {
        using var t = new ImportTestDb();
        var indexes = SetIndexes(t);
        indexes.ShouldNotBeEmpty();

        var summary = t.ImportText(LargeExport(60_000), ImportSource.Strong);

        (summary.Workouts, summary.Sets).ShouldBe((3_000, 60_000));
        t.Counts().ShouldBe((3_000, 60_000, 1));
        SetIndexes(t).ShouldBe(indexes);
        using var db = t.Fresh();
        var session = db.Sessions.AsNoTracking().OrderBy(x => x.Id).First();
        (session.Name, session.StartedAt).ShouldBe(("Workout 0", new DateTime(2010, 1, 1, 18, 0, 0)));
        var first = db.Sets.AsNoTracking().Where(x => x.SessionId == session.Id).OrderBy(x => x.Order).ToList();
        first.Count.ShouldBe(20);
        first.Select(s => s.Order).ShouldBe(Enumerable.Range(1, 20));
        (first[0].WeightKg, first[0].Reps, first[0].Rir, first[0].Notes).ShouldBe((60.5, 5, 2.0, "some notes here"));
    }

    [Fact]
    public void A_large_import_that_fails_at_its_last_row_leaves_the_log_and_its_indexes_as_they_were()
    {
        using var t = new ImportTestDb();
        t.Import("hevy.csv", ImportSource.Hevy);
        var before = t.Counts();
        var indexes = SetIndexes(t);

        Should.Throw<ImportException>(() => t.ImportText(LargeExport(60_000, "2030-01-01 10:00:00;Late;Squat (Barbell);1;100;kg;five;;"), ImportSource.Strong))
            .Message.ShouldBe("line 60002, column Reps: 'five' is not a whole number");

        t.Counts().ShouldBe(before);
        SetIndexes(t).ShouldBe(indexes);
    }

    [Fact]
    public void A_database_error_while_writing_rolls_everything_back_and_is_reported()
    {
        using var t = new ImportTestDb();
        using (var db = t.Fresh())
        {
            db.Database.ExecuteSqlRaw("CREATE TRIGGER refuse_99 BEFORE INSERT ON sets WHEN NEW.Reps = 99 BEGIN SELECT RAISE(ABORT, 'no 99-rep sets'); END;");
        }
        var csv = LargeExport(20_000, "2030-01-01 10:00:00;Late;Squat (Barbell);1;100;kg;99;;");

        Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() => t.ImportText(csv, ImportSource.Strong)).Message.ShouldContain("no 99-rep sets");

        t.Counts().ShouldBe((0, 0, 0));
        t.Db.ChangeTracker.Entries().ShouldBeEmpty();
    }

    /// <summary><paramref name="sets"/> squat sets of one workout on <paramref name="day"/>, imported with <paramref name="cap"/> as the account's cap, as the server does.</summary>
    private static ImportSummary ImportCapped(ImportTestDb t, SetCap cap, string day, int sets)
    {
        var csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes\n" +
            string.Concat(Enumerable.Range(1, sets).Select(i => $"{day} 18:00:00;Legs;Squat (Barbell);{i};100;kg;5;8;\n"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return WorkoutImporter.Import(t.Db, CatalogLoader.Default, stream, new ImportOptions(ImportSource.Strong) { Account = cap });
    }

    /// <summary>A log with the athlete's profile, whose revision every writer raises.</summary>
    private static ImportTestDb WithProfile()
    {
        var t = new ImportTestDb();
        var profile = new ProfileRow { Name = "ann", UpdatedAt = new DateTime(2026, 1, 2) };
        t.Db.Profiles.Add(profile);
        t.Db.SaveChanges();
        t.Db.AthleteId = profile.Id;
        return t;
    }

    [Fact]
    public async Task An_import_checks_the_account_cap_against_the_log_when_another_write_came_after_the_count()
    {
        using var t = WithProfile();
        var cap = new SetCap(12, "the test's cap");
        (await cap.CountAsync(t.Db, TestContext.Current.CancellationToken)).ShouldBe(0);

        // Another writer (another server, with a count of its own) logs four sets after that count.
        using (var connection = Database.Connection(t.Path))
        {
            connection.Open();
            SetRow Set() => new() { ExerciseId = "x", ExerciseName = "x", WeightKg = 100, Unit = "kg", WeightEntered = 100, Reps = 5, Failure = "none", LoggedAt = new DateTime(2026, 6, 18, 18, 0, 0) };
            (await SetWriter.Insert(connection, t.Db.AthleteId, new SessionKey(new DateOnly(2026, 6, 18), "cli"), [Set(), Set(), Set(), Set()],
                new SetCap(100, "another server's cap"), TestContext.Current.CancellationToken)).ShouldBeTrue();
        }

        // Nine sets fit the count taken before (0 + 9 <= 12), not the log (4 + 9 > 12): refused whole.
        Should.Throw<ImportLimitException>(() => ImportCapped(t, cap, "2026-06-01", 9)).Message
            .ShouldEndWith("another write filled the account meanwhile: an account may hold at most 12 sets (the test's cap) and this one holds 4; nothing was stored");
        t.Counts().ShouldBe((1, 4, 0));
    }

    [Fact]
    public async Task An_import_right_after_the_count_adds_its_sets_to_it_without_counting_the_log_again()
    {
        using var t = WithProfile();
        var cap = new SetCap(12, "the test's cap");
        (await cap.CountAsync(t.Db, TestContext.Current.CancellationToken)).ShouldBe(0);
        ImportCapped(t, cap, "2026-06-01", 5).Sets.ShouldBe(5);

        // Every writer raises the revision; what the check relies on is exactly that. Rows slipped in without a raise
        // are not seen: the count kept (5, at the import's own raise) plus 4 fits 12, though the log then holds 13.
        using (var other = t.Fresh())
            other.Database.ExecuteSqlRaw("INSERT INTO sets (AthleteId, SessionId, \"Order\", ExerciseId, ExerciseName, WeightKg, Unit, WeightEntered, Reps, Failure, Warmup, \"Drop\", FormBreakdown, Pain, LoggedAt, Version) " +
                "SELECT AthleteId, SessionId, \"Order\" + 5, ExerciseId, ExerciseName, WeightKg, Unit, WeightEntered, Reps, Failure, Warmup, \"Drop\", FormBreakdown, Pain, LoggedAt, Version FROM sets WHERE \"Order\" <= 4");
        ImportCapped(t, cap, "2026-06-02", 4).Sets.ShouldBe(4);
        t.Counts().Sets.ShouldBe(13);

        // Once anything else raises the revision, the kept count is not used: the log is counted again.
        using (var other = t.Fresh())
            other.Touch(t.Db.AthleteId);
        Should.Throw<ImportLimitException>(() => ImportCapped(t, cap, "2026-06-03", 1)).Message.ShouldContain("this one holds 13");
        t.Counts().Sets.ShouldBe(13);
    }

    [Fact]
    public async Task The_count_an_import_is_checked_against_is_exact_past_the_cap()
    {
        using var t = WithProfile();
        ImportCapped(t, new SetCap(100, "the test's cap"), "2026-06-01", 5).Sets.ShouldBe(5);
        // A cap lowered below what the log holds: the refusal names what it holds, not the cap plus one.
        var lowered = new SetCap(3, "the test's cap");
        (await lowered.CountAsync(t.Db, TestContext.Current.CancellationToken)).ShouldBe(5);
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
