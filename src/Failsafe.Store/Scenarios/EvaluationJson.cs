using System.Text.Json;

namespace Failsafe.Store.Scenarios;

/// <summary>Writes an <see cref="Evaluation"/> in the evaluate contract's JSON shape (field names and words fixed).</summary>
public static class EvaluationJson
{
    public static void Write(Utf8JsonWriter w, Evaluation e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("today", e.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        w.WriteStartObject("eligibility");
        w.WriteBoolean("failure", e.Eligibility.Failure);
        w.WriteBoolean("beyondFailure", e.Eligibility.BeyondFailure);
        WriteReasons(w, e.Eligibility.Reasons);
        w.WriteEndObject();

        w.WriteStartArray("exercises");
        foreach (var x in e.Exercises)
        {
            w.WriteStartObject();
            w.WriteString("exercise", x.Exercise);
            w.WriteString("catalogName", x.CatalogExercise.Name);
            w.WriteString("catalogId", x.CatalogExercise.Id);
            w.WriteStartObject("classification");
            w.WriteString("mechanic", x.CatalogExercise.Mechanic == Failsafe.Catalog.Mechanic.Unknown ? null : Words.Of(x.CatalogExercise.Mechanic));
            w.WriteString("equipment", x.CatalogExercise.Equipment);
            w.WriteString("maxFailure", Words.Of(x.MaxFailure));
            w.WriteString("cnsDemand", Words.Of(x.CatalogExercise.Cns));
            w.WriteEndObject();
            w.WriteStartArray("warmups");
            foreach (var u in x.Warmups)
            {
                w.WriteStartObject();
                w.WriteNumber("share", u.Share);
                w.WriteNumber("reps", u.Reps);
                w.WriteNumberOrNull("weightKg", u.WeightKg);
                w.WriteNumber("restSeconds", u.RestSeconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("sets");
            foreach (var s in x.Sets)
            {
                w.WriteStartObject();
                w.WriteSetTarget(s.Set, s.Reps, s.TargetRir, s.WeightKg, s.Failure);
                w.WriteStrings("beyondFailure", s.BeyondFailure.Select(Words.Of));
                w.WriteNumber("restSeconds", s.RestSeconds);
                WriteReasons(w, s.Reasons);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        WriteNotices(w, e);
        WriteDay(w, e);
        w.WriteEndObject();
    }

    /// <summary>
    /// Added to the contract: <c>day</c> — the day type as decided (<c>type</c>), the plan's (<c>planned</c>) and each
    /// change with its rule (<c>changes</c>: a deload, extra rest, a downgrade, an event), so a client shows the day the
    /// prescription is for. Absent for an evaluation built without a session.
    /// </summary>
    private static void WriteDay(Utf8JsonWriter w, Evaluation e)
    {
        if (e.Session is not { } session)
            return;
        w.WriteStartObject("day");
        w.WriteString("type", Words.Of(session.DayType));
        w.WriteString("planned", Words.Of(e.PlannedDayType ?? session.DayType));
        w.WriteStartArray("changes");
        foreach (var c in e.DayChanges)
        {
            w.WriteStartObject();
            w.WriteString("rule", c.Rule);
            w.WriteString("message", c.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToJson(Evaluation e) => Write(w => Write(w, e));

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented JSON text from a writer callback, for people (the command line); the one way Failsafe writes its JSON documents.</summary>
    public static string Write(Action<Utf8JsonWriter> write) => System.Text.Encoding.UTF8.GetString(Utf8(write, Indented));

    /// <summary>Compact UTF-8 JSON from the same writer callback, for the wire (the server).</summary>
    public static byte[] WriteCompact(Action<Utf8JsonWriter> write) => Utf8(write, Compact);

    private static byte[] Utf8(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, options))
            write(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The contract's <c>warnings</c>, <c>actions</c> and <c>budget</c> properties.</summary>
    public static void WriteNotices(Utf8JsonWriter w, Evaluation e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartArray("warnings");
        foreach (var x in e.Warnings)
            WriteNotice(w, x.Code, x.Rule, x.Message);
        w.WriteEndArray();
        w.WriteStartArray("actions");
        foreach (var x in e.Actions)
            WriteNotice(w, x.Code, x.Rule, x.Message);
        w.WriteEndArray();
        w.WriteStartObject("budget");
        w.WriteNumber("windowDays", e.Budget.WindowDays);
        w.WriteNumber("failureSetsUsed", e.Budget.FailureSetsUsed);
        w.WriteNumber("failureSetsAllowed", e.Budget.FailureSetsAllowed);
        w.WriteEndObject();
    }

    /// <summary><c>reasons</c> (the distinct rule ids) and <c>explanations</c> (each rule with its sentence).</summary>
    public static void WriteReasons(Utf8JsonWriter w, IEnumerable<Reason> reasons)
    {
        ArgumentNullException.ThrowIfNull(w);
        var list = reasons.ToList();
        w.WriteStrings("reasons", list.Select(r => r.Rule).Distinct());
        w.WriteStartArray("explanations");
        foreach (var r in list)
        {
            w.WriteStartObject();
            w.WriteString("rule", r.Rule);
            w.WriteString("message", r.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>An array of strings named <paramref name="name"/>.</summary>
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>A number, or null when there is none.</summary>
    /// <summary>What a set is to be — number, reps, target RIR, load, failure level — as an evaluation's, a plan's and the next set's JSON all write it.</summary>
    public static void WriteSetTarget(this Utf8JsonWriter w, double? set, string? reps, double? targetRir, double? weightKg, FailureLevel failure)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteNumberOrNull("set", set);
        w.WriteString("reps", reps);
        w.WriteNumberOrNull("targetRir", targetRir);
        w.WriteNumberOrNull("weightKg", weightKg);
        w.WriteString("failure", Words.Of(failure));
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void WriteNotice(Utf8JsonWriter w, string code, string rule, string message)
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("rule", rule);
        w.WriteString("message", message);
        w.WriteEndObject();
    }
}
