using System.Text.Json;

namespace Failsafe.Store.Training;

/// <summary>
/// The lifter's equipment as stored in <c>profiles.EquipmentJson</c> and sent on the API:
/// <c>{"unit":"kg","bar":20,"plates":[25,20,15,10,5,2.5,1.25],"microPlates":[0.5],"dumbbells":[2.5,5,7.5],
/// "machineStep":5,"machineSteps":{"Leg_Press":2.5}}</c>. Any field left out keeps the standard gym's value in that unit;
/// <c>dumbbells</c> items are weights or ranges <c>"12.5-50:2.5"</c> (from-to:step).
/// </summary>
public static class EquipmentJson
{
    /// <summary>The stored equipment, or null (the standard gym) when none is stored or it no longer reads.</summary>
    public static Equipment? Stored(string? json) => json is null ? null : Parse(json, out _);

    /// <summary>Reads equipment; on a bad value returns null and names it in <paramref name="error"/>.</summary>
    public static Equipment? Parse(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return From(doc.RootElement, out error);
        }
        catch (JsonException e)
        {
            error = $"equipment: not JSON ({e.Message})";
            return null;
        }
    }

    /// <summary>Reads equipment from a JSON element (the API's <c>equipment</c> field).</summary>
    public static Equipment? From(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "equipment: must be an object";
            return null;
        }
        var unit = WeightUnit.Kg;
        if (root.TryGetProperty("unit", out var u))
        {
            var word = u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            if (word is not ("kg" or "lb"))
            {
                error = $"equipment.unit: '{u}' is not kg or lb";
                return null;
            }
            unit = word == "lb" ? WeightUnit.Lb : WeightUnit.Kg;
        }
        var gear = Equipment.Standard(unit);
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "unit":
                    break;
                case "bar":
                    if (Number(p, out var bar, ref error))
                        gear = gear with { Bar = bar };
                    break;
                case "machineStep":
                    if (Number(p, out var step, ref error))
                        gear = gear with { MachineStep = step };
                    break;
                case "plates" or "microPlates" or "dumbbells":
                    if (p.Value.ValueKind != JsonValueKind.Array)
                    {
                        error = $"equipment.{p.Name}: must be a list of weights";
                        break;
                    }
                    var list = ImmutableArray.CreateBuilder<double>();
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        var text = item.ValueKind == JsonValueKind.Number ? item.GetRawText() : item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
                        if (Weights(text) is not { } values)
                        {
                            error = $"equipment.{p.Name}: '{item}' is not a weight{(p.Name == "dumbbells" ? " or a range like 12.5-50:2.5" : "")}";
                            break;
                        }
                        list.AddRange(values);
                    }
                    var sorted = list.Distinct().Order().ToImmutableArray();
                    gear = p.Name switch
                    {
                        "plates" => gear with { Plates = sorted },
                        "microPlates" => gear with { MicroPlates = sorted },
                        _ => gear with { Dumbbells = sorted },
                    };
                    break;
                case "machineSteps":
                    if (p.Value.ValueKind != JsonValueKind.Object)
                    {
                        error = "equipment.machineSteps: must map exercise ids to stack steps";
                        break;
                    }
                    var steps = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
                    foreach (var m in p.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.Number)
                        {
                            error = $"equipment.machineSteps.{m.Name}: '{m.Value}' is not a weight";
                            break;
                        }
                        steps[m.Name] = m.Value.GetDouble();
                    }
                    gear = gear with { MachineSteps = steps.ToImmutable() };
                    break;
                default:
                    error = $"equipment.{p.Name}: unknown field (unit, bar, plates, microPlates, dumbbells, machineStep, machineSteps)";
                    break;
            }
            if (error is not null)
                return null;
        }
        if (gear.Validate() is { } problem)
        {
            error = $"equipment.{problem}";
            return null;
        }
        return gear;
    }

    /// <summary>"22.5" → [22.5]; "12.5-20:2.5" → [12.5, 15, 17.5, 20]; null when it is neither (or the range is over 200 weights).</summary>
    public static double[]? Weights(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const NumberStyles n = NumberStyles.Float;
        var c = CultureInfo.InvariantCulture;
        if (double.TryParse(text, n, c, out var one))
            return double.IsFinite(one) ? [one] : null;
        var colon = text.Split(':');
        var dash = colon[0].Split('-');
        if (colon.Length != 2 || dash.Length != 2 || !double.TryParse(dash[0], n, c, out var from) || !double.TryParse(dash[1], n, c, out var to)
            || !double.TryParse(colon[1], n, c, out var step) || !(step > 0) || !(to >= from) || (to - from) / step > 200)
            return null;
        var list = new List<double>();
        for (var i = 0; from + i * step <= to + 1e-9; i++)
            list.Add(Math.Round(from + i * step, 3));
        return [.. list];
    }

    public static void Write(Utf8JsonWriter w, Equipment e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("unit", e.Unit == WeightUnit.Kg ? "kg" : "lb");
        w.WriteNumber("bar", e.Bar);
        foreach (var (name, list) in new[] { ("plates", e.Plates), ("microPlates", e.MicroPlates), ("dumbbells", e.Dumbbells) })
        {
            w.WriteStartArray(name);
            foreach (var v in list)
                w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        w.WriteNumber("machineStep", e.MachineStep);
        w.WriteStartObject("machineSteps");
        foreach (var (id, step) in e.MachineSteps.OrderBy(m => m.Key, StringComparer.Ordinal))
            w.WriteNumber(id, step);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Compact JSON for the profile column.</summary>
    public static string ToJson(Equipment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return System.Text.Encoding.UTF8.GetString(Scenarios.EvaluationJson.WriteCompact(w => Write(w, e)));
    }

    private static bool Number(JsonProperty p, out double value, ref string? error)
    {
        value = 0;
        if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out value))
            return true;
        error = $"equipment.{p.Name}: '{p.Value}' is not a weight";
        return false;
    }
}
