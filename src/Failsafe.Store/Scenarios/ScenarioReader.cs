using System.Text.Json;
using Failsafe.Autoregulation;
using Failsafe.Planning;

namespace Failsafe.Store.Scenarios;

/// <summary>
/// A JSON path built only when an error needs it: a prefix, an optional array index and an optional field,
/// so reading 40,000 valid sets does not format 200,000 path strings.
/// </summary>
public readonly record struct At(string Prefix, int Index = -1, string? Field = null)
{
    public static implicit operator At(string path) => new(path);

    public At Dot(string name) => this with { Field = Field is null ? name : $"{Field}.{name}" };

    public override string ToString()
    {
        var indexed = Index < 0 ? Prefix : $"{Prefix}[{Index}]";
        return Field is null ? indexed : $"{indexed}.{Field}";
    }
}

/// <summary>An input error: the JSON path where it is and what is wrong there.</summary>
public sealed record InputError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}

/// <summary>
/// Reads a scenario in the evaluate contract's JSON format (docs/formats.md), checking every value and
/// resolving exercise names through the catalog. The first problem found is reported with its JSON path;
/// nothing is guessed.
/// </summary>
public sealed class ScenarioReader(ExerciseCatalog catalog)
{
    private readonly Dictionary<string, Exercise> _resolved = new(StringComparer.Ordinal);

    private sealed class InvalidInput(InputError error) : Exception(error.ToString())
    {
        public InputError Error { get; } = error;
    }

    /// <summary>
    /// Parses UTF-8 JSON; returns the scenario or the first error. With <paramref name="sessionRequired"/> false
    /// (planning), a missing <c>session</c> is an empty one.
    /// </summary>
    public (Scenario? Scenario, InputError? Error) Read(ReadOnlySpan<byte> utf8Json, bool sessionRequired = true) =>
        Parse(utf8Json, root => Scenario(root, sessionRequired));

    /// <summary>
    /// The optional <c>template</c> of a planning scenario: {"days": [{"name": "Push", "exercises": [{"exercise",
    /// "sets", "reps"}]}]}; null when the scenario has none.
    /// </summary>
    public (ImmutableArray<DayTemplate>? Template, InputError? Error) ReadTemplate(ReadOnlySpan<byte> utf8Json) =>
        Parse<ImmutableArray<DayTemplate>?>(utf8Json, root => Optional(root, "template") is { } t ? Template(t, "$.template") : null);

    /// <summary>
    /// A list of sets done today: {"sets": [{"exercise", "weightKg", "reps", "rir" | "rpe", "failure"}]}, in the
    /// order they were done.
    /// </summary>
    public (ImmutableArray<DoneSet>? Sets, InputError? Error) ReadDoneSets(ReadOnlySpan<byte> utf8Json) =>
        Parse<ImmutableArray<DoneSet>?>(utf8Json, root =>
        {
            Expect(root, "$", JsonValueKind.Object);
            var list = ImmutableArray.CreateBuilder<DoneSet>();
            foreach (var (x, path) in Items(Required(root, "$", "sets"), "$.sets"))
            {
                Expect(x, path, JsonValueKind.Object);
                var (name, exercise) = ExerciseName(Required(x, path, "exercise"), path.Dot("exercise"));
                var set = Set(x, path);
                list.Add(new DoneSet(name, exercise, set.WeightKg, set.Reps, set.Rir, set.Failure));
            }
            return list.ToImmutable();
        });

