using System.Text;
using System.Text.Json.Nodes;
using Failsafe.Catalog;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Scenarios;

namespace Failsafe.Store.Tests.Scenarios;

public sealed class ScenarioReaderTests
{
    private const string SetPath = "$.history[0].exercises[0].sets[0]";

    /// <summary>A small valid scenario with one history session, one wellness entry and one planned exercise.</summary>
    private const string Base = """
        {
          "today": "2026-11-23",
          "athlete": { "trainingYears": 4, "formUnderFatigue": "excellent", "sleepHours": 7.5 },
          "phase": "hypertrophy",
          "history": [
            { "date": "2026-11-20", "dayType": "hard",
              "exercises": [
                { "exercise": "Barbell Bench Press",
                  "sets": [ { "weightKg": 100, "reps": 8, "rir": 2 } ] } ] } ],
          "wellness": [
            { "date": "2026-11-22", "sleepHours": 7, "sleepQuality": 4, "fatigue": 2, "mood": 4,
              "soreness": 2, "aches": 1, "motivation": 4 } ],
          "session": {
            "dayType": "hard",
            "exercises": [ { "exercise": "Barbell Back Squat", "sets": 3, "reps": "5-8" } ] }
        }
        """;

    private static (Scenario? Scenario, InputError? Error) Read(string json) =>
        new ScenarioReader(CatalogLoader.Default).Read(Encoding.UTF8.GetBytes(json));

