using Failsafe.Store.Catalog;

namespace Failsafe.Store.Tests.Catalog;

/// <summary>
/// The names each app exports most, weighted by the sets a typical history has of them (a few years of a common
/// program: the main lifts most, accessories less): at least 90 % of those sets must land on catalog exercises.
/// The lists are the apps' own default names, as their exports write them.
/// </summary>
public sealed class ExportNameCoverageTests
{
    public static TheoryData<string, (string Name, int Sets)[]> Exports() => new()
    {
        { "Strong/Hevy", [
            ("Squat (Barbell)", 900), ("Bench Press (Barbell)", 900), ("Deadlift (Barbell)", 500), ("Overhead Press (Barbell)", 400),
            ("Bent Over Row (Barbell)", 400), ("Pull Up", 300), ("Chin Up", 150), ("Lat Pulldown (Cable)", 300), ("Seated Row (Cable)", 250),
            ("Incline Bench Press (Barbell)", 250), ("Incline Bench Press (Dumbbell)", 250), ("Bench Press (Dumbbell)", 200),
            ("Shoulder Press (Dumbbell)", 200), ("Lateral Raise (Dumbbell)", 300), ("Bicep Curl (Barbell)", 200), ("Bicep Curl (Dumbbell)", 250),
            ("Hammer Curl (Dumbbell)", 200), ("Triceps Pushdown (Cable - Straight Bar)", 150), ("Triceps Rope Pushdown", 200),
            ("Skullcrusher (Barbell)", 120), ("Leg Press", 300), ("Leg Extension (Machine)", 250), ("Lying Leg Curl (Machine)", 200),
            ("Seated Leg Curl (Machine)", 200), ("Romanian Deadlift (Barbell)", 250), ("Hip Thrust (Barbell)", 200), ("Hip Thrust (Machine)", 100),
            ("Standing Calf Raise (Machine)", 150), ("Seated Calf Raise (Machine)", 120), ("Face Pull (Cable)", 150), ("Chest Fly (Dumbbell)", 100),
            ("Cable Crossover", 100), ("Chest Press (Machine)", 100), ("Shoulder Press (Machine)", 80), ("Lat Pulldown (Machine)", 80),
            ("Seated Row (Machine)", 80), ("Chest Dip", 100), ("Front Squat (Barbell)", 120), ("Goblet Squat (Kettlebell)", 80),
            ("Bulgarian Split Squat", 100), ("Lunge (Dumbbell)", 100), ("Shrug (Dumbbell)", 100), ("Preacher Curl (EZ Bar)", 80),
            ("EZ Bar Biceps Curl", 80), ("Pause Squat (Barbell)", 60), ("Seated Incline Curl (Dumbbell)", 60), ("Squat (Smith Machine)", 80),
            ("Bench Press (Smith Machine)", 60), ("Incline Bench Press (Smith Machine)", 60), ("Bicep Curl (Cable)", 80), ("Lateral Raise (Cable)", 60),
            ("Reverse Fly (Dumbbell)", 60), ("Reverse Fly (Machine)", 60), ("Chest Fly (Machine)", 60), ("Hack Squat", 60), ("Sumo Deadlift (Barbell)", 60),
            ("T Bar Row", 60), ("Arnold Press (Dumbbell)", 50), ("Upright Row (Barbell)", 40), ("Good Morning (Barbell)", 30),
            ("Hanging Leg Raise", 60), ("Cable Crunch", 50), ("Push Up", 60), ("Dumbbell Row", 120), ("Kettlebell Swing", 40),
            ("Triceps Extension (Cable)", 60), ("Seated Overhead Press (Dumbbell)", 60), ("Incline Chest Fly (Dumbbell)", 40)] },
        { "FitNotes", [
            ("Flat Barbell Bench Press", 900), ("Barbell Squat", 900), ("Deadlift", 500), ("Overhead Press", 400), ("Barbell Row", 400),
            ("Pull Up", 300), ("Chin Up", 150), ("Lat Pulldown", 300), ("Seated Cable Row", 250), ("Incline Barbell Bench Press", 250),
            ("Incline Dumbbell Bench Press", 250), ("Flat Dumbbell Bench Press", 200), ("Seated Dumbbell Press", 200), ("Lateral Dumbbell Raise", 300),
            ("Barbell Curl", 200), ("Dumbbell Curl", 250), ("Hammer Curl", 200), ("Rope Push Down", 200), ("V-Bar Push Down", 150),
            ("EZ-Bar Skullcrusher", 120), ("Leg Press", 300), ("Leg Extension Machine", 250), ("Lying Leg Curl Machine", 200),
            ("Seated Leg Curl Machine", 200), ("Romanian Deadlift", 250), ("Barbell Glute Bridge", 100), ("Standing Calf Raise Machine", 150),
            ("Seated Calf Raise Machine", 120), ("Face Pull", 150), ("Flat Dumbbell Fly", 100), ("Cable Crossover", 100), ("Parallel Bar Triceps Dip", 100),
            ("Front Squat", 120), ("Barbell Shrug", 100), ("Dumbbell Shrug", 60), ("EZ-Bar Curl", 80), ("Cable Curl", 80),
            ("Cable Overhead Triceps Extension", 60), ("Decline Barbell Bench Press", 60), ("Front Dumbbell Raise", 60), ("One-Arm Dumbbell Row", 120),
            ("Hanging Leg Raise", 60), ("Cable Crunch", 50), ("Ab-Wheel Rollout", 40), ("Good Morning", 30), ("Rack Pull", 30)] },
        { "Fitbod", [
            ("Back Squat", 900), ("Barbell Bench Press", 900), ("Deadlift", 500), ("Overhead Press", 400), ("Barbell Row", 300), ("Pull Up", 300),
            ("Chin Up", 150), ("Lat Pulldown", 300), ("Seated Cable Row", 250), ("Incline Barbell Bench Press", 200), ("Incline Dumbbell Bench Press", 250),
            ("Dumbbell Bench Press", 250), ("Dumbbell Shoulder Press", 200), ("Dumbbell Lateral Raise", 300), ("Barbell Curl", 200),
            ("Dumbbell Bicep Curl", 250), ("Hammer Curl", 200), ("Tricep Pushdown", 200), ("Cable Rope Tricep Extension", 120), ("Skull Crusher", 120),
            ("Leg Press", 300), ("Leg Extension", 250), ("Lying Hamstrings Curl", 200), ("Seated Leg Curl", 200), ("Romanian Deadlift", 250),
            ("Barbell Hip Thrust", 200), ("Calf Press", 120), ("Standing Machine Calf Press", 120), ("Face Pull", 150), ("Dumbbell Fly", 100),
            ("Cable Crossover Fly", 100), ("Machine Fly", 100), ("Machine Shoulder Press", 80), ("Dip", 100), ("Front Squat", 120),
            ("Goblet Squat", 80), ("Dumbbell Lunge", 100), ("Dumbbell Row", 150), ("Dumbbell Shrug", 80), ("Reverse Dumbbell Flyes", 60),
            ("EZ-Bar Curl", 80), ("Hanging Leg Raise", 60), ("Crunches", 50), ("Smith Machine Squat", 60), ("Dumbbell Bulgarian Split Squat", 80)] },
        { "JEFIT", [
            ("Barbell Bench Press", 900), ("Barbell Squat", 900), ("Barbell Deadlift", 500), ("Barbell Shoulder Press", 400), ("Barbell Bent Over Row", 400),
            ("Pull Up", 300), ("Cable Lat Pulldown (Wide Grip)", 300), ("Cable Seated Row", 250), ("Barbell Incline Bench Press", 250),
            ("Dumbbell Incline Bench Press", 250), ("Dumbbell Bench Press", 200), ("Dumbbell Shoulder Press", 200), ("Dumbbell Lateral Raise", 300),
            ("Barbell Curl", 200), ("Dumbbell Bicep Curl", 250), ("Dumbbell Hammer Curl", 200), ("Cable Tricep Pushdown (Rope)", 200),
            ("Cable Tricep Pushdown", 150), ("Barbell Lying Triceps Extension", 120), ("Machine Leg Press", 300), ("Machine Leg Extension", 250),
            ("Machine Lying Leg Curl", 200), ("Machine Seated Leg Curl", 200), ("Barbell Romanian Deadlift", 250), ("Barbell Hip Thrust", 200),
            ("Machine Standing Calf Raise", 150), ("Machine Seated Calf Raise", 120), ("Cable Face Pull", 150), ("Dumbbell Fly", 100),
            ("Machine Fly", 100), ("Barbell Front Squat", 120), ("Dumbbell Lunge", 100), ("Barbell Shrug", 100), ("Barbell Preacher Curl", 80),
            ("Dumbbell Seated Arnold Press", 60), ("Dumbbell One Arm Row", 120), ("Dumbbell Front Raise", 60), ("Dumbbell Tricep Extension", 80)] },
        { "Liftosaur", [
            ("Squat, Barbell", 900), ("Bench Press, Barbell", 900), ("Deadlift, Barbell", 500), ("Overhead Press, Barbell", 400),
            ("Bent Over Row, Barbell", 400), ("Pull Up", 300), ("Chin Up", 150), ("Lat Pulldown, Cable", 300), ("Seated Row, Cable", 250),
            ("Incline Bench Press, Barbell", 250), ("Incline Bench Press, Dumbbell", 250), ("Bench Press, Dumbbell", 200), ("Shoulder Press, Dumbbell", 200),
            ("Lateral Raise, Dumbbell", 300), ("Bicep Curl, Barbell", 200), ("Bicep Curl, Dumbbell", 250), ("Hammer Curl, Dumbbell", 200),
            ("Triceps Pushdown, Cable", 200), ("Skullcrusher, Barbell", 120), ("Leg Press, Leverage Machine", 300), ("Leg Extension, Leverage Machine", 250),
            ("Lying Leg Curl, Leverage Machine", 200), ("Seated Leg Curl, Leverage Machine", 200), ("Romanian Deadlift, Barbell", 250),
            ("Hip Thrust, Barbell", 200), ("Standing Calf Raise, Leverage Machine", 150), ("Face Pull, Cable", 150), ("Chest Dip", 100),
            ("Front Squat, Barbell", 120), ("Goblet Squat, Kettlebell", 80), ("Bulgarian Split Squat, Dumbbell", 100), ("Shrug, Dumbbell", 100),
            ("Bent Over One Arm Row, Dumbbell", 120), ("Hanging Leg Raise", 60)] },
        { "StrongLifts", [
            ("Squat", 1500), ("Bench Press", 750), ("Barbell Row", 750), ("Overhead Press", 750), ("Deadlift", 300), ("Pull Ups", 200),
            ("Chin Ups", 100), ("Dips", 150), ("Barbell Curl", 100), ("Tricep Extension", 80), ("Front Squat", 60), ("Power Clean", 40)] },
    };

