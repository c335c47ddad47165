using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Failsafe.Benchmarks;

/// <summary>
/// Writes a large, realistic scenario in the evaluate contract's format: years of full-body training three
/// days a week (five exercises, four to six sets each, slow progression with noise, ~5 % failure sets),
/// a year of daily check-ins and a planned session. Deterministic for a given seed.
/// </summary>
public static class ScenarioGenerator
{
    private static readonly (string Name, double StartKg, double StepKg)[] Lifts =
    [
        ("Barbell Back Squat", 80, 2.5), ("Barbell Bench Press", 60, 1.25), ("Barbell Deadlift", 100, 2.5),
        ("Lat Pulldown", 50, 1.25), ("Leg Press", 120, 5), ("Dumbbell Lateral Raise", 6, 0.5),
        ("Triceps Pushdown", 25, 1.25), ("Hammer Curls", 10, 0.5), ("Seated Cable Row", 50, 1.25), ("Leg Extensions", 40, 2.5),
    ];

    public static byte[] Generate(DateOnly today, int years, int seed = 42)
    {
        var random = new Random(seed);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("today", Iso(today));
            w.WriteStartObject("athlete");
            w.WriteNumber("trainingYears", years);
            w.WriteString("formUnderFatigue", "excellent");
            w.WriteNumber("sleepHours", 7.5);
            w.WriteString("stress", "low");
            w.WriteStartArray("injuries");
            w.WriteEndArray();
            w.WriteString("goal", "hypertrophy");
            w.WriteBoolean("inSeason", false);
            w.WriteString("split", "full-body");
            w.WriteBoolean("competitionPrep", false);
            w.WriteNumber("bodyweightKg", 84);
            w.WriteString("unit", "kg");
            w.WriteEndObject();
            w.WriteString("phase", "hypertrophy");
            w.WriteStartArray("events");
            w.WriteEndArray();

            w.WriteStartArray("history");
            var start = today.AddDays(-365 * years);
            var session = 0;
            for (var day = start; day < today; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday))
                    continue;
                var progress = (day.DayNumber - start.DayNumber) / 365.0;
                w.WriteStartObject();
                w.WriteString("date", Iso(day));
                w.WriteString("dayType", day.DayOfWeek switch { DayOfWeek.Monday => "hard", DayOfWeek.Wednesday => "light", _ => "medium" });
                w.WriteStartArray("exercises");
                for (var i = 0; i < 5; i++)
                {
                    var (name, startKg, step) = Lifts[(session * 3 + i) % Lifts.Length];
                    var kg = Math.Round((startKg + step * 8 * Math.Log(1 + progress * 3)) * (0.95 + random.NextDouble() * 0.1) / step) * step;
                    w.WriteStartObject();
                    w.WriteString("exercise", name);
                    w.WriteStartArray("sets");
                    var sets = 4 + random.Next(3);
                    for (var s = 0; s < sets; s++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("weightKg", kg);
                        var failed = s == sets - 1 && random.NextDouble() < 0.25;
                        w.WriteNumber("reps", 6 + random.Next(7) - (failed ? 0 : s / 2));
                        w.WriteNumber("rir", failed ? 0 : 1 + random.Next(3));
                        if (failed)
                            w.WriteString("failure", "absolute");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                session++;
            }
            w.WriteEndArray();

            w.WriteStartArray("wellness");
            for (var day = today.AddDays(-365); day < today; day = day.AddDays(1))
            {
                w.WriteStartObject();
                w.WriteString("date", Iso(day));
                w.WriteNumber("sleepHours", 6.5 + random.Next(4) * 0.5);
                w.WriteNumber("sleepQuality", 3 + random.Next(3));
                w.WriteNumber("fatigue", 1 + random.Next(3));
                w.WriteNumber("mood", 3 + random.Next(3));
                w.WriteNumber("soreness", 1 + random.Next(3));
                w.WriteNumber("aches", 1 + random.Next(2));
                w.WriteNumber("motivation", 3 + random.Next(3));
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("session");
            w.WriteString("dayType", "hard");
            w.WriteStartArray("exercises");
            foreach (var (name, sets, reps) in new[] { ("Barbell Back Squat", 4, "5-8"), ("Barbell Bench Press", 3, "6-10"), ("Lat Pulldown", 3, "8-12"), ("Leg Press", 3, "10-12"), ("Dumbbell Lateral Raise", 3, "12-15") })
            {
                w.WriteStartObject();
                w.WriteString("exercise", name);
                w.WriteNumber("sets", sets);
                w.WriteString("reps", reps);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Sessions and sets in a generated file, for the report.</summary>
    public static string Describe(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var history = doc.RootElement.GetProperty("history");
        var sets = history.EnumerateArray().Sum(s => s.GetProperty("exercises").EnumerateArray().Sum(e => e.GetProperty("sets").GetArrayLength()));
        var wellness = doc.RootElement.GetProperty("wellness").GetArrayLength();
        return new StringBuilder().Append(CultureInfo.InvariantCulture, $"{history.GetArrayLength()} sessions, {sets} sets, {wellness} check-ins, {json.Length / 1024} KiB").ToString();
    }
}
