using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Scenarios;

namespace Failsafe.Store.Tests.Scenarios;

/// <summary>
/// Runs every scenario file in <c>tests/Failsafe.Store.Tests/Scenarios/scenarios/</c> through the engine and checks
/// the file's <c>expect</c> block (which the reader ignores) against the evaluate contract's JSON output.
/// </summary>
/// <remarks>
/// The <c>expect</c> block:
/// <code>
/// "description": "what this shows, citing the rule",
/// "sets": [ { "exercise", "set", "failure", "targetRir", "reasonsInclude", "reasonsExclude", "beyondFailure" } ],
/// "eligibility": { "failure", "beyondFailure", "reasonsInclude" },
/// "warnings", "warningsAbsent", "actions", "actionsAbsent": [ codes ],
/// "budget": { "windowDays", "failureSetsUsed", "failureSetsAllowed" },
/// "day": { "type", "planned" }   (the day as decided and as planned: hard | medium | light)
/// </code>
/// Every key except a set's <c>exercise</c> and <c>set</c> is optional; unknown keys are errors, so a typo
/// cannot silently drop an expectation.
/// </remarks>
public sealed class ScenarioFileTests
{
    private const string Folder = "tests/Failsafe.Store.Tests/Scenarios/scenarios";

    private static readonly string[] RuleIds =
    [
        "F1", "F2", "F3", "F4", "F5", "F6", "F7",
        "B1", "B2", "B3", "B4", "B5", "B6",
        "R1", "R2", "R3", "R4", "R5", "R6",
        "S1", "S2", "S3", "S4", "S5", "S6", "S7",
        "E1", "E2", "E3", "E4", "E5",
        "W1", "W2", "W3", "W4",
    ];

    /// <summary>Every warning code of the contract, with the rules it reports.</summary>
    private static readonly Dictionary<string, string[]> WarningRules = new(StringComparer.Ordinal)
    {
        ["strength-decline"] = ["W1"],
        ["plateau"] = ["W1"],
        ["persistent-fatigue"] = ["W1"],
        ["mood-change"] = ["W1"],
        ["poor-sleep"] = ["W1"],
        ["aches"] = ["W1"],
        ["low-motivation"] = ["W1"],
        ["failure-overuse"] = ["B1", "B4", "B5", "W4"],
        ["cns-recovery"] = ["R1", "R2"],
        ["muscle-recovery"] = ["R3"],
        ["event-soon"] = ["R4"],
        ["injury"] = ["E1"],
        ["not-eligible"] = ["E1"],
        ["in-season"] = ["E4"],
    };

    /// <summary>Every action code of the contract, with the rules that call for it.</summary>
    private static readonly Dictionary<string, string[]> ActionRules = new(StringComparer.Ordinal)
    {
        ["scale-back-failure"] = ["W2"],
        ["downgrade-day"] = ["W2", "S1", "R4"],
        ["deload"] = ["W2"],
        ["extra-rest"] = ["R5"],
        ["baseline-test"] = ["E5"],
        ["plateau-block"] = ["B6", "W3"],
    };

    private static readonly HashSet<string> ExpectKeys =
        ["description", "sets", "eligibility", "warnings", "warningsAbsent", "actions", "actionsAbsent", "budget", "day"];

    private static readonly HashSet<string> SetKeys =
        ["exercise", "set", "failure", "targetRir", "reasonsInclude", "reasonsExclude", "beyondFailure"];

    private static readonly HashSet<string> EligibilityKeys = ["failure", "beyondFailure", "reasonsInclude"];

    private static readonly HashSet<string> BudgetKeys = ["windowDays", "failureSetsUsed", "failureSetsAllowed"];

