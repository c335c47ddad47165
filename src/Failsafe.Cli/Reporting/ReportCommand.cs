using Failsafe.Cli.Evaluate;
using Failsafe.Cli.Exercises;
using Failsafe.Store.Reporting;

namespace Failsafe.Cli.Reporting;

/// <summary>
/// <c>failsafe report [--out DIR] [--weeks N | --since DATE] [--lift NAME]… [--json] [--policy NAME|FILE]</c>: charts of the
/// training log as PNG and SVG and a self-contained index.html, drawn by the same code as the web app's Progress page
/// (Store/Reporting).
/// </summary>
public static class ReportCommand
{
    public const string DefaultDirectory = "failsafe-report";

    public static Command Create(Io io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var outDir = new Option<string>("--out") { Description = "The folder to write the charts to (created if needed).", DefaultValueFactory = _ => DefaultDirectory };
        var weeks = new Option<int?>("--weeks") { Description = $"How many weeks to chart at most (1–{ReportWindow.MaxWeeks}, default {ReportWindow.DefaultWeeks}), back from the latest logged session or check-in (else today); the charts start at the first logged week inside, at least {ReportWindow.MinFittedDays / 7} weeks back." };
        var since = new Option<string?>("--since") { Description = "Chart from this day (yyyy-MM-dd) instead of a number of weeks." };
        var lifts = new Option<string[]>("--lift") { Description = $"A lift to chart the e1RM of (repeat for more, at most {Lifting.MaxMainLifts}); default: your main lifts (the compound lifts with the most working sets).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print the files written as a JSON array." };
        var policyFile = EvaluateCommand.PolicyOption("budget, 80/20 share and wellness thresholds");
        var command = new Command("report", "Charts of the training log (PNG and SVG, and index.html with all of them and a summary): e1RM of the main lifts, weekly sets by RIR, sets per muscle group, wellness with warning days, the failure budget.")
        {
            outDir, weeks, since, lifts, json, policyFile,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir);
            if (string.IsNullOrWhiteSpace(dir))
                return io.Fail("--out: name a folder", ExitCodes.Usage);
            DateOnly? first = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    return io.Fail($"--since: '{text}' is not a date in the form yyyy-MM-dd", ExitCodes.Usage);
                first = day;
            }
            var pinned = parse.GetValue(lifts) ?? [];
            if (pinned.Length > Lifting.MaxMainLifts)
                return io.Fail($"--lift: {pinned.Length} lifts given; at most {Lifting.MaxMainLifts}", ExitCodes.Usage);
            if (!EvaluateCommand.TryLoadPolicy(io, parse.GetValue(policyFile), out var policy, out var code))
                return code;
            var request = new ReportRequest(parse.GetValue(weeks), first, pinned);
            if (request.Weeks is { } w && first is null && ReportWindow.Asked(DateOnly.MinValue.AddYears(20), w, null, out var range) is null)
                return io.Fail($"--{range!.Field}: {range.Message}", ExitCodes.Usage);
            using var log = io.OpenLog(parse);
            if (log is null)
                return ExitCodes.InvalidInput;

            // The only clock read: the report ends on the latest logged day, or today when nothing is logged.
            var last = log.LastDay() ?? io.Today(log.Profile()?.TimeZone);
            // Without --policy, the profile's preset.
            if (parse.GetValue(policyFile) is null)
                policy = log.StoredPolicy();
            if (ReportReader.Read(log, policy, last, request, out var problem) is not { } data)
                return io.Fail($"--{problem!.Field}: {problem.Message}", problem.Field is "log" or "lift" ? ExitCodes.InvalidInput : ExitCodes.Usage);

            List<string> files;
            string full;
            try
            {
                full = Path.GetFullPath(dir);
                files = ReportCharts.WriteAll(data, full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return io.Fail($"cannot write the report to '{dir}': {ex.Message}");
            }

            if (parse.GetValue(json))
            {
                ExerciseCommands.WriteJson(io, w =>
                {
                    w.WriteStartArray();
                    foreach (var f in files)
                        w.WriteStringValue(f);
                    w.WriteEndArray();
                });
            }
            else
            {
                Print(io.Console, data, full, files);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, ReportData data, string directory, List<string> files)
    {
        console.MarkupLineInterpolated($"[bold]Report[/] {data.Window.First:yyyy-MM-dd} to {data.Window.Last:yyyy-MM-dd}: {data.Sessions} session(s), {data.CheckIns} check-in(s).");
        if (data.Empty)
            console.MarkupLine("[yellow]No sessions or check-ins logged in this range: the charts are written empty, titled \"no data\".[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Chart").AddColumn("Files").AddColumn("Shows");
        var notes = new[] { ReportText.E1Rm(data), ReportText.WeeklySets(data), ReportText.MuscleSets(data), ReportText.Wellness(data), ReportText.FailureBudget(data) };
        for (var i = 0; i < ReportCharts.Names.Length; i++)
        {
            var name = ReportCharts.Names[i];
            var written = files.Where(f => Path.GetFileNameWithoutExtension(f) == name).Select(Path.GetFileName);
            table.AddRow(Markup.Escape(name), Markup.Escape(string.Join(", ", written)), Markup.Escape(notes[i]));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{files.Count} files written to {directory}");
        console.MarkupLineInterpolated($"Open {Path.Combine(directory, ReportPage.FileName)}: every chart and a summary in one file, to read or to send to a coach.");
    }
}
