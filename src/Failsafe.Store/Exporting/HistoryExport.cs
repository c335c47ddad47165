using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Failsafe.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Scenarios;

namespace Failsafe.Store.Training;

/// <summary>
/// Exports of the log: JSON in the evaluate contract's <c>history</c> shape (so an export feeds straight back into
/// <c>failsafe evaluate</c>), warm-ups, drops, pain and notes marked; CSV with one row per set and every stored field.
/// </summary>
public static class HistoryExport
{
    public static string ToJson(IEnumerable<SessionRow> sessions, ExerciseCatalog catalog, IEnumerable<CustomExerciseRow>? customExercises = null)
    {
        var custom = (customExercises ?? []).ToDictionary(ExerciseResolver.CustomId, StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(sessions);
        return EvaluationJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("history");
            foreach (var s in sessions.OrderBy(s => s.Date).ThenBy(s => s.Id))
            {
                w.WriteStartObject();
                w.WriteString("date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (s.DayType is not null)
                    w.WriteString("dayType", s.DayType);
                w.WriteString("source", s.Source);
                if (s.Name is not null)
                    w.WriteString("name", s.Name);
                w.WriteStartArray("exercises");
                foreach (var g in Runs(s.Sets.OrderBy(x => x.Order)))
                {
                    w.WriteStartObject();
                    w.WriteString("exercise", g[0].ExerciseName);
                    w.WriteString("exerciseId", g[0].ExerciseId);
                    if (custom.TryGetValue(g[0].ExerciseId, out var c))
                    {
                        // The lifter's own classification travels with the export, so it reads back into `evaluate`.
                        w.WriteStartObject("custom");
                        w.WriteString("mechanic", c.Mechanic);
                        w.WriteString("equipment", c.Equipment);
                        if (c.Classified)
                        {
                            w.WriteString("maxFailure", c.MaxFailure);
                            w.WriteString("maxFailureWithSpotter", c.MaxFailureWithSpotter);
                        }
                        w.WriteStrings("primaryMuscles", c.PrimaryMuscles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        w.WriteEndObject();
                    }
                    w.WriteStartArray("sets");
                    foreach (var x in g)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("weightKg", Math.Round(x.WeightKg, 3));
                        w.WriteNumber("reps", x.Reps);
                        // A set logged without RIR or RPE stays unrated: no number is invented for it (evaluate reads it back as unrated).
                        if ((x.Failure != "none" ? 0 : x.Rir ?? (x.Rpe is { } rpe ? 10 - rpe : null)) is { } rir)
                            w.WriteNumber("rir", rir);
                        w.WriteString("failure", x.Failure);
                        if (x.Technique is not null)
                            w.WriteString("technique", x.Technique);
                        if (x.Warmup)
                            w.WriteBoolean("warmup", true);
                        if (x.Drop)
                            w.WriteBoolean("drop", true);
                        if (x.Rpe is { } r)
                            w.WriteNumber("rpe", r);
                        if (x.Pain)
                            w.WriteBoolean("pain", true);
                        if (x.Notes is { Length: > 0 } notes)
                            w.WriteString("notes", notes);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Consecutive sets of the same exercise, in order.</summary>
    private static List<List<SetRow>> Runs(IEnumerable<SetRow> sets)
    {
        var runs = new List<List<SetRow>>();
        foreach (var s in sets)
        {
            if (runs.Count > 0 && runs[^1][0].ExerciseId == s.ExerciseId)
                runs[^1].Add(s);
            else
                runs.Add([s]);
        }
        return runs;
    }

    public static void ToCsv(IEnumerable<SessionRow> sessions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        static string? N(double? v) => v?.ToString(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(["date", "session", "source", "day_type", "exercise", "exercise_id", "set", "weight_kg", "unit", "weight_entered", "reps", "rir", "rpe", "failure", "technique", "warmup", "drop", "form_breakdown", "pain", "notes"]);
        foreach (var s in sessions.OrderBy(s => s.Date).ThenBy(s => s.Id))
        {
            foreach (var x in s.Sets.OrderBy(x => x.Order))
            {
                csv.WriteRecord([
                    s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Name ?? "", s.Source, s.DayType ?? "", x.ExerciseName, x.ExerciseId,
                    x.Order.ToString(CultureInfo.InvariantCulture), N(Math.Round(x.WeightKg, 3))!, x.Unit, N(x.WeightEntered)!, x.Reps.ToString(CultureInfo.InvariantCulture),
                    N(x.Rir) ?? "", N(x.Rpe) ?? "", x.Failure, x.Technique ?? "", x.Warmup ? "true" : "false", x.Drop ? "true" : "false",
                    x.FormBreakdown ? "true" : "false", x.Pain ? "true" : "false", x.Notes ?? "",
                ]);
            }
        }
    }
}