    private static readonly HashSet<string> DayKeys = ["type", "planned"];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in ScenarioPaths())
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Evaluate_ScenarioFile_MeetsItsExpectations(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ScenarioFolder(), file));
        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(bytes);
        error.ShouldBeNull($"{file}: the scenario must read without error");
        var json = EvaluationJson.ToJson(Evaluator.Evaluate(scenario.ShouldNotBeNull()));

        using var input = JsonDocument.Parse(bytes);
        using var output = JsonDocument.Parse(json);
        input.RootElement.TryGetProperty("expect", out var expect).ShouldBeTrue($"{file}: has no \"expect\" block");

        var problems = Check(expect, output.RootElement);
        problems.ShouldBeEmpty($"{file} ({Description(expect)}):\n  " + string.Join("\n  ", problems) + "\n\nengine output:\n" + json);
    }

    [Fact]
    public void ScenarioFolder_AllFiles_CoverEveryRuleWarningAndAction()
    {
        var paths = ScenarioPaths();
        paths.Length.ShouldBeGreaterThanOrEqualTo(25, $"{Folder} should hold at least 25 scenario files");

        var warnings = new HashSet<string>(StringComparer.Ordinal);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var file = Path.GetFileName(path);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("expect", out var expect) || expect.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{file}: no \"expect\" object");
                continue;
            }
            var description = Description(expect);
            if (description.Length == 0)
                problems.Add($"{file}: expect.description is missing or empty");

            // Rule ids the expectations check, directly (set and eligibility reasons) or through the codes that report them.
            var checkedIds = new HashSet<string>(StringComparer.Ordinal);
            if (expect.TryGetProperty("sets", out var sets) && sets.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in sets.EnumerateArray())
                {
                    checkedIds.UnionWith(Strings(s, "reasonsInclude"));
                    checkedIds.UnionWith(Strings(s, "reasonsExclude"));
                }
            }
            if (expect.TryGetProperty("eligibility", out var eligibility) && eligibility.ValueKind == JsonValueKind.Object)
                checkedIds.UnionWith(Strings(eligibility, "reasonsInclude"));
            foreach (var code in Strings(expect, "warnings"))
            {
                warnings.Add(code);
                checkedIds.UnionWith(WarningRules.GetValueOrDefault(code, []));
            }
            foreach (var code in Strings(expect, "actions"))
            {
                actions.Add(code);
                checkedIds.UnionWith(ActionRules.GetValueOrDefault(code, []));
            }

            foreach (var id in RuleIds)
            {
                if (checkedIds.Contains(id) && Regex.IsMatch(description, $@"(?<![A-Z0-9]){id}(?![0-9])"))
                    rules.Add(id);
            }
        }

        problems.AddRange(RuleIds.Where(id => !rules.Contains(id))
            .Select(id => $"rule {id}: no scenario both cites it in its description and checks it in its expectations"));
        problems.AddRange(WarningRules.Keys.Where(c => !warnings.Contains(c))
            .Select(c => $"warning '{c}': no scenario expects it to be present"));
        problems.AddRange(ActionRules.Keys.Where(c => !actions.Contains(c))
            .Select(c => $"action '{c}': no scenario expects it to be present"));
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private static List<string> Check(JsonElement expect, JsonElement output)
    {
        var problems = new List<string>();
        UnknownKeys(expect, ExpectKeys, "expect", problems);

        if (expect.TryGetProperty("sets", out var sets))
        {
            foreach (var s in sets.EnumerateArray())
                CheckSet(s, output, problems);
        }

        if (expect.TryGetProperty("eligibility", out var eligibility))
        {
            UnknownKeys(eligibility, EligibilityKeys, "eligibility", problems);
            var actual = output.GetProperty("eligibility");
            foreach (var key in new[] { "failure", "beyondFailure" })
            {
                if (eligibility.TryGetProperty(key, out var want) && want.GetBoolean() != actual.GetProperty(key).GetBoolean())
                    problems.Add($"eligibility.{key}: expected {Lower(want.GetBoolean())}, was {Lower(actual.GetProperty(key).GetBoolean())}");
            }
            var reasons = Strings(actual, "reasons");
            foreach (var id in Strings(eligibility, "reasonsInclude").Where(id => !reasons.Contains(id)))
                problems.Add($"eligibility.reasonsInclude: expected {id} among [{string.Join(", ", reasons)}]");
        }

        var warnings = Codes(output, "warnings");
        var actions = Codes(output, "actions");
        foreach (var code in Strings(expect, "warnings").Where(c => !warnings.Contains(c)))
            problems.Add($"warnings: expected '{code}' among [{string.Join(", ", warnings)}]");
        foreach (var code in Strings(expect, "warningsAbsent").Where(warnings.Contains))
            problems.Add($"warningsAbsent: '{code}' should not be present");
        foreach (var code in Strings(expect, "actions").Where(c => !actions.Contains(c)))
            problems.Add($"actions: expected '{code}' among [{string.Join(", ", actions)}]");
        foreach (var code in Strings(expect, "actionsAbsent").Where(actions.Contains))
            problems.Add($"actionsAbsent: '{code}' should not be present");

        if (expect.TryGetProperty("budget", out var budget))
        {
            UnknownKeys(budget, BudgetKeys, "budget", problems);
            var actual = output.GetProperty("budget");
            foreach (var key in BudgetKeys)
            {
                if (budget.TryGetProperty(key, out var want) && want.GetInt32() != actual.GetProperty(key).GetInt32())
                    problems.Add($"budget.{key}: expected {want.GetInt32()}, was {actual.GetProperty(key).GetInt32()}");
            }
        }

        if (expect.TryGetProperty("day", out var day))
        {
            UnknownKeys(day, DayKeys, "day", problems);
            var actual = output.GetProperty("day");
            foreach (var key in DayKeys)
            {
                if (day.TryGetProperty(key, out var want) && want.GetString() != actual.GetProperty(key).GetString())
                    problems.Add($"day.{key}: expected {want.GetString()}, was {actual.GetProperty(key).GetString()}");
            }
        }
        return problems;
    }

    private static void CheckSet(JsonElement want, JsonElement output, List<string> problems)
    {
        var exercise = want.GetProperty("exercise").GetString()!;
        var number = want.GetProperty("set").GetInt32();
        var where = $"sets[{exercise} #{number}]";
        UnknownKeys(want, SetKeys, where, problems);

        var decision = output.GetProperty("exercises").EnumerateArray()
            .Where(e => string.Equals(e.GetProperty("exercise").GetString(), exercise, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.GetProperty("catalogName").GetString(), exercise, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.GetProperty("sets").EnumerateArray())
            .Where(s => s.GetProperty("set").GetInt32() == number)
            .Select(s => (JsonElement?)s)
            .FirstOrDefault();
        if (decision is not { } actual)
        {
            problems.Add($"{where}: no such exercise and set in the output");
            return;
        }

        var reasons = Strings(actual, "reasons");
        var shown = $"(failure {actual.GetProperty("failure").GetString()}, targetRir {Number(actual.GetProperty("targetRir"))}, reasons [{string.Join(", ", reasons)}])";
        if (want.TryGetProperty("failure", out var failure) && failure.GetString() != actual.GetProperty("failure").GetString())
            problems.Add($"{where}.failure: expected '{failure.GetString()}', was '{actual.GetProperty("failure").GetString()}' {shown}");
        if (want.TryGetProperty("targetRir", out var rir) && Math.Abs(rir.GetDouble() - actual.GetProperty("targetRir").GetDouble()) > 1e-9)
            problems.Add($"{where}.targetRir: expected {Number(rir)}, was {Number(actual.GetProperty("targetRir"))} {shown}");
        foreach (var id in Strings(want, "reasonsInclude").Where(id => !reasons.Contains(id)))
            problems.Add($"{where}.reasonsInclude: expected {id} {shown}");
        foreach (var id in Strings(want, "reasonsExclude").Where(reasons.Contains))
            problems.Add($"{where}.reasonsExclude: {id} should not be a reason {shown}");
        if (want.TryGetProperty("beyondFailure", out _))
        {
            var expected = Strings(want, "beyondFailure").Order(StringComparer.Ordinal).ToList();
            var techniques = Strings(actual, "beyondFailure").Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(techniques))
                problems.Add($"{where}.beyondFailure: expected [{string.Join(", ", expected)}], was [{string.Join(", ", techniques)}] {shown}");
        }
    }

    private static void UnknownKeys(JsonElement obj, HashSet<string> known, string where, List<string> problems)
    {
        foreach (var p in obj.EnumerateObject().Where(p => !known.Contains(p.Name)))
            problems.Add($"{where}: unknown expectation key '{p.Name}'");
    }

    private static List<string> Strings(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(x => x.GetString()!)]
            : [];

    private static List<string> Codes(JsonElement output, string name) =>
        [.. output.GetProperty(name).EnumerateArray().Select(x => x.GetProperty("code").GetString()!)];

    private static string Description(JsonElement expect) =>
        expect.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";

    private static string Number(JsonElement e) => e.GetDouble().ToString(CultureInfo.InvariantCulture);

    private static string Lower(bool b) => b ? "true" : "false";

    private static string[] ScenarioPaths() =>
        [.. Directory.GetFiles(ScenarioFolder(), "*.json").Order(StringComparer.Ordinal)];

    private static string ScenarioFolder() => Path.Combine(RepoRoot(), Folder);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Failsafe.slnx not found above " + AppContext.BaseDirectory);
    }
}
