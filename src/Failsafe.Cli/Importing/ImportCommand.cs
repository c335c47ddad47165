using Failsafe.Store.Exporting;
using Failsafe.Store.Importing;

namespace Failsafe.Cli.Importing;

/// <summary>
/// <c>failsafe import FILE [--from APP] [--unit kg|lb] [--dry-run]</c>: an export from another app, its app and layout
/// detected from the file, or a backup from <c>failsafe export json</c>; and <c>failsafe import strong|hevy FILE</c>.
/// </summary>
public static class ImportCommand
{
    /// <summary>Files at least this large get a progress bar (on an interactive terminal): about 10,000 sets.</summary>
    private const long ProgressFrom = 1 << 20;

    public static Command Create(Io io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var file = new Argument<FileInfo?>("file")
        {
            Description = "The export to import; the app and its layout are read from the file. A backup made by `failsafe export json` is restored whole into an empty log.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var (from, unit, dryRun) = Options();
        var command = new Command("import", $"Import a workout history exported from another app ({ImportApps.Supported}); the app is detected from the file, --from names it. Importing the same export again adds nothing; a newer one adds only the new workouts.")
        {
            file, from, unit, dryRun,
            Source(io, ImportSource.Strong, "strong",
                "Import a Strong export (Settings → Export Strong Data). Any of Strong's layouts; the comma layout has no unit column, so give --unit."),
            Source(io, ImportSource.Hevy, "hevy",
                "Import a Hevy export (Settings → Export & Import Data → Export Workouts)."),
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(file) is not { } given)
                return io.Fail("import: give the file to import (an export from another app, or a backup from `failsafe export json`)", ExitCodes.Usage);
            var app = parse.GetValue(from) is { } word ? ImportApps.Parse(word) : null;
            if (app is null && IsBackup(given))
                return Restore(io, parse, given);
            return Run(io, parse, given, new ImportOptions(app, Unit(parse.GetValue(unit)), parse.GetValue(dryRun)));
        });
        return command;
    }

    private static (Option<string?> From, Option<string?> Unit, Option<bool> DryRun) Options()
    {
        var from = new Option<string?>("--from") { Description = "The app that wrote the file, when it should not be detected: " + string.Join(", ", ImportApps.All.Select(ImportApps.Word)) + "." };
        from.AcceptOnlyFromAmong([.. ImportApps.All.Select(ImportApps.Word)]);
        var unit = new Option<string?>("--unit") { Description = "The unit of the file's weights when it does not say (kg or lb): the unit the app was set to." };
        unit.AcceptOnlyFromAmong("kg", "lb", "lbs");
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check the whole file and print what would be imported, without writing anything." };
        return (from, unit, dryRun);
    }

    private static WeightUnit? Unit(string? word) => word switch
    {
        "kg" => WeightUnit.Kg,
        "lb" or "lbs" => WeightUnit.Lb,
        _ => null,
    };

    /// <summary>A Failsafe backup is JSON: its first character (after a byte-order mark and white space) opens an object.</summary>
    private static bool IsBackup(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return WorkoutImporter.IsJson(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // Run reports the file it cannot read
        }
    }

    /// <summary><c>failsafe import FILE</c>: a whole backup into an empty log, all of it or nothing.</summary>
    private static int Restore(Io io, ParseResult parse, FileInfo file)
    {
        string json;
        try
        {
            json = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return io.Fail($"cannot read '{file}': {ex.Message}");
        }
        using var db = io.OpenDb(parse);
        if (db is null)
            return ExitCodes.InvalidInput;
        var (restored, problem) = Backup.Restore(db, json);
        if (restored is null)
            return io.Fail($"import {file.Name}: {problem}; nothing was imported");
        io.Console.MarkupLineInterpolated($"Restored {restored.Sessions} session(s) with {restored.Sets} set(s), {restored.CheckIns} check-in(s) and {restored.Plans} plan(s) from {file.Name}.");
        return ExitCodes.Ok;
    }

    private static Command Source(Io io, ImportSource source, string name, string description)
    {
        var file = new Argument<FileInfo>("file") { Description = "The exported CSV file." };
        var (_, unit, dryRun) = Options();
        Arguments.NotAnOption(file);
        var command = new Command(name, description) { file, unit, dryRun };
        command.SetAction(parse => Run(io, parse, parse.GetValue(file)!, new ImportOptions(source, Unit(parse.GetValue(unit)), parse.GetValue(dryRun))));
        return command;
    }

    private static int Run(Io io, ParseResult parse, FileInfo file, ImportOptions options)
    {
        if (!file.Exists)
            return io.Fail($"cannot read '{file}': no such file");

        // A dry run against a log that does not exist yet checks against an empty one, and leaves no file behind.
        string? scratch = null;
        FailsafeDb? db;
        var path = parse.GetValue(io.DbOption) is { Length: > 0 } p ? p : Database.DefaultPath();
        if (options.DryRun && !File.Exists(path))
        {
            scratch = Path.Combine(Path.GetTempPath(), $"failsafe-dry-run-{Guid.NewGuid():N}.db");
            try
            {
                db = Database.Open(scratch).Db;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                return io.Fail($"cannot create a scratch database for the dry run in '{Path.GetTempPath()}': {ex.Message}");
            }
        }
        else
        {
            db = io.OpenDb(parse);
            if (db is null)
                return ExitCodes.InvalidInput;
        }

        try
        {
            var summary = Import(io, db, file, options);
            Print(io.Console, summary, file);
            return ExitCodes.Ok;
        }
        catch (ImportException ex)
        {
            return io.Fail($"{file.Name}: {ex.Message}; nothing was imported");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return io.Fail($"cannot read '{file}': {ex.Message}");
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return io.Fail($"cannot write the training log: {ex.Message}; nothing was imported");
        }
        finally
        {
            db.Dispose();
            if (scratch is not null)
            {
                foreach (var f in new[] { scratch, scratch + "-wal", scratch + "-shm" })
                    File.Delete(f);
            }
        }
    }

    private static ImportSummary Import(Io io, FailsafeDb db, FileInfo file, ImportOptions options)
    {
        var length = file.Length;
        if (length < ProgressFrom || !Interactive(io))
            return WorkoutImporter.Import(db, CatalogLoader.Default, file.FullName, options);

        // The bar goes to stderr, so stdout keeps only the summary; it is cleared when the import ends.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = AnsiSupport.Detect,
            ColorSystem = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        ImportSummary? summary = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(options.DryRun ? $"Checking {file.Name}" : $"Importing {file.Name}"), maxValue: length);
                summary = WorkoutImporter.Import(db, CatalogLoader.Default, file.FullName, options, read => task.Value = read);
                task.Value = length;
            });
        return summary!;
    }

    /// <summary>A progress bar only on a terminal: never when stdout or stderr is redirected or captured.</summary>
    private static bool Interactive(Io io) =>
        ReferenceEquals(io.Out, Console.Out) && ReferenceEquals(io.Error, Console.Error)
        && !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    private static void Print(IAnsiConsole c, ImportSummary s, FileInfo file)
    {
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        static string Plural(long n, string word) => $"{N(n)} {word}{(n == 1 ? "" : "s")}";

        var range = s.First is { } first && s.Last is { } last
            ? first.Date == last.Date ? $" on {first:yyyy-MM-dd}" : $", {first:yyyy-MM-dd} to {last:yyyy-MM-dd}"
            : "";
        var verb = s.DryRun ? "Would import" : "Imported";
        c.MarkupLineInterpolated($"[bold]{verb} {Plural(s.Workouts, "workout")}, {Plural(s.Sets, "set")}[/] from {file.Name} ({s.Layout}){range}.");
        if (s.DuplicateWorkouts > 0)
            c.MarkupLineInterpolated($"Skipped {Plural(s.DuplicateWorkouts, "workout")} ({Plural(s.DuplicateSets, "set")}) already in the log from an earlier import.");
        if (s.SetsWithoutReps > 0)
            c.MarkupLineInterpolated($"Skipped {Plural(s.SetsWithoutReps, "set")} without reps (timed, distance or cardio sets).");
        if (s.OtherRows > 0)
            c.MarkupLineInterpolated($"Skipped {Plural(s.OtherRows, "row")} that {(s.OtherRows == 1 ? "is not a set" : "are not sets")} (rest timers, notes, planned sets not done).");
        if (s.Unmatched.Count > 0)
        {
            var created = s.Unmatched.Count(u => u.Created);
            var one = s.Unmatched.Count == 1;
            var names = $"{Plural(s.Unmatched.Count, "exercise name")} not in the catalog";
            var what = s.DryRun
                ? $"{names} would become {(one ? "a custom exercise" : "custom exercises")}"
                : created == s.Unmatched.Count
                    ? $"{names} became {(one ? "a custom exercise" : "custom exercises")}"
                    : $"{names} {(one ? "is a custom exercise" : $"are custom exercises ({N(created)} new)")}";
            c.MarkupLineInterpolated($"[yellow]Needs classification:[/] {what}; until classified, their sets never go to failure:");
            foreach (var u in s.Unmatched)
                c.MarkupLineInterpolated($"  {u.Name} ({Plural(u.Sets, "set")})");
            c.MarkupLineInterpolated($"Classify each with: failsafe exercise classify \"{s.Unmatched[0].Name}\" --like \"Leg Press\" (or --equipment, --mechanic, --muscles, --max-failure).");
        }
        if (s.DryRun)
            c.MarkupLine("[dim]Dry run: nothing was written.[/]");
    }
}
