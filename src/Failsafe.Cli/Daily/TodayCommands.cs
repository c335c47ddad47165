using System.CommandLine;
using System.Text.Json;
using Failsafe.Catalog;
using Failsafe.Cli.Evaluate;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Monitoring;
using Failsafe.Planning;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Planning;
using Failsafe.Store.Scenarios;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Failsafe.Cli.Daily;

/// <summary><c>failsafe today</c>, <c>failsafe status</c> and <c>failsafe plan new|show|ics</c>.</summary>
public static class TodayCommands
{
    public static Command Today(Io io)
    {
        var date = DailyOptions.Date();
        var json = new Option<bool>("--json") { Description = "Print the evaluate contract's JSON." };
        var command = new Command("today", "Today's session from the active plan: each set's decision, load and reasons.") { date, json };
        command.SetAction(parse =>
        {
            if (Day.Evaluate(io, parse, date, Policy.Default, out var code) is not { } d)
                return code;
            var (day, today, scenario, evaluation) = (d.Date, d.Plan, d.Scenario, d.Evaluation);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(EvaluationJson.ToJson(evaluation));
                return ExitCodes.Ok;
            }
            if (today.Note is not null)
                io.Console.MarkupLineInterpolated($"[dim]{today.Note}[/]");
            if (today.Day.IsRest)
            {
                io.Console.MarkupLineInterpolated($"[bold]{day:yyyy-MM-dd}: rest day[/]{(today.Day.Notes.IsEmpty ? "" : " — " + string.Join("; ", today.Day.Notes))}");
                EvaluateCommand.PrintNotices(io.Console, evaluation);
                return ExitCodes.Ok;
            }
            io.Console.MarkupLineInterpolated($"[bold]{day:yyyy-MM-dd}: {today.Day.DayType?.ToString().ToLowerInvariant()} day — {today.Day.Template}[/] ({Words.Of(today.Day.Purpose)})");
            foreach (var note in today.Day.Notes)
                io.Console.MarkupLineInterpolated($"  [dim]{note}[/]");
            EvaluateCommand.Print(io.Console, evaluation, scenario.Athlete.Unit);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Status(Io io)
    {
        var date = DailyOptions.Date();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("status", "Warnings, actions, the failure budget, the 80/20 split of your sets and the e1RM trend of your main lifts.") { date, json };
        command.SetAction(parse =>
        {
            var policy = Policy.Default;
            if (Day.Evaluate(io, parse, date, policy, out var code) is not { } d)
                return code;
            var (day, scenario, evaluation) = (d.Date, d.Scenario, d.Evaluation);
            var log = new TrainingLog(scenario.History);
            var window = log.LastDays(day, policy.ShareWindowDays);
            var buckets = new int[5];
            foreach (var s in window)
            {
                foreach (var e in s.Exercises)
                {
                    foreach (var set in e.Sets)
                    {
                        if (!set.Warmup)
                            buckets[set.IsFailure ? 0 : Math.Min(4, (int)Math.Ceiling(set.Rir.Value))]++;
                    }
                }
            }
            var total = buckets.Sum();
            var trends = Trends(log, day);

            if (parse.GetValue(json))
            {
                io.Out.WriteLine(EvaluationJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    EvaluationJson.WriteNotices(w, evaluation);
                    w.WriteStartObject("rirBuckets");
                    w.WriteNumber("windowDays", policy.ShareWindowDays);
                    w.WriteNumber("workingSets", total);
                    foreach (var (label, i) in new[] { ("failure", 0), ("rir1", 1), ("rir2", 2), ("rir3", 3), ("rir4plus", 4) })
                        w.WriteNumber(label, buckets[i]);
                    w.WriteNumber("failureShare", total == 0 ? 0 : Math.Round((double)buckets[0] / total, 3));
                    w.WriteNumber("maxFailureShare", policy.MaxFailureShare);
                    w.WriteEndObject();
                    w.WriteStartArray("e1rmTrends");
                    foreach (var t in trends)
                    {
                        w.WriteStartObject();
                        w.WriteString("exercise", t.Name);
                        w.WriteNumber("sessions", t.Sessions);
                        w.WriteNumber("firstKg", Math.Round(t.First, 1));
                        w.WriteNumber("lastKg", Math.Round(t.Last, 1));
                        w.WriteNumber("change", Math.Round(t.Last / t.First - 1, 4));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }

            var c = io.Console;
            EvaluateCommand.PrintNotices(c, evaluation);
            c.MarkupLineInterpolated($"[bold]Sets by reps in reserve[/] (last {policy.ShareWindowDays} days, {total} working sets):");
            if (total > 0)
            {
                var chart = new BarChart().Width(60);
                chart.AddItem("failure", buckets[0], buckets[0] * 1.0 / total > policy.MaxFailureShare ? Color.Red : Color.Yellow);
                chart.AddItem("1 RIR", buckets[1], Color.Green);
                chart.AddItem("2 RIR", buckets[2], Color.Green);
                chart.AddItem("3 RIR", buckets[3], Color.Green);
                chart.AddItem("4+ RIR", buckets[4], Color.Blue);
                c.Write(chart);
                c.MarkupLineInterpolated($"  {(double)buckets[0] / total:P0} to failure (limit {policy.MaxFailureShare:P0}, B1), {(double)(buckets[1] + buckets[2] + buckets[3]) / total:P0} 1–3 short");
            }
            if (trends.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Main lift (8 weeks)", "Sessions", "e1RM first", "e1RM last", "Change");
                var unit = scenario.Athlete.Unit;
                foreach (var t in trends)
                    table.AddRow(Markup.Escape(t.Name), t.Sessions.ToString(System.Globalization.CultureInfo.InvariantCulture), Load.Kg(t.First).To(unit).ToString(), Load.Kg(t.Last).To(unit).ToString(), $"{t.Last / t.First - 1:+0.0%;-0.0%;0.0%}");
                c.Write(table);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A day from the stored log: the plan's day, the scenario and the engine's evaluation of it.</summary>
    private sealed record Day(DateOnly Date, TodayPlan.Result Plan, Scenario Scenario, Evaluation Evaluation)
    {
        /// <summary>Null (after printing why) when the date is malformed, the database cannot be opened or there is no profile.</summary>
        public static Day? Evaluate(Io io, System.CommandLine.ParseResult parse, Option<string?> date, Policy policy, out int code)
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(date), out var day, out code))
                return null;
            code = ExitCodes.InvalidInput;
            using var log = io.OpenLog(parse);
            if (log is null || DailyOptions.RequireProfile(io, log) is null)
                return null;
            var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
            var today = TodayPlan.For(log, resolver, day, policy);
            var scenario = log.Scenario(resolver, day, TodayPlan.Session(today.Day));
            var before = scenario with { History = [.. scenario.History.Where(s => s.Date < day)] };
            var evaluation = FirstSession.Apply(Coach.Evaluate(scenario, today.Day.Policy ?? policy), before, policy);
            return new Day(day, today, scenario, evaluation);
        }
    }

    private sealed record Trend(string Name, int Sessions, double First, double Last);

    /// <summary>The five exercises trained most in the last 8 weeks, first vs last session e1RM.</summary>
    private static List<Trend> Trends(TrainingLog log, DateOnly day)
    {
        var points = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var s in log.LastDays(day, 56))
        {
            foreach (var e in s.Exercises)
            {
                if (TrainingLog.BestE1Rm(e, controlledOnly: true) is { } kg)
                {
                    if (!points.TryGetValue(e.Exercise.Name, out var list))
                        points[e.Exercise.Name] = list = [];
                    list.Add(kg);
                }
            }
        }
        return [.. points.Where(p => p.Value.Count >= 2).OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5)
            .Select(p => new Trend(p.Key, p.Value.Count, p.Value[0], p.Value[^1]))];
    }

    /// <summary>`plan new`, `plan show`, `plan ics` on the stored plan.</summary>
    public static void AddPlanSubcommands(Command plan, Io io)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var weeks = new Option<int>("--weeks") { Description = "How many weeks (1–104).", DefaultValueFactory = _ => 8 };
        var start = new Option<string?>("--start") { Description = "First day, yyyy-MM-dd (default: today)." };
        var days = new Option<string?>("--days") { Description = "Training weekdays (default: your profile's)." };
        var create = new Command("new", "Make a new active plan from your profile, log and check-ins.") { weeks, start, days };
        create.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(start), out var from, out var code))
                return code;
            var n = parse.GetValue(weeks);
            if (n is < 1 or > 104)
                return io.Fail($"--weeks: {n} is out of range (1–104)", ExitCodes.Usage);
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            if (DailyOptions.RequireProfile(io, db) is not { } profile)
                return ExitCodes.InvalidInput;
            var dayList = profile.TrainingDays;
            if (parse.GetValue(days) is { } d)
            {
                var (parsed, problem) = Planning.PlanCommands.ParseDays(d);
                if (problem is not null)
                    return io.Fail($"--days: {problem}", ExitCodes.Usage);
                dayList = string.Join(',', parsed.Select(x => x.ToString()[..3].ToLowerInvariant()));
            }
            foreach (var old in db.Mine<PlanRow>().Where(p => p.Active))
                old.Active = false;
            var row = new PlanRow { Start = from, Weeks = n, Days = dayList, CreatedAt = DateTime.UtcNow, Active = true };
            db.Plans.Add(row);
            db.SaveChanges();
            var plan = TodayPlan.Layout(db, new ExerciseResolver(CatalogLoader.Default, db), row, n, Policy.Default);
            io.Console.MarkupLineInterpolated($"New plan: {n} weeks from {from:yyyy-MM-dd} on {dayList}. `failsafe plan show` shows it, `failsafe today` each day.");
            foreach (var note in plan.Notes)
                io.Console.MarkupLineInterpolated($"[yellow]{note}[/]");
            return ExitCodes.Ok;
        });

        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var show = new Command("show", "Show the active plan as laid out from its start (`failsafe today` decides each day's sets on your latest log).") { json };
        show.SetAction(parse => WithActivePlan(io, parse, (plan, unit) =>
        {
            if (parse.GetValue(json))
                io.Out.WriteLine(PlanJson.ToJson(plan));
            else
                Planning.PlanCommands.Print(io.Console, plan, unit, null);
            return ExitCodes.Ok;
        }));

        var file = new Argument<FileInfo>("file") { Description = "The .ics file to write." };
        var ics = new Command("ics", "Write the active plan as an iCalendar file.") { file };
        ics.SetAction(parse => WithActivePlan(io, parse, (plan, unit) =>
        {
            var target = parse.GetValue(file)!;
            try
            {
                File.WriteAllText(target.FullName, PlanCalendar.ToIcs(plan, unit));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return io.Fail($"cannot write '{target}': {ex.Message}");
            }
            io.Console.MarkupLineInterpolated($"Calendar written to {target.FullName}");
            return ExitCodes.Ok;
        }));
        plan.Subcommands.Add(create);
        plan.Subcommands.Add(show);
        plan.Subcommands.Add(ics);
    }

    /// <summary>Opens the log, lays out the active plan and runs <paramref name="use"/> on it; an exit code either way.</summary>
    private static int WithActivePlan(Io io, System.CommandLine.ParseResult parse, Func<Plan, WeightUnit, int> use)
    {
        using var db = io.OpenDb(parse);
        if (db is null || DailyOptions.RequireProfile(io, db) is not { } profile)
            return ExitCodes.InvalidInput;
        if (TodayPlan.Active(db) is not { } row)
            return io.Fail("no active plan: run `failsafe plan new` first");
        var plan = TodayPlan.Layout(db, new ExerciseResolver(CatalogLoader.Default, db), row, row.Weeks, Policy.Default);
        return use(plan, profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);
    }
}