    private static (Scenario? Scenario, InputError? Error) ReadMutated(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Base)!.AsObject();
        change(root);
        return Read(root.ToJsonString());
    }

    private static JsonObject FirstSet(JsonObject root) => root["history"]![0]!["exercises"]![0]!["sets"]![0]!.AsObject();

    private static InputError ShouldFail((Scenario? Scenario, InputError? Error) result, string path)
    {
        result.Scenario.ShouldBeNull();
        var error = result.Error.ShouldNotBeNull();
        error.Path.ShouldBe(path);
        error.Problem.ShouldNotBeNullOrWhiteSpace();
        return error;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Failsafe.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Read_ExampleScenario_ReadsEverything()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoRoot(), "examples", "scenario.json"));

        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(bytes);

        error.ShouldBeNull();
        var s = scenario.ShouldNotBeNull();
        s.Today.ShouldBe(new DateOnly(2026, 11, 23));
        s.Athlete.TrainingYears.ShouldBe(4);
        s.Athlete.FormUnderFatigue.ShouldBe(FormUnderFatigue.Excellent);
        s.Athlete.Split.ShouldBe(Split.FullBody);
        s.Athlete.BodyweightKg.ShouldBe(82);
        s.Phase.ShouldBe(Phase.Hypertrophy);
        s.History.Length.ShouldBe(2);
        s.History[0].Exercises[1].Sets[2].Failure.ShouldBe(FailureLevel.Absolute);
        s.Wellness.Length.ShouldBe(2);
        s.Session.DayType.ShouldBe(DayType.Hard);
        s.Session.Exercises.Select(e => e.Name).ShouldBe(["Barbell Back Squat", "Barbell Bench Press", "Lat Pulldown", "Dumbbell Lateral Raise"]);
        s.Session.Exercises[0].Exercise.Name.ShouldBe("Barbell Squat");
        s.Session.Exercises[0].Sets.ShouldBe(4);
        s.Session.Exercises[1].Safeties.ShouldBeTrue();
    }

    [Fact]
    public void Read_BaseScenario_HasNoError()
    {
        var (scenario, error) = Read(Base);

        error.ShouldBeNull();
        scenario.ShouldNotBeNull().History[0].Exercises[0].Sets[0].Rir.Value.ShouldBe(2);
    }

    [Theory]
    [InlineData("{\"today\": \"2026-11-23\", \"athlete\": {")]
    [InlineData("{\"today\": \"2026-11-23\",, }")]
    [InlineData("{today: 1}")]
    [InlineData("")]
    public void Read_MalformedJson_ReturnsMalformedError(string json)
    {
        var error = ShouldFail(Read(json), "$");

        error.Problem.ShouldContain("malformed JSON");
    }

    [Fact]
    public void Read_TrailingContentAfterDocument_ReturnsMalformedError()
    {
        var error = ShouldFail(Read(Base + " }garbage"), "$");

        error.Problem.ShouldContain("malformed JSON");
    }

    [Fact]
    public void Read_RootIsArray_ReturnsExpectedObject()
    {
        var error = ShouldFail(Read("[]"), "$");

        error.Problem.ShouldContain("expected an object");
    }

    [Fact]
    public void Read_StringWhereNumber_NamesFieldAndTypes()
    {
        var error = ShouldFail(ReadMutated(r => r["athlete"]!["trainingYears"] = "4"), "$.athlete.trainingYears");

        error.Problem.ShouldBe("expected a number, found a string");
    }

    [Fact]
    public void Read_NumberWhereString_NamesFieldAndTypes()
    {
        var error = ShouldFail(ReadMutated(r => r["history"]![0]!["exercises"]![0]!["exercise"] = 42), "$.history[0].exercises[0].exercise");

        error.Problem.ShouldBe("expected a string, found a number");
    }

    [Fact]
    public void Read_ObjectWhereArray_NamesFieldAndTypes()
    {
        var error = ShouldFail(ReadMutated(r => r["history"] = new JsonObject()), "$.history");

        error.Problem.ShouldBe("expected an array, found an object");
    }

    [Fact]
    public void Read_StringSetWeight_NamesSetField()
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r)["weightKg"] = "heavy"), SetPath + ".weightKg");

        error.Problem.ShouldContain("expected a number");
    }

    [Fact]
    public void Read_NonBooleanSpotter_NamesField()
    {
        var error = ShouldFail(ReadMutated(r => r["session"]!["exercises"]![0]!["spotter"] = "yes"), "$.session.exercises[0].spotter");

        error.Problem.ShouldContain("expected true or false");
    }

    [Theory]
    [InlineData(-1, "out of range")]
    [InlineData(11, "out of range")]
    [InlineData(1.3, "half steps")]
    public void Read_InvalidRir_NamesSetRir(double rir, string problem)
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r)["rir"] = rir), SetPath + ".rir");

        error.Problem.ShouldContain(problem);
    }

    [Fact]
    public void Read_NegativeWeight_NamesSetWeight()
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r)["weightKg"] = -5), SetPath + ".weightKg");

        error.Problem.ShouldContain("-5 is out of range");
    }

    [Fact]
    public void Read_ZeroRepsWithoutFailure_NamesSetReps()
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r)["reps"] = 0), SetPath + ".reps");

        error.Problem.ShouldContain("0 reps");
    }

    [Fact]
    public void Read_ZeroRepsOnFailedSet_IsAccepted()
    {
        var (scenario, error) = ReadMutated(r =>
        {
            var set = FirstSet(r);
            set["reps"] = 0;
            set["rir"] = 0;
            set["failure"] = "absolute";
        });

        error.ShouldBeNull();
        scenario.ShouldNotBeNull().History[0].Exercises[0].Sets[0].Reps.ShouldBe(0);
    }

    [Fact]
    public void Read_FractionalReps_NamesSetReps()
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r)["reps"] = 7.5), SetPath + ".reps");

        error.Problem.ShouldContain("whole number");
    }

    [Theory]
    [InlineData("fatigue", 6)]
    [InlineData("mood", 0)]
    [InlineData("sleepQuality", 6)]
    [InlineData("motivation", -1)]
    public void Read_WellnessScoreOutOfRange_NamesScore(string field, int value)
    {
        var error = ShouldFail(ReadMutated(r => r["wellness"]![0]![field] = value), "$.wellness[0]." + field);

        error.Problem.ShouldBe($"{value} is out of range (1–5)");
    }

    [Fact]
    public void Read_WellnessSleepHours25_NamesSleepHours()
    {
        var error = ShouldFail(ReadMutated(r => r["wellness"]![0]!["sleepHours"] = 25), "$.wellness[0].sleepHours");

        error.Problem.ShouldContain("25 is out of range");
    }

    [Fact]
    public void Read_AthleteSleepHours25_NamesSleepHours()
    {
        var error = ShouldFail(ReadMutated(r => r["athlete"]!["sleepHours"] = 25), "$.athlete.sleepHours");

        error.Problem.ShouldContain("out of range");
    }

    [Fact]
    public void Read_NegativeTrainingYears_NamesField()
    {
        var error = ShouldFail(ReadMutated(r => r["athlete"]!["trainingYears"] = -1), "$.athlete.trainingYears");

        error.Problem.ShouldContain("out of range");
    }

    [Theory]
    [InlineData("absolute", 1)]
    [InlineData("technical", 0.5)]
    public void Read_FailedSetWithRepsInReserve_NamesRir(string failure, double rir)
    {
        var error = ShouldFail(ReadMutated(r =>
        {
            var set = FirstSet(r);
            set["failure"] = failure;
            set["rir"] = rir;
        }), SetPath + ".rir");

        error.Problem.ShouldContain("failed");
        error.Problem.ShouldContain("0 reps in reserve");
    }

    [Fact]
    public void Read_FailedSetWithoutRir_HasZeroRir()
    {
        var (scenario, error) = ReadMutated(r =>
        {
            var set = FirstSet(r);
            set.Remove("rir");
            set["failure"] = "technical";
        });

        error.ShouldBeNull();
        var set = scenario.ShouldNotBeNull().History[0].Exercises[0].Sets[0];
        set.Rir.Value.ShouldBe(0);
        set.Failure.ShouldBe(FailureLevel.Technical);
    }

    [Fact]
    public void Read_UnknownPhase_NamesPhaseAndListsWords()
    {
        var error = ShouldFail(ReadMutated(r => r["phase"] = "bulk"), "$.phase");

        error.Problem.ShouldContain("'bulk'");
        error.Problem.ShouldContain("hypertrophy");
        error.Problem.ShouldContain("deload");
    }

    [Fact]
    public void Read_UnknownFailureWord_NamesSetFailure()
    {
        var error = ShouldFail(ReadMutated(r =>
        {
            var set = FirstSet(r);
            set["failure"] = "total";
            set["rir"] = 0;
        }), SetPath + ".failure");

        error.Problem.ShouldContain("'total'");
        error.Problem.ShouldContain("technical");
        error.Problem.ShouldContain("absolute");
    }

    [Theory]
    [InlineData("split", "fullbody")]
    [InlineData("formUnderFatigue", "Excellent")]
    [InlineData("unit", "pounds")]
    public void Read_UnknownAthleteWord_NamesField(string field, string word)
    {
        var error = ShouldFail(ReadMutated(r => r["athlete"]![field] = word), "$.athlete." + field);

        error.Problem.ShouldContain($"'{word}'");
    }

    [Fact]
    public void Read_UnknownTechnique_NamesField()
    {
        var error = ShouldFail(ReadMutated(r =>
        {
            var set = FirstSet(r);
            set["rir"] = 0;
            set["failure"] = "absolute";
            set["technique"] = "dropset";
        }), SetPath + ".technique");

        error.Problem.ShouldContain("drop-set");
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("23/11/2026")]
    [InlineData("2026-11-23T10:00:00")]
    [InlineData("2026-02-30")]
    public void Read_BadToday_NamesToday(string date)
    {
        var error = ShouldFail(ReadMutated(r => r["today"] = date), "$.today");

        error.Problem.ShouldContain($"'{date}'");
        error.Problem.ShouldContain("yyyy-MM-dd");
    }

    [Fact]
    public void Read_BadHistoryDate_NamesHistoryDate()
    {
        var error = ShouldFail(ReadMutated(r => r["history"]![0]!["date"] = "23/11/2026"), "$.history[0].date");

        error.Problem.ShouldContain("yyyy-MM-dd");
    }

    [Fact]
    public void Read_HistoryAfterToday_NamesHistoryDate()
    {
        var error = ShouldFail(ReadMutated(r => r["history"]![0]!["date"] = "2026-11-24"), "$.history[0].date");

        error.Problem.ShouldContain("after today");
        error.Problem.ShouldContain("2026-11-24");
    }

    [Fact]
    public void Read_HistoryOnToday_IsAccepted()
    {
        var (_, error) = ReadMutated(r => r["history"]![0]!["date"] = "2026-11-23");

        error.ShouldBeNull();
    }

    [Fact]
    public void Read_WellnessAfterToday_NamesWellnessDate()
    {
        var error = ShouldFail(ReadMutated(r => r["wellness"]![0]!["date"] = "2027-01-01"), "$.wellness[0].date");

        error.Problem.ShouldContain("after today");
    }

    [Fact]
    public void Read_UnknownPlannedExercise_NamesItAndSuggests()
    {
        var error = ShouldFail(ReadMutated(r => r["session"]!["exercises"]![0]!["exercise"] = "Bench Prss"), "$.session.exercises[0].exercise");

        error.Problem.ShouldContain("'Bench Prss'");
        error.Problem.ShouldContain("did you mean");
        error.Problem.ShouldContain("Bench Press");
    }

    [Fact]
    public void Read_UnknownHistoryExercise_NamesItsPath()
    {
        var error = ShouldFail(ReadMutated(r => r["history"]![0]!["exercises"]![0]!["exercise"] = "Quantum Curl Deluxe"), "$.history[0].exercises[0].exercise");

        error.Problem.ShouldContain("'Quantum Curl Deluxe'");
    }

    [Theory]
    [InlineData("Squat (Barbell)", "Barbell Squat")]
    [InlineData("back squat", "Barbell Squat")]
    [InlineData("Lat Pulldown (Cable)", "Wide-Grip Lat Pulldown")]
    public void Read_ExerciseAlias_ResolvesToCatalogEntry(string name, string catalogName)
    {
        var (scenario, error) = ReadMutated(r => r["session"]!["exercises"]![0]!["exercise"] = name);

        error.ShouldBeNull();
        var planned = scenario.ShouldNotBeNull().Session.Exercises[0];
        planned.Name.ShouldBe(name);
        planned.Exercise.Name.ShouldBe(catalogName);
    }

    [Theory]
    [InlineData("today", "$.today")]
    [InlineData("athlete", "$.athlete")]
    [InlineData("session", "$.session")]
    public void Read_MissingTopLevelField_NamesIt(string field, string path)
    {
        var error = ShouldFail(ReadMutated(r => r.Remove(field)), path);

        error.Problem.ShouldBe("is required");
    }

    [Fact]
    public void Read_NullToday_IsRequired()
    {
        var error = ShouldFail(ReadMutated(r => r["today"] = null), "$.today");

        error.Problem.ShouldBe("is required");
    }

    [Fact]
    public void Read_MissingTrainingYears_NamesIt()
    {
        var error = ShouldFail(ReadMutated(r => r["athlete"]!.AsObject().Remove("trainingYears")), "$.athlete.trainingYears");

        error.Problem.ShouldBe("is required");
    }

    [Fact]
    public void Read_MissingSessionExercises_NamesIt()
    {
        var error = ShouldFail(ReadMutated(r => r["session"]!.AsObject().Remove("exercises")), "$.session.exercises");

        error.Problem.ShouldBe("is required");
    }

    [Fact]
    public void Read_MissingSetWeight_NamesIt()
    {
        var error = ShouldFail(ReadMutated(r => FirstSet(r).Remove("weightKg")), SetPath + ".weightKg");

        error.Problem.ShouldBe("is required");
    }

    [Fact]
    public void Read_SecondBadItem_PathHasItsIndex()
    {
        var error = ShouldFail(ReadMutated(r =>
        {
            var sets = r["history"]![0]!["exercises"]![0]!["sets"]!.AsArray();
            sets.Add(new JsonObject { ["weightKg"] = 100, ["reps"] = 8, ["rir"] = 2 });
            sets.Add(new JsonObject { ["weightKg"] = 100, ["reps"] = 8, ["rir"] = -2 });
        }), "$.history[0].exercises[0].sets[2].rir");

        error.Problem.ShouldContain("out of range");
    }

    [Fact]
    public void Read_MinimalScenario_UsesDefaults()
    {
        const string json = """
            { "today": "2026-11-23", "athlete": { "trainingYears": 1 },
              "session": { "exercises": [ { "exercise": "Barbell Bench Press" } ] } }
            """;

        var (scenario, error) = Read(json);

        error.ShouldBeNull();
        var s = scenario.ShouldNotBeNull();
        s.Events.ShouldBeEmpty();
        s.History.ShouldBeEmpty();
        s.Wellness.ShouldBeEmpty();
        s.Phase.ShouldBe(Phase.Hypertrophy);
        s.Athlete.Injured.ShouldBeFalse();
        s.Athlete.InSeason.ShouldBeFalse();
        s.Athlete.CompetitionPrep.ShouldBeFalse();
        s.Athlete.BodyweightKg.ShouldBeNull();
        var planned = s.Session.Exercises.ShouldHaveSingleItem();
        planned.Spotter.ShouldBeFalse();
        planned.Safeties.ShouldBeFalse();
        planned.Sets.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Read_NullOptionalFields_MeanNone()
    {
        var (scenario, error) = ReadMutated(r =>
        {
            r["events"] = null;
            r["history"] = null;
            r["wellness"] = null;
            r["session"]!["exercises"]![0]!["spotter"] = null;
        });

        error.ShouldBeNull();
        var s = scenario.ShouldNotBeNull();
        s.Events.ShouldBeEmpty();
        s.History.ShouldBeEmpty();
        s.Wellness.ShouldBeEmpty();
        s.Session.Exercises[0].Spotter.ShouldBeFalse();
    }

    [Fact]
    public void Read_Events_AreRead()
    {
        var (scenario, error) = ReadMutated(r => r["events"] = new JsonArray(new JsonObject { ["date"] = "2026-11-25", ["name"] = "10K race" }));

        error.ShouldBeNull();
        var ev = scenario.ShouldNotBeNull().Events.ShouldHaveSingleItem();
        ev.Date.ShouldBe(new DateOnly(2026, 11, 25));
        ev.Name.ShouldBe("10K race");
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(10, 0)]
    [InlineData(7.5, 2.5)]
    public void Read_RpeInsteadOfRir_ConvertsToRir(double rpe, double rir)
    {
        var (scenario, error) = ReadMutated(r =>
        {
            var set = FirstSet(r);
            set.Remove("rir");
            set["rpe"] = rpe;
        });

        error.ShouldBeNull();
        scenario.ShouldNotBeNull().History[0].Exercises[0].Sets[0].Rir.Value.ShouldBe(rir);
    }

    [Fact]
    public void Read_RpeOutOfRange_NamesRpe()
    {
        var error = ShouldFail(ReadMutated(r =>
        {
            var set = FirstSet(r);
            set.Remove("rir");
            set["rpe"] = 11;
        }), SetPath + ".rpe");

        error.Problem.ShouldContain("out of range");
    }

    [Fact]
    public void Read_SetWithoutEffort_AssumesTwoRir()
    {
        var (scenario, error) = ReadMutated(r => FirstSet(r).Remove("rir"));

        error.ShouldBeNull();
        scenario.ShouldNotBeNull().History[0].Exercises[0].Sets[0].Rir.Value.ShouldBe(2);
    }

    [Theory]
    [InlineData("AMRAP")]
    [InlineData("8")]
    [InlineData("8-12")]
    public void Read_PlannedRepsForms_AreAccepted(string reps)
    {
        var (_, error) = ReadMutated(r => r["session"]!["exercises"]![0]!["reps"] = reps);

        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("12-8")]
    [InlineData("lots")]
    [InlineData("0")]
    public void Read_BadPlannedReps_NamesReps(string reps)
    {
        ShouldFail(ReadMutated(r => r["session"]!["exercises"]![0]!["reps"] = reps), "$.session.exercises[0].reps");
    }

    [Fact]
    public void Read_ZeroPlannedSets_NamesSets()
    {
        var error = ShouldFail(ReadMutated(r => r["session"]!["exercises"]![0]!["sets"] = 0), "$.session.exercises[0].sets");

        error.Problem.ShouldContain("out of range");
    }

    [Fact]
    public void InputError_ToString_IsPathThenProblem()
    {
        new InputError("$.today", "is required").ToString().ShouldBe("$.today: is required");
    }
}
