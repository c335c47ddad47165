namespace Failsafe.Store.Importing;

/// <summary>How a layout marks what kind of set a row is.</summary>
internal enum KindStyle
{
    /// <summary>Strong's Set Order: a number, or W/D/F, or (2025) WARM_UP, DROP_SET, FAILURE; rest-timer and note rows are not sets.</summary>
    StrongOrder,

    /// <summary>Hevy's set_type: normal (or empty), warmup, dropset, failure.</summary>
    HevyType,

    /// <summary>JEFIT's set_type: default (or empty), warm-up, drop, failure.</summary>
    JefitType,

    /// <summary>A warm-up flag: true/false, 1/0, yes/no (Fitbod's isWarmup, Liftosaur's Is Warmup Set?).</summary>
    WarmupFlag,
}

/// <summary>How a layout writes the date and time of a workout.</summary>
internal enum DateStyle
{
    /// <summary><c>2024-03-05 18:30:00</c> (Strong).</summary>
    Strong,

    /// <summary><c>5 Dec 2025, 11:37</c> in any of Hevy's languages (<see cref="MonthNames"/>), or ISO.</summary>
    Hevy,

    /// <summary><c>2024-03-05</c> (FitNotes): a day, no time.</summary>
    Day,

    /// <summary><c>2021-01-17 22:14:35 +0000</c> or <c>2026-03-01T10:00:00.000Z</c> (Fitbod, Liftosaur): taken as the wall clock it is written in.</summary>
    Instant,

    /// <summary><c>2015/05/25</c> with the start time in another column, <c>7:37 PM</c> (StrongLifts).</summary>
    SlashDay,
}

/// <summary>
/// Where the fields of an export are, read from its header. Columns are found by name, so their order does not matter.
/// Every layout the importer reads is a row of <see cref="Known"/>: the app, the layout's name, the columns that
/// recognise it, and how its fields map. See docs/formats.md for each app's layouts.
/// </summary>
internal sealed class ExportLayout
{
    public required ImportSource Source { get; init; }

    /// <summary>The layout's name, as the summary and errors say it ("Strong, 2025 layout").</summary>
    public required string Layout { get; init; }
    public required IReadOnlyList<string> Names { get; init; }
    public required int Date { get; init; }
    public int Workout { get; init; } = -1;
    public required int Exercise { get; init; }
    public int SetKind { get; init; } = -1;
    public int Weight { get; init; } = -1;
    public int Reps { get; init; } = -1;
    public int UnitColumn { get; init; } = -1;
    public int Rpe { get; init; } = -1;
    public int Notes { get; init; } = -1;
    public int WorkoutNotes { get; init; } = -1;

    /// <summary>The start time when the date column holds only the day (StrongLifts).</summary>
    public int Time { get; init; } = -1;

    /// <summary>How many sets the row stands for (Fitbod's older layout).</summary>
    public int SetCount { get; init; } = -1;

    /// <summary>An exercise category whose value <c>Cardio</c> marks rows that are not strength sets (FitNotes).</summary>
    public int Category { get; init; } = -1;

    /// <summary>Reps and weight columns of a wide layout, one pair per set (StrongLifts); empty for one set per row.</summary>
    public IReadOnlyList<(int Reps, int Weight)> Pairs { get; init; } = [];

    public KindStyle Kinds { get; init; } = KindStyle.StrongOrder;
    public DateStyle Dates { get; init; } = DateStyle.Strong;

    /// <summary>The name of every workout when the file has none (FitNotes, Fitbod): a workout is then a day's sets.</summary>
    public string? WorkoutName { get; init; }

    /// <summary>Rows without completed reps are planned sets not done (Liftosaur): counted, not imported.</summary>
    public bool CompletedOnly { get; init; }

    /// <summary>A row with more fields than the header holds an exercise name with an unquoted comma (FitNotes): joined back.</summary>
    public bool JoinsSplitNames { get; init; }

    /// <summary>The unit of every weight when the header names it (<c>Weight (kg)</c>, <c>weight_lbs</c>).</summary>
    public WeightUnit? HeaderUnit { get; init; }

    /// <summary>The number of fields a row must have to reach every column used.</summary>
    public int FieldsNeeded => new[] { Date, Workout, Exercise, SetKind, Weight, Reps, UnitColumn, Rpe, Notes, WorkoutNotes, Time, SetCount, Category }
        .Concat(Pairs.SelectMany(p => new[] { p.Reps, p.Weight })).Max() + 1;

