using System.Text.Json;
using System.Text.Json.Nodes;
using Failsafe.Store.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Failsafe.Cli.Tests;

/// <summary>
/// A day as it really goes (several sets at once, skip, swap, add, reorder, undo, set edit|delete), custom exercises
/// on the command line, the whole backup, and the small rules of the daily commands — each on its own SQLite file,
/// at a fixed time (a Wednesday, 2026-12-09, 18:00 UTC).
/// </summary>
public sealed class SessionChangeCliTests : IDisposable
{
    private const string Monday = "2026-12-07";
    private const string Tuesday = "2026-12-08";
    private const string Today = "2026-12-09";

    private readonly CliTests.TempDir _dir = new();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 9, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string DbPath => Path.Combine(_dir.Path, "failsafe.db");

    private (int Code, string Out, string Err) Run(string db, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run([.. args, "--db", db], stdout, stderr, _clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Ok(params string[] args) => OkOn(DbPath, args);

    private string OkOn(string db, params string[] args)
    {
        var (code, stdout, stderr) = Run(db, args);
        code.ShouldBe(ExitCodes.Ok, $"{string.Join(' ', args)}: {stderr}");
        stderr.ShouldBeEmpty();
        return stdout;
    }

    private string Fails(int expected, params string[] args) => FailsOn(DbPath, expected, args);

    private string FailsOn(string db, int expected, params string[] args)
    {
        var (code, stdout, stderr) = Run(db, args);
        code.ShouldBe(expected, $"{string.Join(' ', args)}: {stderr}");
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("failsafe: ");
        return stderr;
    }

    private FailsafeDb Db() => new(Database.Options(DbPath));

    /// <summary>init (UTC, so today is <see cref="Today"/>) and a plan from <see cref="Monday"/> on Monday, Wednesday and Friday.</summary>
    private void Setup()
    {
        Ok("init", "--name", "Ana", "--years", "5", "--form", "excellent", "--sleep", "8", "--stress", "low", "--goal", "hypertrophy",
            "--split", "full-body", "--unit", "kg", "--days", "mon,wed,fri", "--bodyweight", "82", "--phase", "hypertrophy", "--time-zone", "UTC");
        Ok("plan", "new", "--start", Monday, "--weeks", "4");
    }

    /// <summary>Today's planned exercises, in order.</summary>
    private List<string> Planned()
    {
        using var today = JsonDocument.Parse(Ok("today", "--json"));
        return [.. today.RootElement.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("exercise").GetString()!)];
    }

    private string NextExercise()
    {
        using var next = JsonDocument.Parse(Ok("log", "lateral raise", "1x1", "--warmup", "--json"));
        return next.RootElement.GetProperty("exercise").GetString() ?? "";
    }

    private List<SetRow> SetsOn(string day)
    {
        using var db = Db();
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        return [.. db.Sets.AsNoTracking().Join(db.Sessions.Where(s => s.Date == date), s => s.SessionId, x => x.Id, (s, _) => s).OrderBy(s => s.Order)];
    }

    // ---- several sets at once ----

    [Fact]
    public void Log_SeveralSets_LogsEachInOrder()
    {
        Setup();

        Ok("log", "bench press", "80x8@8", "82.5x6@9");
        Ok("log", "bench press", "3x85x5@8");
        Ok("log", "bench press", "90x4", "F");

        SetsOn(Today).Select(s => (s.WeightKg, s.Reps, s.Failure)).ShouldBe(
            [(80.0, 8, "none"), (82.5, 6, "none"), (85, 5, "none"), (85, 5, "none"), (85, 5, "none"), (90, 4, "absolute")]);
    }

    [Fact]
    public void Log_FailureAsHistoryPrintsIt_IsAccepted()
    {
        Setup();

        Ok("log", "leg press", "80x8 A");

        SetsOn(Today).ShouldHaveSingleItem().Failure.ShouldBe("absolute");
        Ok("history").ShouldContain("80kg×8 A");
    }

    // ---- dates ----

    [Theory]
    [InlineData("log|bench press|80x8@8")]
    [InlineData("checkin|--sleep|4")]
    [InlineData("skip|bench press")]
    public void Command_FutureDate_RefusedClearly(string command)
    {
        Setup();

        Fails(ExitCodes.Usage, [.. command.Split('|'), "--date", "2026-12-10"]).ShouldContain("in the future");
        SetsOn("2026-12-10").ShouldBeEmpty();
    }

    [Fact]
    public void EventAndInjuryAdd_FutureDate_Accepted()
    {
        Setup();
        Ok("event", "add", "2027-01-10", "meet");
        Ok("injury", "add", "knee surgery", "--date", "2027-01-12");
    }

    [Fact]
    public void History_Days1_CountsBackFromToday()
    {
        Setup();
        Ok("log", "bench press", "80x8@8", "--date", Monday);

        Ok("history", "--days", "1").ShouldNotContain("bench press");
        JsonNode.Parse(Ok("history", "--days", "1", "--json"))!["history"]!.AsArray().ShouldBeEmpty();
        JsonNode.Parse(Ok("history", "--days", "3", "--json"))!["history"]!.AsArray().Count.ShouldBe(1);

        Ok("log", "squat", "100x5@8");
        var today = JsonNode.Parse(Ok("history", "--days", "1", "--json"))!["history"]!.AsArray().ShouldHaveSingleItem()!;
        today["date"]!.GetValue<string>().ShouldBe(Today);
    }

    [Fact]
    public void History_ShowsPainAndNotes()
    {
        Setup();
        Ok("log", "bench press", "80x8@8", "--pain", "--notes", "left shoulder pinched");

        Ok("history").ShouldContain("pain (left shoulder pinched)");
        var set = JsonNode.Parse(Ok("history", "--json"))!["history"]![0]!["exercises"]![0]!["sets"]![0]!;
        set["pain"]!.GetValue<bool>().ShouldBeTrue();
        set["notes"]!.GetValue<string>().ShouldBe("left shoulder pinched");
    }

    [Fact]
    public void Log_OnARestDay_SaysSo()
    {
        Setup();

        var stdout = Ok("log", "bench press", "80x8@8", "--date", Tuesday);

        stdout.ShouldContain("rest day");
        stdout.ShouldContain("logged 1 set of");
        stdout.ShouldNotContain("Session complete");
    }

    // ---- the day as it goes ----

    [Fact]
    public void Next_AfterMovingOnToTheNextExercise_FollowsTheLifter()
    {
        Setup();
        var planned = Planned();
        planned.Count.ShouldBeGreaterThan(2);

        Ok("log", planned[0], "60x8@8");
        Ok("log", planned[0], "60x8@8");
        Ok("log", planned[1], "60x8@8");
        var next = JsonNode.Parse(Ok("log", planned[1], "60x8@8", "--json"))!;

        next["exercise"]!.GetValue<string>().ShouldBe(planned[1]);
        next["set"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public void Skip_MovesNextOn_AndUndoBringsItBack()
    {
        Setup();
        var planned = Planned();
        Ok("log", planned[0], "60x8@8");

        var stdout = Ok("skip", planned[0]);

        stdout.ShouldContain("Skipped");
        stdout.ShouldContain($"Next: {planned[1]}, set 1");
        NextExercise().ShouldBe(planned[1]);
        Ok("skip", planned[0], "--undo").ShouldContain($"Next: {planned[0]}, set 2");
        Fails(ExitCodes.InvalidInput, "skip", "hack squat").ShouldContain("is not in");
    }

    [Theory]
    [InlineData("skip squat")]
    [InlineData("swap squat --with deadlift")]
    [InlineData("add deadlift")]
    [InlineData("reorder squat")]
    [InlineData("undo")]
    public void ChangeCommands_NoProfile_ExitInvalidInput(string command)
    {
        Fails(ExitCodes.InvalidInput, command.Split(' ')).ShouldContain("no profile yet");
    }

    [Fact]
    public void Swap_And_Add_And_Reorder_ShapeNext()
    {
        Setup();
        var planned = Planned();

        Ok("swap", planned[0], "--with", "Hack Squat").ShouldContain("Next: Hack Squat, set 1");
        Ok("add", "cable crunch", "--sets", "2", "--reps", "10-15");
        Ok("reorder", "cable crunch").ShouldContain("Next: Cable Crunch, set 1");

        using var db = Db();
        var changes = db.Sessions.AsNoTracking().Single().ChangesJson!;
        changes.ShouldContain("Hack Squat");
        changes.ShouldContain("10-15");
    }

    [Fact]
    public void Today_ShowsTheDayAsChanged_SkippedGone_SwappedAndAddedIn()
    {
        Setup();
        var planned = Planned();

        Ok("skip", planned[1]);
        Ok("swap", planned[0], "--with", "Hack Squat");
        Ok("add", "cable crunch", "--sets", "2", "--reps", "10-15");

        var now = Planned();
        now.ShouldNotContain(planned[1]);
        now.ShouldNotContain(planned[0]);
        now[0].ShouldBe("Hack Squat");
        now.ShouldContain("Cable Crunch");
        var table = Ok("today");
        table.ShouldContain("Cable Crunch");
        table.ShouldNotContain($". {planned[1]}");
    }

    [Fact]
    public void Today_SwappedAndAddedExercises_LoadFromTheirOwnHistory_AndRest()
    {
        Setup();
        Ok("log", "hack squat", "3x100x10@8", "--date", Monday);
        var planned = Planned();

        Ok("swap", planned[0], "--with", "Hack Squat");
        Ok("add", "cable crunch", "--sets", "2", "--reps", "10-15");

        using var today = JsonDocument.Parse(Ok("today", "--json"));
        var exercises = today.RootElement.GetProperty("exercises").EnumerateArray().ToList();
        var hack = exercises.Single(e => e.GetProperty("exercise").GetString() == "Hack Squat").GetProperty("sets")[0];
        hack.GetProperty("weightKg").GetDouble().ShouldBeInRange(90, 110);
        var crunch = exercises.Single(e => e.GetProperty("exercise").GetString() == "Cable Crunch").GetProperty("sets")[0];
        crunch.GetProperty("weightKg").ValueKind.ShouldBe(JsonValueKind.Null);
        crunch.GetProperty("restSeconds").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Next_WithoutAScenario_ReadsTheStoredLog_AsLogAnswers()
    {
        Setup();
        var planned = Planned();
        var logged = Ok("log", planned[0], "60x8@8");

        var next = Ok("next");

        // One deciding reason under it: why the load is what it is, not a classification every set of the lift carries.
        next.Split('\n')[1].ShouldContain("(S6)");

        next.ShouldStartWith(logged[logged.IndexOf("Next:", StringComparison.Ordinal)..].Split('\n')[0]);
        using var json = JsonDocument.Parse(Ok("next", "--json"));
        (json.RootElement.GetProperty("exercise").GetString(), json.RootElement.GetProperty("set").GetInt32()).ShouldBe((planned[0], 2));
        Ok("skip", planned[0]);
        Ok("next").ShouldStartWith($"Next: {planned[1]}, set 1");
        Fails(ExitCodes.Usage, "next", "--done", "done.json").ShouldContain("--done");
    }

    [Fact]
    public void Log_FailureOnALiftThatNeverFails_TheSafetyNoteIsTheOneReasonShown()
    {
        Setup();

        var squat = Planned().First(e => e.Contains("Squat", StringComparison.Ordinal) || e.Contains("Deadlift", StringComparison.Ordinal) || e.Contains("Overhead", StringComparison.Ordinal));
        var logged = Ok("log", squat, "100x6 F");

        var lines = logged.Split('\n');
        var next = Array.FindIndex(lines, l => l.StartsWith("Next:", StringComparison.Ordinal));
        lines[next + 1].ShouldContain("over for today");
        lines[next + 1].ShouldContain("(F3)");
    }

    [Fact]
    public void Undo_DeletesTheLastSet_AndSetEditDeleteCorrectOthers()
    {
        Setup();
        Ok("log", "bench press", "80x8@8", "82.5x6@9", "85x5@9");

        Ok("undo").ShouldContain("Removed set");
        var sets = SetsOn(Today);
        sets.Select(s => s.WeightKg).ShouldBe([80.0, 82.5]);
        Ok("set", "list").ShouldContain(sets[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Ok("set", "edit", sets[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "80x9@8", "--notes", "paused");
        Ok("set", "delete", sets[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var left = SetsOn(Today).ShouldHaveSingleItem();
        (left.Reps, left.Notes, left.Version).ShouldBe((9, "paused", 1));
        Fails(ExitCodes.InvalidInput, "set", "delete", "999").ShouldContain("no set 999");
        Ok("undo");
        Fails(ExitCodes.InvalidInput, "undo").ShouldContain("nothing is logged");
    }

    // ---- custom exercises ----

    [Fact]
    public void CustomExercise_UnknownInLog_SaysHowToAdd_ThenAddClassifyAndLog()
    {
        Setup();

        Fails(ExitCodes.InvalidInput, "log", "Super Machine 3000", "50x10@8").ShouldContain("failsafe exercise add \"Super Machine 3000\" --like");

        Ok("exercise", "add", "Super Machine 3000", "--like", "Leg Press").ShouldContain("Added Super Machine 3000");
        Ok("log", "Super Machine 3000", "50x10@8");
        Ok("exercise", "add", "Mystery Rack", "--equipment", "machine", "--mechanic", "compound", "--muscles", "quadriceps,glutes");
        Ok("exercise", "classify", "Mystery Rack", "--max-failure", "technical");
        Ok("exercise", "Mystery Rack").ShouldContain("technical");

        using var db = Db();
        var rows = db.CustomExercises.AsNoTracking().OrderBy(c => c.Id).ToList();
        rows.Select(r => (r.Name, r.Classified)).ShouldBe([("Super Machine 3000", true), ("Mystery Rack", true)]);
        rows[1].MaxFailure.ShouldBe("technical");
        SetsOn(Today).ShouldHaveSingleItem().ExerciseId.ShouldBe("custom:Super Machine 3000");
        Fails(ExitCodes.InvalidInput, "exercise", "add", "Leg Press").ShouldContain("already in the catalog");
        Fails(ExitCodes.Usage, "exercise", "classify", "Mystery Rack", "--mechanic", "pushy").ShouldContain("--mechanic");
    }

    [Fact]
    public void CustomExercise_ThatIsAnOverheadPress_IsRefusedFailure_WhateverTheLifterSays()
    {
        Setup();
        // F3: overhead pressing never goes to failure, whatever the equipment; a custom name is read the same way.
        Ok("exercise", "add", "Garage Overhead Press Rig", "--equipment", "machine", "--mechanic", "compound", "--muscles", "shoulders");
        Fails(ExitCodes.Usage, "exercise", "classify", "Garage Overhead Press Rig", "--max-failure", "absolute")
            .ShouldContain("overhead pressing");
        Fails(ExitCodes.Usage, "exercise", "add", "Tempo Squat Deluxe", "--equipment", "barbell", "--mechanic", "compound", "--max-failure", "technical")
            .ShouldContain("squat pattern");
        Ok("exercise", "add", "Rope Shoulder Press Gizmo", "--like", "Leg Press").ShouldContain("none");
        Ok("exercise", "Rope Shoulder Press Gizmo").ShouldContain("F3");

        using var db = Db();
        db.CustomExercises.AsNoTracking().Single(c => c.Name == "Garage Overhead Press Rig").MaxFailure.ShouldBe("none");
        db.CustomExercises.AsNoTracking().Any(c => c.Name == "Tempo Squat Deluxe").ShouldBeFalse();
    }

    // ---- the whole backup ----

    [Fact]
    public void ExportJson_ImportIntoAnEmptyLog_ExportsTheSameFile()
    {
        Setup();
        Ok("checkin", "--date", Monday, "--sleep-hours", "7.5", "--sleep", "4", "--fatigue", "2");
        Ok("event", "add", "2027-02-01", "meet");
        Ok("injury", "add", "left knee", "--date", Monday);
        Ok("exercise", "add", "Super Machine 3000", "--like", "Leg Press");
        Ok("log", "bench press", "80x8@8", "82.5x6@9", "--notes", "felt fast", "--date", Monday);
        Ok("log", "lateral raise", "10x13 F", "--drop", "6x8", "--pain", "--date", Monday);
        Ok("log", "Super Machine 3000", "50x10");
        Ok("skip", Planned()[0]);
        using (var db = Db())
        {
            // A coach's note on the Monday session and the athlete's answer on the day (written through the API's pages).
            var monday = db.Sessions.Single(s => s.Date == DateOnly.Parse(Monday, System.Globalization.CultureInfo.InvariantCulture));
            db.Notes.AddRange(
                new NoteRow { AthleteId = monday.AthleteId, Date = monday.Date, SessionId = monday.Id, FromCoach = true, Author = "coach@example.com", Text = "Bench looked fast.", CreatedAt = new DateTime(2026, 12, 7, 18, 0, 0, DateTimeKind.Utc) },
                new NoteRow { AthleteId = monday.AthleteId, Date = monday.Date, FromCoach = false, Author = "me", Text = "Thanks!", CreatedAt = new DateTime(2026, 12, 7, 19, 0, 0, DateTimeKind.Utc) });
            db.SaveChanges();
        }
        var first = _dir.Write("first.json", Ok("export", "json"));

        var restored = Path.Combine(_dir.Path, "restored.db");
        OkOn(restored, "import", first).ShouldContain("Restored 2 session(s) with 5 set(s)");
        OkOn(restored, "export", "json").ShouldBe(File.ReadAllText(first));
        var backup = JsonNode.Parse(File.ReadAllText(first))!;
        backup["checkIns"]!.AsArray().Count.ShouldBe(1);
        backup["injuries"]!.AsArray().Count.ShouldBe(1);
        backup["events"]!.AsArray().Count.ShouldBe(1);
        backup["plans"]!.AsArray().Count.ShouldBe(1);
        backup["customExercises"]!.AsArray().Count.ShouldBe(1);
        backup["sessions"]![0]!["sets"]![0]!["notes"]!.GetValue<string>().ShouldBe("felt fast");
        backup["sessions"]![1]!["changes"]!.GetValue<string>().ShouldContain("skipped");
        backup["notes"]!.AsArray().Select(n => (n!["text"]!.GetValue<string>(), n["session"]?.GetValue<int>())).ShouldBe([("Bench looked fast.", 0), ("Thanks!", null)]);
        Ok("history", "--days", "30").ShouldContain("bench press");
        OkOn(restored, "history", "--days", "30").ShouldContain("bench press");

        FailsOn(restored, ExitCodes.InvalidInput, "import", first).ShouldContain("not empty");
    }

    [Fact]
    public void Import_ABackupWithAnUnknownPreset_IsRefusedByItsPath()
    {
        Setup();
        var backup = JsonNode.Parse(Ok("export", "json"))!;
        backup["profile"]!["preset"] = "yolo";
        var file = _dir.Write("backup.json", backup.ToJsonString());

        FailsOn(Path.Combine(_dir.Path, "restored.db"), ExitCodes.InvalidInput, "import", file)
            .ShouldContain("$.profile.preset: 'yolo' is not a preset; the presets are conservative, hit, competition, endurance");
    }

    [Fact]
    public void Import_NotABackup_Refused()
    {
        var file = _dir.Write("other.json", "{\"history\":[]}");

        Fails(ExitCodes.InvalidInput, "import", file).ShouldContain("not a Failsafe backup");
    }

    [Theory]
    [InlineData("date", "9999-12-31", "$.sessions[0].date: 9999-12-31 is out of range (1900-01-01 to 2200-12-31)")]
    [InlineData("name", "long name", "$.sessions[0].name: longer than 200 characters")]
    [InlineData("notes", "long notes", "$.sessions[0].sets[0].notes: longer than 2000 characters")]
    [InlineData("reps", "1001", "$.sessions[0].sets[0].reps: 1001 is out of range (0–1000)")]
    [InlineData("sets", "501", "$.sessions[0].sets: 501 sets; a session holds at most 500")]
    public void Import_ABackupHoldingWhatTheApiRefuses_IsRefusedByItsPath(string field, string value, string problem)
    {
        Setup();
        Ok("log", "bench press", "80x8@8", "--date", Monday);
        var backup = JsonNode.Parse(Ok("export", "json"))!;
        var session = backup["sessions"]![0]!;
        var set = session["sets"]![0]!;
        switch (field)
        {
            case "date":
                session["date"] = value;
                break;
            case "name":
                session["name"] = new string('w', 201);
                break;
            case "notes":
                set["notes"] = new string('n', 2001);
                break;
            case "sets":
                var sets = session["sets"]!.AsArray();
                while (sets.Count < int.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
                    sets.Add(set.DeepClone());
                break;
            default:
                set["reps"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
        var file = _dir.Write("backup.json", backup.ToJsonString());

        FailsOn(Path.Combine(_dir.Path, "restored.db"), ExitCodes.InvalidInput, "import", file).ShouldContain(problem);
    }

    [Fact]
    public void Log_NotesLongerThanTheApiTakes_Refused()
    {
        Setup();

        Fails(ExitCodes.Usage, "log", "bench press", "80x8@8", "--notes", new string('n', 2001)).ShouldContain("--notes longer than 2000 characters");
    }
}
