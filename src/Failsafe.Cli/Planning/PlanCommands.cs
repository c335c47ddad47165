using Failsafe.Autoregulation;
using Failsafe.Cli.Evaluate;
using Failsafe.Planning;
using Failsafe.Store.Planning;

namespace Failsafe.Cli.Planning;

/// <summary><c>failsafe plan</c> and <c>failsafe next</c>.</summary>
public static class PlanCommands
{
    public static Command Plan(Io io)
    {
        var file = new Argument<FileInfo?>("scenario") { Description = "A scenario JSON file (athlete, phase, history, wellness, events; its session is ignored; an optional \"template\" replaces the split's days)." };
        var weeks = new Option<int>("--weeks") { Description = "How many weeks to plan (1–104).", DefaultValueFactory = _ => 4 };
        var start = new Option<string?>("--start") { Description = "First day of the plan, yyyy-MM-dd (default: the scenario's today)." };
        var days = new Option<string?>("--days") { Description = "Training weekdays, e.g. mon,tue,thu,fri (default: from the split)." };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON." };
        var ics = new Option<FileInfo?>("--ics") { Description = "Also write the plan as an iCalendar file (one event per training day)." };
        var policyFile = EvaluateCommand.PolicyOption();
        Arguments.NotAnOption(file);
        var command = new Command("plan", "Plan weeks of training: hard/medium/light/rest days, mesocycles and deloads, every set decided by the engine.")
        {
            file, weeks, start, days, json, ics, policyFile,
        };
        file.Arity = ArgumentArity.ZeroOrOne;
        Daily.TodayCommands.AddPlanSubcommands(command, io);
        command.SetAction(parse =>
        {
            if (!EvaluateCommand.TryLoadPolicy(io, parse.GetValue(policyFile), out var policy, out var code))
                return code;
            if (parse.GetValue(file) is not { } f)
                return io.Fail("plan: give a scenario file (failsafe plan SCENARIO.json --weeks N) or use `plan new`, `plan show`, `plan ics`", ExitCodes.Usage);
            if (!EvaluateCommand.TryRead(io, f, out var bytes, out code))
                return code;
            var reader = new ScenarioReader(CatalogLoader.Default);
            var (scenario, error) = reader.Read(bytes, sessionRequired: false);
            if (error is not null)
                return io.Fail($"{f.Name}: {error}");
            var (template, terror) = reader.ReadTemplate(bytes);
            if (terror is not null)
                return io.Fail($"{f.Name}: {terror}");

            var weekCount = parse.GetValue(weeks);
            if (weekCount is < 1 or > 104)
                return io.Fail($"--weeks: {weekCount} is out of range (1–104)", ExitCodes.Usage);
            var startDate = scenario!.Today;
            if (parse.GetValue(start) is { } s)
            {
                if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out startDate))
                    return io.Fail($"--start: '{s}' is not a date in the form yyyy-MM-dd", ExitCodes.Usage);
                if (startDate < scenario.Today)
                    return io.Fail($"--start: {s} is before the scenario's today ({scenario.Today:yyyy-MM-dd}); plans look forward", ExitCodes.Usage);
            }
            var trainingDays = SplitTemplates.DefaultDays(scenario.Athlete.Split);
            if (parse.GetValue(days) is { } d)
            {
                var (parsed, problem) = TrainingDays.Parse(d);
                if (problem is not null)
                    return io.Fail($"--days: {problem}", ExitCodes.Usage);
                trainingDays = parsed;
            }

            var request = new PlanRequest(startDate, weekCount, trainingDays, template ?? SplitTemplates.For(scenario.Athlete.Split, CatalogLoader.Default));
            var plan = PlanGenerator.Generate(scenario, request, policy);
            if (parse.GetValue(ics) is { } icsFile)
            {
                try
                {
                    File.WriteAllText(icsFile.FullName, PlanCalendar.ToIcs(plan, scenario.Athlete.Unit));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return io.Fail($"cannot write '{icsFile}': {ex.Message}");
                }
            }
            if (parse.GetValue(json))
                io.Out.WriteLine(PlanJson.ToJson(plan));
            else
                Print(io.Console, plan, scenario.Athlete.Unit, parse.GetValue(ics));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Next(Io io)
    {
        var file = new Argument<FileInfo?>("scenario") { Description = "A scenario JSON file whose session is today's plan; without it, today's session in your log.", Arity = ArgumentArity.ZeroOrOne };
        var doneFile = new Option<FileInfo>("--done") { Description = "With a scenario: the sets done so far today: {\"sets\": [{\"exercise\", \"weightKg\", \"reps\", \"rir\" or \"rpe\", \"failure\"}]}." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var policyFile = EvaluateCommand.PolicyOption();
        Arguments.NotAnOption(file);
        var command = new Command("next", "The next set: load, reps and target RIR, adjusted from the sets done so far (today's in your log, or a scenario's).") { file, doneFile, json, policyFile };
        command.SetAction(parse =>
        {
            if (!EvaluateCommand.TryLoadPolicy(io, parse.GetValue(policyFile), out var policy, out var code))
                return code;
            if (parse.GetValue(file) is not { } f)
            {
                return parse.GetValue(doneFile) is not null
                    ? io.Fail("next: --done goes with a scenario file (next SCENARIO --done DONE); without one, the sets done are today's in your log", ExitCodes.Usage)
                    : Daily.LogCommands.NextFromLog(io, parse, parse.GetValue(policyFile) is null ? null : policy, parse.GetValue(json));
            }
            if (parse.GetValue(doneFile) is null)
                return io.Fail("next: a scenario needs --done, the sets done so far today", ExitCodes.Usage);
            if (!EvaluateCommand.TryRead(io, f, out var bytes, out code))
                return code;
            var reader = new ScenarioReader(CatalogLoader.Default);
            var (scenario, error) = reader.Read(bytes);
            if (error is not null)
                return io.Fail($"{f.Name}: {error}");
            var d = parse.GetValue(doneFile)!;
            if (!EvaluateCommand.TryRead(io, d, out var doneBytes, out code))
                return code;
            var (done, derror) = reader.ReadDoneSets(doneBytes);
            if (derror is not null)
                return io.Fail($"{d.Name}: {derror}");

            var evaluation = Evaluator.Evaluate(scenario!, policy);
            var next = NextSet.Decide(scenario!, evaluation, done!.Value, policy);
            if (next.Kind == NextKind.NotInSession)
            {
                var at = done.Value.IndexOf(done.Value.First(x => x.Name == next.Exercise));
                return io.Fail($"{d.Name}: $.sets[{at}].exercise: {next.Reasons[0].Message}");
            }
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(PlanJson.ToJson(next));
                return ExitCodes.Ok;
            }
            var c = io.Console;
            switch (next.Kind)
            {
                case NextKind.SessionComplete:
                    c.MarkupLine("[green]Session complete.[/] Every planned set is done.");
                    break;
                case NextKind.StopForToday:
                    c.MarkupLine("[yellow]Stop for today.[/] Performance dropped well below what was expected; this day is marked as a sign to watch.");
                    break;
                default:
                    var load = next.WeightKg is { } kg ? Load.Kg(kg).To(scenario!.Athlete.Unit).ToString() : "your working weight";
                    var failure = next.Failure switch
                    {
                        FailureLevel.Absolute => "[green]may go to failure[/]",
                        FailureLevel.Technical => "[yellow]may go to technical failure (stop at the first rep that breaks form)[/]",
                        _ => $"stop with {next.TargetRir:0.#} reps in reserve",
                    };
                    c.MarkupLineInterpolated($"[bold]Next: {next.Exercise}, set {next.Set}[/] — {next.Reps} reps × {load}, target {next.TargetRir:0.#} RIR");
                    c.MarkupLine($"  {failure}");
                    break;
            }
            foreach (var r in next.Reasons)
                c.MarkupLineInterpolated($"  [dim]{r.Rule}[/] {r.Message}");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Print(IAnsiConsole console, Plan plan, WeightUnit unit, FileInfo? ics)
    {
        foreach (var note in plan.Notes)
            console.MarkupLineInterpolated($"[yellow]{note}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Week");
        var first = plan.Weeks[0].Days;
        foreach (var d in first)
            table.AddColumn(d.Date.DayOfWeek.ToString()[..3]);
        foreach (var week in plan.Weeks)
        {
            var cells = new List<Markup> { new($"[bold]{week.Week}[/]\n{Markup.Escape(Words.Of(week.Phase))}{(week.MesocycleWeek > 0 ? $"\nmeso wk {week.MesocycleWeek}" : "")}") };
            foreach (var day in week.Days)
                cells.Add(new Markup(Cell(day, unit)));
            table.AddRow(cells);
        }
        console.Write(table);
        console.MarkupLine("[dim]Sets × reps @ target RIR, load; [green]F[/] = the last set may go to failure, [yellow]T[/] = technical failure. `--json` has every set with its rule ids.[/]");
        if (ics is not null)
            console.MarkupLineInterpolated($"Calendar written to {ics.FullName}");
    }

    private static string Cell(PlanDay day, WeightUnit unit)
    {
        var date = day.Date.ToString("MM-dd", CultureInfo.InvariantCulture);
        if (day.IsRest)
            return day.Purpose == DayPurpose.Event ? $"{date}\n[magenta]{Markup.Escape(string.Join(", ", day.Notes))}[/]" : $"{date}\n[dim]rest[/]";
        var type = day.DayType switch
        {
            DayType.Hard => "[red]hard[/]",
            DayType.Medium => "[yellow]medium[/]",
            _ => "[green]light[/]",
        };
        var purpose = day.Purpose is DayPurpose.Training ? "" : $" {Words.Of(day.Purpose)}";
        var lines = new List<string> { $"{date} {type}{Markup.Escape(purpose)}", $"[dim]{Markup.Escape(day.Template ?? "")}[/]" };
        foreach (var x in day.Exercises)
        {
            var s = x.Sets[0];
            var load = s.WeightKg is { } kg ? " " + Load.Kg(kg).To(unit) : "";
            var mark = x.Sets.Max(t => t.Failure) switch
            {
                FailureLevel.Absolute => " [green]F[/]",
                FailureLevel.Technical => " [yellow]T[/]",
                _ => "",
            };
            lines.Add($"{Markup.Escape(x.CatalogExercise.Name)} {x.Sets.Length}×{Markup.Escape(s.Reps)} @{s.TargetRir:0.#}{Markup.Escape(load)}{mark}");
        }
        return string.Join('\n', lines);
    }
}