    public string Name(int index) => Names[index];

    /// <summary>The separator of a header line: the more frequent of comma and semicolon outside quotes.</summary>
    public static char DetectSeparator(ReadOnlySpan<byte> headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var b in headerLine)
        {
            if (b == (byte)'"')
                quoted = !quoted;
            else if (!quoted && b == (byte)',')
                commas++;
            else if (!quoted && b == (byte)';')
                semicolons++;
            else if (!quoted && b == (byte)'\t')
                tabs++;
        }
        if (tabs > commas && tabs > semicolons)
            return '\t';
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>The header's names as compared: trimmed, without a byte-order mark or quotes.</summary>
    public static List<string> Clean(IReadOnlyList<string> header) => [.. header.Select(n => n.Trim().TrimStart('\uFEFF').Trim().Trim('"').Trim())];

    /// <summary>One layout the importer reads: the columns that recognise it, and how to map it.</summary>
    private sealed record Known(ImportSource Source, string Layout, string[][] Signature, Func<Columns, WeightUnit?, ExportLayout> Map);

    /// <summary>
    /// The table of recognised layouts, most specific first: a file is the first layout whose signature columns are all
    /// in its header (each inner array: any one of those names). Adding a layout is adding a row.
    /// </summary>
    private static readonly Known[] Table =
    [
        new(ImportSource.Strong, "Strong", [["Date"], ["Workout Name"], ["Exercise Name"], ["Set Order"]], Strong),
        new(ImportSource.Hevy, "Hevy", [["title"], ["start_time"], ["exercise_title"], ["weight_kg", "weight_lbs", "weight_lb"], ["reps"]], Hevy),
        new(ImportSource.Liftosaur, "Liftosaur", [["Workout DateTime"], ["Exercise"], ["Completed Reps"], ["Completed Weight Value"]], Liftosaur),
        new(ImportSource.StrongLifts, "StrongLifts", [["Date (yyyy/mm/dd)"], ["Exercise"], ["Set 1 (Reps)"]], StrongLifts),
        new(ImportSource.FitNotes, "FitNotes", [["Date"], ["Exercise"], ["Category"], ["Weight (kgs)", "Weight (lbs)", "Weight"], ["Reps"]], FitNotes),
        new(ImportSource.Fitbod, "Fitbod", [["Date"], ["Exercise"], ["Reps"], ["Weight(kg)", "Weight(lbs)", "Weight(lb)"], ["isWarmup"]], Fitbod),
        new(ImportSource.Fitbod, "Fitbod, older layout", [["Date"], ["Exercise"], ["Sets"], ["Reps"], ["Weight"], ["isWarmup"]], FitbodOlder),
    ];

    /// <summary>
    /// The layout of <paramref name="header"/>: the first row of the table it matches, only among
    /// <paramref name="from"/>'s when given. Throws naming what was recognised, what is missing and what is supported.
    /// </summary>
    public static ExportLayout Detect(IReadOnlyList<string> header, ImportSource? from, WeightUnit? givenUnit, char separator)
    {
        var columns = new Columns(Clean(header));
        var candidates = Table.Where(k => from is null || k.Source == from).ToList();
        foreach (var known in candidates)
        {
            if (known.Signature.All(any => any.Any(n => columns.Find(n) >= 0)))
                return known.Map(columns, givenUnit);
        }

        // Nothing matched: say what the header is, the nearest layout and what it lacks.
        var nearest = candidates
            .Select(k => (Known: k, Missing: k.Signature.Where(any => !any.Any(n => columns.Find(n) >= 0)).ToList()))
            .OrderBy(x => x.Missing.Count).ThenBy(x => Array.IndexOf(Table, x.Known)).FirstOrDefault();
        var shown = string.Join(", ", columns.Names.Take(12).Select(n => $"'{n}'")) + (columns.Names.Count > 12 ? ", …" : "");
        var seen = $"its header has {columns.Names.Count} column{(columns.Names.Count == 1 ? "" : "s")} separated by '{separator}' ({shown})";
        var missing = nearest.Known is null
            ? ""
            : $"; nearest: {nearest.Known.Layout}, which also has {string.Join(" and ", nearest.Missing.Select(any => string.Join(" or ", any.Select(n => $"'{n}'"))))}";
        if (from is { } app)
        {
            var other = Table.FirstOrDefault(k => k.Source != app && k.Signature.All(any => any.Any(n => columns.Find(n) >= 0)));
            var hint = other is null ? "" : $"; this looks like a {ImportApps.Display(other.Source)} export: use --from {ImportApps.Word(other.Source)} (or leave --from out)";
            throw new ImportException(1, null, $"not a {ImportApps.Display(app)} export: {seen}{missing}{hint}");
        }
        throw new ImportException(1, null, $"the file's layout is not recognised: {seen}{missing}. Supported: {ImportApps.Supported}");
    }

