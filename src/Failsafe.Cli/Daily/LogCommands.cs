using Failsafe.Autoregulation;
using Failsafe.Cli.Evaluate;
using Failsafe.Cli.Exercises;
using Failsafe.Store.Planning;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Cli.Daily;

/// <summary><c>failsafe checkin</c>, <c>failsafe log</c> and <c>failsafe history</c>.</summary>
public static class LogCommands
{
    public static Command CheckIn(Io io)
    {
        var date = DailyOptions.Date();
        var sleepHours = new Option<double?>("--sleep-hours") { Description = "Hours slept last night." };
        Option<int?> Score(string name, string what) => new(name) { Description = $"{what}, 1–5." };
        var sleep = Score("--sleep", "Sleep quality (5 = slept great)");
        var fatigue = Score("--fatigue", "Fatigue (5 = exhausted)");
        var mood = Score("--mood", "Mood (5 = very good)");
        var soreness = Score("--soreness", "Soreness (5 = very sore)");
        var aches = Score("--aches", "Aches and pains (5 = many)");
        var motivation = Score("--motivation", "Motivation to train (5 = eager, 1 = dreading it)");
        var command = new Command("checkin", "Record today's wellness (1–5 scales); one check-in per day, a second one replaces it.")
        {
            date, sleepHours, sleep, fatigue, mood, soreness, aches, motivation,
        };
        command.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out var code))
                return code;
            var scores = new[] { sleep, fatigue, mood, soreness, aches, motivation }.Select(o => (o, v: parse.GetValue(o))).ToList();
            if (scores.FirstOrDefault(s => s.v is < 1 or > 5) is { o: not null } bad)
                return io.Fail($"{bad.o.Name}: {bad.v} is out of range (1–5)", ExitCodes.Usage);
            if (parse.GetValue(sleepHours) is < 0 or > 24)
                return io.Fail("--sleep-hours: out of range (0–24)", ExitCodes.Usage);
            if (scores.All(s => s.v is null) && parse.GetValue(sleepHours) is null)
                return io.Fail("checkin: give at least one of --sleep-hours, --sleep, --fatigue, --mood, --soreness, --aches, --motivation", ExitCodes.Usage);
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            var profile = db.MyProfile.FirstOrDefault();
            var day = DailyOptions.Day(io, given, profile);
            if (NotAfterToday(io, "checkin", day, profile) is { } future)
                return future;
            var row = db.Mine<CheckInRow>().FirstOrDefault(c => c.Date == day) ?? db.CheckIns.Add(new CheckInRow { Date = day }).Entity;
            row.SleepHours = parse.GetValue(sleepHours) ?? row.SleepHours;
            row.SleepQuality = parse.GetValue(sleep) ?? row.SleepQuality;
            row.Fatigue = parse.GetValue(fatigue) ?? row.Fatigue;
            row.Mood = parse.GetValue(mood) ?? row.Mood;
            row.Soreness = parse.GetValue(soreness) ?? row.Soreness;
            row.Aches = parse.GetValue(aches) ?? row.Aches;
            row.Motivation = parse.GetValue(motivation) ?? row.Motivation;
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Checked in for {day:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The source of sessions logged on the command line (the API's are "api").</summary>
    public const string Source = "cli";

    public static Command Log(Io io)
    {
        var exercise = new Argument<string>("exercise") { Description = "The exercise, as you call it: \"bench press\", \"Squat (Barbell)\"." };
        var set = new Argument<string[]>("set")
        {
            Description = "The set: 100x8@8 (RPE 8), 100x8@2rir, 100x8 F or A (failure), 100x8 T (form broke), 225lbx5, bwx12. Several: 80x8@8 82.5x6@9, or 3x80x8@8 (three sets of 80 × 8).",
            Arity = ArgumentArity.OneOrMore,
        };
        var drop = new Option<string[]>("--drop") { Description = "A drop set right after the (last) set, e.g. --drop 80x5 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var warmup = new Option<bool>("--warmup") { Description = "A warm-up set (not counted as work)." };
        var pain = new Option<bool>("--pain") { Description = "Something hurt on this set." };
        var notes = new Option<string?>("--notes") { Description = "A note on the set." };
        var date = DailyOptions.Date();
        var json = new Option<bool>("--json") { Description = "Print what was logged and the next set as JSON." };
        var command = new Command("log", "Log one or more sets, then see the next one.") { exercise, set, drop, warmup, pain, notes, date, json };
        command.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out var code))
                return code;
            using var log = io.OpenLog(parse);
            if (log is null || DailyOptions.RequireProfile(io, log) is not { } profile)
                return ExitCodes.InvalidInput;
            var day = DailyOptions.Day(io, given, profile);
            if (NotAfterToday(io, "log", day, profile) is { } future)
                return future;
            if (LogLimits.Day(day) is { } outOfRange)
                return io.Fail($"log: --date {outOfRange}", ExitCodes.Usage);
            if (LogLimits.Notes(parse.GetValue(notes)) is { } longNotes)
                return io.Fail($"log: --notes {longNotes}", ExitCodes.Usage);
            var unit = profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
            var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
            var name = parse.GetValue(exercise)!;
            var (id, resolved, match) = resolver.Resolve(name);
            if (id is null)
                return io.Fail(ExerciseCommands.UnknownExercise(name, match) + ExerciseCommands.HowToAdd(name, match));
            if (!SetNotation.TryParseMany(parse.GetValue(set) ?? [], unit, out var sets, out var error))
                return io.Fail(error);
            var drops = new List<WrittenSet>();
            foreach (var d in parse.GetValue(drop) ?? [])
            {
                if (!SetNotation.TryParse(d, unit, out var ds, out var derror))
                    return io.Fail($"--drop: {derror}");
                drops.Add(ds);
            }

            // Decided before the set is written: the day's prescription comes from the training before today.
            var decided = StoredDay.Decide(log, resolver, day);
            var today = decided.Plan;
            var now = io.UtcNow;
            SetRow Row(WrittenSet w, bool isDrop) => new()
            {
                ExerciseId = id, ExerciseName = name, WeightKg = Math.Round(w.Load.InKg, 3), Unit = w.Load.Unit == WeightUnit.Lb ? "lb" : "kg",
                WeightEntered = w.Load.Value, Reps = w.Reps, Rir = w.EffectiveRir, Rpe = w.Rpe?.Value, Failure = Words.Of(w.Failure),
                Warmup = parse.GetValue(warmup) && !isDrop, Drop = isDrop, FormBreakdown = w.Failure == FailureLevel.Technical,
                Pain = parse.GetValue(pain), Notes = parse.GetValue(notes), LoggedAt = now,
            };
            var rows = sets.Select(w => Row(w, false)).ToList();
            if (drops.Count > 0)
                rows[^1].Technique = "drop-set";
            var session = new SessionKey(day, Source, today.Day.DayType is not null && decided.Evaluation.Session is { } s ? Words.Of(s.DayType) : null, today.Day.Template);
            try
            {
                SetWriter.Insert(log.Connection, log.AthleteId, session, [.. rows, .. drops.Select(d => Row(d, true))], SetCap.Default, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception full) when (full is SetCapException or SessionFullException)
            {
                return io.Fail($"log: {full.Message}");
            }

            var next = StoredDay.Next(decided, log.SessionOn(day, Source), resolver);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(PlanJson.ToJson(next));
                return ExitCodes.Ok;
            }
            var c = io.Console;
            for (var i = 0; i < sets.Count; i++)
            {
                var written = sets[i];
                var last = i == sets.Count - 1;
                c.MarkupLineInterpolated($"Logged {resolved!.Name}: {(written.Load.Value == 0 ? Bodyweight(profile) : written.Load.ToString())} × {written.Reps}{(written.EffectiveRir is { } r ? $" at {r:0.#} RIR" : "")}{(written.Failure != FailureLevel.None ? $" ({Words.Of(written.Failure)} failure)" : "")}{(last && drops.Count > 0 ? $", then {drops.Count} drop {(drops.Count == 1 ? "set" : "sets")}" : "")} on {day:yyyy-MM-dd}.");
                if (written.Failure == FailureLevel.Technical)
                    c.MarkupLine("  [yellow]F1[/] Form broke: that exercise is done for today.");
            }
            if (today.Day.IsRest)
            {
                var count = sets.Count + drops.Count;
                c.MarkupLineInterpolated($"{day:yyyy-MM-dd} is a rest day in your plan: logged {count} set{(count == 1 ? "" : "s")} of {resolved!.Name} anyway; there is no planned next set.");
                return ExitCodes.Ok;
            }
            PrintNext(c, next, unit);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>failsafe next</c> without a scenario: the next set of today's session in the log, as <c>log</c> answers it.</summary>
    internal static int NextFromLog(Io io, ParseResult parse, Policy? policy, bool json)
    {
        using var log = io.OpenLog(parse);
        if (log is null || DailyOptions.RequireProfile(io, log) is not { } profile)
            return ExitCodes.InvalidInput;
        var day = DailyOptions.Day(io, null, profile);
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var next = StoredDay.Next(StoredDay.Decide(log, resolver, day, policy), log.SessionOn(day, Source), resolver);
        if (json)
            io.Out.WriteLine(PlanJson.ToJson(next));
        else
            PrintNext(io.Console, next, profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Refuses a day after today in the lifter's zone for what records what happened (sets, check-ins, changes to a day's session): a
    /// set dated tomorrow would count as done before it was, and shape today's loads. Null when the day is fine.
    /// </summary>
    internal static int? NotAfterToday(Io io, string command, DateOnly day, ProfileRow? profile)
    {
        var today = io.Today(profile?.TimeZone);
        return day > today
            ? io.Fail($"{command}: --date {day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}); only what happened can be recorded", ExitCodes.Usage)
            : null;
    }

    /// <summary>How a set at 0 kg reads: the lifter's own bodyweight, with the number when the profile has it.</summary>
    private static string Bodyweight(ProfileRow profile) => profile.BodyweightKg is { } kg
        ? $"bodyweight ({Load.Kg(kg).To(profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg)})"
        : "bodyweight";

    /// <summary>
    /// The one reason printed under the next set, the strictest first: a lift that failed and must not have (a safety
    /// note), a warning sign, form that broke; then why the load is what it is; then the cost of failing early, or progression.
    /// </summary>
    private static readonly string[] NextDeciding = ["W2", "F1"];

    internal static void PrintNext(IAnsiConsole c, NextSetAdvice next, WeightUnit unit)
    {
        switch (next.Kind)
        {
            case NextKind.SessionComplete:
                c.MarkupLine("[green]Session complete.[/]");
                return;
            case NextKind.StopForToday:
                c.MarkupLine("[yellow]Stop for today:[/] performance dropped well below what was expected; marked as a sign to watch.");
                break;
            default:
                var load = next.WeightKg is { } kg ? Load.Kg(kg).To(unit).ToString() : "a conservative weight";
                var failure = next.Failure switch
                {
                    FailureLevel.Absolute => "may go to failure",
                    FailureLevel.Technical => "may go to technical failure",
                    _ => $"stop with {next.TargetRir:0.#} in reserve",
                };
                c.MarkupLineInterpolated($"[bold]Next:[/] {next.Exercise}, set {next.Set}: {next.Reps} {(next.Reps == "1" ? "rep" : "reps")} × {load} — {failure}");
                break;
        }
        var deciding = next.Reasons.FirstOrDefault(r => r.Safety)
            ?? NextDeciding.Select(rule => next.Reasons.FirstOrDefault(r => r.Rule == rule)).FirstOrDefault(r => r is not null)
            ?? next.Reasons.FirstOrDefault(r => r.Load)
            ?? next.Reasons.FirstOrDefault(r => r.Rule == "S6")
            ?? next.Reasons.FirstOrDefault(r => r.Rule == "R6");
        if (deciding is not null)
            c.MarkupLineInterpolated($"  {deciding.Message} [dim]({deciding.Rule})[/]");
    }

    public static Command History(Io io)
    {
        var days = new Option<int>("--days") { Description = "How many days back from today, today included (default 30).", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "Print JSON (the evaluate contract's history shape)." };
        var command = new Command("history", "Show the logged sessions.") { days, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(days);
            if (n is < 1 or > 36500)
                return io.Fail($"--days: {n} is out of range (1–36500)", ExitCodes.Usage);
            using var log = io.OpenLog(parse);
            if (log is null)
                return ExitCodes.InvalidInput;
            // Counted back from today in the lifter's zone: --days 1 is today, whatever was logged last.
            var today = io.Today(log.Profile()?.TimeZone);
            var sessions = log.Sessions(today.AddDays(1 - n), today);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(HistoryExport.ToJson(sessions, log.CustomExercises()));
                return ExitCodes.Ok;
            }
            if (sessions.Count == 0)
            {
                io.Console.MarkupLine(log.LastSessionDay() is { } latest
                    ? $"Nothing logged in the last {n} day{(n == 1 ? "" : "s")}; the last session was on {latest:yyyy-MM-dd} (try --days {today.DayNumber - latest.DayNumber + 1})."
                    : "Nothing logged yet.");
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Date", "Day", "Exercise", "Sets");
            foreach (var s in sessions)
            {
                foreach (var g in s.Sets.OrderBy(x => x.Order).GroupBy(x => x.ExerciseName))
                {
                    var sets = string.Join("  ", g.Select(x =>
                        $"{(x.Warmup ? "w:" : x.Drop ? "d:" : "")}{(x.WeightKg == 0 ? "bw" : $"{x.WeightEntered:0.##}{x.Unit}")}×{x.Reps}{(x.Failure != "none" ? $" {x.Failure[0].ToString().ToUpperInvariant()}" : x.Rir is { } r ? $"@{r:0.#}rir" : "")}{(x.Pain ? " pain" : "")}{(x.Notes is { Length: > 0 } note ? $" ({note})" : "")}"));
                    table.AddRow(Markup.Escape(s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Markup.Escape(s.DayType ?? s.Source), Markup.Escape(g.Key), Markup.Escape(sets));
                }
            }
            io.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
