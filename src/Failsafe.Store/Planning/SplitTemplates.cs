using Failsafe.Planning;

namespace Failsafe.Store.Planning;

/// <summary>
/// The built-in day templates of each split, and their default training days. Every template puts the
/// heavy compounds first and safe isolation or machine work last, so the engine's F6/F7 rules have
/// somewhere to place a failure set (S3, S5: 3–4 straight sets, hypertrophy 8–12 reps, compounds heavier).
/// </summary>
public static class SplitTemplates
{
    private static readonly (string Name, (string Exercise, int Sets, string Reps)[] Exercises)[] FullBody =
    [
        ("Full body A", [("Barbell Back Squat", 3, "5-8"), ("Barbell Bench Press", 3, "6-10"), ("Seated Cable Row", 3, "8-12"), ("Lying Leg Curl", 3, "10-12"), ("Dumbbell Lateral Raise", 3, "12-15")]),
        ("Full body B", [("Romanian Deadlift", 3, "6-10"), ("Barbell Overhead Press", 3, "6-10"), ("Lat Pulldown", 3, "8-12"), ("Leg Extension", 3, "10-15"), ("Hammer Curl", 3, "10-12")]),
        ("Full body C", [("Leg Press", 3, "10-12"), ("Incline Dumbbell Press", 3, "8-12"), ("Chin Up", 3, "AMRAP"), ("Triceps Pushdown", 3, "10-15"), ("Standing Calf Raise", 3, "10-15")]),
    ];

    private static readonly (string Name, (string Exercise, int Sets, string Reps)[] Exercises)[] UpperLower =
    [
        ("Upper A", [("Barbell Bench Press", 4, "5-8"), ("Bent Over Barbell Row", 3, "6-10"), ("Barbell Overhead Press", 3, "6-10"), ("Lat Pulldown", 3, "8-12"), ("Dumbbell Lateral Raise", 3, "12-15"), ("Triceps Pushdown", 3, "10-15")]),
        ("Lower A", [("Barbell Back Squat", 4, "5-8"), ("Romanian Deadlift", 3, "6-10"), ("Leg Press", 3, "10-12"), ("Lying Leg Curl", 3, "10-12"), ("Standing Calf Raise", 3, "10-15")]),
        ("Upper B", [("Incline Dumbbell Press", 3, "8-12"), ("Seated Cable Row", 3, "8-12"), ("Dumbbell Shoulder Press", 3, "8-12"), ("Chin Up", 3, "AMRAP"), ("Cable Fly", 3, "12-15"), ("Hammer Curl", 3, "10-12")]),
        ("Lower B", [("Barbell Deadlift", 3, "3-5"), ("Front Squat", 3, "6-8"), ("Leg Extension", 3, "10-15"), ("Seated Leg Curl", 3, "10-12"), ("Hanging Leg Raise", 3, "10-15")]),
    ];

    private static readonly (string Name, (string Exercise, int Sets, string Reps)[] Exercises)[] BodyPart =
    [
        ("Chest", [("Barbell Bench Press", 4, "6-10"), ("Incline Dumbbell Press", 3, "8-12"), ("Machine Chest Press", 3, "10-12"), ("Pec Deck", 3, "12-15")]),
        ("Back", [("Barbell Deadlift", 3, "3-5"), ("Bent Over Barbell Row", 3, "6-10"), ("Lat Pulldown", 3, "8-12"), ("Seated Cable Row", 3, "10-12")]),
        ("Legs", [("Barbell Back Squat", 4, "5-8"), ("Leg Press", 3, "10-12"), ("Lying Leg Curl", 3, "10-12"), ("Leg Extension", 3, "12-15"), ("Standing Calf Raise", 3, "10-15")]),
        ("Shoulders", [("Barbell Overhead Press", 4, "6-10"), ("Dumbbell Lateral Raise", 3, "12-15"), ("Face Pull", 3, "12-15"), ("Reverse Pec Deck", 3, "12-15")]),
        ("Arms", [("Barbell Curl", 3, "8-12"), ("Triceps Pushdown", 3, "10-15"), ("Hammer Curl", 3, "10-12"), ("Overhead Triceps Extension (Cable)", 3, "10-15"), ("Push Up", 2, "AMRAP")]),
    ];

    public static ImmutableArray<DayTemplate> For(Split split, ExerciseCatalog catalog) => Build(split switch
    {
        Split.UpperLower => UpperLower,
        Split.BodyPart => BodyPart,
        _ => FullBody,
    }, catalog);

    /// <summary>Full-body Mon/Wed/Fri, upper/lower Mon/Tue/Thu/Fri, body-part Mon–Fri.</summary>
    public static ImmutableArray<DayOfWeek> DefaultDays(Split split) => split switch
    {
        Split.UpperLower => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        Split.BodyPart => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        _ => [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday],
    };

    private static ImmutableArray<DayTemplate> Build((string Name, (string Exercise, int Sets, string Reps)[] Exercises)[] days, ExerciseCatalog catalog) =>
        [.. days.Select(d => new DayTemplate(d.Name, [.. d.Exercises.Select(e => new TemplateExercise(
            e.Exercise,
            catalog.Resolve(e.Exercise).Exercise ?? throw new InvalidOperationException($"Built-in template exercise '{e.Exercise}' is not in the catalog."),
            e.Sets,
            RepRange.Parse(e.Reps)))]))];
}
