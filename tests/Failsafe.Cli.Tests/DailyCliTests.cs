using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failsafe.Store.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Failsafe.Cli.Tests;

/// <summary>
/// The everyday commands (init, checkin, plan new|show|ics, today, log, status, history, event, injury, export),
/// run in-process, each test on its own SQLite file passed with --db. Rows are checked through a FailsafeDb
/// opened on the same file.
/// </summary>
public sealed class DailyCliTests : IDisposable
{
    private static readonly string[] EvaluateFields = ["today", "eligibility", "exercises", "warnings", "actions", "budget", "day"];
    private static readonly string[] SetFields = ["set", "reps", "targetRir", "weightKg", "failure", "beyondFailure", "reasons"];
    private static readonly string[] CsvHeader =
        ["date", "session", "source", "day_type", "exercise", "exercise_id", "set", "weight_kg", "unit", "weight_entered", "reps", "rir", "rpe", "failure", "technique", "warmup", "drop", "form_breakdown", "pain", "notes"];

    /// <summary>A Monday; the plan starts here and its first day is "Full body A", a hard day.</summary>
    private const string Monday = "2026-11-23";

    /// <summary>Full body B's exercises, logged on the Wednesday so that the plan's 2026-12-09 hard day has history.</summary>
    private static readonly (string Exercise, string Set)[] FullBodyB =
        [("Romanian Deadlift", "100x8@7"), ("Barbell Overhead Press", "50x8@8"), ("Lat Pulldown", "60x10@8"), ("Leg Extension", "50x12@8"), ("Hammer Curl", "14x10@8")];

    private readonly CliTests.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => Path.Combine(_dir.Path, "failsafe.db");

