using System.Collections.Immutable;
using System.CommandLine;
using Failsafe.Cli.Evaluate;
using Failsafe.Cli.Exercises;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Scenarios;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Failsafe.Cli.Reporting;

/// <summary><c>failsafe report [--out DIR] [--weeks N] [--json] [--policy FILE]</c>: charts of the training log as PNG and SVG.</summary>
public static class ReportCommand
{
    public const string DefaultDirectory = "failsafe-report";
    public const int DefaultWeeks = 26;

    public static Command Create(Io io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var outDir = new Option<string>("--out") { Description = "The folder to write the charts to (created if needed).", DefaultValueFactory = _ => DefaultDirectory };
        var weeks = new Option<int>("--weeks") { Description = "How many weeks to chart (1–520), back from the latest logged session or check-in (else today).", DefaultValueFactory = _ => DefaultWeeks };
        var json = new Option<bool>("--json") { Description = "Print the files written as a JSON array." };
        var policyFile = new Option<FileInfo?>("--policy") { Description = "A policy JSON file (see `failsafe policy`): budget, 80/20 share and wellness thresholds." };
        var command = new Command("report", "Charts of the training log (PNG and SVG): e1RM of the main lifts, weekly sets by RIR, wellness with warning days, the failure budget.")
        {
            outDir, weeks, json, policyFile,
        };
        command.SetAction(parse =>
        {
            var weekCount = parse.GetValue(weeks);
            if (weekCount is < 1 or > 520)
                return io.Fail($"--weeks: {weekCount} is out of range (1–520)", ExitCodes.Usage);
            var dir = parse.GetValue(outDir);
            if (string.IsNullOrWhiteSpace(dir))
                return io.Fail("--out: name a folder", ExitCodes.Usage);
            if (!EvaluateCommand.TryLoadPolicy(io, parse.GetValue(policyFile), out var policy, out var code))
                return code;
            using var log = io.OpenLog(parse);
            if (log is null)
                return ExitCodes.InvalidInput;

            // The only clock read: the report ends on the latest logged day, or today when nothing is logged.
            var today = io.Today(log.Profile()?.TimeZone);
            if (!TryLoad(io, log, policy, weekCount, today, out var data, out var unit))
                return ExitCodes.InvalidInput;

            List<string> files;
            string full;
            try
            {
                full = Path.GetFullPath(dir);
                files = ReportCharts.WriteAll(data, full, unit, policy.MaxFailureShare);
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
                Print(io.Console, data, full, files, unit);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads the log for the report ending on the latest logged day (else <paramref name="today"/>); false after printing why it cannot be read.</summary>
    internal static bool TryLoad(Io io, LogReader log, Policy policy, int weeks, DateOnly today, out ReportData data, out WeightUnit unit)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        var to = log.LastDay() ?? today;
        var from = to.AddDays(-7 * weeks);

        var profile = log.Profile();
        var split = profile is null ? Split.FullBody : Words.Map<Split>().GetValueOrDefault(profile.Split, Split.FullBody);
        var prep = profile?.CompetitionPrep ?? false;
        unit = profile?.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;

        // The budget and the wellness baseline look back from the first charted day.
        var sessionsFrom = from.AddDays(-Math.Max(policy.BudgetWindowDays, policy.CompetitionPrepWindowDays));
        var checkInsFrom = from.AddDays(-(policy.WellnessRecentDays + policy.WellnessBaselineDays));
        var rows = log.Sessions(sessionsFrom.AddDays(1), to);
        var wellness = log.Wellness(checkInsFrom.AddDays(1), to);

        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var history = ImmutableArray.CreateBuilder<LoggedSession>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                history.Add(TrainingStore.ToSession(row, resolver));
            }
            catch (InvalidOperationException ex)
            {
                data = null!;
                io.Fail($"session of {row.Date:yyyy-MM-dd}: {ex.Message}");
                return false;
            }
        }
        data = ReportData.Compute(from, to, history.MoveToImmutable(), wellness, split, prep, policy);
        return true;
    }

    private static void Print(IAnsiConsole console, ReportData data, string directory, List<string> files, WeightUnit unit)
    {
        console.MarkupLineInterpolated($"[bold]Report[/] {data.From.AddDays(1):yyyy-MM-dd} to {data.To:yyyy-MM-dd}: {data.Sessions} session(s), {data.CheckIns} check-in(s).");
        if (data.Empty)
            console.MarkupLine("[yellow]No sessions or check-ins logged in this range: the charts are written empty, titled \"no data\".[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Chart").AddColumn("Files").AddColumn("Shows");
        var notes = new[]
        {
            data.MainLifts.IsEmpty ? "no sessions with loaded sets"
                : $"e1RM ({(unit == WeightUnit.Lb ? "lb" : "kg")}) of {string.Join(", ", data.MainLifts.Select(l => l.Name))}",
            data.Weeks.IsEmpty ? "no working sets"
                : $"{data.Weeks.Length} week(s), {data.Weeks.Sum(w => w.Failure)} failure set(s) of {data.Weeks.Sum(w => w.Total)} rated"
                    + (data.Weeks.Sum(w => w.Unrated) is > 0 and var unrated ? $"; {unrated} unrated set(s) left out" : ""),
            data.Wellness.IsEmpty ? "no check-ins" : $"{data.WarningDays.Length} warning day(s)",
            data.Budget.IsEmpty ? "no sessions"
                : $"{data.Budget.Count(b => b.Over)} day(s) over the budget of {data.Budget[^1].Allowed} in {data.BudgetWindowDays} days",
        };
        for (var i = 0; i < ReportCharts.Names.Length; i++)
        {
            var name = ReportCharts.Names[i];
            var written = files.Where(f => Path.GetFileNameWithoutExtension(f) == name).Select(Path.GetFileName);
            table.AddRow(Markup.Escape(name), Markup.Escape(string.Join(", ", written)), Markup.Escape(notes[i]));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{files.Count} files written to {directory}");
    }
}
