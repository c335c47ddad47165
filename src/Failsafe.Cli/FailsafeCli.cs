using Failsafe.Cli.Evaluate;
using Failsafe.Cli.Exercises;
using Failsafe.Cli.Planning;

namespace Failsafe.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 1;

    /// <summary>The input is wrong: unreadable file, invalid JSON or values, unknown exercise.</summary>
    public const int InvalidInput = 2;
}

/// <summary>The <c>failsafe</c> command: builds the command tree and runs it against the given writers.</summary>
public static class FailsafeCli
{
    /// <summary>Runs <paramref name="args"/> at the time <paramref name="clock"/> gives (the system's in the program; a fake one in tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        var io = new Io(stdout, stderr, clock);
        var root = new RootCommand("Failsafe: a strength-training coach that decides, set by set, how close to failure to go — and says why.")
        {
            ExerciseCommands.List(io),
            ExerciseCommands.Show(io),
            EvaluateCommand.Create(io),
            EvaluateCommand.PolicyCommand(io),
            PlanCommands.Plan(io),
            PlanCommands.Next(io),
            Daily.ProfileCommands.Init(io),
            Daily.EquipmentCommands.Equipment(io),
            Daily.LogCommands.CheckIn(io),
            Daily.TodayCommands.Today(io),
            Daily.LogCommands.Log(io),
            Daily.SessionCommands.Skip(io),
            Daily.SessionCommands.Swap(io),
            Daily.SessionCommands.Add(io),
            Daily.SessionCommands.Reorder(io),
            Daily.SessionCommands.Undo(io),
            Daily.SessionCommands.Set(io),
            Daily.TodayCommands.Finish(io),
            Daily.TodayCommands.Status(io),
            Daily.LogCommands.History(io),
            Daily.CalendarCommands.Event(io),
            Daily.CalendarCommands.Injury(io),
            Daily.CalendarCommands.Export(io),
            Reporting.ReportCommand.Create(io),
            Importing.ImportCommand.Create(io),
        };
        root.Options.Add(io.DbOption);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // Usage errors go to stderr only, so a script reading stdout never mistakes help text for data.
            foreach (var error in result.Errors)
                stderr.WriteLine($"failsafe: {error.Message}");
            var names = new List<string>();
            for (System.CommandLine.Parsing.SymbolResult? r = result.CommandResult; r is System.CommandLine.Parsing.CommandResult c; r = c.Parent)
                names.Insert(0, c.Command == root ? "failsafe" : c.Command.Name);
            stderr.WriteLine($"Run '{string.Join(' ', names)} --help' for usage.");
            return ExitCodes.Usage;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>Shared argument checks.</summary>
public static class Arguments
{
    /// <summary>Rejects a token that looks like an option where a value belongs, so a mistyped option is a usage error.</summary>
    public static void NotAnOption<T>(Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
    }
}

/// <summary>Where a command writes: data and tables to stdout, problems to stderr.</summary>
public sealed class Io(TextWriter stdout, TextWriter stderr, TimeProvider clock)
{
    public TextWriter Out { get; } = stdout;

    /// <summary>The only source of the time for every command.</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>The lifter's date now: in the profile's time zone when it has one, else the machine's.</summary>
    public DateOnly Today(string? timeZone = null) => LocalDay.Today(Clock, timeZone);

    /// <summary>Now, in UTC, for the times rows are stamped with.</summary>
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>The training log to use; every command that reads or writes it accepts it.</summary>
    public Option<string?> DbOption { get; } = new("--db")
    {
        Description = "The training-log database file (default: $FAILSAFE_DB, else ~/.local/share/failsafe/failsafe.db).",
        Recursive = true,
    };

    /// <summary>Opens the training log chosen by --db / FAILSAFE_DB / the default; null (after printing why) when it cannot be.</summary>
    public FailsafeDb? OpenDb(ParseResult parse) => Open(parse, path => Database.Open(path));

    /// <summary>Runs <paramref name="action"/> on the log <see cref="OpenDb"/> opens, and closes it; when it cannot be opened, <see cref="ExitCodes.InvalidInput"/>.</summary>
    public int WithDb(ParseResult parse, Func<FailsafeDb, int> action)
    {
        using var db = OpenDb(parse);
        return db is null ? ExitCodes.InvalidInput : action(db);
    }

    /// <summary>
    /// Opens the training log for reading (<see cref="LogReader"/>) and logging sets (<see cref="SetWriter"/>): no
    /// EF Core unless the file must be created or migrated. Null (after printing why) when it cannot be.
    /// </summary>
    public LogReader? OpenLog(ParseResult parse) => Open(parse, path =>
    {
        var (connection, athlete, backup) = Database.OpenConnection(path);
        return (new LogReader(connection, athlete), backup);
    });

    private T? Open<T>(ParseResult parse, Func<string, (T Opened, string? Backup)> open) where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        var path = parse.GetValue(DbOption) is { Length: > 0 } p ? p : Database.DefaultPath();
        try
        {
            var (opened, backup) = open(path);
            if (backup is not null)
                Error.WriteLine($"failsafe: upgraded the database; the previous version was copied to {backup}");
            return opened;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            Fail($"cannot open the database '{path}': {ex.Message}");
            return null;
        }
    }

    public TextWriter Error { get; } = stderr;

    /// <summary>True when stdout is a terminal a person can answer prompts on.</summary>
    public bool Interactive => ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected && !System.Console.IsInputRedirected;

    /// <summary>A Spectre console on stdout; colours only when it is a terminal that supports them and NO_COLOR is unset.</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>Made when first written to: most of a command's time comes before its output (see Program.cs).</summary>
    private readonly Lazy<IAnsiConsole> _console = new(() => CreateConsole(stdout));

    /// <summary>Piped or captured output gets no colours and a wide page, so tables are not wrapped for grep.</summary>
    internal static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        var terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = 240;
        return console;
    }

    public int Fail(string message, int code = ExitCodes.InvalidInput)
    {
        Error.WriteLine($"failsafe: {message}");
        return code;
    }
}
