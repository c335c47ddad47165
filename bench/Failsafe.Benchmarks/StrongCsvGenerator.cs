using System.Globalization;
using System.Text;

namespace Failsafe.Benchmarks;

/// <summary>
/// Writes a Strong export of a given number of sets, for the import benchmark (bench/import.sh): workouts of five
/// exercises, each with a warm-up, working sets with RPE, now and then a failure or a drop set, a note or a
/// timed set; names quoted as Strong quotes them, one with a comma inside. Deterministic (fixed seed).
/// Layouts: <c>comma</c> (Strong's classic export, weights without a unit: import with --unit kg),
/// <c>semicolon</c> (a Weight Unit column) and <c>quoted</c> (every field quoted, "Weight (kg)", decimal commas and
/// rest-timer rows); <c>api</c> writes the same sets as POST /api/sets bodies, one JSON object a line (the one
/// unknown exercise becomes a leg press, which the API resolves). By default workouts start on 2000-01-03, three a day; given <c>first</c>, one workout every
/// <c>everyDays</c> days from that day instead (a lifter's recent history, for bench/server-load.sh).
/// </summary>
public static class StrongCsvGenerator
{
    private static readonly (string Name, double Start)[] Lifts =
    [
        ("Squat (Barbell)", 100), ("Bench Press (Barbell)", 80), ("Deadlift (Barbell)", 140), ("Overhead Press (Barbell)", 50),
        ("Bent Over Row (Barbell)", 70), ("Lat Pulldown (Cable)", 60), ("Incline Bench Press (Dumbbell)", 30), ("Leg Press", 180),
        ("Bicep Curl (Dumbbell)", 14), ("Triceps Pushdown (Cable - Straight Bar)", 30), ("Lateral Raise (Dumbbell)", 10),
        ("Romanian Deadlift (Barbell)", 100), ("Hip Thrust (Barbell)", 120), ("Glorp Machine Kickback", 40),
    ];

    private static readonly string[] WorkoutNames = ["Morning Workout", "Push, heavy", "Pull", "Legs", "Evening Workout", "Full Body"];

    /// <summary>Writes <paramref name="sets"/> sets to <paramref name="path"/>; returns the sets and workouts written.</summary>
    public static (long Sets, int Workouts) Write(string path, long sets, string layout = "comma", DateOnly? first = null, double everyDays = 2.4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(everyDays);
        ArgumentOutOfRangeException.ThrowIfNegative(sets);
        var style = layout switch
        {
            "comma" => 0,
            "semicolon" => 1,
            "quoted" => 2,
            "api" => 3,
            _ => throw new ArgumentException($"unknown layout '{layout}' (comma, semicolon, quoted or api)", nameof(layout)),
        };
        var random = new Random(20240305);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(style switch
        {
            0 => "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
            1 => "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n",
            3 => "",
            _ => "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\"Notes\";\"Workout Notes\"\n",
        });

        var inv = CultureInfo.InvariantCulture;
        var line = new StringBuilder(256);
        long written = 0;
        var workouts = 0;
        var day = new DateTime(2000, 1, 3);
        TimeSpan[] times = [new(6, 15, 0), new(12, 30, 0), new(19, 45, 0)];
        while (written < sets)
        {
            var start = first is { } from
                ? from.ToDateTime(new TimeOnly(18, 0)).AddDays(Math.Floor(workouts * everyDays))
                : day.AddDays(workouts / times.Length) + times[workouts % times.Length];
            workouts++;
            var date = start.ToString("yyyy-MM-dd HH:mm:ss", inv);
            var name = WorkoutNames[random.Next(WorkoutNames.Length)];
            var minutes = 45 + random.Next(50);
            var workoutNotes = random.Next(10) == 0 ? "Felt good" : "";
            var progress = workouts / 30 * 1.25; // loads creep up over the years

            for (var e = 0; e < 5 && written < sets; e++)
            {
                var (exercise, baseLoad) = Lifts[random.Next(Lifts.Length)];
                var work = Math.Round((baseLoad + progress % 60) / 2.5) * 2.5;
                var order = 0;
                void Set(string kind, double weight, int reps, double? rpe, string notes, int seconds = 0)
                {
                    line.Clear();
                    var w = weight.ToString("0.0#", inv);
                    var r = rpe?.ToString("0.#", inv) ?? "";
                    switch (style)
                    {
                        case 0:
                            line.Append(inv, $"{date},\"{name}\",{minutes}m,\"{exercise}\",{kind},{w},{reps},0,{seconds},\"{notes}\",\"{workoutNotes}\",{r}");
                            break;
                        case 3:
                            var lift = exercise == "Glorp Machine Kickback" ? "Leg Press" : exercise;
                            line.Append(inv, $"{{\"date\":\"{date[..10]}\",\"exercise\":\"{lift}\",\"weight\":{w},\"unit\":\"kg\",\"reps\":{reps}");
                            if (rpe is not null)
                                line.Append(inv, $",\"rpe\":{r}");
                            if (kind == "F")
                                line.Append(",\"failure\":\"absolute\"");
                            if (kind is "W" or "D")
                                line.Append(kind == "W" ? ",\"warmup\":true" : ",\"drop\":true");
                            line.Append(inv, $",\"notes\":\"{notes}\"}}");
                            break;
                        case 1:
                            line.Append(inv, $"{date};\"{name}\";\"{exercise}\";{kind};{w};kg;{reps};{r};;;{seconds};\"{notes}\";\"{workoutNotes}\";{minutes}m");
                            break;
                        default:
                            line.Append(inv, $"\"{workouts}\";\"{date}\";\"{name}\";\"{minutes * 60}\";\"{exercise}\";\"{kind}\";\"{w.Replace('.', ',')}\";\"{reps}\";\"{r.Replace('.', ',')}\";\"\";\"{seconds}\";\"{notes}\";\"{workoutNotes}\"");
                            break;
                    }
                    line.Append('\n');
                    writer.Write(line);
                    written++;
                }

                Set("W", Math.Round(work * 0.5 / 2.5) * 2.5, 8, null, "");
                var working = 3 + random.Next(2);
                for (var s = 0; s < working && written < sets; s++)
                {
                    if (style == 2 && s > 0)
                        writer.Write(FormattableString.Invariant($"\"{workouts}\";\"{date}\";\"{name}\";\"{minutes * 60}\";\"{exercise}\";\"Rest Timer\";\"\";\"\";\"\";\"\";\"120\";\"\";\"\"\n"));
                    order++;
                    var last = s == working - 1;
                    var roll = random.Next(20);
                    if (last && roll == 0)
                        Set("F", work, 4 + random.Next(3), 10, "to failure");
                    else
                        Set(order.ToString(inv), work, 5 + random.Next(6), 7 + random.Next(6) * 0.5, roll == 1 ? "paused, 2s" : "");
                }
                if (written < sets && random.Next(8) == 0)
                    Set("D", Math.Round(work * 0.7 / 2.5) * 2.5, 10 + random.Next(5), null, "");
            }
        }
        return (written, workouts);
    }
}
