using Failsafe.Effort;

namespace Failsafe.Store.Importing;

/// <summary>
/// Where the fields of an export are, read from its header. Strong has written three layouts over the years:
/// <list type="bullet">
/// <item>comma: <c>Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE</c>
/// — the weight's unit is nowhere in the file, so it must be given;</item>
/// <item>semicolon: <c>Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;…</c> — a unit on every row;</item>
/// <item>quoted semicolon: <c>"Workout #";"Date";…;"Set Order";"Weight (kg)";"Reps";"RPE";…</c> — the unit in the header,
/// decimal commas in the weights, and rows that are not sets (<c>Rest Timer</c>, <c>Note</c>).</item>
/// </list>
/// Hevy has one: <c>title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,
/// weight_kg|weight_lbs,reps,distance_km,duration_seconds,rpe</c>. Columns are found by name, so their order does not matter.
/// </summary>
internal sealed class ExportLayout
{
    public required ImportSource Source { get; init; }
    public required IReadOnlyList<string> Names { get; init; }
    public required int Date { get; init; }
    public required int Workout { get; init; }
    public required int Exercise { get; init; }
    public required int SetKind { get; init; }
    public required int Weight { get; init; }
    public required int Reps { get; init; }
    public int UnitColumn { get; init; } = -1;
    public int Rpe { get; init; } = -1;
    public int Notes { get; init; } = -1;
    public int WorkoutNotes { get; init; } = -1;

    /// <summary>The unit of every weight when the header names it (<c>Weight (kg)</c>, <c>weight_lbs</c>).</summary>
    public WeightUnit? HeaderUnit { get; init; }

    /// <summary>The number of fields a row must have to reach every column used.</summary>
    public int FieldsNeeded => new[] { Date, Workout, Exercise, SetKind, Weight, Reps, UnitColumn, Rpe, Notes, WorkoutNotes }.Max() + 1;

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

    /// <summary>The layout of <paramref name="header"/> for <paramref name="source"/>; throws naming what is missing.</summary>
    public static ExportLayout For(ImportSource source, IReadOnlyList<string> header, WeightUnit? givenUnit)
    {
        var names = header.Select(Clean).ToList();
        int Find(params string[] candidates)
        {
            foreach (var c in candidates)
            {
                var i = names.FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase));
                if (i >= 0)
                    return i;
            }
            return -1;
        }

        var looksLike = Find("exercise_title") >= 0 ? ImportSource.Hevy : Find("Exercise Name") >= 0 ? ImportSource.Strong : (ImportSource?)null;
        int Required(string what, params string[] candidates)
        {
            var i = Find(candidates);
            if (i >= 0)
                return i;
            var app = source == ImportSource.Strong ? "Strong" : "Hevy";
            var hint = looksLike is { } other && other != source
                ? $"; this looks like a {other} export: use `failsafe import {other.ToString().ToLowerInvariant()}`"
                : "";
            throw new ImportException(1, null, $"not a {app} export: no {what} column ({string.Join(" or ", candidates.Select(c => $"'{c}'"))}){hint}");
        }

        if (source == ImportSource.Strong)
        {
            var weight = Required("weight", "Weight", "Weight (kg)", "Weight (kgs)", "Weight (lbs)", "Weight (lb)");
            var layout = new ExportLayout
            {
                Source = source,
                Names = names,
                Date = Required("date", "Date"),
                Workout = Required("workout name", "Workout Name"),
                Exercise = Required("exercise name", "Exercise Name"),
                SetKind = Required("set order", "Set Order"),
                Weight = weight,
                Reps = Required("reps", "Reps"),
                UnitColumn = Find("Weight Unit"),
                Rpe = Find("RPE"),
                Notes = Find("Notes"),
                WorkoutNotes = Find("Workout Notes"),
                HeaderUnit = UnitInHeader(names[weight]),
            };
            if (layout.HeaderUnit is null && layout.UnitColumn < 0 && givenUnit is null)
            {
                throw new ImportException(1, names[weight],
                    "the weights have no unit (no 'Weight Unit' column, and the header does not say kg or lbs): pass --unit kg or --unit lb, the unit Strong was set to");
            }
            return layout;
        }

        var hevyWeight = Required("weight", "weight_kg", "weight_lbs", "weight_lb");
        return new ExportLayout
        {
            Source = source,
            Names = names,
            Date = Required("start time", "start_time"),
            Workout = Required("workout title", "title"),
            Exercise = Required("exercise title", "exercise_title"),
            SetKind = Required("set type", "set_type"),
            Weight = hevyWeight,
            Reps = Required("reps", "reps"),
            Rpe = Find("rpe"),
            Notes = Find("exercise_notes"),
            WorkoutNotes = Find("description"),
            HeaderUnit = UnitInHeader(names[hevyWeight]),
        };
    }

    private static string Clean(string name) => name.Trim().TrimStart('\uFEFF').Trim().Trim('"').Trim();

    private static WeightUnit? UnitInHeader(string name)
    {
        var n = name.ToLowerInvariant();
        if (n.EndsWith("(kg)", StringComparison.Ordinal) || n.EndsWith("(kgs)", StringComparison.Ordinal) || n.EndsWith("_kg", StringComparison.Ordinal))
            return WeightUnit.Kg;
        if (n.EndsWith("(lbs)", StringComparison.Ordinal) || n.EndsWith("(lb)", StringComparison.Ordinal) || n.EndsWith("_lbs", StringComparison.Ordinal) || n.EndsWith("_lb", StringComparison.Ordinal))
            return WeightUnit.Lb;
        return null;
    }
}
