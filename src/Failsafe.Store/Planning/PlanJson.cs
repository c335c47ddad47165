using System.Text.Json;
using Failsafe.Autoregulation;
using Failsafe.Planning;

namespace Failsafe.Store.Planning;

/// <summary>
/// JSON for plans ({"weeks":[{"week","phase","days":[{"date","dayType","exercises":[{"exercise","sets":[{"set",
/// "reps","targetRir","weightKg","failure"}]}]}]}]}, more fields allowed) and for the next-set advice.
/// </summary>
public static class PlanJson
{
    public static string ToJson(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return EvaluationJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("start", Iso(plan.Start));
            w.WriteStrings("notes", plan.Notes);
            w.WriteStartArray("weeks");
            foreach (var week in plan.Weeks)
            {
                w.WriteStartObject();
                w.WriteNumber("week", week.Week);
                w.WriteString("phase", Words.Of(week.Phase));
                w.WriteNumber("mesocycleWeek", week.MesocycleWeek);
                w.WriteStartArray("days");
                foreach (var day in week.Days)
                {
                    w.WriteStartObject();
                    w.WriteString("date", Iso(day.Date));
                    w.WriteString("dayType", day.DayType is { } t ? Words.Of(t) : "rest");
                    w.WriteString("purpose", Words.Of(day.Purpose));
                    if (day.Template is not null)
                        w.WriteString("template", day.Template);
                    w.WriteStartArray("exercises");
                    foreach (var x in day.Exercises)
                    {
                        w.WriteStartObject();
                        w.WriteString("exercise", x.Exercise);
                        w.WriteString("catalogName", x.CatalogExercise.Name);
                        w.WriteStartArray("sets");
                        foreach (var s in x.Sets)
                        {
                            w.WriteStartObject();
                            w.WriteSetTarget(s.Set, s.Reps, s.TargetRir, s.WeightKg, s.Failure);
                            w.WriteStrings("reasons", s.Reasons);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStrings("notes", day.Notes);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static string ToJson(NextSetAdvice next) => EvaluationJson.Write(w => Write(w, next));

    public static void Write(Utf8JsonWriter w, NextSetAdvice next)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(next);
        w.WriteStartObject();
        w.WriteString("next", Words.Of(next.Kind));
        w.WriteString("exercise", next.Exercise);
        w.WriteSetTarget(next.Set, next.Reps, next.TargetRir, next.WeightKg, next.Failure);
        w.WriteBoolean("signToWatch", next.SignToWatch);
        w.WriteNumber("rirBias", Math.Round(next.Calibration.Bias, 2));
        w.WriteNumber("rirBiasObservations", next.Calibration.Observations);
        EvaluationJson.WriteReasons(w, next.Reasons);
        w.WriteEndObject();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
