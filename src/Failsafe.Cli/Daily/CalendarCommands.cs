using Failsafe.Store.Exporting;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Cli.Daily;

/// <summary><c>failsafe event add|list|remove</c>, <c>failsafe injury add|clear|list</c> and <c>failsafe export csv|json</c>.</summary>
public static class CalendarCommands
{
    public static Command Event(Io io)
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var name = new Argument<string>("name") { Description = "What it is: \"10K race\", \"meet\"." };
        var add = new Command("add", "Add an important event (no failure in the days before it).") { date, name };
        add.SetAction(parse =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return io.Fail($"event add: '{parse.GetValue(date)}' is not a date in the form yyyy-MM-dd", ExitCodes.Usage);
            var text = parse.GetValue(name)?.Trim() ?? "";
            if (text.Length is 0 or > 200)
                return io.Fail("event add: the name must be 1–200 characters", ExitCodes.Usage);
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            var row = db.Events.Add(new EventRow { Date = day, Name = text }).Entity;
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Event {row.Id}: {text} on {day:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        });
        var list = new Command("list", "List events.");
        list.SetAction(parse => io.WithDb(parse, db =>
        {
            foreach (var e in db.Mine<EventRow>().AsNoTracking().OrderBy(e => e.Date).ToList())
                io.Console.MarkupLineInterpolated($"{e.Id}  {e.Date:yyyy-MM-dd}  {e.Name}");
            return ExitCodes.Ok;
        }));
        var id = new Argument<long>("id") { Description = "The event's number (see `event list`)." };
        var remove = new Command("remove", "Remove an event.") { id };
        remove.SetAction(parse => io.WithDb(parse, db =>
        {
            var row = db.Mine<EventRow>().FirstOrDefault(e => e.Id == parse.GetValue(id));
            if (row is null)
                return io.Fail($"event remove: there is no event {parse.GetValue(id)}");
            db.Events.Remove(row);
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Removed {row.Name} on {row.Date:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        }));
        return new Command("event", "Races, meets, matches: no failure in the days before them (R4).") { add, list, remove };
    }

    public static Command Injury(Io io)
    {
        var text = new Argument<string>("description") { Description = "What is injured: \"left shoulder\"." };
        var since = DailyOptions.Date();
        var add = new Command("add", "Record a current injury: no failure training until it is cleared (E1).") { text, since };
        add.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(since), out var given, out var code))
                return code;
            var description = parse.GetValue(text)?.Trim() ?? "";
            if (description.Length is 0 or > 500)
                return io.Fail("injury add: the description must be 1–500 characters", ExitCodes.Usage);
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            var day = DailyOptions.Day(io, given, db.MyProfile.FirstOrDefault());
            var row = db.Injuries.Add(new InjuryRow { Description = description, Since = day }).Entity;
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Injury {row.Id}: {description} since {day:yyyy-MM-dd}. Failure training is off until `failsafe injury clear {row.Id}`.");
            return ExitCodes.Ok;
        });
        var id = new Argument<long>("id") { Description = "The injury's number (see `injury list`)." };
        var on = DailyOptions.Date();
        var clear = new Command("clear", "Mark an injury as healed.") { id, on };
        clear.SetAction(parse =>
        {
            if (!DailyOptions.TryDate(io, parse.GetValue(on), out var given, out var code))
                return code;
            using var db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
            var row = db.Mine<InjuryRow>().FirstOrDefault(i => i.Id == parse.GetValue(id));
            if (row is null || row.ClearedOn is not null)
                return io.Fail($"injury clear: there is no current injury {parse.GetValue(id)}");
            var day = DailyOptions.Day(io, given, db.MyProfile.FirstOrDefault());
            row.ClearedOn = day;
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Cleared: {row.Description} on {day:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        });
        var list = new Command("list", "List injuries.");
        list.SetAction(parse => io.WithDb(parse, db =>
        {
            foreach (var i in db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Since).ToList())
                io.Console.MarkupLineInterpolated($"{i.Id}  {i.Description}  since {i.Since:yyyy-MM-dd}{(i.ClearedOn is { } c ? $", cleared {c:yyyy-MM-dd}" : " (current)")}");
            return ExitCodes.Ok;
        }));
        return new Command("injury", "Current injuries: while any is open, no failure training.") { add, clear, list };
    }

    public static Command Export(Io io)
    {
        Command Make(string format)
        {
            var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
            var c = new Command(format, format == "json"
                ? "A portable copy of the whole log: profile and its history, equipment, check-ins, sessions with every set (notes, pain, flags), plans, events, injuries, custom exercises. `failsafe import FILE` restores it into an empty log."
                : "Every logged set as CSV, one row per set.") { output };
            c.SetAction(parse =>
            {
                string text;
                int sessions;
                if (format == "json")
                {
                    using var db = io.OpenDb(parse);
                    if (db is null)
                        return ExitCodes.InvalidInput;
                    if (Backup.Write(db) is not { } backup)
                        return io.Fail("export json: the log has no profile yet, so there is nothing to back up (run `failsafe init`)");
                    text = backup + Environment.NewLine;
                    sessions = db.Mine<SessionRow>().Count();
                }
                else
                {
                    using var log = io.OpenLog(parse);
                    if (log is null)
                        return ExitCodes.InvalidInput;
                    var rows = log.Sessions();
                    using var csv = new MemoryStream();
                    // A memory stream completes every write at once: nothing waits here.
                    HistoryExport.WriteCsvAsync(HistoryExport.Rows(rows), csv, CancellationToken.None).GetAwaiter().GetResult();
                    text = System.Text.Encoding.UTF8.GetString(csv.GetBuffer(), 0, (int)csv.Length);
                    sessions = rows.Count;
                }
                try
                {
                    if (parse.GetValue(output) is { } file)
                    {
                        File.WriteAllText(file.FullName, text);
                        io.Error.WriteLine($"failsafe: exported {sessions} sessions to {file.FullName}");
                    }
                    else
                    {
                        io.Out.Write(text);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return io.Fail($"export: {ex.Message}");
                }
                return ExitCodes.Ok;
            });
            return c;
        }
        return new Command("export", "Export the log: json is a whole backup, csv every set.") { Make("csv"), Make("json") };
    }
}
