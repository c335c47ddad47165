using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failsafe.Store.Scenarios;

namespace Failsafe.Cli.Tests;

public sealed class CliTests
{
    private static readonly string[] TopLevelFields = ["today", "eligibility", "exercises", "warnings", "actions", "budget", "day"];
    private static readonly string[] SetFields = ["set", "reps", "targetRir", "weightKg", "failure", "beyondFailure", "reasons"];
    private static readonly string[] FailureWords = ["none", "technical", "absolute"];
    private static readonly string[] TechniqueWords = ["drop-set", "forced-reps", "negatives", "rest-pause"];
    private static readonly string[] WarningCodes =
    [
        "strength-decline", "plateau", "persistent-fatigue", "mood-change", "poor-sleep", "aches", "low-motivation",
        "failure-overuse", "cns-recovery", "muscle-recovery", "event-soon", "injury", "not-eligible", "in-season",
    ];
    private static readonly string[] ActionCodes = ["scale-back-failure", "downgrade-day", "deload", "extra-rest", "baseline-test", "plateau-block"];

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Failsafe.slnx not found above " + AppContext.BaseDirectory);
    }

    internal static string ExamplePath => Path.Combine(RepoRoot(), "examples", "scenario.json");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run(args, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A temp directory for one test, deleted when the test ends.</summary>
    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "failsafe-tests-" + Guid.NewGuid().ToString("N"));

        public TempDir() => Directory.CreateDirectory(Path);

        public string Write(string name, string content)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, content, new UTF8Encoding(false));
            return file;
        }

        public void Dispose()
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
    }

    private static string ExampleWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(ExamplePath))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject FirstHistorySet(JsonObject root) => root["history"]![0]!["exercises"]![0]!["sets"]![0]!.AsObject();

    private static IEnumerable<JsonElement> AllSets(JsonElement evaluation) =>
        evaluation.GetProperty("exercises").EnumerateArray().SelectMany(x => x.GetProperty("sets").EnumerateArray());

    // ---- exercises / exercise ----

    [Fact]
    public void Exercises_Bench_ListsBenchPressFamilyWithProperties()
    {
        var (code, stdout, stderr) = Run("exercises", "bench");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        stdout.ShouldContain("Barbell Bench Press - Medium Grip");
        stdout.ShouldContain("Dumbbell Bench Press");
        stdout.ShouldContain("technical");
        stdout.ShouldContain("compound");
    }

    [Fact]
    public void Exercises_BenchJson_IsArrayWithClassification()
    {
        var (code, stdout, stderr) = Run("exercises", "bench", "--json");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.ValueKind.ShouldBe(JsonValueKind.Array);
        var items = doc.RootElement.EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThan(1);
        foreach (var item in items)
        {
            item.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
            item.GetProperty("maxFailure").GetString().ShouldBeOneOf(FailureWords);
            item.GetProperty("maxFailureWithSpotter").GetString().ShouldBeOneOf(FailureWords);
            item.GetProperty("cnsDemand").GetString().ShouldBeOneOf("low", "moderate", "high");
            item.GetProperty("canPin").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        }
        var bench = items.Single(i => i.GetProperty("name").GetString() == "Barbell Bench Press - Medium Grip");
        bench.GetProperty("maxFailure").GetString().ShouldBe("none");
        bench.GetProperty("maxFailureWithSpotter").GetString().ShouldBe("technical");
        bench.GetProperty("spotterChangesVerdict").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Exercises_NoMatchJson_IsEmptyArray()
    {
        var (code, stdout, _) = Run("exercises", "zzzqqq", "--json");

        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Exercise_SquatBarbellAliasJson_ResolvesToBarbellSquat()
    {
        var (code, stdout, stderr) = Run("exercise", "Squat (Barbell)", "--json");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        var e = doc.RootElement;
        e.GetProperty("name").GetString().ShouldBe("Barbell Squat");
        e.GetProperty("maxFailure").GetString().ShouldBe("none");
        e.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ShouldContain("Squat (Barbell)");
    }

    [Fact]
    public void Exercise_Text_ShowsProperties()
    {
        var (code, stdout, _) = Run("exercise", "Back Squat");

        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("Barbell Squat");
        stdout.ShouldContain("Max failure");
        stdout.ShouldContain("F3");
    }

    [Fact]
    public void Exercise_Misspelled_ExitsInvalidInputWithSuggestion()
    {
        var (code, stdout, stderr) = Run("exercise", "Bench Prss");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("'Bench Prss'");
        stderr.ShouldContain("did you mean");
        stderr.ShouldContain("Bench Press");
    }

    // ---- evaluate ----

    [Fact]
    public void Evaluate_ExampleJson_HasContractShape()
    {
        var (code, stdout, stderr) = Run("evaluate", ExamplePath, "--json");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(TopLevelFields, ignoreOrder: true);
        root.GetProperty("today").GetString().ShouldBe("2026-11-23");

        var eligibility = root.GetProperty("eligibility");
        eligibility.GetProperty("failure").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        eligibility.GetProperty("beyondFailure").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        eligibility.GetProperty("reasons").EnumerateArray().ShouldAllBe(r => IsRuleId(r.GetString()));

        var exercises = root.GetProperty("exercises").EnumerateArray().ToList();
        exercises.Select(x => x.GetProperty("exercise").GetString())
            .ShouldBe(["Barbell Back Squat", "Barbell Bench Press", "Lat Pulldown", "Dumbbell Lateral Raise"]);
        exercises[0].GetProperty("catalogName").GetString().ShouldBe("Barbell Squat");
        exercises[0].GetProperty("classification").GetProperty("maxFailure").GetString().ShouldBe("none");
        exercises.Select(x => x.GetProperty("sets").GetArrayLength()).ShouldBe([4, 3, 3, 3]);
        foreach (var x in exercises)
        {
            var c = x.GetProperty("classification");
            c.GetProperty("maxFailure").GetString().ShouldBeOneOf(FailureWords);
            c.GetProperty("equipment").ValueKind.ShouldBe(JsonValueKind.String);
            var sets = x.GetProperty("sets").EnumerateArray().ToList();
            sets.Select(s => s.GetProperty("set").GetInt32()).ShouldBe(Enumerable.Range(1, sets.Count));
        }

        foreach (var s in AllSets(root))
        {
            var names = s.EnumerateObject().Select(p => p.Name).ToList();
            foreach (var field in SetFields)
                names.ShouldContain(field);
            s.GetProperty("reps").ValueKind.ShouldBe(JsonValueKind.String);
            s.GetProperty("targetRir").ValueKind.ShouldBe(JsonValueKind.Number);
            s.GetProperty("weightKg").ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
            var failure = s.GetProperty("failure").GetString();
            failure.ShouldBeOneOf(FailureWords);
            if (failure == "none")
                s.GetProperty("targetRir").GetDouble().ShouldBeGreaterThanOrEqualTo(1);
            s.GetProperty("beyondFailure").EnumerateArray().ShouldAllBe(t => TechniqueWords.Contains(t.GetString()));
            var reasons = s.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
            reasons.ShouldNotBeEmpty();
            reasons.ShouldAllBe(r => IsRuleId(r));
        }

        foreach (var w in root.GetProperty("warnings").EnumerateArray())
        {
            w.GetProperty("code").GetString().ShouldBeOneOf(WarningCodes);
            IsRuleId(w.GetProperty("rule").GetString()).ShouldBeTrue();
            w.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        foreach (var a in root.GetProperty("actions").EnumerateArray())
        {
            a.GetProperty("code").GetString().ShouldBeOneOf(ActionCodes);
            IsRuleId(a.GetProperty("rule").GetString()).ShouldBeTrue();
        }

        var budget = root.GetProperty("budget");
        budget.EnumerateObject().Select(p => p.Name).ShouldBe(["windowDays", "failureSetsUsed", "failureSetsAllowed"], ignoreOrder: true);
        budget.GetProperty("windowDays").GetInt32().ShouldBe(14);
        budget.GetProperty("failureSetsUsed").GetInt32().ShouldBe(1);
    }

    private static bool IsRuleId(string? id) =>
        id is { Length: >= 2 } && char.IsAsciiLetterUpper(id[0]) && id[1..].All(char.IsAsciiDigit);

    [Fact]
    public void Evaluate_ExampleJson_SquatNeverToFailure()
    {
        var (_, stdout, _) = Run("evaluate", ExamplePath, "--json");

        using var doc = JsonDocument.Parse(stdout);
        var squat = doc.RootElement.GetProperty("exercises")[0];
        squat.GetProperty("sets").EnumerateArray().ShouldAllBe(s => s.GetProperty("failure").GetString() == "none");
        squat.GetProperty("sets")[0].GetProperty("weightKg").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Evaluate_ExampleText_ShowsExercisesWarningsAndRules()
    {
        var (code, stdout, stderr) = Run("evaluate", ExamplePath);

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        stdout.ShouldContain("Barbell Back Squat");
        stdout.ShouldContain("Barbell Bench Press");
        stdout.ShouldContain("Lat Pulldown");
        stdout.ShouldContain("Dumbbell Lateral Raise");
        stdout.ShouldContain("Warnings");
        stdout.ShouldContain("Actions");
        stdout.ShouldContain("E1");
        stdout.ShouldContain("F3");
        stdout.ShouldContain("2026-11-23");
        stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Evaluate_PoundsAthlete_ShowsPounds()
    {
        using var dir = new TempDir();
        var file = dir.Write("lb.json", ExampleWith(r => r["athlete"]!["unit"] = "lb"));

        var (code, stdout, _) = Run("evaluate", file);

        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("lb");
    }

    public static TheoryData<string, string, string, string> BadScenarios => new()
    {
        { "malformed", """{ "today": "2026-11-23", "athlete": { """, "$", "malformed JSON" },
        { "wrong-type", ExampleWith(r => r["athlete"]!["trainingYears"] = "four"), "$.athlete.trainingYears", "expected a number, found a string" },
        { "negative-rir", ExampleWith(r => FirstHistorySet(r)["rir"] = -1), "$.history[0].exercises[0].sets[0].rir", "out of range" },
        { "negative-load", ExampleWith(r => FirstHistorySet(r)["weightKg"] = -20), "$.history[0].exercises[0].sets[0].weightKg", "out of range" },
        { "unknown-exercise", ExampleWith(r => r["session"]!["exercises"]![1]!["exercise"] = "Bench Prss"), "$.session.exercises[1].exercise", "unknown exercise 'Bench Prss'" },
        { "future-history", ExampleWith(r => r["history"]![1]!["date"] = "2026-11-24"), "$.history[1].date", "after today" },
        { "future-wellness", ExampleWith(r => r["wellness"]![0]!["date"] = "2026-12-01"), "$.wellness[0].date", "after today" },
        { "missing-session", ExampleWith(r => r.Remove("session")), "$.session", "is required" },
        { "bad-phase", ExampleWith(r => r["phase"] = "bulk"), "$.phase", "'bulk'" },
        { "too-many-exercises", ExampleWith(r => r["session"]!["exercises"] = new JsonArray([.. Enumerable.Range(0, 200).Select(_ => (JsonNode)new JsonObject { ["exercise"] = "Leg Press", ["sets"] = 3 })])),
            "$.session.exercises", "200 exercises in one session; at most 20" },
        { "too-many-sets", ExampleWith(r => r["session"]!["exercises"]![0]!["sets"] = 11), "$.session.exercises[0].sets", "out of range" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Evaluate_BadInput_ExitsInvalidInputNamingPath(string name, string content, string path, string problem)
    {
        using var dir = new TempDir();
        var file = dir.Write(name + ".json", content);

        var (code, stdout, stderr) = Run("evaluate", file, "--json");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(path + ":");
        stderr.ShouldContain(problem);
        stderr.ShouldContain(name + ".json");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_BadInputText_NothingOnStdout(bool json)
    {
        using var dir = new TempDir();
        var file = dir.Write("bad.json", ExampleWith(r => FirstHistorySet(r)["rir"] = 1.3));

        var (code, stdout, stderr) = Run(json ? ["evaluate", file, "--json"] : ["evaluate", file]);

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("$.history[0].exercises[0].sets[0].rir");
    }

    [Fact]
    public void Evaluate_MissingFile_ExitsInvalidInput()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "nope.json");

        var (code, stdout, stderr) = Run("evaluate", missing, "--json");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("nope.json");
        stderr.ShouldContain("cannot read");
    }

    [Fact]
    public void Evaluate_DirectoryInsteadOfFile_ExitsInvalidInput()
    {
        using var dir = new TempDir();

        var (code, stdout, stderr) = Run("evaluate", dir.Path);

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("""{ "maxFailureShare": 1.5 }""", "$.maxFailureShare")]
    [InlineData("""{ "failureSetsPerWindow": -1 }""", "$.failureSetsPerWindow")]
    [InlineData("""{ "failureBudget": 3 }""", "$.failureBudget")]
    [InlineData("""{ "maxFailureShare": "lots" }""", "$.maxFailureShare")]
    public void Evaluate_InvalidPolicy_ExitsInvalidInputNamingField(string policy, string path)
    {
        using var dir = new TempDir();
        var policyFile = dir.Write("policy.json", policy);

        var (code, stdout, stderr) = Run("evaluate", ExamplePath, "--json", "--policy", policyFile);

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(path);
        stderr.ShouldContain("policy.json");
    }

    [Fact]
    public void Evaluate_MissingPolicyFile_ExitsInvalidInput()
    {
        using var dir = new TempDir();

        var (code, stdout, stderr) = Run("evaluate", ExamplePath, "--policy", Path.Combine(dir.Path, "absent.json"));

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("absent.json");
    }

    [Fact]
    public void Evaluate_DefaultPolicy_AllowsSomeFailure()
    {
        // Guards the next test: with the default policy the example has at least one set allowed to fail.
        var (_, stdout, _) = Run("evaluate", ExamplePath, "--json");

        using var doc = JsonDocument.Parse(stdout);
        AllSets(doc.RootElement).ShouldContain(s => s.GetProperty("failure").GetString() != "none");
    }

    [Fact]
    public void Evaluate_NoFailureExercisesPolicy_NoSetAllowsFailure()
    {
        using var dir = new TempDir();
        var policyFile = dir.Write("strict.json", """{ "maxFailureExercisesPerSession": 0 }""");

        var (code, stdout, stderr) = Run("evaluate", ExamplePath, "--json", "--policy", policyFile);

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        AllSets(doc.RootElement).ShouldAllBe(s => s.GetProperty("failure").GetString() == "none");
        AllSets(doc.RootElement).ShouldAllBe(s => s.GetProperty("beyondFailure").GetArrayLength() == 0);
    }

    [Fact]
    public void Evaluate_DefaultPolicyFile_SameAsNoPolicy()
    {
        using var dir = new TempDir();
        var policyFile = dir.Write("default.json", PolicyReader.ToJson(Failsafe.Engine.Policy.Default));

        var withFile = Run("evaluate", ExamplePath, "--json", "--policy", policyFile);
        var without = Run("evaluate", ExamplePath, "--json");

        withFile.Code.ShouldBe(ExitCodes.Ok);
        withFile.Out.ShouldBe(without.Out);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluate_Twice_ByteIdenticalOutput(bool json)
    {
        string[] args = json ? ["evaluate", ExamplePath, "--json"] : ["evaluate", ExamplePath];

        var first = Run(args);
        var second = Run(args);

        first.Code.ShouldBe(ExitCodes.Ok);
        Encoding.UTF8.GetBytes(second.Out).ShouldBe(Encoding.UTF8.GetBytes(first.Out));
    }

    // ---- usage errors ----

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("evaluate", "--bogus")]
    [InlineData("evaluate")]
    [InlineData("exercises", "--color")]
    public void Run_UsageError_ExitsUsage(params string[] args)
    {
        var (code, _, stderr) = Run(args);

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldNotBeEmpty();
    }

    [Fact]
    public void Run_UnknownOptionWithValidFile_ExitsUsage()
    {
        var (code, _, _) = Run("evaluate", ExamplePath, "--jsn");

        code.ShouldBe(ExitCodes.Usage);
    }

    // ---- policy ----

    [Fact]
    public void Policy_PrintsJsonThatPolicyReaderAccepts()
    {
        var (code, stdout, stderr) = Run("policy");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        var (policy, error) = PolicyReader.Read(Encoding.UTF8.GetBytes(stdout));
        error.ShouldBeNull();
        var p = policy.ShouldNotBeNull();
        var d = Failsafe.Engine.Policy.Default;
        (p with { SplitFailureSetsPerWeek = d.SplitFailureSetsPerWeek, WarmupRamp = d.WarmupRamp, LightWarmupRamp = d.LightWarmupRamp }).ShouldBe(d);
        p.WarmupRamp.ShouldBe(d.WarmupRamp);
        p.LightWarmupRamp.ShouldBe(d.LightWarmupRamp);
        p.SplitFailureSetsPerWeek.OrderBy(kv => kv.Key).ShouldBe(Failsafe.Engine.Policy.Default.SplitFailureSetsPerWeek.OrderBy(kv => kv.Key));
    }
}

public sealed class PolicyPresetCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run(args, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("conservative")]
    [InlineData("hit")]
    [InlineData("competition")]
    [InlineData("endurance")]
    public void Policy_Preset_PrintsThatPresetInFull(string name)
    {
        var (code, stdout, stderr) = Run("policy", "--preset", name);

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        stdout.Trim().ShouldBe(PolicyReader.ToJson(PolicyPresets.Get(name)!));
    }

    [Fact]
    public void Policy_UnknownPreset_UsageErrorNamingThePresets()
    {
        var (code, _, stderr) = Run("policy", "--preset", "yolo");

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("conservative, hit, competition, endurance");
    }

    [Fact]
    public void Evaluate_EndurancePreset_NoSetAllowsFailure()
    {
        var (code, stdout, stderr) = Run("evaluate", CliTests.ExamplePath, "--json", "--policy", "endurance");

        code.ShouldBe(ExitCodes.Ok);
        stderr.ShouldBeEmpty();
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("exercises").EnumerateArray().SelectMany(x => x.GetProperty("sets").EnumerateArray())
            .ShouldAllBe(s => s.GetProperty("failure").GetString() == "none");
    }

    [Fact]
    public void Evaluate_ConservativePreset_SameAsNoPolicy() =>
        Run("evaluate", CliTests.ExamplePath, "--json", "--policy", "conservative").Out.ShouldBe(Run("evaluate", CliTests.ExamplePath, "--json").Out);

    [Theory]
    [InlineData("plan", "--weeks", "4")]
    [InlineData("next", "--done", "DONE")]
    public void PlanAndNext_TakeAPreset(params string[] rest)
    {
        using var dir = new CliTests.TempDir();
        var done = dir.Write("done.json", """{ "sets": [] }""");
        string[] args = [rest[0], CliTests.ExamplePath, .. rest[1..].Select(a => a == "DONE" ? done : a), "--policy", "hit"];

        var (code, _, stderr) = Run(args);

        code.ShouldBe(ExitCodes.Ok, stderr);
    }

    [Fact]
    public void Evaluate_NeitherPresetNorFile_ErrorNamesBoth()
    {
        var (code, _, stderr) = Run("evaluate", CliTests.ExamplePath, "--policy", "no-such-thing");

        code.ShouldNotBe(ExitCodes.Ok);
        stderr.ShouldContain("no-such-thing");
        stderr.ShouldContain("conservative, hit, competition, endurance");
    }
}
