using System.Text.Json;
using Failsafe.Cli.Evaluate;
using Failsafe.Monitoring;
using Failsafe.Planning;
using Failsafe.Store.Planning;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Cli.Daily;

/// <summary><c>failsafe today</c>, <c>failsafe status</c> and <c>failsafe plan new|show|ics</c>.</summary>
public static class TodayCommands
{
    public static Command Today(Io io)
    {
        var date = DailyOptions.Date();
        var json = new Option<bool>("--json") { Description = "Print the evaluate contract's JSON." };
        var why = new Option<bool>("--why") { Description = "Print every rule behind every set." };
        var command = new Command("today", "Today's session from the active plan: each set's decision and load, with the rule that decided it.") { date, json, why };
        command.SetAction(parse =>
        {
            if (Decide(io, parse, date, out var code, changed: true) is not { } d)
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
            // The header names the day as it will be trained: an action (deload, extra rest, a downgrade) may have changed it.
            var dayType = evaluation.Session?.DayType ?? today.Day.DayType;
            var changed = dayType != today.Day.DayType ? $", planned {today.Day.DayType?.ToString().ToLowerInvariant()}" : "";
            io.Console.MarkupLineInterpolated($"[bold]{day:yyyy-MM-dd}: {dayType?.ToString().ToLowerInvariant()} day — {today.Day.Template}[/] ({Words.Of(today.Day.Purpose)}{changed})");
            foreach (var note in today.Day.Notes)
                io.Console.MarkupLineInterpolated($"  [dim]{note}[/]");
            EvaluateCommand.Print(io.Console, evaluation, scenario.Athlete.Unit, parse.GetValue(why));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>failsafe finish --rpe N --feeling better|same|worse</c>: ends the day's session and records how it went (W4).</summary>
    public static Command Finish(Io io)
    {
        var date = DailyOptions.Date();
        var rpe = new Option<double?>("--rpe") { Description = "The whole session's RPE, 1–10 (10 = nothing left)." };
        var feeling = new Option<string?>("--feeling") { Description = "Do you leave feeling better, the same or worse than you came in? better, same or worse." };
        var command = new Command("finish", "Finish the day's session: its RPE and how you leave it (repeatedly leaving worse is a warning sign).") { date, rpe, feeling };
        command.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out var code))
                return code;
            using var db = io.OpenDb(parse);
            if (db is null || DailyOptions.RequireProfile(io, db) is not { } profile)
                return ExitCodes.InvalidInput;
            var day = DailyOptions.Day(io, given, profile);
            var row = db.Mine<SessionRow>().Where(s => s.Date == day).OrderByDescending(s => s.Id).FirstOrDefault();
            if (row is null)
                return io.Fail($"nothing logged on {day:yyyy-MM-dd}: there is no session to finish");
            if (SessionFinish.Apply(row, parse.GetValue(rpe), parse.GetValue(feeling), io.UtcNow) is { } problem)
                return io.Fail(problem, ExitCodes.Usage);
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Finished the session of {day:yyyy-MM-dd}{(row.SessionRpe is { } r ? $": RPE {r:0.#}" : "")}{(row.Feeling is { } f ? $", leaving {f}" : "")}.");
            if (row.Feeling == "worse")
                io.Console.MarkupLine("  [yellow]W4[/] A session should leave you better than you came in; if this repeats, it counts as a warning sign.");
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
            if (Decide(io, parse, date, out var code) is not { } d)
                return code;
            var policy = d.Policy;
            var status = StoredDay.StatusOf(d);
            var (scenario, evaluation) = (d.Scenario, status.Standing);
            var (buckets, total, trends) = (status.Buckets, status.Total, status.Trends);

            if (parse.GetValue(json))
            {
                io.Out.WriteLine(EvaluationJson.Write(w => StoredDay.WriteStatus(w, status)));
                return ExitCodes.Ok;
            }

            var c = io.Console;
            EvaluateCommand.PrintNotices(c, evaluation);
            c.MarkupLineInterpolated($"[bold]Sets by reps in reserve[/] (last {policy.ShareWindowDays} days, {total} working sets):");
            if (status.Unrated > 0)
                c.MarkupLineInterpolated($"  {status.Unrated} working set(s) logged without RPE or RIR are left out of the split and the e1RM trends.");
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

    /// <summary>
    /// A day from the stored log (<see cref="StoredDay"/>) — <paramref name="changed"/>: as the lifter changed it so far
    /// (skips, swaps, additions); null (after printing why) when the date is malformed, the database cannot be opened or
    /// there is no profile.
    /// </summary>
    private static StoredDay.Day? Decide(Io io, System.CommandLine.ParseResult parse, Option<string?> date, out int code, bool changed = false)
    {
        if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out code))
            return null;
        code = ExitCodes.InvalidInput;
        using var log = io.OpenLog(parse);
        if (log is null || DailyOptions.RequireProfile(io, log) is not { } profile)
            return null;
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var day = StoredDay.Decide(log, resolver, DailyOptions.Day(io, given, profile));
        if (!changed)
            return day;
        var (session, evaluation) = StoredDay.AsChanged(day, log.SessionOn(day.Date, LogCommands.Source), resolver);
        return day with { Scenario = day.Scenario with { Session = session }, Evaluation = evaluation };
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
            if (!DailyOptions.TryDate(io, parse.GetValue(start), out var given, out var code))
                return code;
            var n = parse.GetValue(weeks);
            if (n is < 1 or > 104)
                return io.Fail($"--weeks: {n} is out of range (1–104)", ExitCodes.Usage);
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            if (DailyOptions.RequireProfile(io, db) is not { } profile)
                return ExitCodes.InvalidInput;
            var from = DailyOptions.Day(io, given, profile);
            var dayList = profile.TrainingDays;
            if (parse.GetValue(days) is { } d)
            {
                var (parsed, problem) = TrainingDays.Parse(d);
                if (problem is not null)
                    return io.Fail($"--days: {problem}", ExitCodes.Usage);
                dayList = TrainingDays.Format(parsed);
            }
            foreach (var old in db.Mine<PlanRow>().Where(p => p.Active))
                old.Active = false;
            var row = new PlanRow { Start = from, Weeks = n, Days = dayList, CreatedAt = io.UtcNow, Active = true };
            db.Plans.Add(row);
            db.SaveChanges();
            var log = LogReader.For(db);
            var plan = TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, n);
            io.Console.MarkupLineInterpolated($"New plan: {n} weeks from {from:yyyy-MM-dd} on {dayList}. `failsafe plan show` shows it, `failsafe today` each day.");
            foreach (var note in plan.Notes)
                io.Console.MarkupLineInterpolated($"[yellow]{note}[/]");
            return ExitCodes.Ok;
        });

        var adjust = new Command("adjust", "Re-lay the active plan from today for the weeks it has left: a deload week first when warning signs call for one (W2).");
        adjust.SetAction(parse =>
        {
            using var db = io.OpenDb(parse);
            if (db is null || DailyOptions.RequireProfile(io, db) is not { } profile)
                return ExitCodes.InvalidInput;
            var from = DailyOptions.Day(io, null, profile);
            var (done, problem) = PlanAdjust.Apply(db, from, io.UtcNow);
            if (done is null)
                return io.Fail($"{problem}: run `failsafe plan new` for a new one");
            var left = done.Row.Weeks;
            io.Console.MarkupLineInterpolated($"Plan re-laid from {from:yyyy-MM-dd}: {left} week{(left == 1 ? "" : "s")} on {done.Row.Days}, {(done.StartsWithDeload ? "starting with a deload week: warning signs call for one (W2)" : "no deload week: no warning sign calls for one today")}.");
            foreach (var note in done.Plan.Notes)
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
        plan.Subcommands.Add(adjust);
        plan.Subcommands.Add(show);
        plan.Subcommands.Add(ics);
    }

    /// <summary>Opens the log, lays out the active plan and runs <paramref name="use"/> on it; an exit code either way.</summary>
    private static int WithActivePlan(Io io, System.CommandLine.ParseResult parse, Func<Plan, WeightUnit, int> use)
    {
        using var log = io.OpenLog(parse);
        if (log is null || DailyOptions.RequireProfile(io, log) is not { } profile)
            return ExitCodes.InvalidInput;
        if (log.ActivePlan() is not { } row)
            return io.Fail("no active plan: run `failsafe plan new` first");
        var plan = TodayPlan.Layout(log, new ExerciseResolver(CatalogLoader.Default, log.CustomExercises()), row, row.Weeks);
        return use(plan, profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);
    }
}
