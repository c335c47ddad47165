using System.Text.RegularExpressions;

namespace Failsafe.Catalog;

/// <summary>The outcome of resolving a name: the exercise, or the closest names to suggest.</summary>
public sealed record NameMatch(Exercise? Exercise, ImmutableArray<string> Suggestions)
{
    public bool Found => Exercise is not null;
}

/// <summary>
/// The exercises the engine knows, and how lifters' names for them resolve. Resolution tries, in
/// order: an alias, then the catalog name or id (case-insensitive); the same after normalising
/// punctuation, spacing and plurals ("Push-Ups" = "pushup"); the "Name (Equipment)" style of Strong
/// and Hevy exports and the "Name, Equipment" style of Liftosaur's, as "Equipment Name" or "Name" when the equipment agrees. Nothing else: a name that
/// fails all of these is unknown, and the closest names are suggested instead of guessed.
/// Aliases come first because they are curated: the source has, for example, a stretch named
/// "Split Squats", and a lifter who types "Split Squat" means the loaded exercise.
/// </summary>
public sealed partial class ExerciseCatalog
{
    private readonly Dictionary<string, Exercise> _aliasExact;
    private readonly Dictionary<string, Exercise> _aliasKey;
    private readonly Dictionary<string, Exercise> _byExact;
    private readonly Dictionary<string, Exercise> _byKey;
    private readonly ImmutableArray<(string Name, string Key, ImmutableArray<string> Tokens, Exercise Exercise)> _names;

