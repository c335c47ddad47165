using Failsafe.Cli.Exercises;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Cli.Daily;

/// <summary>
/// Changing a day as it happens: <c>failsafe skip|swap|add|reorder</c> (stored with the day's session, so
/// <c>next</c> follows them), <c>failsafe undo</c> and <c>failsafe set list|edit|delete</c>.
/// </summary>
public static class SessionCommands
{
    /// <summary>What a change command works on: the log, the day, its plan and the exercises as the lifter changed them.</summary>
    private sealed record Context(LogReader Log, ExerciseResolver Resolver, DateOnly Day, StoredDay.Day Decided, SessionKey Key, WeightUnit Unit);

    /// <summary>
    /// Opens the log and decides the day (today, or --date; not after today), runs <paramref name="action"/> on it and
    /// closes the log; an exit code either way.
    /// </summary>
    private static int OnDay(Io io, ParseResult parse, Option<string?> date, Func<Context, int> action)
    {
        if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out var code))
            return code;
        using var log = io.OpenLog(parse);
        if (log is null || DailyOptions.RequireProfile(io, log) is not { } profile)
            return ExitCodes.InvalidInput;
        var day = DailyOptions.Day(io, given, profile);
        if (LogCommands.NotAfterToday(io, parse.CommandResult.Command.Name, day, profile) is { } future)
            return future;
        var resolver = new ExerciseResolver(CatalogLoader.Default, log.CustomExercises());
        var decided = StoredDay.Decide(log, resolver, day);
        var key = new SessionKey(day, LogCommands.Source, decided.Plan.Day.DayType is { } t ? Words.Of(t) : null, decided.Plan.Day.Template);
        return action(new Context(log, resolver, day, decided, key, profile.Unit == "lb" ? WeightUnit.Lb : WeightUnit.Kg));
    }

    /// <summary>The exercise named <paramref name="name"/>, or an error naming how to add it.</summary>
    private static (string Id, Exercise Exercise)? Resolve(Io io, Context x, string name, out int code)
    {
        code = ExitCodes.Ok;
        var (id, exercise, match) = x.Resolver.Resolve(name);
        if (id is not null && exercise is not null)
            return (id, exercise);
        code = io.Fail(ExerciseCommands.UnknownExercise(name, match) + ExerciseCommands.HowToAdd(name, match));
        return null;
    }

    /// <summary>The day's exercises as changed so far (planned, swapped in, added; skipped ones left out).</summary>
    private static List<PlannedExercise> Current(Context x, SessionChanges changes) => [.. StoredDay.Exercises(x.Decided, changes, x.Resolver)];

    private static int Change(Io io, Context x, Func<SessionChanges, SessionChanges> change, string done)
    {
        SetWriter.Change(x.Log.Connection, x.Log.AthleteId, x.Key, io.UtcNow, change, CancellationToken.None).GetAwaiter().GetResult();
        io.Console.MarkupLineInterpolated($"{done}");
        var next = StoredDay.Next(x.Decided, x.Log.SessionOn(x.Day, LogCommands.Source), x.Resolver);
        LogCommands.PrintNext(io.Console, next, x.Unit);
        return ExitCodes.Ok;
    }

    private static SessionChanges Stored(Context x) => SessionChanges.Parse(x.Log.SessionOn(x.Day, LogCommands.Source)?.ChangesJson);

    private static string List(IEnumerable<PlannedExercise> exercises) => string.Join(", ", exercises.Select(e => e.Name));

    public static Command Skip(Io io)
    {
        var exercise = new Argument<string>("exercise") { Description = "The exercise to leave out today." };
        var undo = new Option<bool>("--undo") { Description = "Take the skip back." };
        var date = DailyOptions.Date();
        var command = new Command("skip", "Skip an exercise of today's plan: `next` moves on to the one after it.") { exercise, undo, date };
        command.SetAction(parse => OnDay(io, parse, date, x =>
        {
            if (Resolve(io, x, parse.GetValue(exercise)!, out var code) is not { } found)
                return code;
            var changes = Stored(x);
            if (parse.GetValue(undo))
            {
                return changes.Skipped.Contains(found.Id)
                    ? Change(io, x, c => c.Unskip(found.Id), $"{found.Exercise.Name} is back in {x.Day:yyyy-MM-dd}'s session.")
                    : io.Fail($"skip --undo: {found.Exercise.Name} is not skipped on {x.Day:yyyy-MM-dd}");
            }
            var current = Current(x, changes);
            if (!current.Exists(e => e.Exercise.Id == found.Id))
                return io.Fail($"skip: {StoredDay.NotInSession(found.Exercise.Name, x.Day, current)}");
            return Change(io, x, c => c.Skip(found.Id), $"Skipped {found.Exercise.Name} on {x.Day:yyyy-MM-dd}.");
        }));
        return command;
    }

    public static Command Swap(Io io)
    {
        var exercise = new Argument<string>("exercise") { Description = "The planned exercise to replace." };
        var with = new Option<string>("--with") { Description = "The exercise to do instead.", Required = true };
        var date = DailyOptions.Date();
        var command = new Command("swap", "Do another exercise in place of a planned one (its sets and reps; the load starts conservative).") { exercise, with, date };
        command.SetAction(parse => OnDay(io, parse, date, x =>
        {
            if (Resolve(io, x, parse.GetValue(exercise)!, out var code) is not { } from)
                return code;
            var name = parse.GetValue(with)!;
            if (Resolve(io, x, name, out code) is not { } to)
                return code;
            var current = Current(x, Stored(x));
            if (!current.Exists(e => e.Exercise.Id == from.Id))
                return io.Fail($"swap: {StoredDay.NotInSession(from.Exercise.Name, x.Day, current)}");
            if (current.Exists(e => e.Exercise.Id == to.Id))
                return io.Fail($"swap: {to.Exercise.Name} is already in {x.Day:yyyy-MM-dd}'s session");
            return Change(io, x, c => c.Swap(from.Id, to.Id, to.Exercise.Name), $"Swapped {from.Exercise.Name} for {to.Exercise.Name} on {x.Day:yyyy-MM-dd}.");
        }));
        return command;
    }

    public static Command Add(Io io)
    {
        var exercise = new Argument<string>("exercise") { Description = "The exercise to add at the end of today's session." };
        var sets = new Option<int>("--sets") { Description = "How many sets (1–10, default 3).", DefaultValueFactory = _ => 3 };
        var reps = new Option<string>("--reps") { Description = "The rep range (default 8-12).", DefaultValueFactory = _ => "8-12" };
        var date = DailyOptions.Date();
        var command = new Command("add", "Add an exercise to today's session (no failure on it, at least 2 in reserve).") { exercise, sets, reps, date };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(sets);
            if (n is < 1 or > 10)
                return io.Fail($"add --sets: {n} is out of range (1–10)", ExitCodes.Usage);
            var range = parse.GetValue(reps) ?? "8-12";
            if (!RepRange.TryParse(range, out _, out var error))
                return io.Fail($"add --reps: {error}", ExitCodes.Usage);
            return OnDay(io, parse, date, x =>
            {
                if (Resolve(io, x, parse.GetValue(exercise)!, out var code) is not { } found)
                    return code;
                if (Current(x, Stored(x)).Exists(e => e.Exercise.Id == found.Id))
                    return io.Fail($"add: {found.Exercise.Name} is already in {x.Day:yyyy-MM-dd}'s session");
                return Change(io, x, c => c.Add(found.Id, found.Exercise.Name, n, range), $"Added {found.Exercise.Name}, {n} × {range}, to {x.Day:yyyy-MM-dd}'s session.");
            });
        });
        return command;
    }

    public static Command Reorder(Io io)
    {
        var exercises = new Argument<string[]>("exercises") { Description = "Exercises of today's session in the order you want them (the rest follow).", Arity = ArgumentArity.OneOrMore };
        var date = DailyOptions.Date();
        var command = new Command("reorder", "Do today's exercises in another order.") { exercises, date };
        command.SetAction(parse => OnDay(io, parse, date, x =>
        {
            var current = Current(x, Stored(x));
            var ids = new List<string>();
            foreach (var name in parse.GetValue(exercises) ?? [])
            {
                if (Resolve(io, x, name, out var code) is not { } found)
                    return code;
                if (!current.Exists(e => e.Exercise.Id == found.Id))
                    return io.Fail($"reorder: {StoredDay.NotInSession(found.Exercise.Name, x.Day, current)}");
                ids.Add(found.Id);
            }
            return Change(io, x, c => c.Reorder(ids), $"New order for {x.Day:yyyy-MM-dd}: {List(Current(x, Stored(x).Reorder(ids)))}.");
        }));
        return command;
    }

    public static Command Undo(Io io)
    {
        var date = DailyOptions.Date();
        var command = new Command("undo", "Delete the last set logged today (a drop set is a set of its own).") { date };
        command.SetAction(parse => OnDay(io, parse, date, x =>
        {
            var removed = SetWriter.Undo(x.Log.Connection, x.Log.AthleteId, x.Key, CancellationToken.None).GetAwaiter().GetResult();
            if (removed is null)
                return io.Fail($"undo: nothing is logged on {x.Day:yyyy-MM-dd}");
            io.Console.MarkupLineInterpolated($"Removed set {removed.Id}: {removed.ExerciseName} {removed.WeightEntered:0.##} {removed.Unit} × {removed.Reps}.");
            LogCommands.PrintNext(io.Console, StoredDay.Next(x.Decided, x.Log.SessionOn(x.Day, LogCommands.Source), x.Resolver), x.Unit);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Set(Io io)
    {
        var date = DailyOptions.Date();
        var list = new Command("list", "The day's sets with their numbers (for edit and delete).") { date };
        list.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(date), out var given, out var code))
                return code;
            using var log = io.OpenLog(parse);
            if (log is null)
                return ExitCodes.InvalidInput;
            var day = DailyOptions.Day(io, given, log.Profile());
            var sets = log.Sessions(day, day).SelectMany(s => s.Sets.OrderBy(x => x.Order)).ToList();
            if (sets.Count == 0)
            {
                io.Console.MarkupLineInterpolated($"Nothing logged on {day:yyyy-MM-dd}.");
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Set", "Exercise", "Load × reps", "Effort", "Notes");
            foreach (var s in sets)
            {
                table.AddRow(
                    s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(s.ExerciseName),
                    Markup.Escape($"{(s.Warmup ? "w: " : s.Drop ? "d: " : "")}{s.WeightEntered:0.##} {s.Unit} × {s.Reps}"),
                    Markup.Escape(s.Failure != "none" ? $"{s.Failure} failure" : s.Rir is { } r ? $"{r:0.#} RIR" : "not rated"),
                    Markup.Escape($"{(s.Pain ? "pain " : "")}{s.Notes}"));
            }
            io.Console.Write(table);
            return ExitCodes.Ok;
        });

        var id = new Argument<long>("id") { Description = "The set's number (see `failsafe set list`)." };
        var set = new Argument<string>("set") { Description = "The set as it was: 100x8@8, 100x8 F…" };
        var notes = new Option<string?>("--notes") { Description = "Replace the set's note." };
        var pain = new Option<bool?>("--pain") { Description = "Whether something hurt (true or false)." };
        var edit = new Command("edit", "Correct a logged set.") { id, set, notes, pain };
        edit.SetAction(parse => io.WithDb(parse, db =>
        {
            var row = db.Mine<SetRow>().AsNoTracking().FirstOrDefault(s => s.Id == parse.GetValue(id));
            if (row is null)
                return io.Fail($"set edit: there is no set {parse.GetValue(id)} (see `failsafe set list`)");
            var unit = db.MyProfile.Select(p => p.Unit).FirstOrDefault() == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
            if (!SetNotation.TryParse(parse.GetValue(set) ?? "", unit, out var w, out var error))
                return io.Fail($"set edit: {error}");
            (row.WeightKg, row.Unit, row.WeightEntered, row.Reps, row.Rir, row.Rpe, row.Failure, row.FormBreakdown) =
                (Math.Round(w.Load.InKg, 3), w.Load.Unit == WeightUnit.Lb ? "lb" : "kg", w.Load.Value, w.Reps, w.EffectiveRir, w.Rpe?.Value, Words.Of(w.Failure), w.Failure == FailureLevel.Technical);
            if (parse.GetValue(notes) is { } note)
            {
                if (LogLimits.Notes(note) is { } longNotes)
                    return io.Fail($"set edit: --notes {longNotes}", ExitCodes.Usage);
                row.Notes = note.Length == 0 ? null : note;
            }
            if (parse.GetValue(pain) is { } hurt)
                row.Pain = hurt;
            db.Database.OpenConnection();
            if (!SetWriter.Edit(db.Database.GetDbConnection(), db.AthleteId, row, row.Version, CancellationToken.None).GetAwaiter().GetResult())
                return io.Fail($"set edit: set {row.Id} changed while it was edited; try again");
            io.Console.MarkupLineInterpolated($"Set {row.Id} is now {row.ExerciseName} {w.Load} × {w.Reps}{(w.EffectiveRir is { } r ? $" at {r:0.#} RIR" : "")}{(w.Failure != FailureLevel.None ? $" ({Words.Of(w.Failure)} failure)" : "")}.");
            return ExitCodes.Ok;
        }));

        var deleteId = new Argument<long>("id") { Description = "The set's number (see `failsafe set list`)." };
        var delete = new Command("delete", "Delete a logged set.") { deleteId };
        delete.SetAction(parse => io.WithDb(parse, db =>
        {
            db.Database.OpenConnection();
            if (!SetWriter.Delete(db.Database.GetDbConnection(), db.AthleteId, parse.GetValue(deleteId), null, io.UtcNow, CancellationToken.None).GetAwaiter().GetResult())
                return io.Fail($"set delete: there is no set {parse.GetValue(deleteId)} (see `failsafe set list`)");
            io.Console.MarkupLineInterpolated($"Deleted set {parse.GetValue(deleteId)}.");
            return ExitCodes.Ok;
        }));
        return new Command("set", "List, correct or delete logged sets.") { list, edit, delete };
    }
}