    /// <summary>The header's names, found case-insensitively.</summary>
    internal sealed class Columns(List<string> names)
    {
        public List<string> Names { get; } = names;

        public int Find(params string[] candidates)
        {
            foreach (var c in candidates)
            {
                var i = Names.FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase));
                if (i >= 0)
                    return i;
            }
            return -1;
        }
    }

    private static ExportLayout Strong(Columns c, WeightUnit? givenUnit)
    {
        var weight = c.Find("Weight", "Weight (kg)", "Weight (kgs)", "Weight (lbs)", "Weight (lb)");
        if (weight < 0)
            throw new ImportException(1, null, "not a Strong export: no weight column ('Weight', 'Weight (kg)' or 'Weight (lbs)')");
        var layout = new ExportLayout
        {
            Source = ImportSource.Strong,
            Layout = c.Find("Workout #") >= 0 ? "Strong, 2025 layout" : c.Find("Weight Unit") >= 0 ? "Strong, semicolon layout" : "Strong, comma layout",
            Names = c.Names,
            Date = c.Find("Date"),
            Workout = c.Find("Workout Name"),
            Exercise = c.Find("Exercise Name"),
            SetKind = c.Find("Set Order"),
            Weight = weight,
            Reps = Required(c, "Strong", "Reps"),
            UnitColumn = c.Find("Weight Unit"),
            Rpe = c.Find("RPE"),
            Notes = c.Find("Notes"),
            WorkoutNotes = c.Find("Workout Notes"),
            HeaderUnit = UnitInHeader(c.Names[weight]),
        };
        return NeedsUnit(layout, givenUnit, "the unit Strong was set to");
    }

    private static ExportLayout Hevy(Columns c, WeightUnit? givenUnit)
    {
        var weight = c.Find("weight_kg", "weight_lbs", "weight_lb");
        return new ExportLayout
        {
            Source = ImportSource.Hevy,
            Layout = "Hevy",
            Names = c.Names,
            Date = c.Find("start_time"),
            Workout = c.Find("title"),
            Exercise = c.Find("exercise_title"),
            SetKind = c.Find("set_type"),
            Kinds = KindStyle.HevyType,
            Dates = DateStyle.Hevy,
            Weight = weight,
            Reps = c.Find("reps"),
            Rpe = c.Find("rpe"),
            Notes = c.Find("exercise_notes"),
            WorkoutNotes = c.Find("description"),
            HeaderUnit = UnitInHeader(c.Names[weight]),
        };
    }

    private static ExportLayout Liftosaur(Columns c, WeightUnit? givenUnit) => new()
    {
        Source = ImportSource.Liftosaur,
        Layout = "Liftosaur",
        Names = c.Names,
        Date = c.Find("Workout DateTime"),
        Dates = DateStyle.Instant,
        Workout = c.Find("Day Name"),
        WorkoutName = "Liftosaur workout",
        Exercise = c.Find("Exercise"),
        SetKind = c.Find("Is Warmup Set?"),
        Kinds = KindStyle.WarmupFlag,
        Weight = c.Find("Completed Weight Value"),
        UnitColumn = c.Find("Completed Weight Unit"),
        Reps = c.Find("Completed Reps"),
        Rpe = c.Find("Completed RPE"),
        Notes = c.Find("Notes"),
        CompletedOnly = true,
    };

    private static ExportLayout StrongLifts(Columns c, WeightUnit? givenUnit)
    {
        var pairs = new List<(int, int)>();
        WeightUnit? unit = null;
        for (var n = 1; ; n++)
        {
            var reps = c.Find($"Set {n} (Reps)");
            var weight = c.Find($"Set {n} (KG)", $"Set {n} (LB)", $"Set {n} (LBS)");
            if (reps < 0 || weight < 0)
                break;
            pairs.Add((reps, weight));
            unit ??= UnitInHeader(c.Names[weight]);
        }
        return new ExportLayout
        {
            Source = ImportSource.StrongLifts,
            Layout = "StrongLifts",
            Names = c.Names,
            Date = c.Find("Date (yyyy/mm/dd)"),
            Dates = DateStyle.SlashDay,
            Time = c.Find("Start Time (h:mm)"),
            Workout = c.Find("Workout Name", "Workout"),
            WorkoutName = "StrongLifts workout",
            Exercise = c.Find("Exercise"),
            WorkoutNotes = c.Find("Notes"),
            Pairs = pairs,
            HeaderUnit = unit,
        };
    }

    private static ExportLayout FitNotes(Columns c, WeightUnit? givenUnit)
    {
        var weight = c.Find("Weight (kgs)", "Weight (lbs)", "Weight (kg)", "Weight (lb)", "Weight");
        var layout = new ExportLayout
        {
            Source = ImportSource.FitNotes,
            Layout = c.Find("Weight Unit") >= 0 ? "FitNotes, unit column" : "FitNotes",
            Names = c.Names,
            Date = c.Find("Date"),
            Dates = DateStyle.Day,
            WorkoutName = "FitNotes workout",
            Exercise = c.Find("Exercise"),
            Category = c.Find("Category"),
            Weight = weight,
            UnitColumn = c.Find("Weight Unit"),
            Reps = c.Find("Reps"),
            Notes = c.Find("Comment"),
            JoinsSplitNames = true,
            HeaderUnit = UnitInHeader(c.Names[weight]),
        };
        return NeedsUnit(layout, givenUnit, "the unit FitNotes was set to");
    }

    private static ExportLayout Fitbod(Columns c, WeightUnit? givenUnit) =>
        Fitbod(c, "Fitbod", c.Find("Weight(kg)", "Weight(lbs)", "Weight(lb)"), setCount: -1);

    /// <summary>Fitbod's older layout: one row for several sets, and the unit only in the app's settings.</summary>
    private static ExportLayout FitbodOlder(Columns c, WeightUnit? givenUnit) =>
        NeedsUnit(Fitbod(c, "Fitbod, older layout", c.Find("Weight"), c.Find("Sets")), givenUnit, "the unit Fitbod was set to");

    private static ExportLayout Fitbod(Columns c, string layout, int weight, int setCount) => new()
    {
        Source = ImportSource.Fitbod,
        Layout = layout,
        Names = c.Names,
        Date = c.Find("Date"),
        Dates = DateStyle.Instant,
        WorkoutName = "Fitbod workout",
        Exercise = c.Find("Exercise"),
        SetKind = c.Find("isWarmup"),
        Kinds = KindStyle.WarmupFlag,
        SetCount = setCount,
        Weight = weight,
        Reps = c.Find("Reps"),
        Notes = c.Find("Note"),
        HeaderUnit = UnitInHeader(c.Names[weight]),
    };

    private static int Required(Columns c, string app, string name) =>
        c.Find(name) is >= 0 and var i ? i : throw new ImportException(1, null, $"not a {app} export: no '{name}' column");

    private static ExportLayout NeedsUnit(ExportLayout layout, WeightUnit? givenUnit, string which)
    {
        if (layout.HeaderUnit is null && layout.UnitColumn < 0 && givenUnit is null)
        {
            throw new ImportException(1, layout.Names[layout.Weight],
                $"the weights have no unit (no unit column, and the header does not say kg or lbs): pass --unit kg or --unit lb, {which}");
        }
        return layout;
    }

    private static WeightUnit? UnitInHeader(string name)
    {
        var n = name.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (n.EndsWith("(kg)", StringComparison.Ordinal) || n.EndsWith("(kgs)", StringComparison.Ordinal) || n.EndsWith("_kg", StringComparison.Ordinal))
            return WeightUnit.Kg;
        if (n.EndsWith("(lbs)", StringComparison.Ordinal) || n.EndsWith("(lb)", StringComparison.Ordinal) || n.EndsWith("_lbs", StringComparison.Ordinal) || n.EndsWith("_lb", StringComparison.Ordinal))
            return WeightUnit.Lb;
        return null;
    }

}
