using Failsafe.Effort;
using Failsafe.Store.Data;
using Failsafe.Store.Importing;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Tests.Importing;

/// <summary>Each app's layouts as their samples hold them, awkward rows included, detected from the file.</summary>
public sealed class FormatTests
{
    private const double Lb = 0.45359237;

    private static List<SetRow> Sets(ImportTestDb t)
    {
        using var db = t.Fresh();
        return [.. db.Sets.AsNoTracking().OrderBy(s => s.SessionId).ThenBy(s => s.Order)];
    }

    private static List<SessionRow> Sessions(ImportTestDb t)
    {
        using var db = t.Fresh();
        return [.. db.Sessions.AsNoTracking().OrderBy(s => s.Id)];
    }

    [Fact]
    public void Strong2025_ReadsSetOrderWordsMultiLineNotesAndDecimalCommas()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("strong-2025.csv", null);

        (summary.Source, summary.Layout).ShouldBe((ImportSource.Strong, "Strong, 2025 layout"));
        (summary.Workouts, summary.Sets, summary.OtherRows, summary.SetsWithoutReps).ShouldBe((2, 7, 1, 1));
        var sets = Sets(t);
        sets.Select(s => (s.Warmup, s.Drop, s.Failure)).ShouldBe([
            (true, false, "none"), (false, false, "none"), (false, false, "none"), (false, false, "absolute"),
            (false, false, "none"), (false, true, "none"), (false, false, "none")]);
        sets[1].Notes.ShouldBe("belt on,\nsecond line of the note");
        (sets[2].WeightKg, sets[2].Rpe).ShouldBe((122.5, 9.5));
        sets.ShouldAllBe(s => s.Unit == "kg");
        Sessions(t)[0].Notes.ShouldBe("Knee felt fine");
    }

    [Theory]
    [InlineData("SUPERSET")]
    [InlineData("CLUSTER")]
    public void Strong2025_UnknownSetOrderWord_IsRefusedByName(string word)
    {
        using var t = new ImportTestDb();
        var csv = "\"Workout #\";\"Date\";\"Workout Name\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\"\n" +
            $"\"1\";\"2025-06-02 07:10:00\";\"Lower\";\"Squat (Barbell)\";\"{word}\";\"60\";\"5\"\n";
        Should.Throw<ImportException>(() => t.ImportText(csv, null)).Message
            .ShouldBe($"line 2, column Set Order: '{word}' is not a set number, W or WARM_UP (warm-up), D or DROP_SET (drop set), F or FAILURE (failure)");
        t.Counts().ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Hevy_ResavedWithSemicolonsPoundsAndLocalizedDates()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("hevy-resaved.csv", null);

        (summary.Source, summary.Workouts, summary.Sets).ShouldBe((ImportSource.Hevy, 3, 5));
        summary.First.ShouldBe(new DateTime(2026, 5, 5, 7, 34, 0));
        summary.Last.ShouldBe(new DateTime(2026, 8, 12, 19, 5, 0));
        var sessions = Sessions(t);
        sessions.Select(s => s.StartedAt).ShouldBe([new DateTime(2026, 5, 5, 7, 34, 0), new DateTime(2026, 6, 11, 13, 1, 0), new DateTime(2026, 8, 12, 19, 5, 0)]);
        var sets = Sets(t);
        sets[0].Warmup.ShouldBeFalse(); // an empty set_type is a normal set
        sets[1].Warmup.ShouldBeTrue();
        (sets[2].Unit, sets[2].WeightEntered, sets[2].Rpe).ShouldBe(("lb", 185.5, 8.5));
        sets[2].WeightKg.ShouldBe(185.5 * Lb, 1e-9);
        sets[4].Failure.ShouldBe("absolute");
    }

    [Theory]
    [InlineData("5 Dec 2025, 11:37", 2025, 12, 5, 11, 37)]
    [InlineData("Jun 11, 2026, 1:01 PM", 2026, 6, 11, 13, 1)]
    [InlineData("5 Mai 2026, 07:34", 2026, 5, 5, 7, 34)]
    [InlineData("5 mai. 2026, 07:34", 2026, 5, 5, 7, 34)]
    [InlineData("3 Okt. 2025, 18:00", 2025, 10, 3, 18, 0)]
    [InlineData("3 déc. 2025, 18:00", 2025, 12, 3, 18, 0)]
    [InlineData("3 dic 2025, 18:00", 2025, 12, 3, 18, 0)]
    [InlineData("3 мая 2025, 18:00", 2025, 5, 3, 18, 0)]
    [InlineData("3 paź 2025, 18:00", 2025, 10, 3, 18, 0)]
    [InlineData("3 Eki 2025, 18:00", 2025, 10, 3, 18, 0)]
    [InlineData("3 5月 2025, 18:00", 2025, 5, 3, 18, 0)]
    [InlineData("3 5월 2025, 18:00", 2025, 5, 3, 18, 0)]
    [InlineData("3 mrt 2025, 18:00", 2025, 3, 3, 18, 0)]
    [InlineData("Dec 3, 2025, 6:00 pm", 2025, 12, 3, 18, 0)]
    [InlineData("Dec 3, 2025, 12:15 AM", 2025, 12, 3, 0, 15)]
    public void HevyDates_InEveryLanguage(string text, int year, int month, int day, int hour, int minute)
    {
        using var t = new ImportTestDb();
        t.ImportText(HevyRow(text), null).First.ShouldBe(new DateTime(year, month, day, hour, minute, 0));
    }

    private static string HevyRow(string date) => $"title,start_time,exercise_title,set_type,weight_kg,reps\nA,\"{date}\",Squat (Barbell),normal,100,5\n";

    [Theory]
    [InlineData("5 Foo 2026, 07:34")]
    [InlineData("31 Feb 2026, 07:34")]
    [InlineData("5 May 2026, 25:34")]
    [InlineData("5 May 2026, 13:34 PM")]
    public void HevyDates_NotADate(string text)
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText(HevyRow(text), null)).Message
            .ShouldBe($"line 2, column start_time: '{text}' is not a date and time like 5 Dec 2025, 11:37");
    }

    [Fact]
    public void Hevy_WithoutSupersetIdOrSetType_Imports()
    {
        using var t = new ImportTestDb();
        var summary = t.ImportText("title,start_time,exercise_title,weight_kg,reps,distance_km\nA,\"5 Dec 2025, 11:37\",Squat (Barbell),100,5,\n", null);
        (summary.Source, summary.Sets).ShouldBe((ImportSource.Hevy, 1));
    }

    [Fact]
    public void FitNotes_SkipsCardioAndRecoversANameWithAComma()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("fitnotes.csv", null);

        (summary.Source, summary.Layout, summary.Workouts, summary.Sets, summary.SetsWithoutReps).ShouldBe((ImportSource.FitNotes, "FitNotes", 2, 5, 1));
        var sets = Sets(t);
        sets.ShouldAllBe(s => s.Unit == "lb");
        sets.Select(s => s.ExerciseName).ShouldContain("Curl, Hammer");
        sets.Single(s => s.ExerciseName == "Curl, Hammer").WeightEntered.ShouldBe(30);
        sets[1].Notes.ShouldBe("last rep slow");
        Sessions(t).Select(s => (s.Name, s.StartedAt)).ShouldBe([("FitNotes workout", new DateTime(2024, 2, 1)), ("FitNotes workout", new DateTime(2024, 2, 3))]);
    }

    [Fact]
    public void FitNotes_UnitColumn_TakesEachRowsUnit()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("fitnotes-unit-column.csv", null);

        (summary.Layout, summary.Sets, summary.SetsWithoutReps).ShouldBe(("FitNotes, unit column", 2, 1));
        Sets(t).Select(s => (s.Unit, s.WeightEntered)).ShouldBe([("kg", 80.0), ("lb", 225.0)]);
    }

    [Fact]
    public void Fitbod_GroupsADaysSetsIntoOneWorkoutAndMarksWarmups()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("fitbod.csv", null);

        (summary.Source, summary.Workouts, summary.Sets, summary.SetsWithoutReps).ShouldBe((ImportSource.Fitbod, 2, 4, 1));
        Sessions(t).Select(s => s.StartedAt).ShouldBe([new DateTime(2021, 1, 17, 22, 14, 35), new DateTime(2021, 1, 19, 7, 0, 0)]);
        var sets = Sets(t);
        sets.Select(s => s.Warmup).ShouldBe([true, false, false, false]);
        (sets[2].WeightKg, sets[2].Notes).ShouldBe((27.5, "tough"));
        t.Import("fitbod.csv", null).Sets.ShouldBe(0);
    }

    [Fact]
    public void FitbodOlder_OneRowStandsForItsSets()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("fitbod-older.csv", null, WeightUnit.Lb);

        (summary.Layout, summary.Workouts, summary.Sets).ShouldBe(("Fitbod, older layout", 2, 6));
        Sets(t).Select(s => (s.Warmup, s.Reps, s.WeightEntered)).ShouldBe([
            (true, 10, 45.0), (false, 8, 135.0), (false, 8, 135.0), (false, 8, 135.0), (false, 5, 225.0), (false, 5, 225.0)]);
    }

    [Fact]
    public void FitbodOlder_WithoutAUnit_IsRefused()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.Import("fitbod-older.csv", null)).Message.ShouldContain("pass --unit kg or --unit lb, the unit Fitbod was set to");
    }

    [Fact]
    public void Liftosaur_ImportsCompletedSetsWithTheirUnitAndRpe()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("liftosaur.csv", null);

        (summary.Source, summary.Workouts, summary.Sets, summary.OtherRows).ShouldBe((ImportSource.Liftosaur, 1, 3, 1));
        Sessions(t).Single().Name.ShouldBe("Day 1");
        var sets = Sets(t);
        sets.Select(s => (s.Warmup, s.Unit, s.WeightEntered, s.Rpe)).ShouldBe([(true, "lb", 45.0, (double?)null), (false, "lb", 225.0, 8.5), (false, "kg", 42.5, null)]);
        sets[1].Rir.ShouldBe(1.5);
        sets[2].Notes.ShouldBe("paused, two seconds");
    }

    [Fact]
    public void StrongLifts_OneSetPerFilledPair()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("stronglifts.csv", null);

        (summary.Source, summary.Workouts, summary.Sets).ShouldBe((ImportSource.StrongLifts, 2, 11));
        var sessions = Sessions(t);
        sessions.Select(s => (s.Name, s.StartedAt, s.Source)).ShouldBe([
            ("Workout A", new DateTime(2023, 4, 3, 18, 5, 0), "stronglift"), ("Workout B", new DateTime(2023, 4, 5, 18, 10, 0), "stronglift")]);
        sessions[0].Notes.ShouldBe("first day");
        var sets = Sets(t);
        sets.ShouldAllBe(s => s.Unit == "kg");
        sets.Where(s => s.ExerciseName == "Bench Press").Select(s => s.Reps).ShouldBe([5, 5, 5, 4, 4]);
        t.Import("stronglifts.csv", null).DuplicateSets.ShouldBe(11);
    }

    [Fact]
    public void Jefit_ImportsEachSetOnceInTheSettingsUnit()
    {
        using var t = new ImportTestDb();
        var summary = t.Import("jefit.csv", null);

        (summary.Source, summary.Layout, summary.Workouts, summary.Sets).ShouldBe((ImportSource.Jefit, "JEFIT", 2, 8));
        Sessions(t).Select(s => (s.Name, s.StartedAt, s.Source)).ShouldBe([
            ("JEFIT workout", new DateTime(2024, 2, 6), "jefit"), ("JEFIT workout", new DateTime(2024, 2, 8), "jefit")]);
        var sets = Sets(t);
        sets.ShouldAllBe(s => s.Unit == "lb");
        sets.Take(5).Select(s => (s.ExerciseName, s.WeightEntered, s.Reps)).ShouldBe([
            ("Barbell Bench Press", 135.0, 10), ("Barbell Bench Press", 185.0, 5), ("Barbell Bench Press", 185.0, 5), ("Barbell Squat", 225.0, 5), ("Barbell Squat", 225.0, 5)]);
        // The third log has rows of its own: its sets come from them, not also from its packed logs.
        sets.Skip(5).Select(s => (s.WeightEntered, s.Reps, s.Warmup, s.Failure)).ShouldBe([(95.0, 12, true, "none"), (95.0, 12, false, "none"), (155.0, 6, false, "absolute")]);
    }

    [Theory]
    [InlineData("11,2024-02-06,\"135x10,185y5\",Bench Press", "line 7, column logs: '185y5' is not a set written as weight x reps (like 50.0x15)")]
    [InlineData("11,2024-02-31,\"135x10\",Bench Press", "line 7, column mydate: '2024-02-31' is not a date and time like 2024-03-05")]
    public void Jefit_BadRows_NameTheLineOfTheWholeFile(string row, string message)
    {
        using var t = new ImportTestDb();
        var csv = "### SETTING ###\nmass\nkg\n#######\n### EXERCISE LOGS ###\n_id,mydate,logs,ename\n" + row + "\n#######\n";
        Should.Throw<ImportException>(() => t.ImportText(csv, null)).Message.ShouldBe(message);
        t.Counts().ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Jefit_WithoutAUnit_AsksForOne()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText("### EXERCISE LOGS ###\n_id,mydate,logs,ename\n1,2024-02-06,100x5,Squat\n", null))
            .Message.ShouldContain("pass --unit kg or --unit lb, the unit JEFIT was set to");
        t.ImportText("### EXERCISE LOGS ###\n_id,mydate,logs,ename\n1,2024-02-06,100x5,Squat\n", null, WeightUnit.Kg).Sets.ShouldBe(1);
    }

    [Theory]
    [InlineData("jefit.csv")]
    [InlineData("strong-2025.csv")]
    [InlineData("hevy-resaved.csv")]
    [InlineData("fitnotes.csv")]
    [InlineData("fitnotes-unit-column.csv")]
    [InlineData("fitbod.csv")]
    [InlineData("liftosaur.csv")]
    [InlineData("stronglifts.csv")]
    public void EveryFormat_DryRunWritesNothingAndAgainAddsNothing(string sample)
    {
        using var t = new ImportTestDb();
        var dry = t.Import(sample, null, dryRun: true);
        t.Counts().ShouldBe((0, 0, 0));

        var first = t.Import(sample, null);
        (first.Workouts, first.Sets).ShouldBe((dry.Workouts, dry.Sets));
        var before = t.Counts();
        var again = t.Import(sample, null);
        (again.Workouts, again.Sets, again.DuplicateSets).ShouldBe((0, 0, first.Sets));
        t.Counts().ShouldBe(before);
    }

    [Theory]
    [InlineData("Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n2024-02-01,Squat,Legs,abc,5,,,,\n", "line 2, column Weight (kgs): 'abc' is not a number")]
    [InlineData("Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n2024-13-01,Squat,Legs,100,5,,,,\n", "line 2, column Date: '2024-13-01' is not a date and time like 2024-03-05")]
    [InlineData("Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier\n2021-01-17 22:14:35 +0000,Squat,5,100,0,0,0,0,maybe,,1\n", "line 2, column isWarmup: 'maybe' is not a warm-up flag (true or false, 1 or 0)")]
    [InlineData("Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-05-02 18:00:00 +0000,Squat,0,5,100,false,\n", "line 2, column Sets: '0' is not a number of sets (1 or more)")]
    [InlineData("Date (yyyy/mm/dd),Workout Name,Exercise,Start Time (h:mm),Set 1 (Reps),Set 1 (KG)\n2023/04/03,A,Squat,6:05 PM,five,60\n", "line 2, column Set 1 (Reps): 'five' is not a whole number")]
    [InlineData("Workout DateTime,Day Name,Exercise,Is Warmup Set?,Completed Reps,Completed RPE,Completed Weight Value,Completed Weight Unit\n2026-03-01T10:00:00.000Z,D,Squat,0,5,8,100,stone\n", "line 2, column Completed Weight Unit: 'stone' is not a weight unit (kg or lbs)")]
    public void BadRows_NameLineAndColumn(string csv, string message)
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText(csv, null, WeightUnit.Kg)).Message.ShouldBe(message);
        t.Counts().ShouldBe((0, 0, 0));
    }
}
