using System.Globalization;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Benchmarks;

/// <summary>
/// Writes a training-log database as years of daily use would leave it, for timing the everyday commands
/// (<c>bench/daily.sh</c>): a profile (what <c>failsafe init</c> writes), full-body training Monday, Wednesday and
/// Friday rotating the built-in "Full body A/B/C" days (five exercises, four to six sets each, slow progression
/// with noise, ~5 % failure sets on the later, safer exercises, some sets rated by RPE), a year of daily check-ins,
/// and an active 8-week plan starting 2026-11-23. Deterministic for a given seed. The schema comes from
/// <see cref="Database.Open"/> (all migrations); rows go in with prepared inserts in one transaction.
/// </summary>
public static class DailyDbGenerator
{
    /// <summary>The first day of the generated plan, and the day after the last generated session.</summary>
    public static readonly DateOnly PlanStart = new(2026, 11, 23);

    private sealed record Lift(string Name, double StartKg, double StepKg, int MinReps, int MaxReps);

    /// <summary>The built-in full-body days (SplitTemplates), with starting loads and progression steps.</summary>
    private static readonly (string Name, Lift[] Lifts)[] Days =
    [
        ("Full body A", [new("Barbell Back Squat", 80, 2.5, 5, 8), new("Barbell Bench Press", 60, 1.25, 6, 10), new("Seated Cable Row", 50, 1.25, 8, 12), new("Lying Leg Curl", 30, 1.25, 10, 12), new("Dumbbell Lateral Raise", 6, 0.5, 12, 15)]),
        ("Full body B", [new("Romanian Deadlift", 80, 2.5, 6, 10), new("Barbell Overhead Press", 35, 1.25, 6, 10), new("Lat Pulldown", 50, 1.25, 8, 12), new("Leg Extension", 40, 2.5, 10, 15), new("Hammer Curl", 10, 0.5, 10, 12)]),
        ("Full body C", [new("Leg Press", 120, 5, 10, 12), new("Incline Dumbbell Press", 20, 1, 8, 12), new("Chin Up", 0, 1.25, 6, 12), new("Triceps Pushdown", 25, 1.25, 10, 15), new("Standing Calf Raise", 60, 2.5, 10, 15)]),
    ];

    public static void Generate(string path, int years) => Generate(path, years, seed: 42);

    public static void Generate(string path, int years, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
                File.Delete(file);
        }

        var catalog = CatalogLoader.Default;
        var ids = Days.SelectMany(d => d.Lifts).Select(l => l.Name).Distinct()
            .ToDictionary(n => n, n => catalog.Resolve(n).Exercise?.Id ?? throw new InvalidOperationException($"'{n}' is not in the catalog"), StringComparer.Ordinal);
        var random = new Random(seed);

