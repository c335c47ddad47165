using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failsafe.Cli.Tests;

/// <summary>`failsafe plan` and `failsafe next`, run in-process.</summary>
public sealed class PlanCliTests
{
    private static readonly string[] DayTypeWords = ["hard", "medium", "light", "rest"];
    private static readonly string[] PhaseWords = ["hypertrophy", "strength", "deload"];
    private static readonly string[] FailureWords = ["none", "technical", "absolute"];
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly DateOnly ExampleToday = new(2026, 11, 23);

    private static string Example => CliTests.ExamplePath;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run(args, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string ExampleWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(Example))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonDocument PlanJson(params string[] args)
    {
        var (code, stdout, stderr) = Run(["plan", .. args, "--json"]);
        code.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldBeEmpty();
        return JsonDocument.Parse(stdout);
    }

    private static IEnumerable<JsonElement> Days(JsonDocument plan) =>
        plan.RootElement.GetProperty("weeks").EnumerateArray().SelectMany(w => w.GetProperty("days").EnumerateArray());

    private static DateOnly Date(JsonElement day) =>
        DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsRest(JsonElement day) => day.GetProperty("dayType").GetString() == "rest";

    // ---- plan ----

    [Fact]
    public void Plan_ExampleSixWeeksJson_EveryCalendarDayOnce_WithWeeksDaysAndSets()
    {
        using var plan = PlanJson(Example, "--weeks", "6");

        var weeks = plan.RootElement.GetProperty("weeks").EnumerateArray().ToList();
        weeks.Select(w => w.GetProperty("week").GetInt32()).ShouldBe([1, 2, 3, 4, 5, 6]);
        weeks.ShouldAllBe(w => PhaseWords.Contains(w.GetProperty("phase").GetString()));
        Days(plan).Select(Date).ShouldBe(Enumerable.Range(0, 42).Select(ExampleToday.AddDays));

        var training = Days(plan).Where(d => !IsRest(d)).ToList();
        training.ShouldNotBeEmpty();
        foreach (var day in Days(plan))
        {
            day.GetProperty("dayType").GetString().ShouldBeOneOf(DayTypeWords);
            var exercises = day.GetProperty("exercises").EnumerateArray().ToList();
            (exercises.Count == 0).ShouldBe(IsRest(day), day.GetProperty("date").GetString());
            foreach (var x in exercises)
            {
                x.GetProperty("exercise").GetString().ShouldNotBeNullOrWhiteSpace();
                var sets = x.GetProperty("sets").EnumerateArray().ToList();
                sets.Select(s => s.GetProperty("set").GetInt32()).ShouldBe(Enumerable.Range(1, sets.Count));
                foreach (var s in sets)
                {
                    s.GetProperty("reps").ValueKind.ShouldBe(JsonValueKind.String);
                    s.GetProperty("targetRir").ValueKind.ShouldBe(JsonValueKind.Number);
                    s.GetProperty("weightKg").ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
                    s.GetProperty("failure").GetString().ShouldBeOneOf(FailureWords);
                }
            }
        }
    }

    [Fact]
    public void Plan_ExampleJson_FullBodyDefaultDays_MondayWednesdayFriday()
    {
        using var plan = PlanJson(Example, "--weeks", "4");

        Days(plan).Where(d => !IsRest(d)).Select(d => Date(d).DayOfWeek).Distinct().Order()
            .ShouldBe([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday]);
    }

    [Fact]
    public void Plan_DaysOption_TrainsOnlyThoseWeekdays()
    {
        using var plan = PlanJson(Example, "--weeks", "4", "--days", "mon,tue,thu,fri");

        Days(plan).Count().ShouldBe(28);
        Days(plan).Where(d => !IsRest(d)).Select(d => Date(d).DayOfWeek).Distinct().Order()
            .ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        Days(plan).Where(d => Date(d).DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Saturday or DayOfWeek.Sunday).ShouldAllBe(d => IsRest(d));
    }

    [Fact]
    public void Plan_StartOption_PlanStartsThatDay()
    {
        using var plan = PlanJson(Example, "--start", "2026-12-01", "--weeks", "2");

        plan.RootElement.GetProperty("start").GetString().ShouldBe("2026-12-01");
        Days(plan).Select(Date).ShouldBe(Enumerable.Range(0, 14).Select(new DateOnly(2026, 12, 1).AddDays));
    }

