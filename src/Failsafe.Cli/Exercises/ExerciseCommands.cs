using System.Text.Json;

namespace Failsafe.Cli.Exercises;

/// <summary><c>failsafe exercises [QUERY]</c>, <c>failsafe exercise NAME</c> and <c>failsafe exercise add|classify NAME</c>.</summary>
public static class ExerciseCommands
{
    public static Command List(Io io)
    {
        var query = new Argument<string?>("query") { Description = "Words to search for in names and aliases (e.g. 'bench'); all exercises when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        Arguments.NotAnOption(query);
        var command = new Command("exercises", "List or search the exercise catalog with what the engine derives for each.") { query, json };
        command.SetAction(parse =>
        {
            var catalog = CatalogLoader.Default;
            var found = catalog.Search(parse.GetValue(query)).ToList();
            if (parse.GetValue(json))
            {
                WriteJson(io, w =>
                {
                    w.WriteStartArray();
                    foreach (var e in found)
                        WriteExercise(w, e, null);
                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }
            if (found.Count == 0)
            {
                io.Console.MarkupLineInterpolated($"No exercise matches '{parse.GetValue(query)}'.");
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("Exercise", "Mechanic", "Equipment", "Max failure", "With spotter/safeties", "CNS", "Can pin");
            foreach (var e in found)
            {
                table.AddRow(Markup.Escape(e.Name), Words(e.Mechanic), Markup.Escape(e.Equipment), Failure(e.MaxFailure),
                    Failure(e.MaxFailureWithSpotter), Store.Scenarios.Words.Of(e.Cns), e.CanPin ? "yes" : "no");
            }
            io.Console.Write(table);
            io.Console.MarkupLineInterpolated($"{found.Count} exercise(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Show(Io io)
    {
        var name = new Argument<string>("name") { Description = "An exercise name as you would type it: 'Back Squat', 'Bench Press (Barbell)', 'Lat Pulldown'." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        Arguments.NotAnOption(name);
        var command = new Command("exercise", "Resolve one exercise name and show its properties; add or classify your own.") { name, json, Add(io), Classify(io) };
        command.SetAction(parse =>
        {
            var catalog = CatalogLoader.Default;
            var text = parse.GetValue(name) ?? "";
            var match = catalog.Resolve(text);
            if (match.Exercise is not { } e)
            {
                using var log = io.OpenLog(parse);
                var custom = log?.CustomExercises().FirstOrDefault(c => string.Equals(c.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));
                if (custom is null)
                    return io.Fail(UnknownExercise(text, match) + HowToAdd(text, match));
                io.Console.MarkupLineInterpolated($"{custom.Name} (your own exercise): {Describe(custom)}.");
                return ExitCodes.Ok;
            }
            if (parse.GetValue(json))
            {
                WriteJson(io, w => WriteExercise(w, e, catalog.AliasesOf(e).ToList()));
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string label, string value) => grid.AddRow(new Markup($"[bold]{label}[/]"), new Markup(value));
            Row("Name", Markup.Escape(e.Name));
            Row("Id", Markup.Escape(e.Id));
            Row("Mechanic", Words(e.Mechanic));
            Row("Equipment", Markup.Escape(e.Equipment));
            Row("Force / level / category", Markup.Escape($"{e.Force ?? "-"} / {e.Level ?? "-"} / {e.Category ?? "-"}"));
            Row("Primary muscles", Markup.Escape(string.Join(", ", e.PrimaryMuscles)));
            Row("Secondary muscles", Markup.Escape(string.Join(", ", e.SecondaryMuscles)));
            Row("Max failure", Failure(e.MaxFailure));
            Row("With spotter/safeties", Failure(e.MaxFailureWithSpotter) + (e.SpotterChangesVerdict ? " (a spotter or safeties change the verdict)" : ""));
            Row("CNS demand", Store.Scenarios.Words.Of(e.Cns));
            Row("Can pin the lifter", e.CanPin ? "yes" : "no");
            Row("Why", Markup.Escape(e.ClassificationReason));
            var aliases = catalog.AliasesOf(e).ToList();
            if (aliases.Count > 0)
                Row("Also known as", Markup.Escape(string.Join(", ", aliases)));
            io.Console.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The options that classify a custom exercise, shared by <c>exercise add</c> and <c>exercise classify</c>.</summary>
    private sealed class ClassifyOptions
    {
        public Option<string?> Like { get; } = new("--like") { Description = "A catalog exercise it moves like (\"Leg Press\"): its classification is copied." };
        public Option<string?> Equipment { get; } = new("--equipment") { Description = "machine, cable, barbell, dumbbell, body only, bands, other…" };
        public Option<string?> Mechanic { get; } = new("--mechanic") { Description = "compound or isolation." };
        public Option<string?> Muscles { get; } = new("--muscles") { Description = "Primary muscles, comma-separated: quadriceps,glutes." };
        public Option<string?> MaxFailure { get; } = new("--max-failure") { Description = "How far it may go: none, technical, absolute (default: none)." };
        public Option<string?> WithSpotter { get; } = new("--max-failure-with-spotter") { Description = "With a spotter or safeties: none, technical, absolute." };
        public Option<string?> Cns { get; } = new("--cns") { Description = "Demand on the nervous system: low, moderate, high." };

        public IEnumerable<Option> All => [Like, Equipment, Mechanic, Muscles, MaxFailure, WithSpotter, Cns];

        public Classification Of(ParseResult parse) => new(
            parse.GetValue(Mechanic), parse.GetValue(Equipment), parse.GetValue(MaxFailure), parse.GetValue(WithSpotter), parse.GetValue(Cns), parse.GetValue(Muscles));

        /// <summary>Classifies <paramref name="row"/> from --like or the fields; the problem in words, or null.</summary>
        public string? Apply(ParseResult parse, CustomExerciseRow row, bool required)
        {
            var given = Of(parse);
            if (parse.GetValue(Like) is { } like)
            {
                if (given != new Classification(null, null, null, null, null, null))
                    return "give --like or the fields (--equipment, --mechanic, --muscles…), not both";
                if (CatalogLoader.Default.Resolve(like).Exercise is not { } model)
                    return $"--like: '{like}' is not an exercise in the catalog (see `failsafe exercises {like}`)";
                var copy = CustomExercises.Like(row.Name, model);
                (row.Mechanic, row.Equipment, row.MaxFailure, row.MaxFailureWithSpotter, row.CnsDemand, row.PrimaryMuscles, row.Classified) =
                    (copy.Mechanic, copy.Equipment, copy.MaxFailure, copy.MaxFailureWithSpotter, copy.CnsDemand, copy.PrimaryMuscles, true);
                return null;
            }
            if (given == new Classification(null, null, null, null, null, null))
                return required ? "give --like \"Leg Press\" or the fields (--equipment, --mechanic, --muscles, --max-failure…)" : null;
            var errors = CustomExercises.Classify(row, given);
            return errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"--{Kebab(e.Key)}: {e.Value}"));
        }

        private static string Kebab(string field) => field switch
        {
            "primaryMuscles" => "muscles",
            "maxFailure" => "max-failure",
            "maxFailureWithSpotter" => "max-failure-with-spotter",
            "cnsDemand" => "cns",
            _ => field,
        };
    }

    private static Command Add(Io io)
    {
        var name = new Argument<string>("name") { Description = "Your name for it: \"Super Machine 3000\"." };
        var options = new ClassifyOptions();
        var command = new Command("add", "Add your own exercise, classified like a catalog one (--like) or by equipment, mechanic and muscles; without either it stays unclassified (never to failure).") { name };
        foreach (var o in options.All)
            command.Options.Add(o);
        command.SetAction(parse => io.WithDb(parse, db =>
        {
            var text = parse.GetValue(name) ?? "";
            if (CustomExercises.CheckName(text, new ExerciseResolver(CatalogLoader.Default, db)) is { } problem)
                return io.Fail($"exercise add: {problem}");
            var row = new CustomExerciseRow { Name = text.Trim() };
            if (options.Apply(parse, row, required: false) is { } error)
                return io.Fail($"exercise add: {error}", ExitCodes.Usage);
            db.CustomExercises.Add(row);
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Added {row.Name}: {Describe(row)}.");
            io.Console.MarkupLineInterpolated($"Log it with: failsafe log \"{row.Name}\" 50x10@8");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Classify(Io io)
    {
        var name = new Argument<string>("name") { Description = "One of your exercises (see `failsafe exercise NAME`)." };
        var options = new ClassifyOptions();
        var command = new Command("classify", "Classify one of your exercises (from an import or `exercise add`), so it may go as far toward failure as it safely can.") { name };
        foreach (var o in options.All)
            command.Options.Add(o);
        command.SetAction(parse => io.WithDb(parse, db =>
        {
            var text = parse.GetValue(name)?.Trim() ?? "";
            var row = db.Mine<CustomExerciseRow>().AsEnumerable().FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
            if (row is null)
                return io.Fail($"exercise classify: '{text}' is not one of your exercises{(CatalogLoader.Default.Resolve(text).Exercise is { } e ? $" ({e.Name} is in the catalog, already classified)" : "")}");
            if (options.Apply(parse, row, required: true) is { } error)
                return io.Fail($"exercise classify: {error}", ExitCodes.Usage);
            db.SaveChanges();
            io.Console.MarkupLineInterpolated($"Classified {row.Name}: {Describe(row)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Describe(CustomExerciseRow row) => row.Classified
        ? $"{row.Mechanic}, {row.Equipment}, {(row.PrimaryMuscles.Length > 0 ? row.PrimaryMuscles.Replace(",", ", ", StringComparison.Ordinal) : "no muscles given")}; failure at most {row.MaxFailure} ({row.MaxFailureWithSpotter} with a spotter or safeties){(CustomExercises.F3Limit(row) is { } f3 ? $" — {f3.Reason}" : "")}"
        : "not classified yet, so never to failure (classify it with `failsafe exercise classify`)";

    /// <summary>How to make an unknown name loggable: add it as the lifter's own exercise.</summary>
    internal static string HowToAdd(string name, NameMatch match) =>
        $"{(match.Suggestions.IsDefaultOrEmpty ? "." : "")} To log it as your own exercise, add it first: failsafe exercise add \"{name.Trim()}\" --like \"{(match.Suggestions.IsDefaultOrEmpty ? "Leg Press" : match.Suggestions[0])}\" (or give --equipment, --mechanic and --muscles)";

    internal static string UnknownExercise(string name, NameMatch match) =>
        match.Suggestions.IsEmpty
            ? $"unknown exercise '{name}'"
            : $"unknown exercise '{name}'; did you mean {string.Join(", ", match.Suggestions.Select(s => $"'{s}'"))}?";

    private static string Words(Mechanic m) => m == Mechanic.Unknown ? "-" : Store.Scenarios.Words.Of(m);

    private static string Failure(FailureLevel f) => f switch
    {
        FailureLevel.Absolute => "[green]absolute[/]",
        FailureLevel.Technical => "[yellow]technical[/]",
        _ => "[red]none[/]",
    };

    private static void WriteExercise(Utf8JsonWriter w, Exercise e, List<string>? aliases)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("name", e.Name);
        w.WriteString("mechanic", e.Mechanic == Mechanic.Unknown ? null : Store.Scenarios.Words.Of(e.Mechanic));
        w.WriteString("equipment", e.Equipment);
        w.WriteString("force", e.Force);
        w.WriteString("level", e.Level);
        w.WriteString("category", e.Category);
        w.WriteStrings("primaryMuscles", e.PrimaryMuscles);
        w.WriteStrings("secondaryMuscles", e.SecondaryMuscles);
        w.WriteString("pattern", Store.Scenarios.Words.Of(e.Pattern));
        w.WriteString("maxFailure", Store.Scenarios.Words.Of(e.MaxFailure));
        w.WriteString("maxFailureWithSpotter", Store.Scenarios.Words.Of(e.MaxFailureWithSpotter));
        w.WriteBoolean("spotterChangesVerdict", e.SpotterChangesVerdict);
        w.WriteString("cnsDemand", Store.Scenarios.Words.Of(e.Cns));
        w.WriteBoolean("canPin", e.CanPin);
        w.WriteString("classificationReason", e.ClassificationReason);
        if (aliases is not null)
            w.WriteStrings("aliases", aliases);
        w.WriteEndObject();
    }

    internal static void WriteJson(Io io, Action<Utf8JsonWriter> write) => io.Out.WriteLine(EvaluationJson.Write(write));
}
