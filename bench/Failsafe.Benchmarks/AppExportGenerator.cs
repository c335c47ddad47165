using System.Globalization;
using System.Text;

namespace Failsafe.Benchmarks;

/// <summary>
/// Writes an export of another app (hevy, fitnotes, fitbod, liftosaur, stronglifts, jefit) of about a given number
/// of sets, for the import benchmark (bench/import.sh LAYOUT): one workout a day of five exercises, five sets each
/// (a warm-up first), loads creeping up, the app's own names and its layout as the importer's samples show it.
/// Deterministic (fixed seed).
/// </summary>
public static class AppExportGenerator
{
    private static readonly (string Name, double Start)[] Lifts =
    [
        ("Squat", 100), ("Bench Press", 80), ("Deadlift", 140), ("Overhead Press", 50), ("Barbell Row", 70),
        ("Lat Pulldown", 60), ("Leg Press", 180), ("Romanian Deadlift", 100), ("Hammer Curl", 14), ("Face Pull", 25),
    ];

    public static readonly string[] Formats = ["hevy", "fitnotes", "fitbod", "liftosaur", "stronglifts", "jefit"];

    /// <summary>Writes about <paramref name="sets"/> sets in <paramref name="format"/>; returns the sets written.</summary>
    public static long Write(string path, long sets, string format)
    {
        if (!Formats.Contains(format))
            throw new ArgumentException($"unknown format '{format}' ({string.Join(", ", Formats)})", nameof(format));
        var inv = CultureInfo.InvariantCulture;
        var random = new Random(20261207);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write(format switch
        {
            "hevy" => "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n",
            "fitnotes" => "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n",
            "fitbod" => "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier\n",
            "liftosaur" => "Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,Required Weight Unit,Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,Target Muscles,Synergist Muscles,Notes\n",
            "stronglifts" => "Date (yyyy/mm/dd),Workout,Workout Name,Program Name,Body Weight (KG),Exercise,Notes,Start Time (h:mm),Set 1 (Reps),Set 1 (KG),Set 2 (Reps),Set 2 (KG),Set 3 (Reps),Set 3 (KG),Set 4 (Reps),Set 4 (KG),Set 5 (Reps),Set 5 (KG)\n",
            _ => "### SETTING ###\nrow_id,mass\n1,kg\n######\n### EXERCISE LOGS ###\n_id,mydate,logs,ename\n",
        });
        long written = 0;
        var day = 0;
        var start = new DateTime(2000, 1, 3, 18, 0, 0);
        while (written < sets)
        {
            var when = start.AddDays(day);
            var progress = day / 20 * 1.25;
            day++;
            for (var e = 0; e < 5 && written < sets; e++)
            {
                var (name, load) = Lifts[random.Next(Lifts.Length)];
                var work = Math.Round((load + progress % 60) / 2.5) * 2.5;
                var reps = new int[5];
                for (var s = 0; s < 5; s++)
                    reps[s] = s == 0 ? 10 : 5 + random.Next(4);
                string Weight(int s) => (s == 0 ? Math.Round(work / 2) : work).ToString("0.0", inv);
                switch (format)
                {
                    case "hevy":
                        for (var s = 0; s < 5; s++)
                            w.Write($"\"Day {day}\",\"{when.ToString("d MMM yyyy, HH:mm", inv)}\",\"{when.AddHours(1).ToString("d MMM yyyy, HH:mm", inv)}\",\"\",\"{name} (Barbell)\",,\"\",{s},\"{(s == 0 ? "warmup" : "normal")}\",{Weight(s)},{reps[s]},,,{(s == 4 ? "8.5" : "")}\n");
                        break;
                    case "fitnotes":
                        for (var s = 0; s < 5; s++)
                            w.Write($"{when:yyyy-MM-dd},{name},Strength,{Weight(s)},{reps[s]},,,,\n");
                        break;
                    case "fitbod":
                        for (var s = 0; s < 5; s++)
                            w.Write($"{when.AddMinutes(e * 10 + s * 2).ToString("yyyy-MM-dd HH:mm:ss", inv)} +0000,{name},{reps[s]},{Weight(s)},0.0,0.0,0.0,0.0,{(s == 0 ? "true" : "false")},,1.0\n");
                        break;
                    case "liftosaur":
                        for (var s = 0; s < 5; s++)
                            w.Write($"{when.ToString("yyyy-MM-dd'T'HH:mm:ss.000'Z'", inv)},Program,Day {day % 3 + 1},{name},{(s == 0 ? 1 : 0)},{reps[s]},{reps[s]},0,,{(s == 4 ? "8.5" : "")},0,{Weight(s)},kg,{Weight(s)},kg,0,,,,\n");
                        break;
                    case "stronglifts":
                        w.Write($"\"{when:yyyy/MM/dd}\",\"{day}\",\"Workout {(day % 2 == 0 ? "A" : "B")}\",\"StrongLifts 5x5\",\"80\",\"{name}\",\"\",\"6:00 PM\"");
                        for (var s = 0; s < 5; s++)
                            w.Write($",\"{reps[s]}\",\"{Weight(s)}\"");
                        w.Write('\n');
                        break;
                    default:
                        w.Write($"{day * 10 + e},{when:yyyy-MM-dd},\"{string.Join(',', Enumerable.Range(0, 5).Select(s => $"{Weight(s)}x{reps[s]}"))}\",{name}\n");
                        break;
                }
                written += 5;
            }
        }
        if (format == "jefit")
            w.Write("######\n");
        return written;
    }
}