    public ExerciseCatalog(IEnumerable<Exercise> exercises, IReadOnlyDictionary<string, string> aliases)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        ArgumentNullException.ThrowIfNull(aliases);
        All = [.. exercises.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)];
        var byId = All.ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);

        var exact = new Dictionary<string, Exercise>(StringComparer.OrdinalIgnoreCase);
        var byKey = new Dictionary<string, Exercise>(StringComparer.Ordinal);
        var aliasExact = new Dictionary<string, Exercise>(StringComparer.OrdinalIgnoreCase);
        var aliasKey = new Dictionary<string, Exercise>(StringComparer.Ordinal);
        var names = new List<(string, string, ImmutableArray<string>, Exercise)>();

        void Add(string name, Exercise exercise, Dictionary<string, Exercise> exactMap, Dictionary<string, Exercise> keyMap)
        {
            exactMap.TryAdd(name, exercise);
            var key = Key(name);
            keyMap.TryAdd(key, exercise);
            names.Add((name, key, Tokens(name), exercise));
        }

        foreach (var e in All)
            Add(e.Name, e, exact, byKey);
        foreach (var (alias, id) in aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(id, out var e))
                throw new ArgumentException($"Alias '{alias}' points to unknown exercise id '{id}'.", nameof(aliases));
            Add(alias, e, aliasExact, aliasKey);
        }
        foreach (var e in All)
            exact.TryAdd(e.Id, e);

        // Plain dictionaries: the catalog is built once per process, and a short CLI run cannot repay the
        // construction cost of frozen ones.
        _aliasExact = aliasExact;
        _aliasKey = aliasKey;
        _byExact = exact;
        _byKey = byKey;
        _names = [.. names];
        Aliases = aliases.ToImmutableSortedDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every exercise, by name.</summary>
    public ImmutableArray<Exercise> All { get; }

    /// <summary>Alias → catalog id.</summary>
    public ImmutableSortedDictionary<string, string> Aliases { get; }

    /// <summary>Aliases that point to <paramref name="exercise"/>.</summary>
    public IEnumerable<string> AliasesOf(Exercise exercise) =>
        Aliases.Where(a => a.Value.Equals(exercise.Id, StringComparison.OrdinalIgnoreCase)).Select(a => a.Key);

    /// <summary>Resolves a name as a lifter types or an app exports it; the closest names when it is unknown.</summary>
    public NameMatch Resolve(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0)
            return new NameMatch(null, []);
        return Find(text) is { } e ? new NameMatch(e, []) : new NameMatch(null, Suggest(text, 5));
    }

    /// <summary>
    /// The exercise a name resolves to, as <see cref="Resolve"/> finds it, or null: without the search for suggestions,
    /// which costs milliseconds where a known name costs microseconds (an import resolves thousands of names).
    /// </summary>
    public Exercise? Find(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0)
            return null;
        if (Lookup(text) is { } e)
            return e;

        // "Name (Equipment)" (Strong, Hevy) or "Name, Equipment" (Liftosaur) when what follows the comma is equipment.
        var bracket = BracketStyle().Match(text);
        if (!bracket.Success && CommaStyle().Match(text) is { Success: true } comma && EquipmentWord(comma.Groups["equipment"].Value).Length > 0)
            bracket = comma;
        if (bracket.Success)
        {
            var baseName = bracket.Groups["name"].Value;
            var equipment = bracket.Groups["equipment"].Value;
            var word = EquipmentWord(equipment);
            foreach (var candidate in (string[])[$"{word} {baseName}", $"{baseName} {word}"])
            {
                if (word.Length > 0 && Lookup(candidate) is { } byEquipment && EquipmentAgrees(equipment, byEquipment))
                    return byEquipment;
            }
            if (Lookup(baseName) is { } byBase && EquipmentAgrees(equipment, byBase))
                return byBase;
        }
        return null;
    }

    private Exercise? Lookup(string text)
    {
        if (_aliasExact.TryGetValue(text, out var e) || _byExact.TryGetValue(text, out e))
            return e;
        var key = Key(text);
        return _aliasKey.TryGetValue(key, out e) || _byKey.TryGetValue(key, out e) ? e : null;
    }

    /// <summary>Exercises whose name or an alias contains every word of <paramref name="query"/> (word prefixes, plurals ignored).</summary>
    public IEnumerable<Exercise> Search(string? query)
    {
        var words = Tokens(query ?? "");
        if (words.IsEmpty)
            return All;
        return _names
            .Where(n => words.All(w => n.Tokens.Any(t => t.StartsWith(w, StringComparison.Ordinal))))
            .Select(n => n.Exercise)
            .Distinct()
            .OrderBy(x => x.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Text longer than this gets no suggestions: the longest name or alias in the catalog has 58 characters, so it
    /// cannot be a typo of one, and comparing it (edit distance, word by word, against every name) costs time in
    /// proportion to its length — 3 s for a 2,000-character "name" sent to the server before this limit.
    /// </summary>
    public const int MaxSuggestedLength = 100;

    /// <summary>
    /// Text of more words than this gets no suggestions either: each word is compared with every word of every name, so
    /// with <see cref="MaxSuggestedLength"/> this bounds the search's cost (the longest name or alias has 10).
    /// </summary>
    public const int MaxSuggestedWords = 12;

    /// <summary>
    /// The closest catalog names to <paramref name="text"/>, best first; none for text longer than
    /// <see cref="MaxSuggestedLength"/> characters or <see cref="MaxSuggestedWords"/> words.
    /// </summary>
    public ImmutableArray<string> Suggest(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxSuggestedLength)
            return [];
        var tokens = Tokens(text);
        if (tokens.Length > MaxSuggestedWords)
            return [];
        var key = Key(text);
        return
        [
            .. _names
                .Select(n => (n.Exercise, Score: Similarity(tokens, key, n.Tokens, n.Key)))
                .Where(s => s.Score > 0.2)
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.Exercise.Name, StringComparer.Ordinal)
                .Select(s => s.Exercise.Name)
                .Distinct()
                .Take(count),
        ];
    }

    private static double Similarity(ImmutableArray<string> a, string aKey, ImmutableArray<string> b, string bKey)
    {
        if (a.IsEmpty || b.IsEmpty)
            return 0;
        var common = 0.0;
        foreach (var t in a)
        {
            var best = 0.0;
            foreach (var u in b)
            {
                var s = t == u ? 1.0
                    : t.Length >= 4 && u.Length >= 4 && Levenshtein(t, u) <= 1 ? 0.8
                    : u.StartsWith(t, StringComparison.Ordinal) && t.Length >= 3 ? 0.6
                    : 0;
                best = Math.Max(best, s);
            }
            common += best;
        }
        var tokenScore = 2 * common / (a.Length + b.Length);
        var longest = Math.Max(aKey.Length, bKey.Length);
        var charScore = longest == 0 ? 0 : 1 - (double)Levenshtein(aKey, bKey) / longest;
        return 0.7 * tokenScore + 0.3 * charScore;
    }

    private static int Levenshtein(string a, string b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            current.CopyTo(previous);
        }
        return previous[b.Length];
    }

    /// <summary>Normalised words with plurals reduced: "Push-Ups" → ["push", "up"].</summary>
    internal static ImmutableArray<string> Tokens(string text) =>
        [.. Classifier.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Singular)];

    /// <summary>The words run together: "Pull Ups", "Pullups" and "pull-up" share the key "pullup".</summary>
    internal static string Key(string text) => string.Concat(Tokens(text));

    private static string Singular(string word) =>
        word.Length <= 3 || word.EndsWith("ss", StringComparison.Ordinal) || !word.EndsWith('s') ? word
        : word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
          || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) ? word[..^2]
        : word[..^1];

    private static string EquipmentWord(string equipment)
    {
        var e = Classifier.Normalize(equipment);
        return e switch
        {
            _ when e.StartsWith("cable", StringComparison.Ordinal) => "cable",
            _ when e.StartsWith("smith", StringComparison.Ordinal) => "smith machine",
            "machine" or "plate loaded" or "leverage machine" => "machine",
            "barbell" or "olympic bar" => "barbell",
            "dumbbell" or "dumbbells" => "dumbbell",
            "kettlebell" or "kettlebells" => "kettlebell",
            "band" or "bands" or "resistance band" => "band",
            "ez bar" or "ez curl bar" or "e z bar" => "ez bar",
            "weighted" or "assisted" => e,
            _ => "",
        };
    }

    private static bool EquipmentAgrees(string bracketEquipment, Exercise e)
    {
        var word = EquipmentWord(bracketEquipment);
        var name = Classifier.Normalize(e.Name);
        return word switch
        {
            "barbell" => e.Equipment is "barbell" or "e-z curl bar",
            "dumbbell" => e.Equipment == "dumbbell",
            "cable" => e.Equipment == "cable",
            "smith machine" => name.Contains("smith", StringComparison.Ordinal),
            "machine" => e.Equipment == "machine",
            "kettlebell" => e.Equipment == "kettlebells",
            "band" => e.Equipment == "bands",
            "ez bar" => e.Equipment is "e-z curl bar" or "barbell",
            // What is logged for an assisted variant is the assistance: only an assisted exercise agrees, never the
            // bodyweight one (30 kg of help would read as 30 kg added).
            "assisted" => e.IsAssisted,
            // Bodyweight and weighted variants, or an unknown word: agree when the base name alone resolved.
            _ => true,
        };
    }

    [GeneratedRegex(@"^(?<name>.+?)\s*\((?<equipment>[^()]+)\)\s*$")]
    private static partial Regex BracketStyle();

    [GeneratedRegex(@"^(?<name>.+?)\s*,\s*(?<equipment>[^,()]+?)\s*$")]
    private static partial Regex CommaStyle();
}