    /// <summary>
    /// The time the commands run at: a fixed day after every date these tests log (a future date is refused, and
    /// `history --days` counts back from today), so the tests mean the same whenever they run; a test may set another.
    /// </summary>
    private TimeProvider Clock { get; set; } = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero));

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run([.. args, "--db", DbPath], stdout, stderr, Clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that must succeed quietly (nothing on stderr); returns stdout.</summary>
    private string Ok(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        code.ShouldBe(ExitCodes.Ok, $"{string.Join(' ', args)}: {stderr}");
        stderr.ShouldBeEmpty();
        return stdout;
    }

    /// <summary>Runs a command that must fail with <paramref name="expected"/>, printing nothing to stdout; returns stderr.</summary>
    private string Fails(int expected, params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        code.ShouldBe(expected, $"{string.Join(' ', args)}: {stderr}");
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("failsafe: ");
        return stderr;
    }

    private JsonDocument Json(params string[] args) => JsonDocument.Parse(Ok([.. args, "--json"]));

    /// <summary>A fresh context on the test's file, so reads see what the commands wrote.</summary>
    private FailsafeDb Db() => new(Database.Options(DbPath));

    private void Init() =>
        Ok("init", "--name", "Ana", "--years", "5", "--form", "excellent", "--sleep", "8", "--stress", "low", "--goal", "hypertrophy",
            "--split", "full-body", "--unit", "kg", "--days", "mon,wed,fri", "--bodyweight", "82", "--phase", "hypertrophy");

    /// <summary>init, a check-in and an 8-week plan from <see cref="Monday"/>.</summary>
    private void Setup()
    {
        Init();
        Ok("checkin", "--date", "2026-11-22", "--sleep-hours", "8", "--sleep", "4", "--fatigue", "2", "--mood", "4", "--soreness", "2", "--aches", "1", "--motivation", "4");
        Ok("plan", "new", "--start", Monday, "--weeks", "8");
    }

    private void LogFullBodyB()
    {
        foreach (var (exercise, set) in FullBodyB)
        {
            for (var i = 0; i < 3; i++)
                Ok("log", exercise, set, "--date", "2026-11-25");
        }
    }

    private static List<string> Failures(JsonDocument evaluation) =>
        [.. evaluation.RootElement.GetProperty("exercises").EnumerateArray()
            .SelectMany(e => e.GetProperty("sets").EnumerateArray()).Select(s => s.GetProperty("failure").GetString()!)];

    private static List<string> WarningCodes(JsonDocument evaluation) =>
        [.. evaluation.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!)];

    // ---- init ----

    [Fact]
    public void Init_WithFlags_CreatesTheProfile()
    {
        var stdout = Ok("init", "--name", "Ana", "--years", "4.5", "--form", "excellent", "--sleep", "7.5", "--stress", "low", "--goal", "strength",
            "--split", "upper-lower", "--unit", "lb", "--days", "mon,tue,thu,fri", "--bodyweight", "180", "--phase", "strength", "--in-season", "false", "--competition-prep", "true");

        stdout.ShouldContain("Created the profile of Ana");
        using var db = Db();
        var p = db.Profiles.Single();
        p.Name.ShouldBe("Ana");
        p.TrainingYears.ShouldBe(4.5);
        p.FormUnderFatigue.ShouldBe("excellent");
        p.SleepHours.ShouldBe(7.5);
        p.Stress.ShouldBe("low");
        p.Goal.ShouldBe("strength");
        p.Split.ShouldBe("upper-lower");
        p.Unit.ShouldBe("lb");
        p.TrainingDays.ShouldBe("mon,tue,thu,fri");
        p.BodyweightKg!.Value.ShouldBe(81.65, 0.01);
        p.Phase.ShouldBe("strength");
        p.InSeason.ShouldBeFalse();
        p.CompetitionPrep.ShouldBeTrue();
        db.ProfileChanges.ShouldBeEmpty();
    }

    [Fact]
    public void Init_TwiceWithDifferentYears_RecordsTheChange()
    {
        Ok("init", "--years", "3");

        Ok("init", "--years", "5").ShouldContain("Updated the profile");

        using var db = Db();
        db.Profiles.Count().ShouldBe(1);
        db.Profiles.Single().TrainingYears.ShouldBe(5);
        var change = db.ProfileChanges.Single();
        change.ProfileId.ShouldBe(db.Profiles.Single().Id);
        change.Field.ShouldBe("trainingYears");
        change.OldValue.ShouldBe("3");
        change.NewValue.ShouldBe("5");
        change.ChangedAt.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void Equipment_SetDumbbellsAndMicroPlates_StoredAndShown()
    {
        Ok("init", "--years", "3");

        Ok("equipment", "set", "--dumbbells", "2,4,6,8,10,12.5-30:2.5", "--micro", "0.5", "--machine", "Leg Press=2.5").ShouldContain("Equipment saved");

        using var shown = Json("equipment", "show");
        shown.RootElement.GetProperty("dumbbells").EnumerateArray().Select(d => d.GetDouble()).ShouldContain(22.5);
        shown.RootElement.GetProperty("microPlates")[0].GetDouble().ShouldBe(0.5);
        shown.RootElement.GetProperty("machineSteps").EnumerateObject().Single().Value.GetDouble().ShouldBe(2.5);
        using var db = Db();
        db.Profiles.Single().EquipmentJson.ShouldNotBeNull();
        db.ProfileChanges.ShouldContain(c => c.Field == "equipment");
    }

    [Fact]
    public void Equipment_BadPlate_NamesTheValue()
    {
        Ok("init", "--years", "3");

        var (code, _, err) = Run("equipment", "set", "--plates", "20,abc");

        code.ShouldBe(ExitCodes.Usage);
        err.ShouldContain("'abc'");
    }

    [Fact]
    public void Status_SetsWithoutRpe_UnratedNotShortOfFailure()
    {
        Ok("init", "--years", "3");
        Ok("log", "squat", "100x5", "--date", Monday);
        Ok("log", "squat", "100x5", "--date", Monday);
        Ok("log", "squat", "100x5@8", "--date", Monday);
        Ok("log", "lateral raise", "10x13 F", "--drop", "6x8", "--drop", "4x6", "--date", Monday);

        using var status = Json("status", "--date", Monday);

        var buckets = status.RootElement.GetProperty("rirBuckets");
        buckets.GetProperty("workingSets").GetInt32().ShouldBe(2); // the rated squat and the parent failure set; no drops
        buckets.GetProperty("unratedSets").GetInt32().ShouldBe(2);
        buckets.GetProperty("failure").GetInt32().ShouldBe(1);
        status.RootElement.GetProperty("budget").GetProperty("failureSetsUsed").GetInt32().ShouldBe(3); // drop sets count here
    }

    [Fact]
    public void Init_Policy_IsKeptAndUsedByStatusTodayAndTheBackup()
    {
        Ok("init", "--years", "3", "--policy", "hit");

        using (var db = Db())
            db.Profiles.Single().Preset.ShouldBe("hit");
        // HIT's B1 allows half the working sets to failure; the default a fifth.
        Json("status").RootElement.GetProperty("rirBuckets").GetProperty("maxFailureShare").GetDouble().ShouldBe(0.5);
        Ok("init", "--policy", "endurance");
        using (var db = Db())
            db.ProfileChanges.Single().ShouldSatisfyAllConditions(c => c.Field.ShouldBe("preset"), c => c.OldValue.ShouldBe("hit"), c => c.NewValue.ShouldBe("endurance"));
        // Endurance in season: no failure on any set of today's session.
        Json("today").RootElement.GetProperty("exercises").EnumerateArray().SelectMany(e => e.GetProperty("sets").EnumerateArray())
            .ShouldAllBe(s => s.GetProperty("failure").GetString() == "none");
        var backup = JsonNode.Parse(Ok("export", "json"))!;
        backup["profile"]!["preset"]!.GetValue<string>().ShouldBe("endurance");
    }

    [Fact]
    public void Init_UnknownPolicy_ExitsUsageListingThePresets()
    {
        Fails(ExitCodes.Usage, "init", "--years", "3", "--policy", "yolo").ShouldContain("--policy: 'yolo' is not a preset; the presets are conservative, hit, competition, endurance");

        using var db = Db();
        db.Profiles.ShouldBeEmpty();
    }

    [Fact]
    public void Init_TwiceWithSameValues_RecordsNoChange()
    {
        Ok("init", "--years", "3", "--goal", "strength");
        Ok("init", "--years", "3", "--goal", "strength");

        using var db = Db();
        db.ProfileChanges.ShouldBeEmpty();
    }

    [Fact]
    public void Init_NewProfileWithoutYears_ExitsUsage()
    {
        Fails(ExitCodes.Usage, "init", "--goal", "strength").ShouldContain("--years is required");

        using var db = Db();
        db.Profiles.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--form", "superb")]
    [InlineData("--goal", "bulk")]
    [InlineData("--unit", "stone")]
    [InlineData("--days", "mon,funday")]
    [InlineData("--sleep", "30")]
    [InlineData("--bodyweight", "5")]
    public void Init_BadValue_ExitsUsageNamingTheOption(string option, string value)
    {
        Fails(ExitCodes.Usage, "init", "--years", "3", option, value).ShouldContain(option);

        using var db = Db();
        db.Profiles.ShouldBeEmpty();
    }

    [Fact]
    public void Init_YearsOutOfRange_ExitsUsage()
    {
        Fails(ExitCodes.Usage, "init", "--years", "120").ShouldContain("--years: 120 is out of range");

        using var db = Db();
        db.Profiles.ShouldBeEmpty();
    }

    [Fact]
    public void Init_BadValueOnUpdate_KeepsTheProfileUnchanged()
    {
        Ok("init", "--years", "3", "--goal", "strength");

        Fails(ExitCodes.Usage, "init", "--years", "4", "--goal", "bulk");

        using var db = Db();
        db.Profiles.Single().TrainingYears.ShouldBe(3);
        db.ProfileChanges.ShouldBeEmpty();
    }

    [Fact]
    public void Init_DbOptionBeforeTheCommand_UsesThatFile()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        FailsafeCli.Run(["--db", DbPath, "init", "--years", "2"], stdout, stderr, TimeProvider.System).ShouldBe(ExitCodes.Ok, stderr.ToString());

        using var db = Db();
        db.Profiles.Single().TrainingYears.ShouldBe(2);
    }

    // ---- the lifter's own day ----

    /// <summary>
    /// Half an hour before and after local midnight in a zone eight hours behind UTC (Los Angeles in winter) and one
    /// thirteen hours ahead (Auckland in summer): a set logged without --date lands on the lifter's date, not UTC's.
    /// </summary>
    [Theory]
    [InlineData("America/Los_Angeles", "2026-12-07T07:30:00Z", "2026-12-06")] // 23:30 on the 6th in UTC−8 (already the 7th in UTC)
    [InlineData("America/Los_Angeles", "2026-12-07T08:30:00Z", "2026-12-07")] // 00:30 on the 7th in UTC−8
    [InlineData("Pacific/Auckland", "2026-12-07T10:30:00Z", "2026-12-07")] // 23:30 on the 7th in UTC+13 (still the 7th in UTC)
    [InlineData("Pacific/Auckland", "2026-12-07T11:30:00Z", "2026-12-08")] // 00:30 on the 8th in UTC+13 (still the 7th in UTC)
    public void Log_WithoutDate_LandsOnTheLiftersLocalDate(string zone, string utc, string expected)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        // The machine's zone is UTC: the profile's zone decides.
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Clock = clock;
        Ok("init", "--years", "3", "--time-zone", zone);
        Ok("log", "bench press", "60x8@7");
        Ok("checkin", "--sleep-hours", "7");

        using var history = Json("history");
        history.RootElement.GetProperty("history")[0].GetProperty("date").GetString().ShouldBe(expected);
        using var db = Db();
        db.CheckIns.Single().Date.ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        db.Profiles.Single().TimeZone.ShouldBe(zone);
        db.Sets.Single().LoggedAt.ShouldBe(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Fact]
    public void Init_WithoutTimeZone_TakesTheMachines()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        Clock = clock;
        Ok("init", "--years", "3");
        Ok("log", "bench press", "60x8@7");
        using var db = Db();
        db.Profiles.Single().TimeZone.ShouldBe("America/Los_Angeles");
        db.Sessions.Single().Date.ShouldBe(new DateOnly(2026, 12, 6));
    }

    [Fact]
    public void Init_UnknownTimeZone_IsAUsageErrorNamingIt()
    {
        var (code, _, stderr) = Run("init", "--years", "3", "--time-zone", "Mars/Olympus_Mons");
        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("--time-zone: 'Mars/Olympus_Mons' is not a time zone");
        File.Exists(DbPath).ShouldBeTrue();
        using var db = Db();
        db.Profiles.ShouldBeEmpty();
    }

    // ---- checkin ----

    [Fact]
    public void Checkin_SameDayTwice_KeepsOneRowWithBothAnswers()
    {
        Init();

        Ok("checkin", "--date", "2026-11-22", "--sleep-hours", "7.5", "--fatigue", "2").ShouldContain("Checked in for 2026-11-22");
        Ok("checkin", "--date", "2026-11-22", "--mood", "4", "--fatigue", "3");

        using var db = Db();
        var row = db.CheckIns.Single();
        row.Date.ShouldBe(new DateOnly(2026, 11, 22));
        row.SleepHours.ShouldBe(7.5);
        row.Fatigue.ShouldBe(3);
        row.Mood.ShouldBe(4);
        row.Soreness.ShouldBeNull();
    }

    [Fact]
    public void Checkin_FatigueNine_ExitsUsage()
    {
        Init();

        Fails(ExitCodes.Usage, "checkin", "--fatigue", "9").ShouldContain("--fatigue: 9 is out of range (1–5)");

        using var db = Db();
        db.CheckIns.ShouldBeEmpty();
    }

    [Fact]
    public void Checkin_NoAnswers_ExitsUsage() => Fails(ExitCodes.Usage, "checkin", "--date", "2026-11-22").ShouldContain("at least one");

    [Fact]
    public void Checkin_MalformedDate_ExitsUsage() => Fails(ExitCodes.Usage, "checkin", "--date", "22.11.2026", "--mood", "3").ShouldContain("yyyy-MM-dd");

    // ---- plan new | show | ics ----

    [Fact]
    public void PlanNew_Start_StoresOneActivePlan()
    {
        Init();

        Ok("plan", "new", "--start", Monday, "--weeks", "8").ShouldContain("New plan: 8 weeks from 2026-11-23 on mon,wed,fri");
        Ok("plan", "new", "--start", "2026-11-30", "--weeks", "4", "--days", "tue,thu");

        using var db = Db();
        db.Plans.Count().ShouldBe(2);
        var active = db.Plans.Single(p => p.Active);
        active.Start.ShouldBe(new DateOnly(2026, 11, 30));
        active.Weeks.ShouldBe(4);
        active.Days.ShouldBe("tue,thu");
    }

    [Fact]
    public void PlanNew_WeeksOutOfRange_ExitsUsage()
    {
        Init();

        Fails(ExitCodes.Usage, "plan", "new", "--start", Monday, "--weeks", "0").ShouldContain("--weeks");
    }

    [Fact]
    public void PlanShow_Json_EveryDayOfTheStoredPlan()
    {
        Setup();

        using var plan = Json("plan", "show");

        var weeks = plan.RootElement.GetProperty("weeks").EnumerateArray().ToList();
        weeks.Count.ShouldBe(8);
        var days = weeks.SelectMany(w => w.GetProperty("days").EnumerateArray()).ToList();
        days.Count.ShouldBe(56);
        days[0].GetProperty("date").GetString().ShouldBe(Monday);
        days[0].GetProperty("template").GetString().ShouldBe("Full body A");
        days.Where(d => d.GetProperty("dayType").GetString() != "rest")
            .Select(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek)
            .Distinct().Order().ShouldBe([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday]);
    }

    [Fact]
    public void PlanIcs_WritesACalendar()
    {
        Setup();
        var file = Path.Combine(_dir.Path, "plan.ics");

        Ok("plan", "ics", file).ShouldContain("Calendar written to");

        var ics = File.ReadAllText(file);
        ics.ShouldStartWith("BEGIN:VCALENDAR");
        ics.ShouldContain("BEGIN:VEVENT");
    }

    [Fact]
    public void PlanShow_NoPlan_ExitsInvalidInputWithHint()
    {
        Init();

        Fails(ExitCodes.InvalidInput, "plan", "show").ShouldContain("failsafe plan new");
    }

    // ---- today ----

    [Fact]
    public void Today_Human_ShowsThePlannedDayAndEachSetsDecision()
    {
        Setup();

        var stdout = Ok("today", "--date", Monday);

        stdout.ShouldContain("2026-11-23: hard day — Full body A");
        stdout.ShouldContain("Barbell Back Squat");
        stdout.ShouldContain("Dumbbell Lateral Raise");
        stdout.ShouldContain("Failure budget:");
        stdout.ShouldNotContain("no active plan");
    }

    [Fact]
    public void Today_Json_HasTheEvaluateContractsFields()
    {
        Setup();

        using var doc = Json("today", "--date", Monday);

        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(EvaluateFields, ignoreOrder: true);
        root.GetProperty("today").GetString().ShouldBe(Monday);
        root.GetProperty("eligibility").GetProperty("failure").GetBoolean().ShouldBeTrue();
        var exercises = root.GetProperty("exercises").EnumerateArray().ToList();
        exercises.Select(e => e.GetProperty("exercise").GetString())
            .ShouldBe(["Barbell Back Squat", "Barbell Bench Press", "Seated Cable Row", "Lying Leg Curl", "Dumbbell Lateral Raise"]);
        foreach (var set in exercises.SelectMany(e => e.GetProperty("sets").EnumerateArray()))
            SetFields.ShouldBeSubsetOf(set.EnumerateObject().Select(p => p.Name));
        root.GetProperty("budget").GetProperty("windowDays").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Today_RestDay_SaysSo()
    {
        Setup();

        Ok("today", "--date", "2026-11-24").ShouldContain("2026-11-24: rest day");
        using var doc = Json("today", "--date", "2026-11-24");
        doc.RootElement.GetProperty("exercises").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Today_NoPlan_FollowsTheProfileAndSaysSo()
    {
        Init();

        Ok("today", "--date", Monday).ShouldContain("no active plan");
    }

    [Fact]
    public void Today_AfterLogging_LoadsComeFromTheLog()
    {
        Setup();
        using (var before = Json("today", "--date", "2026-11-30"))
        {
            before.RootElement.GetProperty("exercises")[0].GetProperty("sets")[0].GetProperty("weightKg").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        for (var i = 0; i < 3; i++)
            Ok("log", "Barbell Back Squat", "100x8@8", "--date", Monday);

        using var after = Json("today", "--date", "2026-11-30");
        var squat = after.RootElement.GetProperty("exercises")[0];
        squat.GetProperty("exercise").GetString().ShouldBe("Barbell Back Squat");
        squat.GetProperty("sets")[0].GetProperty("weightKg").GetDouble().ShouldBeInRange(80, 120);
    }

    // ---- log ----

    [Fact]
    public void Log_EachNotation_StoresTheRows()
    {
        Setup();

        Ok("log", "bench press", "100x8@8", "--date", Monday).ShouldContain("Logged Barbell Bench Press");
        Ok("log", "bench press", "100x8@2rir", "--date", Monday);
        Ok("log", "bench press", "100x8", "F", "--date", Monday).ShouldContain("absolute failure");
        Ok("log", "squat", "100x8 T", "--date", Monday).ShouldContain("Form broke");
        Ok("log", "lateral raise", "10x12@9", "--drop", "7x8", "--drop", "5x6", "--date", Monday).ShouldContain("2 drop sets");
        Ok("log", "seated cable row", "132lbx10@8.5", "--date", Monday);
        Ok("log", "chin up", "bwx12", "--date", Monday);
        Ok("log", "lying leg curl", "20x15", "--warmup", "--pain", "--notes", "left knee", "--date", Monday);

        using var db = Db();
        var session = db.Sessions.Include(s => s.Sets).Single();
        session.Date.ShouldBe(new DateOnly(2026, 11, 23));
        session.Source.ShouldBe("cli");
        session.DayType.ShouldBe("hard");
        session.Name.ShouldBe("Full body A");
        var sets = session.Sets.OrderBy(s => s.Order).ToList();
        sets.Select(s => s.Order).ShouldBe(Enumerable.Range(1, 10));

        sets[0].ExerciseId.ShouldBe("Barbell_Bench_Press_-_Medium_Grip");
        sets[0].ExerciseName.ShouldBe("bench press");
        (sets[0].WeightKg, sets[0].Unit, sets[0].Reps, sets[0].Rpe, sets[0].Rir, sets[0].Failure).ShouldBe((100.0, "kg", 8, (double?)8, (double?)2, "none"));
        (sets[1].Rpe, sets[1].Rir, sets[1].Failure).ShouldBe(((double?)null, (double?)2, "none"));
        (sets[2].Rir, sets[2].Failure, sets[2].FormBreakdown).ShouldBe(((double?)0, "absolute", false));
        sets[3].ExerciseId.ShouldBe("Barbell_Squat");
        (sets[3].Rir, sets[3].Failure, sets[3].FormBreakdown).ShouldBe(((double?)0, "technical", true));

        // The drop sets follow their main set, which is marked as a drop-set.
        (sets[4].WeightKg, sets[4].Rpe, sets[4].Technique, sets[4].Drop).ShouldBe((10.0, (double?)9, "drop-set", false));
        (sets[5].WeightKg, sets[5].Reps, sets[5].Drop, sets[5].Technique).ShouldBe((7.0, 8, true, (string?)null));
        (sets[6].WeightKg, sets[6].Reps, sets[6].Drop).ShouldBe((5.0, 6, true));
        sets.Skip(4).Take(3).ShouldAllBe(s => s.ExerciseId == sets[4].ExerciseId);

        // Pounds on a kg profile: kept as entered, stored in kg.
        (sets[7].Unit, sets[7].WeightEntered, sets[7].Rir).ShouldBe(("lb", 132.0, (double?)1.5));
        sets[7].WeightKg.ShouldBe(59.874, 0.001);

        (sets[8].WeightKg, sets[8].Reps, sets[8].Rir).ShouldBe((0.0, 12, (double?)null));
        (sets[9].Warmup, sets[9].Pain, sets[9].Notes).ShouldBe((true, true, "left knee"));
        sets.ShouldAllBe(s => s.LoggedAt > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void Log_PoundProfile_NoSuffixMeansPounds()
    {
        Ok("init", "--years", "3", "--unit", "lb");

        Ok("log", "bench press", "225x5@8", "--date", Monday).ShouldContain("225 lb");

        using var db = Db();
        var set = db.Sets.Single();
        (set.Unit, set.WeightEntered).ShouldBe(("lb", 225.0));
        set.WeightKg.ShouldBe(102.058, 0.001);
    }

    [Fact]
    public void Log_TwoDays_TwoSessions()
    {
        Setup();

        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x8@8", "--date", "2026-11-25");
        Ok("log", "bench press", "100x8@8", "--date", Monday);

        using var db = Db();
        db.Sessions.OrderBy(s => s.Date).Select(s => s.Sets.Count).ToList().ShouldBe([2, 1]);
    }

    [Fact]
    public void Log_Json_PrintsTheNextSet()
    {
        Setup();

        using var next = Json("log", "Barbell Back Squat", "100x8@8", "--date", Monday);

        next.RootElement.GetProperty("next").GetString().ShouldBe("set");
        next.RootElement.GetProperty("exercise").GetString().ShouldBe("Barbell Back Squat");
        next.RootElement.GetProperty("set").GetInt32().ShouldBe(2);
        next.RootElement.TryGetProperty("reasons", out _).ShouldBeTrue();
    }

    [Fact]
    public void Log_UnknownExercise_ExitsInvalidInputNamingItWithSuggestions()
    {
        Setup();

        var stderr = Fails(ExitCodes.InvalidInput, "log", "bench pres", "100x8@8", "--date", Monday);

        stderr.ShouldContain("unknown exercise 'bench pres'");
        stderr.ShouldContain("did you mean");
        stderr.ShouldContain("Bench Press");
        using var db = Db();
        db.Sets.ShouldBeEmpty();
    }

    [Fact]
    public void Log_NothingLikeAnExercise_ExitsInvalidInputNamingIt()
    {
        Setup();

        Fails(ExitCodes.InvalidInput, "log", "blorfle", "100x8", "--date", Monday).ShouldContain("'blorfle'");
    }

    [Theory]
    [InlineData("100x", "is not a set")]
    [InlineData("100x8@11", "RPE 11")]
    [InlineData("100x8@2rir F", "0 reps in reserve")]
    [InlineData("100x0", "0 reps")]
    [InlineData("2000x1", "plausible")]
    public void Log_BadNotation_ExitsInvalidInputAndStoresNothing(string set, string expected)
    {
        Setup();

        Fails(ExitCodes.InvalidInput, "log", "bench press", set, "--date", Monday).ShouldContain(expected);

        using var db = Db();
        db.Sets.ShouldBeEmpty();
        db.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public void Log_BadDropNotation_ExitsInvalidInputAndStoresNothing()
    {
        Setup();

        Fails(ExitCodes.InvalidInput, "log", "bench press", "100x8@8", "--drop", "80x", "--date", Monday).ShouldContain("--drop");

        using var db = Db();
        db.Sets.ShouldBeEmpty();
    }

    [Fact]
    public void Log_MissingSet_ExitsUsage()
    {
        Setup();

        var (code, _, stderr) = Run("log", "bench press");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldNotBeEmpty();
    }

    [Fact]
    public void Log_MissingSet_NothingOnStdout()
    {
        Setup();

        Fails(ExitCodes.Usage, "log", "bench press");
    }

    [Fact]
    public void Log_RepsBeyondInt32_ExitsInvalidInput()
    {
        Setup();

        Fails(ExitCodes.InvalidInput, "log", "bench press", "100x99999999999", "--date", Monday).ShouldContain("out of range");
    }

    // ---- before init ----

    [Theory]
    [InlineData("today --date 2026-11-23")]
    [InlineData("today --json")]
    [InlineData("log|bench press|100x8@8")]
    [InlineData("status")]
    [InlineData("status --json")]
    [InlineData("plan new --start 2026-11-23")]
    [InlineData("plan show")]
    public void Command_BeforeInit_ExitsInvalidInputWithTheHint(string command)
    {
        var args = command.Contains('|', StringComparison.Ordinal) ? command.Split('|') : command.Split(' ');

        Fails(ExitCodes.InvalidInput, args).ShouldContain("run `failsafe init` first");
    }

    // ---- status ----

    [Fact]
    public void Status_Json_BudgetBucketsAndWarnings()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x8@2rir", "--date", Monday);
        Ok("log", "bench press", "100x8 F", "--date", Monday);
        Ok("log", "squat", "100x8 T", "--date", Monday);
        Ok("log", "lateral raise", "10x12@9", "--date", Monday);
        Ok("log", "lateral raise", "10x12@6", "--date", Monday);
        Ok("log", "lateral raise", "5x20", "--warmup", "--date", Monday);

        using var status = Json("status", "--date", Monday);

        var root = status.RootElement;
        root.GetProperty("date").GetString().ShouldBe(Monday);
        var budget = root.GetProperty("budget");
        budget.GetProperty("windowDays").GetInt32().ShouldBe(14);
        budget.GetProperty("failureSetsUsed").GetInt32().ShouldBe(2);
        budget.GetProperty("failureSetsAllowed").GetInt32().ShouldBeGreaterThan(0);
        var buckets = root.GetProperty("rirBuckets");
        int B(string name) => buckets.GetProperty(name).GetInt32();
        B("workingSets").ShouldBe(6);
        (B("failure"), B("rir1"), B("rir2"), B("rir3"), B("rir4plus")).ShouldBe((2, 1, 2, 0, 1));
        buckets.GetProperty("failureShare").GetDouble().ShouldBe(0.333);
        buckets.GetProperty("maxFailureShare").GetDouble().ShouldBe(0.2);
        var codes = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        codes.ShouldContain("cns-recovery");
        root.GetProperty("warnings").EnumerateArray().ShouldAllBe(w => w.GetProperty("rule").GetString()!.Length > 0 && w.GetProperty("message").GetString()!.Length > 0);
        root.GetProperty("actions").ValueKind.ShouldBe(JsonValueKind.Array);
        root.GetProperty("e1rmTrends").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public void Status_Json_TrendOfALiftLoggedTwice()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "105x8@8", "--date", "2026-11-30");

        using var status = Json("status", "--date", "2026-11-30");

        var trend = status.RootElement.GetProperty("e1rmTrends").EnumerateArray().Single();
        trend.GetProperty("sessions").GetInt32().ShouldBe(2);
        trend.GetProperty("lastKg").GetDouble().ShouldBeGreaterThan(trend.GetProperty("firstKg").GetDouble());
        trend.GetProperty("change").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Status_Human_ShowsTheSplitOfSets()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);

        var stdout = Ok("status", "--date", Monday);

        stdout.ShouldContain("Sets by reps in reserve");
        stdout.ShouldContain("1 working sets");
        stdout.ShouldContain("Failure budget:");
    }

    // ---- history ----

    [Fact]
    public void History_Json_LastDaysInTheEvaluateHistoryShape()
    {
        Setup();
        Ok("log", "bench press", "90x8@8", "--date", "2026-09-01");
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x7 F", "--date", Monday);

        using var history = Json("history", "--days", "30");

        var sessions = history.RootElement.GetProperty("history").EnumerateArray().ToList();
        var session = sessions.ShouldHaveSingleItem();
        session.GetProperty("date").GetString().ShouldBe(Monday);
        session.GetProperty("dayType").GetString().ShouldBe("hard");
        var exercise = session.GetProperty("exercises").EnumerateArray().ShouldHaveSingleItem();
        exercise.GetProperty("exercise").GetString().ShouldBe("bench press");
        var sets = exercise.GetProperty("sets").EnumerateArray().ToList();
        sets.Select(s => (s.GetProperty("weightKg").GetDouble(), s.GetProperty("reps").GetInt32(), s.GetProperty("rir").GetDouble(), s.GetProperty("failure").GetString()))
            .ShouldBe([(100.0, 8, 2.0, "none"), (100.0, 7, 0.0, "absolute")]);

        using var all = Json("history", "--days", "365");
        all.RootElement.GetProperty("history").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Log_BodyweightSet_ReadsAsTheLiftersBodyweightNotZeroKg()
    {
        Setup();
        Ok("log", "pull-up", "bwx10@8", "--date", Monday).ShouldContain("bodyweight (82 kg) × 10");
        var history = Ok("history", "--days", "30");
        history.ShouldContain("bw×10");
        history.ShouldNotContain("0kg×10");
    }

    /// <summary>
    /// R5 moves the hard day: failure the day before a planned hard day (Thursday) makes it a medium day for extra rest,
    /// and its hard work moves to the next training day, planned medium (Friday) — the week keeps its hard day.
    /// </summary>
    [Fact]
    public void Today_ExtraRestOnAHardDay_MovesTheHardDayToTheNextTrainingDay()
    {
        Ok("init", "--years", "3", "--split", "upper-lower", "--days", "mon,tue,thu,fri", "--time-zone", "Etc/UTC");
        Ok("plan", "new", "--start", Monday, "--weeks", "2");
        Ok("today", "--date", "2026-11-26").ShouldContain("2026-11-26: hard day");
        Ok("today", "--date", "2026-11-27").ShouldContain("2026-11-27: medium day");

        Ok("log", "lateral raise", "10x12 F", "--date", "2026-11-25");

        var thursday = Ok("today", "--date", "2026-11-26");
        thursday.ShouldContain("2026-11-26: medium day");
        thursday.ShouldContain("extra rest after failure");
        var friday = Ok("today", "--date", "2026-11-27");
        friday.ShouldContain("2026-11-27: hard day");
        friday.ShouldContain("moved here from 2026-11-26");
    }

    [Fact]
    public void History_NothingLogged_EmptyHistory()
    {
        Init();

        using var history = Json("history");
        history.RootElement.GetProperty("history").GetArrayLength().ShouldBe(0);
        Ok("history").ShouldContain("Nothing logged yet");
    }

    [Fact]
    public void History_Human_OneRowPerExercise()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x8 F", "--date", Monday);

        var stdout = Ok("history");

        stdout.ShouldContain("2026-11-23");
        stdout.ShouldContain("bench press");
        stdout.ShouldContain("100kg×8@2rir");
        stdout.ShouldContain("100kg×8@2rir  100kg×8 ");
    }

    [Fact]
    public void History_DaysOutOfRange_ExitsUsage() => Fails(ExitCodes.Usage, "history", "--days", "0");

    // ---- event ----

    [Fact]
    public void Event_AddListRemove()
    {
        Setup();

        Ok("event", "add", "2026-12-11", "10K race").ShouldContain("Event 1: 10K race on 2026-12-11");
        Ok("event", "list").ShouldContain("1  2026-12-11  10K race");
        using (var db = Db())
            db.Events.Single().ShouldSatisfyAllConditions(e => e.Date.ShouldBe(new DateOnly(2026, 12, 11)), e => e.Name.ShouldBe("10K race"));

        Ok("event", "remove", "1").ShouldContain("Removed 10K race");

        Ok("event", "list").ShouldBeEmpty();
        Fails(ExitCodes.InvalidInput, "event", "remove", "1").ShouldContain("no event 1");
    }

    [Fact]
    public void Event_MalformedDate_ExitsUsage() => Fails(ExitCodes.Usage, "event", "add", "next friday", "meet").ShouldContain("yyyy-MM-dd");

    [Fact]
    public void Event_Soon_WarnsAndTakesFailureOffTheDay()
    {
        Setup();
        LogFullBodyB();
        using (var before = Json("today", "--date", "2026-12-02"))
            Failures(before).ShouldContain(f => f != "none", "precondition: the plan's 2026-12-02 hard day (Full body B, logged before) has a failure set");

        Ok("event", "add", "2026-12-04", "10K race");

        using var after = Json("today", "--date", "2026-12-02");
        WarningCodes(after).ShouldContain("event-soon");
        Failures(after).ShouldAllBe(f => f == "none");
    }

    // ---- injury ----

    [Fact]
    public void Injury_AddThenClear_FailureOffThenOn()
    {
        Setup();
        LogFullBodyB();
        using (var before = Json("today", "--date", "2026-12-02"))
            Failures(before).ShouldContain(f => f != "none", "precondition: the plan's 2026-12-02 hard day (Full body B, logged before) has a failure set");

        Ok("injury", "add", "left elbow", "--date", "2026-11-30").ShouldContain("Injury 1: left elbow since 2026-11-30");

        using (var injured = Json("today", "--date", "2026-12-02"))
        {
            injured.RootElement.GetProperty("eligibility").GetProperty("failure").GetBoolean().ShouldBeFalse();
            WarningCodes(injured).ShouldContain("injury");
            Failures(injured).ShouldNotBeEmpty();
            Failures(injured).ShouldAllBe(f => f == "none");
        }
        Ok("injury", "list").ShouldContain("left elbow  since 2026-11-30 (current)");

        Ok("injury", "clear", "1", "--date", "2026-12-01").ShouldContain("Cleared: left elbow");

        using (var db = Db())
            db.Injuries.Single().ClearedOn.ShouldBe(new DateOnly(2026, 12, 1));
        using var healed = Json("today", "--date", "2026-12-02");
        WarningCodes(healed).ShouldNotContain("injury");
        Failures(healed).ShouldContain(f => f != "none");
        Fails(ExitCodes.InvalidInput, "injury", "clear", "1").ShouldContain("no current injury 1");
    }

    [Fact]
    public void Injury_SinceAfterTheDay_DoesNotApplyYet()
    {
        Setup();

        Ok("injury", "add", "left elbow", "--date", "2026-12-20");

        using var today = Json("today", "--date", "2026-12-09");
        WarningCodes(today).ShouldNotContain("injury");
    }

    [Fact]
    public void Injury_ClearedAfterTheDay_StillAppliesOnThatDay()
    {
        Setup();
        Ok("injury", "add", "left elbow", "--date", "2026-12-01");
        Ok("injury", "clear", "1", "--date", "2026-12-20");

        using var today = Json("today", "--date", "2026-12-09");
        WarningCodes(today).ShouldContain("injury");
    }

    [Fact]
    public void Injury_EmptyDescription_ExitsUsage() => Fails(ExitCodes.Usage, "injury", "add", " ");

    // ---- export ----

    [Fact]
    public void HistoryJson_FedBackAsAScenariosHistory_EvaluatesSuccessfully()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x8@2rir", "--date", Monday);
        Ok("log", "bench press", "100x8 F", "--date", Monday);
        Ok("log", "squat", "100x8 T", "--date", Monday);
        Ok("log", "lateral raise", "10x12@9.5", "--drop", "7x8", "--date", Monday);
        Ok("log", "chin up", "bwx12", "--date", "2026-11-25");
        Ok("log", "lat pulldown", "132lbx10@8", "--warmup", "--date", "2026-11-25");

        var export = Ok("history", "--json", "--days", "365");

        var history = JsonNode.Parse(export)!["history"]!.AsArray();
        history.Count.ShouldBe(2);
        history.SelectMany(s => s!["exercises"]!.AsArray()).SelectMany(e => e!["sets"]!.AsArray()).Count().ShouldBe(8);
        var scenario = JsonNode.Parse(File.ReadAllText(CliTests.ExamplePath))!.AsObject();
        scenario["today"] = "2026-11-26";
        scenario["history"] = history.DeepClone();
        var file = _dir.Write("from-export.json", scenario.ToJsonString());

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        FailsafeCli.Run(["evaluate", file, "--json"], stdout, stderr, TimeProvider.System).ShouldBe(ExitCodes.Ok, stderr.ToString());
        using var evaluation = JsonDocument.Parse(stdout.ToString());
        evaluation.RootElement.GetProperty("today").GetString().ShouldBe("2026-11-26");
        // The exported failure sets count against the budget of the re-read scenario.
        evaluation.RootElement.GetProperty("budget").GetProperty("failureSetsUsed").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void HistoryJson_MarksWarmupsDropsAndRpe()
    {
        Setup();
        Ok("log", "lateral raise", "10x12@9.5", "--drop", "7x8", "--date", Monday);
        Ok("log", "lateral raise", "5x20", "--warmup", "--date", Monday);

        var sets = JsonNode.Parse(Ok("history", "--json", "--days", "365"))!["history"]![0]!["exercises"]![0]!["sets"]!.AsArray();

        sets.Count.ShouldBe(3);
        sets[0]!["rpe"]!.GetValue<double>().ShouldBe(9.5);
        sets[0]!["rir"]!.GetValue<double>().ShouldBe(0.5);
        sets[0]!["technique"]!.GetValue<string>().ShouldBe("drop-set");
        sets[1]!["drop"]!.GetValue<bool>().ShouldBeTrue();
        sets[2]!["warmup"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void ExportCsv_HeaderAndOneRowPerSet()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        Ok("log", "bench press", "100x8 F", "--date", Monday);
        Ok("log", "lateral raise", "10x12@9", "--drop", "7x8", "--date", Monday);
        Ok("log", "seated cable row", "132lbx10@8", "--date", "2026-11-25");

        var lines = Ok("export", "csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Split(',').ShouldBe(CsvHeader);
        lines.Length.ShouldBe(1 + 5);
        lines[1].Split(',').ShouldBe(["2026-11-23", "Full body A", "cli", "hard", "bench press", "Barbell_Bench_Press_-_Medium_Grip", "1", "100", "kg", "100", "8", "2", "8", "none", "", "false", "false", "false", "false", ""]);
        lines[2].ShouldContain(",absolute,");
        lines[4].Split(',')[16].ShouldBe("true");
        var lb = lines[5].Split(',');
        (lb[0], lb[7], lb[8], lb[9]).ShouldBe(("2026-11-25", "59.874", "lb", "132"));
    }

    [Fact]
    public void ExportJson_Out_WritesTheFileAndReportsOnStderr()
    {
        Setup();
        Ok("log", "bench press", "100x8@8", "--date", Monday);
        var file = Path.Combine(_dir.Path, "log.json");

        var (code, stdout, stderr) = Run("export", "json", "--out", file);

        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("exported 1 sessions");
        JsonNode.Parse(File.ReadAllText(file))!["sessions"]!.AsArray().Count.ShouldBe(1);
    }

    // ---- the database file ----

    [Fact]
    public void Command_DatabaseAtFirstMigration_UpgradesAndNamesTheBackup()
    {
        using (var old = new FailsafeDb(Database.Options(DbPath)))
            old.GetService<IMigrator>().Migrate("20261122140812_Initial");

        var (code, stdout, stderr) = Run("init", "--years", "3");

        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain("Created the profile");
        stderr.ShouldContain("upgraded the database; the previous version was copied to ");
        var backup = stderr.Trim().Split("copied to ")[1];
        File.Exists(backup).ShouldBeTrue();
        Path.GetDirectoryName(backup).ShouldBe(_dir.Path);
        // Opened again: already current, nothing said.
        Ok("plan", "new", "--start", Monday);
    }

    [Fact]
    public void Command_FileThatIsNotADatabase_ExitsInvalidInput()
    {
        File.WriteAllText(DbPath, "not a database; just some text that is long enough to look like a header page.");

        Fails(ExitCodes.InvalidInput, "init", "--years", "3").ShouldContain("cannot open the database");
    }

    [Fact]
    public void Command_FullDay_EndToEnd()
    {
        Setup();
        var today = Ok("today", "--date", Monday);
        today.ShouldContain("Barbell Back Squat");

        foreach (var set in new[] { "100x8@8", "100x8@8", "100x7@9" })
            Ok("log", "squat", set, "--date", Monday);
        foreach (var set in new[] { "80x8@8", "80x8@2rir", "80x7@1rir" })
            Ok("log", "bench press", set, "--date", Monday);
        Ok("log", "seated cable row", "60x10@8", "--date", Monday);
        Ok("log", "lying leg curl", "40x12@8", "--date", Monday);
        using (var last = Json("log", "dumbbell lateral raise", "10x14 F", "--date", Monday))
            last.RootElement.GetProperty("next").GetString().ShouldNotBeNullOrEmpty();

        using var status = Json("status", "--date", Monday);
        status.RootElement.GetProperty("rirBuckets").GetProperty("workingSets").GetInt32().ShouldBe(9);
        status.RootElement.GetProperty("budget").GetProperty("failureSetsUsed").GetInt32().ShouldBe(1);
        using var history = Json("history");
        history.RootElement.GetProperty("history")[0].GetProperty("exercises").GetArrayLength().ShouldBe(5);
        using var db = Db();
        db.Sets.Count().ShouldBe(9);
        db.CheckIns.Count().ShouldBe(1);
        db.Plans.Single().Active.ShouldBeTrue();
    }

    [Fact]
    public void HistoryJson_WithImportedCustomExercise_FeedsBackIntoEvaluate()
    {
        Init();
        var sample = Path.Combine(CliTests.RepoRoot(), "tests", "Failsafe.Store.Tests", "Importing", "samples", "hevy.csv");
        Ok("import", "hevy", sample);
        using (var db = Db())
            db.CustomExercises.Count().ShouldBeGreaterThan(0, "the sample has a name the catalog does not know");

        using var export = JsonDocument.Parse(Ok("history", "--json", "--days", "36500"));
        var history = export.RootElement.GetProperty("history");
        history.EnumerateArray().SelectMany(s => s.GetProperty("exercises").EnumerateArray())
            .Count(x => x.TryGetProperty("custom", out _)).ShouldBeGreaterThan(0);
        var scenario = Path.Combine(_dir.Path, "scenario.json");
        File.WriteAllText(scenario, $$"""
            { "today": "2026-11-23", "athlete": { "trainingYears": 3 }, "history": {{history.GetRawText()}},
              "session": { "exercises": [ { "exercise": "Leg Press", "sets": 3, "reps": "10-12" } ] } }
            """);

        using var evaluation = JsonDocument.Parse(Ok("evaluate", scenario, "--json"));
        evaluation.RootElement.GetProperty("exercises")[0].GetProperty("catalogName").GetString().ShouldBe("Leg Press");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariables
{
    public const string Name = "Environment variables";
}

/// <summary>Without --db the CLI uses FAILSAFE_DB. Changes a process environment variable, so it runs alone.</summary>
[Collection(EnvironmentVariables.Name)]
public sealed class DailyCliEnvironmentTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable("FAILSAFE_DB");
    private readonly CliTests.TempDir _dir = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("FAILSAFE_DB", _saved);
        _dir.Dispose();
    }

    [Fact]
    public void Init_NoDbOption_UsesFailsafeDb()
    {
        var path = Path.Combine(_dir.Path, "from-env", "log.db");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", path);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        FailsafeCli.Run(["init", "--years", "3"], stdout, stderr, TimeProvider.System).ShouldBe(ExitCodes.Ok, stderr.ToString());

        File.Exists(path).ShouldBeTrue();
        using var db = new FailsafeDb(Database.Options(path));
        db.Profiles.Single().TrainingYears.ShouldBe(3);
    }

    [Fact]
    public void Init_DbOption_WinsOverFailsafeDb()
    {
        var env = Path.Combine(_dir.Path, "env.db");
        var option = Path.Combine(_dir.Path, "option.db");
        Environment.SetEnvironmentVariable("FAILSAFE_DB", env);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        FailsafeCli.Run(["init", "--years", "3", "--db", option], stdout, stderr, TimeProvider.System).ShouldBe(ExitCodes.Ok, stderr.ToString());

        File.Exists(option).ShouldBeTrue();
        File.Exists(env).ShouldBeFalse();
    }
}
