using System.Text.Json;
using CsCheck;
using Failsafe.Store.Data;

namespace Failsafe.Cli.Tests;

/// <summary>
/// A session's life on the command line: today's prescription is fixed from the training before today, the sets
/// logged today only steer the next set, and `finish` records how the session went (W4). Each test owns its file.
/// </summary>
public sealed class SessionCliTests : IDisposable
{
    /// <summary>A Monday; an 8-week plan starts here and its first day is "Full body A", a hard day.</summary>
    private const string Monday = "2026-11-23";

    /// <summary>The commands run on a fixed day after every date these tests log (a future date is refused).</summary>
    private static readonly TimeProvider Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly CliTests.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(string db, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run([.. args, "--db", db], stdout, stderr, Clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Ok(string db, params string[] args)
    {
        var (code, stdout, stderr) = Run(db, args);
        code.ShouldBe(ExitCodes.Ok, $"{string.Join(' ', args)}: {stderr}");
        stderr.ShouldBeEmpty();
        return stdout;
    }

    private string Db => Path.Combine(_dir.Path, "failsafe.db");

    private static void Init(string db, bool eligible = true) =>
        Ok(db, "init", "--name", "Ana", "--years", eligible ? "5" : "1", "--form", eligible ? "excellent" : "good", "--sleep", "8", "--stress", "low",
            "--goal", "hypertrophy", "--split", "full-body", "--unit", "kg", "--days", "mon,wed,fri", "--bodyweight", "82", "--phase", "hypertrophy");

    private static void Setup(string db)
    {
        Init(db);
        Ok(db, "plan", "new", "--start", Monday, "--weeks", "8");
    }

    private static JsonElement Exercise(string db, string date, string name)
    {
        using var doc = JsonDocument.Parse(Ok(db, "today", "--date", date, "--json"));
        return doc.RootElement.GetProperty("exercises").EnumerateArray().Single(e => e.GetProperty("exercise").GetString() == name).Clone();
    }

    [Fact]
    public void Log_OnTargetFirstSet_DoesNotStopTheDay()
    {
        Setup(Db);
        for (var i = 0; i < 3; i++)
            Ok(Db, "log", "Dumbbell Lateral Raise", "10x15@7", "--date", Monday);
        var raise = Exercise(Db, "2026-11-30", "Dumbbell Lateral Raise").GetProperty("sets")[0];
        var (kg, rir) = (raise.GetProperty("weightKg").GetDouble(), raise.GetProperty("targetRir").GetDouble());
        var reps = raise.GetProperty("reps").GetString()!.Split('-').Select(int.Parse).Average();

        var stdout = Ok(Db, "log", "Dumbbell Lateral Raise", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kg}x{(int)reps}@{rir}rir"), "--date", "2026-11-30");

        stdout.ShouldNotContain("Stop for today");
    }

    [Fact]
    public void Today_AfterFourSetsLogged_KeepsTheDaysPrescription()
    {
        Setup(Db);
        var before = Exercise(Db, Monday, "Barbell Bench Press").GetRawText();

        for (var i = 0; i < 4; i++)
            Ok(Db, "log", "Barbell Bench Press", "80x8@8", "--date", Monday);

        var after = Exercise(Db, Monday, "Barbell Bench Press").GetRawText();
        after.ShouldBe(before);
        after.ShouldNotContain("last time");
    }

    [Fact]
    public void Today_NextWeek_LoadsComeFromThePreviousSession()
    {
        Setup(Db);
        for (var i = 0; i < 3; i++)
            Ok(Db, "log", "Barbell Bench Press", "80x12@8", "--date", Monday);

        var bench = Exercise(Db, "2026-11-30", "Barbell Bench Press");

        bench.GetProperty("sets")[0].GetProperty("weightKg").GetDouble().ShouldBeGreaterThan(0);
    }

    /// <summary>Property: whatever is logged on a day, re-reading that day's `today` gives the same prescribed loads.</summary>
    [Fact]
    public void Today_AnyLoggedSession_DoesNotChangeThatSessionsLoads()
    {
        string[] exercises = ["Barbell Back Squat", "Barbell Bench Press", "Seated Cable Row", "Lying Leg Curl", "Dumbbell Lateral Raise"];
        var set = Gen.Select(Gen.Int[0, exercises.Length - 1], Gen.Int[20, 120], Gen.Int[3, 15], Gen.Int[0, 4], Gen.Bool);
        Gen.Select(set.Array[1, 6], Gen.Int[0, 2]).Sample((sets, week) =>
        {
            using var dir = new CliTests.TempDir();
            var db = Path.Combine(dir.Path, "failsafe.db");
            Setup(db);
            Ok(db, "log", "Barbell Bench Press", "70x10@8", "--date", Monday);
            var day = DateOnly.Parse(Monday, System.Globalization.CultureInfo.InvariantCulture).AddDays(7 * week + 7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            string Loads()
            {
                using var doc = JsonDocument.Parse(Ok(db, "today", "--date", day, "--json"));
                return string.Join(";", doc.RootElement.GetProperty("exercises").EnumerateArray()
                    .SelectMany(e => e.GetProperty("sets").EnumerateArray().Select(s => $"{e.GetProperty("exercise")}:{s.GetProperty("weightKg")}:{s.GetProperty("targetRir")}")));
            }
            var before = Loads();
            foreach (var (exercise, kg, reps, rir, fail) in sets)
                Ok(db, "log", exercises[exercise], fail ? $"{kg}x{reps} F" : $"{kg}x{reps}@{rir}rir", "--date", day);
            return Loads() == before;
        }, iter: 8);
    }

    [Fact]
    public void Finish_RpeAndFeeling_StoredOnTheDaysSession()
    {
        Setup(Db);
        Ok(Db, "log", "Barbell Back Squat", "100x8@8", "--date", Monday);

        Ok(Db, "finish", "--rpe", "8", "--feeling", "worse", "--date", Monday).ShouldContain("W4");

        using var db = new FailsafeDb(Database.Options(Db));
        var session = db.Sessions.Single();
        session.FinishedAt.ShouldNotBeNull();
        session.SessionRpe.ShouldBe(8);
        session.Feeling.ShouldBe("worse");
    }

    [Fact]
    public void Finish_UnknownFeeling_ExitsUsage()
    {
        Setup(Db);
        Ok(Db, "log", "Barbell Back Squat", "100x8@8", "--date", Monday);

        var (code, _, stderr) = Run(Db, "finish", "--feeling", "broken", "--date", Monday);

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("better, same, worse");
    }

    [Fact]
    public void Today_TwoSessionsLeftWorse_IsAWarningSign()
    {
        Setup(Db);
        foreach (var day in new[] { Monday, "2026-11-25" })
        {
            Ok(Db, "log", "Barbell Back Squat", "100x8@8", "--date", day);
            Ok(Db, "finish", "--rpe", "9", "--feeling", "worse", "--date", day);
        }

        using var doc = JsonDocument.Parse(Ok(Db, "today", "--date", "2026-11-27", "--json"));

        doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldContain("leaving-worse");
    }

    [Fact]
    public void Today_Short_OneReasonPerExerciseAndEligibilityAsStatus()
    {
        Init(Db, eligible: false);
        Ok(Db, "plan", "new", "--start", Monday, "--weeks", "8");

        var stdout = Ok(Db, "today", "--date", Monday);
        var why = Ok(Db, "today", "--date", Monday, "--why");

        stdout.ShouldContain("Lifter: not eligible for failure training");
        stdout.ShouldNotContain("not-eligible");
        stdout.ShouldNotContain("B2 only 0");
        stdout.Split('\n').Length.ShouldBeLessThan(why.Split('\n').Length * 2 / 3);
        why.ShouldContain("R6");
    }
}