        var (db, _) = Database.Open(path);
        using (db)
        {
            db.Database.OpenConnection();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            using var transaction = connection.BeginTransaction();

            Insert(connection, transaction, """
                INSERT INTO profiles (Name, TrainingYears, FormUnderFatigue, SleepHours, Stress, Goal, InSeason, Split, CompetitionPrep, BodyweightKg, Unit, TrainingDays, Phase, UpdatedAt)
                VALUES ('bench', $years, 'excellent', 7.5, 'low', 'hypertrophy', 0, 'full-body', 0, 84, 'kg', 'mon,wed,fri', 'hypertrophy', $at)
                """, ("$years", years), ("$at", Timestamp(PlanStart.AddDays(-365 * years), 9, 0)));
            // Every row belongs to the profile's athlete (the one profile of a personal database).
            long athlete;
            using (var owner = connection.CreateCommand())
            {
                owner.Transaction = transaction;
                owner.CommandText = "SELECT min(\"Id\") FROM profiles";
                athlete = Convert.ToInt64(owner.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            using var session = Command(connection, transaction, """
                INSERT INTO sessions (Id, AthleteId, Date, DayType, Name, Source, ImportKey, StartedAt, Notes, Version)
                VALUES ($id, $athlete, $date, $dayType, $name, 'cli', NULL, $startedAt, NULL, 0)
                """, "$id", "$athlete", "$date", "$dayType", "$name", "$startedAt");
            using var set = Command(connection, transaction, """
                INSERT INTO sets (AthleteId, SessionId, "Order", ExerciseId, ExerciseName, WeightKg, Unit, WeightEntered, Reps, Rir, Rpe, Failure, Technique, Warmup, "Drop", FormBreakdown, Pain, Notes, LoggedAt, Version)
                VALUES ($athlete, $session, $order, $exerciseId, $exercise, $kg, 'kg', $kg, $reps, $rir, $rpe, $failure, NULL, 0, 0, 0, 0, NULL, $loggedAt, 0)
                """, "$athlete", "$session", "$order", "$exerciseId", "$exercise", "$kg", "$reps", "$rir", "$rpe", "$failure", "$loggedAt");

            var start = PlanStart.AddDays(-365 * years);
            long sessionId = 0;
            for (var day = start; day < PlanStart; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday))
                    continue;
                var (name, lifts) = Days[sessionId % Days.Length];
                sessionId++;
                var progress = (day.DayNumber - start.DayNumber) / 365.0;
                Run(session, sessionId, athlete, Iso(day), day.DayOfWeek switch { DayOfWeek.Monday => "hard", DayOfWeek.Wednesday => "light", _ => "medium" }, name, Timestamp(day, 18, 0));

                var order = 0;
                for (var i = 0; i < lifts.Length; i++)
                {
                    var lift = lifts[i];
                    var kg = Math.Max(0, Math.Round((lift.StartKg + lift.StepKg * 8 * Math.Log(1 + progress * 3)) * (0.95 + random.NextDouble() * 0.1) / lift.StepKg) * lift.StepKg);
                    var sets = 4 + random.Next(3);
                    for (var s = 0; s < sets; s++)
                    {
                        order++;
                        // Failure only on the last set of the last three (safer) exercises: 3 of 25 exercise-slots × 0.42 ≈ 5 % of sets.
                        var failed = i >= 2 && s == sets - 1 && random.NextDouble() < 0.42;
                        var reps = Math.Max(1, lift.MinReps + random.Next(lift.MaxReps - lift.MinReps + 1) - (failed ? 0 : s / 2));
                        var rir = failed ? 0 : 1 + random.Next(3);
                        object rpe = !failed && random.NextDouble() < 0.3 ? 10.0 - rir : DBNull.Value;
                        Run(set, athlete, sessionId, order, ids[lift.Name], lift.Name, kg, reps, (double)rir, rpe, failed ? "absolute" : "none", Timestamp(day, 18, 3 * order));
                    }
                }
            }

            using var checkIn = Command(connection, transaction, """
                INSERT INTO checkins (AthleteId, Date, SleepHours, SleepQuality, Fatigue, Mood, Soreness, Aches, Motivation)
                VALUES ($athlete, $date, $hours, $quality, $fatigue, $mood, $soreness, $aches, $motivation)
                """, "$athlete", "$date", "$hours", "$quality", "$fatigue", "$mood", "$soreness", "$aches", "$motivation");
            for (var day = PlanStart.AddDays(-365); day < PlanStart; day = day.AddDays(1))
            {
                Run(checkIn, athlete, Iso(day), 6.5 + random.Next(4) * 0.5, 3 + random.Next(3), 1 + random.Next(3), 3 + random.Next(3),
                    1 + random.Next(3), 1 + random.Next(2), 3 + random.Next(3));
            }

            Insert(connection, transaction, """
                INSERT INTO plans (AthleteId, Start, Weeks, Days, TemplateJson, CreatedAt, Active)
                VALUES ($athlete, $start, 8, 'mon,wed,fri', NULL, $at, 1)
                """, ("$athlete", athlete), ("$start", Iso(PlanStart)), ("$at", Timestamp(PlanStart.AddDays(-1), 20, 0)));

            transaction.Commit();
            db.Database.CloseConnection();
        }
    }

    /// <summary>Rows in a generated file, for the report.</summary>
    public static string Describe(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        long Count(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var sessions = Count("SELECT count(*) FROM sessions");
        var sets = Count("SELECT count(*) FROM sets");
        var failures = Count("SELECT count(*) FROM sets WHERE Failure <> 'none'");
        var checkIns = Count("SELECT count(*) FROM checkins");
        var plans = Count("SELECT count(*) FROM plans WHERE Active = 1");
        return string.Create(CultureInfo.InvariantCulture,
            $"{sessions} sessions, {sets} sets ({100.0 * failures / Math.Max(1, sets):0.0} % to failure), {checkIns} check-ins, {plans} active plan, {new FileInfo(path).Length / 1024} KiB");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A DateTime as EF Core stores it in SQLite.</summary>
    private static string Timestamp(DateOnly d, int hour, int minutes) =>
        d.ToDateTime(new TimeOnly(hour, 0)).AddMinutes(minutes).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var p in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
