namespace Failsafe.Cli.Evaluate;

/// <summary><c>failsafe evaluate FILE [--json] [--policy NAME|FILE]</c>: the engine on one scenario file.</summary>
public static class EvaluateCommand
{
    public static Command Create(Io io)
    {
        var file = new Argument<FileInfo>("file") { Description = "A scenario JSON file (see docs/formats.md); '-' reads standard input." };
        var json = new Option<bool>("--json") { Description = "Print the evaluate contract's JSON instead of tables." };
        var policyFile = PolicyOption();
        Arguments.NotAnOption(file);
        var command = new Command("evaluate", "Decide, for every planned set, how close to failure to go, and say why.") { file, json, policyFile };
        command.SetAction(parse =>
        {
            if (!TryLoadPolicy(io, parse.GetValue(policyFile), out var policy, out var code))
                return code;
            var f = parse.GetValue(file)!;
            if (!TryRead(io, f, out var bytes, out var readCode))
                return readCode;
            var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(bytes);
            if (error is not null)
                return io.Fail($"{f.Name}: {error}");
            var evaluation = Evaluator.Evaluate(scenario!, policy);
            if (parse.GetValue(json))
                io.Out.WriteLine(EvaluationJson.ToJson(evaluation));
            else
                Print(io.Console, evaluation, scenario!.Athlete.Unit);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>failsafe policy [--preset NAME]</c>: the default policy, or a preset (RULES "Presets"), as JSON with every field.
    /// </summary>
    public static Command PolicyCommand(Io io)
    {
        var preset = new Option<string?>("--preset") { Description = $"Print this preset instead of the default: {PolicyPresets.List}." };
        var command = new Command("policy", "Print the default policy (or a preset) as JSON: every number the rules use, to copy and edit for --policy.") { preset };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(preset);
            var policy = name is null ? Policy.Default : PolicyPresets.Get(name);
            if (policy is null)
                return io.Fail($"--preset {name}: no such preset; the presets are {PolicyPresets.List}", ExitCodes.Usage);
            io.Out.WriteLine(PolicyReader.ToJson(policy));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The <c>--policy NAME|FILE</c> option of every command that takes a policy.</summary>
    internal static Option<string?> PolicyOption(string? what = null) => new("--policy")
    {
        Description = $"A preset ({PolicyPresets.List}) or a policy JSON file overriding some or all of the default numbers{(what is null ? "" : $" ({what})")}; see `failsafe policy`.",
    };

    /// <summary>
    /// The default policy, the preset named <paramref name="value"/>, or the policy in the file it names; false (with the
    /// exit code) when it cannot be used.
    /// </summary>
    internal static bool TryLoadPolicy(Io io, string? value, out Policy policy, out int code)
    {
        policy = Policy.Default;
        code = ExitCodes.Ok;
        if (value is null)
            return true;
        if (PolicyPresets.Get(value) is { } preset)
        {
            policy = preset;
            return true;
        }
        var file = new FileInfo(value);
        if (!file.Exists && value != "-")
        {
            code = io.Fail($"--policy {value}: neither a preset ({PolicyPresets.List}) nor a policy file");
            return false;
        }
        if (!TryRead(io, file, out var bytes, out code))
            return false;
        var (p, error) = PolicyReader.Read(bytes);
        if (error is not null)
        {
            code = io.Fail($"{file.Name}: invalid policy at {error}");
            return false;
        }
        policy = p!;
        return true;
    }

    internal static bool TryRead(Io io, FileInfo file, out byte[] bytes, out int code)
    {
        bytes = [];
        code = ExitCodes.Ok;
        try
        {
            if (file.ToString() == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else
            {
                bytes = File.ReadAllBytes(file.FullName);
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            code = io.Fail($"cannot read '{file}': {ex.Message}");
            return false;
        }
    }

    /// <summary>
    /// The day's sets. Short by default: warnings and actions first, eligibility as one status line, each exercise's
    /// table with the one rule that decided it; <paramref name="why"/> prints every rule behind every set.
    /// </summary>
    internal static void Print(IAnsiConsole console, Evaluation e, WeightUnit unit, bool why = true)
    {
        if (!why)
        {
            PrintShort(console, e, unit);
            return;
        }
        console.MarkupLineInterpolated($"[bold]Failsafe — {e.Today:yyyy-MM-dd}[/]");
        console.MarkupLine($"Lifter: {EligibilityLine(e)}");
        foreach (var r in e.Eligibility.Reasons)
            console.MarkupLineInterpolated($"  [dim]{r.Rule}[/] {r.Message}");
        console.WriteLine();

        var n = 0;
        foreach (var x in e.Exercises)
        {
            n++;
            var c = x.CatalogExercise;
            var resolved = string.Equals(x.Exercise, c.Name, StringComparison.OrdinalIgnoreCase) ? "" : $" → {c.Name}";
            console.MarkupLineInterpolated($"[bold]{n}. {x.Exercise}{resolved}[/] ({c.Mechanic.ToString().ToLowerInvariant()}, {c.Equipment}; the exercise tolerates: {Words.Of(x.MaxFailure)})");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Set", "Reps", "Target RIR", "Load", "Failure allowed", "Beyond failure", "Rest");
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            var w = 0;
            foreach (var u in x.Warmups)
            {
                table.AddRow(
                    $"warm-up {++w}",
                    u.Reps.ToString(ci),
                    "—",
                    u.WeightKg is { } ukg ? Load.Kg(ukg).To(unit).ToString() : $"{u.Share:P0} of set 1",
                    "[dim]warm-up, not a working set[/]",
                    "—",
                    Rest(u.RestSeconds));
            }
            foreach (var s in x.Sets)
            {
                table.AddRow(
                    s.Set.ToString(ci),
                    s.Reps,
                    s.TargetRir.ToString("0.#", ci),
                    s.WeightKg is { } kg ? Load.Kg(kg).To(unit).ToString() : "—",
                    FailureMarkup(s.Failure),
                    s.BeyondFailure.IsEmpty ? "—" : string.Join(", ", s.BeyondFailure.Select(Words.Of)),
                    Rest(s.RestSeconds));
            }
            console.Write(table);
            var reasons = x.Sets.SelectMany(s => s.Reasons.Select(r => (r, s.Set)))
                .GroupBy(t => t.r)
                .Select(g => (Reason: g.Key, Sets: g.Select(t => t.Set).ToList()));
            foreach (var (reason, sets) in reasons)
            {
                var which = sets.Count == x.Sets.Length ? "all sets" : sets.Count == 1 ? $"set {sets[0]}" : $"sets {string.Join(", ", sets)}";
                console.MarkupLineInterpolated($"  [dim]{reason.Rule}[/] {reason.Message} [dim]({which})[/]");
            }
            console.WriteLine();
        }

        PrintNotices(console, e);
    }

    private static string EligibilityLine(Evaluation e) => e.Eligibility.Failure
        ? e.Eligibility.BeyondFailure ? "[green]eligible for failure and beyond-failure techniques[/]" : "[green]eligible for failure training[/] (no beyond-failure techniques)"
        : "[yellow]not eligible for failure training[/]";

    /// <summary>The rules that decide an exercise, strictest first: a warning sign, a deload, who may fail, what may fail, the budget, recovery, placement.</summary>
    private static readonly string[] Deciding = ["W2", "S4", "E4", "E1", "E2", "F3", "F4", "F1", "R4", "R2", "R1", "R3", "B3", "B4", "B5", "B1", "B2", "F6", "F5", "S1", "S3", "S2", "F2", "S7", "E3", "R5", "S6"];

    private static void PrintShort(IAnsiConsole console, Evaluation e, WeightUnit unit)
    {
        var warnings = e.Warnings.Where(w => w.Code != "not-eligible").ToList();
        foreach (var w in warnings)
            console.MarkupLineInterpolated($"[yellow]Warning:[/] {w.Message} [dim]({w.Rule})[/]");
        foreach (var a in e.Actions)
            console.MarkupLineInterpolated($"[cyan]Action:[/] {a.Message} [dim]({a.Rule})[/]");
        foreach (var c in e.DayChanges)
            console.MarkupLineInterpolated($"[cyan]Today:[/] {c.Message} [dim]({c.Rule})[/]");
        console.MarkupLine($"Lifter: {EligibilityLine(e)}; failure budget: {e.Budget.FailureSetsUsed} of {e.Budget.FailureSetsAllowed} used in {e.Budget.WindowDays} days");
        var n = 0;
        foreach (var x in e.Exercises)
        {
            n++;
            console.MarkupLineInterpolated($"[bold]{n}. {x.Exercise}[/]");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Set", "Reps", "Target RIR", "Load", "Failure", "Rest");
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            var w = 0;
            foreach (var u in x.Warmups)
            {
                table.AddRow(
                    $"W{++w}", u.Reps.ToString(ci), "—", u.WeightKg is { } ukg ? Load.Kg(ukg).To(unit).ToString() : $"{u.Share:P0} of set 1",
                    "[dim]warm-up[/]", Rest(u.RestSeconds));
            }
            foreach (var s in x.Sets)
            {
                table.AddRow(
                    s.Set.ToString(ci), s.Reps, s.TargetRir.ToString("0.#", ci),
                    s.WeightKg is { } kg ? Load.Kg(kg).To(unit).ToString() : "—", FailureMarkup(s.Failure), Rest(s.RestSeconds));
            }
            console.Write(table);
            var last = x.Sets.IsEmpty ? null : x.Sets[^1];
            var reasons = last?.Reasons ?? [];
            var deciding = reasons.Where(r => Array.IndexOf(Deciding, r.Rule) >= 0).OrderBy(r => Array.IndexOf(Deciding, r.Rule)).FirstOrDefault();
            if (last?.Failure > FailureLevel.None)
                deciding = reasons.FirstOrDefault(r => r.Rule is "F2" or "F4") ?? deciding;
            if (deciding is not null)
                console.MarkupLineInterpolated($"  {deciding.Message} [dim]({deciding.Rule})[/]");
        }
        console.MarkupLine("[dim]--why lists every rule behind every set.[/]");
    }

    private static string Rest(int seconds) => seconds % 60 == 0
        ? $"{seconds / 60} min"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds / 60.0:0.#} min");

    /// <summary>Warnings, actions and the failure budget.</summary>
    internal static void PrintNotices(IAnsiConsole console, Evaluation e)
    {
        console.MarkupLine(e.Warnings.IsEmpty ? "[bold]Warnings:[/] none" : "[bold]Warnings:[/]");
        foreach (var w in e.Warnings)
            console.MarkupLineInterpolated($"  [yellow]{w.Code}[/] ({w.Rule}): {w.Message}");
        console.MarkupLine(e.Actions.IsEmpty ? "[bold]Actions:[/] none" : "[bold]Actions:[/]");
        foreach (var a in e.Actions)
            console.MarkupLineInterpolated($"  [cyan]{a.Code}[/] ({a.Rule}): {a.Message}");
        foreach (var c in e.DayChanges)
            console.MarkupLineInterpolated($"[bold]Today:[/] {c.Message} ({c.Rule})");
        console.MarkupLineInterpolated($"[bold]Failure budget:[/] {e.Budget.FailureSetsUsed} of {e.Budget.FailureSetsAllowed} failure sets used in the last {e.Budget.WindowDays} days");
    }

    private static string FailureMarkup(FailureLevel f) => f switch
    {
        FailureLevel.Absolute => "[green]absolute[/]",
        FailureLevel.Technical => "[yellow]technical[/]",
        _ => "none",
    };
}