    [Theory]
    [InlineData("Leg Press, Leverage Machine", "Leg_Press")]
    [InlineData("Lying Leg Curl, Leverage Machine", "Lying_Leg_Curls")]
    [InlineData("Bench Press, Barbell", "Barbell_Bench_Press_-_Medium_Grip")]
    [InlineData("Hip Thrust (Machine)", "Barbell_Hip_Thrust")]
    [InlineData("Pause Squat (Barbell)", "Barbell_Squat")]
    [InlineData("Seated Incline Hammer Curl (Dumbbell)", "Incline_Hammer_Curls")]
    [InlineData("EZ Bar Skullcrusher", "EZ-Bar_Skullcrusher")]
    [InlineData("Lateral Dumbbell Raise", "Side_Lateral_Raise")]
    [InlineData("Parallel Bar Triceps Dip", "Dips_-_Triceps_Version")]
    [InlineData("Machine Seated Leg Curl", "Seated_Leg_Curl")]
    [InlineData("Lying Hamstrings Curl", "Lying_Leg_Curls")]
    public void Find_AnAppsOwnName_LandsOnTheCatalogExercise(string name, string id) =>
        CatalogLoader.Default.Find(name).ShouldNotBeNull(name).Id.ShouldBe(id);

    [Fact]
    public void Find_AnUnknownNameBeforeEquipmentAfterAComma_IsNotGuessed() => CatalogLoader.Default.Find("Glorp, Machine").ShouldBeNull();

    [Theory]
    [MemberData(nameof(Exports))]
    public void TypicalExport_NinetyPercentOfSetsLandOnCatalogExercises(string app, (string Name, int Sets)[] names)
    {
        var catalog = CatalogLoader.Default;
        var missing = names.Where(n => catalog.Find(n.Name) is null).ToList();
        var share = 1 - (double)missing.Sum(m => m.Sets) / names.Sum(n => n.Sets);

        share.ShouldBeGreaterThanOrEqualTo(0.9, $"{app}: {share:P1} of sets land on the catalog; not found: {string.Join(", ", missing.Select(m => $"{m.Name} ({m.Sets})"))}");
    }
}