    private static (T? Value, InputError? Error) Parse<T>(ReadOnlySpan<byte> utf8Json, Func<JsonElement, T> read)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                doc.Dispose();
                return (default, new InputError("$", $"malformed JSON: unexpected content after the JSON object (byte {reader.TokenStartIndex + 1})"));
            }
        }
        catch (JsonException ex)
        {
            return (default, new InputError(ex.Path is { Length: > 0 } p ? p : "$",
                $"malformed JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {FirstSentence(ex.Message)}"));
        }
        using (doc)
        {
            try
            {
                return (read(doc.RootElement), null);
            }
            catch (InvalidInput e)
            {
                return (default, e.Error);
            }
        }
    }

    private Scenario Scenario(JsonElement root, bool sessionRequired)
    {
        Expect(root, "$", JsonValueKind.Object);
        var today = Date(Required(root, "$", "today"), "$.today");
        var athlete = Athlete(Required(root, "$", "athlete"), "$.athlete");
        var phase = Optional(root, "phase") is { } ph ? Word(ph, "$.phase", Words.Map<Phase>()) : Phase.Hypertrophy;

        var events = ImmutableArray.CreateBuilder<TrainingEvent>();
        if (Optional(root, "events") is { } evs)
        {
            foreach (var (ev, path) in Items(evs, "$.events"))
            {
                Expect(ev, path, JsonValueKind.Object);
                var name = Optional(ev, "name") is { } n ? Text(n, path.Dot("name")) : "event";
                events.Add(new TrainingEvent(Date(Required(ev, path, "date"), path.Dot("date")), name));
            }
        }

        var history = ImmutableArray.CreateBuilder<LoggedSession>();
        if (Optional(root, "history") is { } hist)
        {
            foreach (var (s, path) in Items(hist, "$.history"))
                history.Add(Session(s, path, today));
        }

        var wellness = ImmutableArray.CreateBuilder<Wellness>();
        if (Optional(root, "wellness") is { } well)
        {
            foreach (var (w, path) in Items(well, "$.wellness"))
                wellness.Add(WellnessEntry(w, path, today));
        }

        var session = sessionRequired || Optional(root, "session") is not null
            ? Planned(Required(root, "$", "session"), "$.session")
            : new PlannedSession(DayType.Hard, []);
        return new Scenario(today, athlete, phase, events.ToImmutable(), history.ToImmutable(), wellness.ToImmutable(), session);
    }

    private static Athlete Athlete(JsonElement a, At path)
    {
        Expect(a, path, JsonValueKind.Object);
        var years = Number(Required(a, path, "trainingYears"), path.Dot("trainingYears"), 0, 80);
        var form = Optional(a, "formUnderFatigue") is { } f ? Word(f, path.Dot("formUnderFatigue"), Words.Map<FormUnderFatigue>()) : FormUnderFatigue.Good;
        var sleep = Optional(a, "sleepHours") is { } sl ? Number(sl, path.Dot("sleepHours"), 0, 24) : 7;
        var stress = Optional(a, "stress") is { } st ? Word(st, path.Dot("stress"), Words.Map<Stress>()) : Stress.Moderate;
        var injuries = ImmutableArray.CreateBuilder<string>();
        if (Optional(a, "injuries") is { } inj)
        {
            foreach (var (x, xp) in Items(inj, path.Dot("injuries")))
            {
                var text = Text(x, xp);
                if (text.Trim().Length > 0)
                    injuries.Add(text.Trim());
            }
        }
        var goal = Optional(a, "goal") is { } g ? Word(g, path.Dot("goal"), Words.Map<Goal>()) : Goal.General;
        var inSeason = Optional(a, "inSeason") is { } s ? Bool(s, path.Dot("inSeason")) : false;
        var split = Optional(a, "split") is { } sp ? Word(sp, path.Dot("split"), Words.Map<Split>()) : Split.FullBody;
        var prep = Optional(a, "competitionPrep") is { } cp ? Bool(cp, path.Dot("competitionPrep")) : false;
        double? bw = Optional(a, "bodyweightKg") is { } b ? Number(b, path.Dot("bodyweightKg"), 20, 400) : null;
        var unit = Optional(a, "unit") is { } u ? Word(u, path.Dot("unit"), Words.Map<WeightUnit>()) : WeightUnit.Kg;
        return new Engine.Athlete(years, form, sleep, stress, injuries.ToImmutable(), goal, inSeason, split, prep, bw, unit);
    }

    private LoggedSession Session(JsonElement s, At path, DateOnly today)
    {
        Expect(s, path, JsonValueKind.Object);
        var date = Date(Required(s, path, "date"), path.Dot("date"));
        if (date > today)
            Fail(path.Dot("date"), $"{date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}); history cannot be in the future");
        DayType? dayType = Optional(s, "dayType") is { } d ? Word(d, path.Dot("dayType"), Words.Map<DayType>()) : null;
        var exercises = ImmutableArray.CreateBuilder<LoggedExercise>();
        foreach (var (e, ep) in Items(Required(s, path, "exercises"), path.Dot("exercises")))
        {
            Expect(e, ep, JsonValueKind.Object);
            var (name, exercise) = Optional(e, "custom") is { } custom
                ? CustomExercise(Required(e, ep, "exercise"), custom, ep)
                : ExerciseName(Required(e, ep, "exercise"), ep.Dot("exercise"));
            var sets = ImmutableArray.CreateBuilder<LoggedSet>();
            foreach (var (set, sp) in Items(Required(e, ep, "sets"), ep.Dot("sets")))
                sets.Add(Set(set, sp));
            exercises.Add(new LoggedExercise(name, exercise, sets.ToImmutable()));
        }
        return new LoggedSession(date, dayType, exercises.ToImmutable());
    }

    private static LoggedSet Set(JsonElement s, At path)
    {
        Expect(s, path, JsonValueKind.Object);
        var weight = Number(Required(s, path, "weightKg"), path.Dot("weightKg"), 0, 1000);
        var reps = Integer(Required(s, path, "reps"), path.Dot("reps"), 0, 1000);
        var failure = Optional(s, "failure") is { } f ? Word(f, path.Dot("failure"), Words.Map<FailureLevel>()) : FailureLevel.None;
        Rir rir;
        var rated = true;
        if (Optional(s, "rir") is { } r)
        {
            var v = Number(r, path.Dot("rir"), 0, Rir.MaxValue);
            if (!Rir.TryOf(v, out rir))
                Fail(path.Dot("rir"), $"{Show(r)} is not in half steps (0, 0.5, 1, …)");
        }
        else if (Optional(s, "rpe") is { } p)
        {
            var v = Number(p, path.Dot("rpe"), Rpe.MinValue, Rpe.MaxValue);
            if (!Rpe.TryOf(v, out var rpe))
                Fail(path.Dot("rpe"), $"{Show(p)} is not in half steps");
            rir = rpe.ToRir();
        }
        else
        {
            // A set with no effort given: a failed set left nothing; any other stays unrated — its RIR (2, the common
            // RPE 8, for the loads that need a number) counts in no 80/20 split, trend or calibration.
            rated = failure != FailureLevel.None;
            rir = failure == FailureLevel.None ? Rir.Of(2) : Rir.Zero;
        }
        if (failure != FailureLevel.None && rir.Value > 0)
            Fail(path.Dot("rir"), $"a set that failed ({Words.Of(failure)}) has 0 reps in reserve, not {rir}");
        Technique? technique = Optional(s, "technique") is { } t ? Word(t, path.Dot("technique"), Words.Map<Technique>()) : null;
        var warmup = Optional(s, "warmup") is { } w && Bool(w, path.Dot("warmup"));
        if (reps == 0 && failure == FailureLevel.None)
            Fail(path.Dot("reps"), "0 reps is only possible on a failed attempt (failure: technical or absolute)");
        return new LoggedSet(weight, reps, rir, failure, technique, warmup, Rated: rated);
    }

    private static Wellness WellnessEntry(JsonElement w, At path, DateOnly today)
    {
        Expect(w, path, JsonValueKind.Object);
        var date = Date(Required(w, path, "date"), path.Dot("date"));
        if (date > today)
            Fail(path.Dot("date"), $"{date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}); a check-in cannot be in the future");
        int? Score(string field) => Optional(w, field) is { } v ? Integer(v, path.Dot(field), 1, 5) : null;
        double? hours = Optional(w, "sleepHours") is { } h ? Number(h, path.Dot("sleepHours"), 0, 24) : null;
        return new Wellness(date, hours, Score("sleepQuality"), Score("fatigue"), Score("mood"), Score("soreness"), Score("aches"), Score("motivation"));
    }

    /// <summary>
    /// The most exercises one session may plan: a long bodybuilding session has 8–12; 20 leaves room for any real one and
    /// refuses what is a mistake (a 200-exercise session would decide 600 sets).
    /// </summary>
    public const int MaxExercisesPerSession = 20;

    /// <summary>The most sets one exercise may plan: S5 asks for 3–4 straight sets; 10 leaves room for ramps and clusters.</summary>
    public const int MaxSetsPerExercise = 10;

    private PlannedSession Planned(JsonElement s, At path)
    {
        Expect(s, path, JsonValueKind.Object);
        if (Required(s, path, "exercises") is { ValueKind: JsonValueKind.Array } all && all.GetArrayLength() > MaxExercisesPerSession)
            Fail(path.Dot("exercises"), $"{all.GetArrayLength()} exercises in one session; at most {MaxExercisesPerSession} (split them over more days)");
        var dayType = Optional(s, "dayType") is { } d ? Word(d, path.Dot("dayType"), Words.Map<DayType>()) : DayType.Hard;
        var list = ImmutableArray.CreateBuilder<PlannedExercise>();
        foreach (var (e, ep) in Items(Required(s, path, "exercises"), path.Dot("exercises")))
        {
            Expect(e, ep, JsonValueKind.Object);
            var (name, exercise) = ExerciseName(Required(e, ep, "exercise"), ep.Dot("exercise"));
            var sets = Optional(e, "sets") is { } n ? Integer(n, ep.Dot("sets"), 1, MaxSetsPerExercise) : 3;
            var repsText = Optional(e, "reps") is { } r
                ? r.ValueKind == JsonValueKind.Number ? Integer(r, ep.Dot("reps"), 1, RepRange.MaxReps).ToString(CultureInfo.InvariantCulture) : Text(r, ep.Dot("reps"))
                : "8-12";
            if (!RepRange.TryParse(repsText, out var reps, out var error))
                Fail(ep.Dot("reps"), error);
            var spotter = Optional(e, "spotter") is { } sp && Bool(sp, ep.Dot("spotter"));
            var safeties = Optional(e, "safeties") is { } sf && Bool(sf, ep.Dot("safeties"));
            list.Add(new PlannedExercise(name, exercise, sets, reps, spotter, safeties));
        }
        return new PlannedSession(dayType, list.ToImmutable());
    }

    private ImmutableArray<DayTemplate> Template(JsonElement t, At path)
    {
        Expect(t, path, JsonValueKind.Object);
        var days = ImmutableArray.CreateBuilder<DayTemplate>();
        foreach (var (d, dp) in Items(Required(t, path, "days"), path.Dot("days")))
        {
            Expect(d, dp, JsonValueKind.Object);
            var name = Optional(d, "name") is { } n ? Text(n, dp.Dot("name")) : $"Day {dp.Index + 1}";
            var session = Planned(d, dp);
            if (session.Exercises.IsEmpty)
                Fail(dp.Dot("exercises"), "a training day needs at least one exercise");
            days.Add(new DayTemplate(name, [.. session.Exercises.Select(e => new TemplateExercise(e.Name, e.Exercise, e.Sets, e.Reps))]));
        }
        if (days.Count == 0)
            Fail(path.Dot("days"), "a template needs at least one day");
        return days.ToImmutable();
    }

    /// <summary>
    /// A logged exercise the catalog may not know, with the lifter's own classification (as `export json` writes
    /// custom exercises): {"exercise", "custom": {"mechanic", "equipment", "maxFailure", "maxFailureWithSpotter",
    /// "primaryMuscles"}}. A catalog name still resolves to the catalog entry.
    /// </summary>
    private (string Name, Exercise Exercise) CustomExercise(JsonElement nameElement, JsonElement custom, At path)
    {
        var name = Text(nameElement, path.Dot("exercise"));
        if (catalog.Resolve(name).Exercise is { } known)
            return (name, known);
        var cp = path.Dot("custom");
        Expect(custom, cp, JsonValueKind.Object);
        var row = new Data.CustomExerciseRow
        {
            Name = name,
            Mechanic = Optional(custom, "mechanic") is { } m ? Words.Of(Word(m, cp.Dot("mechanic"), Mechanics)) : "compound",
            Equipment = Optional(custom, "equipment") is { } q ? Text(q, cp.Dot("equipment")) : "other",
            Classified = Optional(custom, "maxFailure") is not null,
            MaxFailure = Optional(custom, "maxFailure") is { } f ? Words.Of(Word(f, cp.Dot("maxFailure"), Words.Map<FailureLevel>())) : "none",
            MaxFailureWithSpotter = Optional(custom, "maxFailureWithSpotter") is { } fs ? Words.Of(Word(fs, cp.Dot("maxFailureWithSpotter"), Words.Map<FailureLevel>())) : "none",
        };
        if (Optional(custom, "primaryMuscles") is { } pm)
            row.PrimaryMuscles = string.Join(',', Items(pm, cp.Dot("primaryMuscles")).Select(x => Text(x.Item, x.Path)));
        var exercise = Training.ExerciseResolver.ToExercise(row);
        return (name, exercise);
    }

    private static readonly Dictionary<string, Mechanic> Mechanics = new(StringComparer.Ordinal) { ["compound"] = Mechanic.Compound, ["isolation"] = Mechanic.Isolation };

    private (string Name, Exercise Exercise) ExerciseName(JsonElement e, At path)
    {
        var name = Text(e, path);
        if (_resolved.TryGetValue(name, out var cached))
            return (name, cached);
        var match = catalog.Resolve(name);
        if (match.Exercise is null)
        {
            var hint = match.Suggestions.IsEmpty ? "" : $"; did you mean {string.Join(", ", match.Suggestions.Select(s => $"'{s}'"))}?";
            Fail(path, $"unknown exercise '{name}'{hint}");
        }
        _resolved[name] = match.Exercise!;
        return (name, match.Exercise!);
    }

    private static JsonElement Required(JsonElement obj, At path, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw new InvalidInput(new(path.Dot(name).ToString(), "is required"));

    private static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static void Expect(JsonElement e, At path, JsonValueKind kind)
    {
        if (e.ValueKind != kind)
            Fail(path, $"expected {Kind(kind)}, found {Kind(e.ValueKind)}");
    }

    /// <summary>An array's elements, each with its own path (<c>$.history[3]</c>); an error at <paramref name="path"/> when it is not an array.</summary>
    private static IEnumerable<(JsonElement Item, At Path)> Items(JsonElement e, At path)
    {
        Expect(e, path, JsonValueKind.Array);
        return Indexed(e, path.ToString());

        static IEnumerable<(JsonElement, At)> Indexed(JsonElement e, string prefix)
        {
            var i = 0;
            foreach (var x in e.EnumerateArray())
                yield return (x, new At(prefix, i++));
        }
    }

    private static string Text(JsonElement e, At path)
    {
        Expect(e, path, JsonValueKind.String);
        return e.GetString()!;
    }

    private static bool Bool(JsonElement e, At path) =>
        e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidInput(new(path.ToString(), $"expected true or false, found {Kind(e.ValueKind)}")),
        };

    private static double Number(JsonElement e, At path, double min, double max)
    {
        Expect(e, path, JsonValueKind.Number);
        var v = e.GetDouble();
        if (!double.IsFinite(v) || v < min || v > max)
            Fail(path, $"{Show(e)} is out of range ({min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)})");
        return v;
    }

    private static int Integer(JsonElement e, At path, int min, int max)
    {
        Expect(e, path, JsonValueKind.Number);
        if (!e.TryGetInt32(out var v))
            Fail(path, $"{Show(e)} is not a whole number");
        if (v < min || v > max)
            Fail(path, $"{v} is out of range ({min}–{max})");
        return v;
    }

    private static DateOnly Date(JsonElement e, At path)
    {
        var text = Text(e, path);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            Fail(path, $"'{text}' is not a date in the form yyyy-MM-dd");
        return d;
    }

    private static T Word<T>(JsonElement e, At path, Dictionary<string, T> words)
    {
        var text = Text(e, path);
        if (!words.TryGetValue(text, out var value))
            Fail(path, $"'{text}' is not one of: {string.Join(", ", words.Keys)}");
        return value!;
    }

    private static string Show(JsonElement e) => e.GetRawText();

    private static string Kind(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static void Fail(At path, string problem) => throw new InvalidInput(new(path.ToString(), problem));

    private static string FirstSentence(string message)
    {
        foreach (var marker in (string[])[" LineNumber:", " Path:"])
        {
            var i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i > 0)
                message = message[..i];
        }
        return message.TrimEnd();
    }
}
