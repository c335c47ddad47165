using System.CommandLine;
using System.Text.Json;
using Failsafe.Catalog;
using Failsafe.Store.Catalog;
using Failsafe.Store.Scenarios;
using Spectre.Console;

namespace Failsafe.Cli.Exercises;

/// <summary><c>failsafe exercises [QUERY]</c> and <c>failsafe exercise NAME</c>.</summary>
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
        var command = new Command("exercise", "Resolve one exercise name and show its properties.") { name, json };
        command.SetAction(parse =>
        {
            var catalog = CatalogLoader.Default;
            var text = parse.GetValue(name) ?? "";
            var match = catalog.Resolve(text);
            if (match.Exercise is not { } e)
                return io.Fail(UnknownExercise(text, match));
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