    [Fact]
    public void Plan_HumanOutput_TableWithWeekRowsAndWeekdayHeaders()
    {
        var (code, stdout, stderr) = Run("plan", Example, "--weeks", "4");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        stdout.ShouldContain("Week");
        foreach (var day in Weekdays)
            stdout.ShouldContain(day);
        stdout.ShouldContain("hypertrophy");
        stdout.ShouldContain("deload");
        stdout.ShouldContain("hard");
        stdout.ShouldContain("rest");
        stdout.ShouldContain("11-23");
        stdout.ShouldContain("12-20");
        var lines = stdout.Split('\n');
        foreach (var week in new[] { "1", "2", "3", "4" })
            lines.ShouldContain(l => l.TrimStart('│', ' ', '|').StartsWith(week + " ", StringComparison.Ordinal), $"a row for week {week}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("105")]
    [InlineData("-3")]
    public void Plan_WeeksOutOfRange_ExitsUsage(string weeks)
    {
        var (code, stdout, stderr) = Run("plan", Example, "--weeks", weeks);

        code.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("--weeks");
    }

    [Fact]
    public void Plan_UnknownWeekday_ExitsUsageNamingIt()
    {
        var (code, stdout, stderr) = Run("plan", Example, "--days", "mon,funday");

        code.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("'funday'");
    }

    [Theory]
    [InlineData("2026-11-22")]
    [InlineData("2025-01-01")]
    public void Plan_StartBeforeToday_ExitsUsage(string start)
    {
        var (code, stdout, stderr) = Run("plan", Example, "--start", start);

        code.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("--start");
        stderr.ShouldContain(start);
    }

    [Fact]
    public void Plan_StartNotADate_ExitsUsage()
    {
        var (code, stdout, stderr) = Run("plan", Example, "--start", "next monday");

        code.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("'next monday'");
    }

    public static TheoryData<string, string, string> BadScenarios => new()
    {
        { "malformed", """{ "today": "2026-11-23", "athlete": { """, "$" },
        { "no-athlete", ExampleWith(r => r.Remove("athlete")), "$.athlete" },
        { "unknown-history-exercise", ExampleWith(r => r["history"]![0]!["exercises"]![0]!["exercise"] = "Squatt Machinee Xyz"), "$.history[0].exercises[0].exercise" },
        { "bad-split", ExampleWith(r => r["athlete"]!["split"] = "bro"), "$.athlete.split" },
        { "bad-template", ExampleWith(r => r["template"] = JsonNode.Parse("""{"days":[{"name":"Push","exercises":[{"exercise":"Leg Press","sets":0}]}]}""")), "$.template.days[0].exercises[0].sets" },
        { "empty-template", ExampleWith(r => r["template"] = JsonNode.Parse("""{"days":[]}""")), "$.template.days" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Plan_BadScenario_ExitsInvalidInput_NothingOnStdout(string name, string content, string path)
    {
        using var dir = new CliTests.TempDir();
        var file = dir.Write(name + ".json", content);

        foreach (var json in new[] { true, false })
        {
            var (code, stdout, stderr) = Run(json ? ["plan", file, "--json"] : ["plan", file]);

            code.ShouldBe(ExitCodes.InvalidInput);
            stdout.ShouldBeEmpty();
            stderr.ShouldContain(name + ".json");
            stderr.ShouldContain(path);
        }
    }

    [Fact]
    public void Plan_MissingFile_ExitsInvalidInput()
    {
        using var dir = new CliTests.TempDir();

        var (code, stdout, _) = Run("plan", Path.Combine(dir.Path, "nope.json"));

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ScenarioWithoutSession_Plans()
    {
        using var dir = new CliTests.TempDir();
        var file = dir.Write("no-session.json", ExampleWith(r => r.Remove("session")));

        using var plan = PlanJson(file, "--weeks", "2");

        Days(plan).Count().ShouldBe(14);
    }

    [Fact]
    public void Plan_CustomTemplateInScenario_IsUsedOnEveryTrainingDay()
    {
        using var dir = new CliTests.TempDir();
        var file = dir.Write("push.json", ExampleWith(r => r["template"] = JsonNode.Parse(
            """{"days":[{"name":"Push","exercises":[{"exercise":"Leg Press","sets":3,"reps":"10-12"}]}]}""")));

        using var plan = PlanJson(file, "--weeks", "4");

        var training = Days(plan).Where(d => !IsRest(d)).ToList();
        training.ShouldNotBeEmpty();
        foreach (var day in training)
        {
            day.GetProperty("template").GetString().ShouldBe("Push");
            var exercises = day.GetProperty("exercises").EnumerateArray().ToList();
            exercises.Select(x => x.GetProperty("exercise").GetString()).ShouldBe(["Leg Press"]);
            exercises[0].GetProperty("sets").EnumerateArray().ShouldAllBe(s => s.GetProperty("reps").GetString() == "10-12");
        }
        var weeks = plan.RootElement.GetProperty("weeks").EnumerateArray().ToList();
        foreach (var week in weeks)
        {
            // 3 sets as in the template; a deload halves them (2), a light day keeps two thirds (2).
            var deload = week.GetProperty("phase").GetString() == "deload";
            foreach (var d in week.GetProperty("days").EnumerateArray().Where(d => !IsRest(d)))
            {
                var expected = deload || d.GetProperty("dayType").GetString() == "light" ? 2 : 3;
                d.GetProperty("exercises")[0].GetProperty("sets").GetArrayLength().ShouldBe(expected, d.GetProperty("date").GetString());
            }
        }
    }

    [Fact]
    public void Plan_Ics_WritesACalendarWithOneEventPerTrainingDay()
    {
        using var dir = new CliTests.TempDir();
        var ics = Path.Combine(dir.Path, "plan.ics");

        var (code, stdout, stderr) = Run("plan", Example, "--weeks", "4", "--ics", ics, "--json");

        code.ShouldBe(ExitCodes.Ok, stderr);
        File.Exists(ics).ShouldBeTrue();
        var text = File.ReadAllText(ics);
        text.ShouldStartWith("BEGIN:VCALENDAR");
        text.TrimEnd().ShouldEndWith("END:VCALENDAR");
        using var plan = JsonDocument.Parse(stdout);
        var events = text.Split('\n').Count(l => l.TrimEnd('\r') == "BEGIN:VEVENT");
        events.ShouldBe(Days(plan).Count(d => !IsRest(d)));
    }

    [Fact]
    public void Plan_IcsHumanOutput_SaysWhereTheCalendarWent()
    {
        using var dir = new CliTests.TempDir();
        var ics = Path.Combine(dir.Path, "plan.ics");

        var (code, stdout, _) = Run("plan", Example, "--ics", ics);

        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("plan.ics");
        File.ReadAllText(ics).ShouldStartWith("BEGIN:VCALENDAR");
    }

    [Fact]
    public void Plan_IcsIntoMissingDirectory_ExitsInvalidInput()
    {
        using var dir = new CliTests.TempDir();

        var (code, _, stderr) = Run("plan", Example, "--ics", Path.Combine(dir.Path, "no", "such", "dir", "plan.ics"));

        code.ShouldBe(ExitCodes.InvalidInput);
        stderr.ShouldContain("plan.ics");
    }

    [Fact]
    public void Plan_Twice_ByteIdenticalJson()
    {
        var a = Run("plan", Example, "--weeks", "8", "--json");
        var b = Run("plan", Example, "--weeks", "8", "--json");

        a.Out.ShouldBe(b.Out);
    }

    // ---- next ----

    private static string DoneFile(CliTests.TempDir dir, string sets, string name = "done.json") => dir.Write(name, $$"""{"sets": {{sets}}}""");

    [Fact]
    public void Next_ExampleJson_NextSetWithLoadAndTarget()
    {
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, """[{"exercise": "Barbell Back Squat", "weightKg": 117.5, "reps": 6, "rir": 2}]""");

        var (code, stdout, stderr) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        var next = doc.RootElement;
        next.GetProperty("next").GetString().ShouldBe("set");
        next.GetProperty("exercise").GetString().ShouldBe("Barbell Back Squat");
        next.GetProperty("set").GetInt32().ShouldBe(2);
        next.GetProperty("weightKg").GetDouble().ShouldBeGreaterThan(0);
        next.GetProperty("targetRir").GetDouble().ShouldBeGreaterThanOrEqualTo(2);
        next.GetProperty("failure").GetString().ShouldBe("none");
    }

    [Fact]
    public void Next_DoneSetOfAnExerciseNotInTheSession_RefusedNamingItsPath()
    {
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, """[{"exercise": "Barbell Back Squat", "weightKg": 117.5, "reps": 6, "rir": 2}, {"exercise": "Barbell Curl", "weightKg": 30, "reps": 10, "rir": 2}]""");

        var (code, stdout, stderr) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("$.sets[1].exercise");
        stderr.ShouldContain("Barbell Curl is not in today's session");
    }

    [Fact]
    public void Next_NothingDone_FirstSetOfTheSession()
    {
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, "[]");

        var (code, stdout, _) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("exercise").GetString().ShouldBe("Barbell Back Squat");
        doc.RootElement.GetProperty("set").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Next_WellBelowExpected_StopForTodayInJsonAndText()
    {
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, """[{"exercise": "Barbell Back Squat", "weightKg": 117.5, "reps": 2, "rir": 1}]""");

        var (code, stdout, _) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("next").GetString().ShouldNotBe("set");
        doc.RootElement.GetProperty("signToWatch").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("weightKg").ValueKind.ShouldBe(JsonValueKind.Null);

        var text = Run("next", Example, "--done", done);
        text.Code.ShouldBe(ExitCodes.Ok);
        text.Out.ShouldContain("Stop for today");
    }

    [Fact]
    public void Next_TechnicalFailure_MovesToTheNextExercise()
    {
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, """[{"exercise": "Barbell Back Squat", "weightKg": 117.5, "reps": 5, "failure": "technical"}]""");

        var (code, stdout, _) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("exercise").GetString().ShouldBe("Barbell Bench Press");
        doc.RootElement.GetProperty("set").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Next_FailedAttemptWithZeroReps_AdviceNotACrash()
    {
        // The reader accepts 0 reps on a failed attempt; `next` must answer, not throw.
        using var dir = new CliTests.TempDir();
        var done = DoneFile(dir, """[{"exercise": "Barbell Back Squat", "weightKg": 117.5, "reps": 0, "failure": "absolute"}]""");

        var (code, stdout, _) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("next").GetString().ShouldNotBeNullOrEmpty();
    }

    public static TheoryData<string, string, string> BadDoneFiles => new()
    {
        { "malformed", """{"sets": [ """, "$" },
        { "no-sets", """{"done": []}""", "$.sets" },
        { "sets-not-array", """{"sets": {}}""", "$.sets" },
        { "weight-string", """{"sets": [{"exercise": "Barbell Back Squat", "weightKg": "heavy", "reps": 5, "rir": 2}]}""", "$.sets[0].weightKg" },
        { "unknown-exercise", """{"sets": [{"exercise": "Barbell Back Squat", "weightKg": 100, "reps": 5}, {"exercise": "Squatt Machinee Xyz", "weightKg": 100, "reps": 5}]}""", "$.sets[1].exercise" },
        { "bad-rir", """{"sets": [{"exercise": "Barbell Back Squat", "weightKg": 100, "reps": 5, "rir": 1.3}]}""", "$.sets[0].rir" },
        { "missing-reps", """{"sets": [{"exercise": "Barbell Back Squat", "weightKg": 100, "rir": 2}]}""", "$.sets[0].reps" },
    };

    [Theory]
    [MemberData(nameof(BadDoneFiles))]
    public void Next_BadDoneFile_ExitsInvalidInputNamingPath(string name, string content, string path)
    {
        using var dir = new CliTests.TempDir();
        var done = dir.Write(name + ".json", content);

        var (code, stdout, stderr) = Run("next", Example, "--done", done, "--json");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(name + ".json");
        stderr.ShouldContain(path);
    }

    [Fact]
    public void Next_WithoutDoneOption_ExitsUsage()
    {
        var (code, _, stderr) = Run("next", Example, "--json");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("--done");
    }

    [Fact]
    public void Next_ScenarioWithoutSession_ExitsInvalidInput()
    {
        using var dir = new CliTests.TempDir();
        var file = dir.Write("no-session.json", ExampleWith(r => r.Remove("session")));
        var done = DoneFile(dir, "[]");

        var (code, stdout, stderr) = Run("next", file, "--done", done);

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("$.session");
    }
}
