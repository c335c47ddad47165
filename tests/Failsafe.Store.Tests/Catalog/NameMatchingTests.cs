using Failsafe.Catalog;
using Failsafe.Store.Catalog;

namespace Failsafe.Store.Tests.Catalog;

/// <summary>How the names lifters type and apps export resolve against the bundled catalog.</summary>
public sealed class NameMatchingTests
{
    private static ExerciseCatalog Catalog => CatalogLoader.Default;

    [Theory]
    // Exact and case-insensitive catalog names.
    [InlineData("Barbell Squat", "Barbell_Squat")]
    [InlineData("barbell squat", "Barbell_Squat")]
    [InlineData("BARBELL DEADLIFT", "Barbell_Deadlift")]
    // Strong / Hevy "Name (Equipment)" exports.
    [InlineData("Bench Press (Barbell)", "Barbell_Bench_Press_-_Medium_Grip")]
    [InlineData("Squat (Barbell)", "Barbell_Squat")]
    [InlineData("Lateral Raise (Dumbbell)", "Side_Lateral_Raise")]
    [InlineData("Lat Pulldown (Cable)", "Wide-Grip_Lat_Pulldown")]
    [InlineData("Overhead Press (Barbell)", "Standing_Military_Press")]
    [InlineData("Pull Up", "Pullups")]
    [InlineData("Push Up", "Pushups")]
    [InlineData("Chin Up", "Chin-Up")]
    // Plain gym names.
    [InlineData("Barbell Back Squat", "Barbell_Squat")]
    [InlineData("Back Squat", "Barbell_Squat")]
    [InlineData("Barbell Bench Press", "Barbell_Bench_Press_-_Medium_Grip")]
    [InlineData("Dumbbell Lateral Raise", "Side_Lateral_Raise")]
    [InlineData("Lat Pulldown", "Wide-Grip_Lat_Pulldown")]
    [InlineData("Push-Up", "Pushups")]
    [InlineData("Barbell Deadlift", "Barbell_Deadlift")]
    [InlineData("Barbell Overhead Press", "Standing_Military_Press")]
    [InlineData("Leg Press", "Leg_Press")]
    public void Resolve_KnownName_FindsExpectedExercise(string name, string expectedId)
    {
        var match = Catalog.Resolve(name);

        match.Found.ShouldBeTrue($"'{name}' should resolve; suggestions were: {string.Join(", ", match.Suggestions)}");
        match.Exercise!.Id.ShouldBe(expectedId);
        match.Suggestions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Barbell Squat")]
    [InlineData("Squat (Barbell)")]
    [InlineData("Barbell Back Squat")]
    [InlineData("Back Squat")]
    public void Resolve_SquatNames_ResolveToABarbellSquat(string name)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Equipment.ShouldBe("barbell");
        exercise.Pattern.ShouldBe(MovementPattern.Squat);
        exercise.Name.ShouldContain("Squat");
    }

    [Theory]
    [InlineData("Bench Press (Barbell)")]
    [InlineData("Barbell Bench Press")]
    public void Resolve_BenchNames_ResolveToTheBarbellBenchPress(string name)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Equipment.ShouldBe("barbell");
        exercise.Pattern.ShouldBe(MovementPattern.HorizontalPress);
        exercise.Name.ShouldContain("Bench Press");
    }

    [Theory]
    [InlineData("Overhead Press (Barbell)")]
    [InlineData("Barbell Overhead Press")]
    public void Resolve_OverheadPressNames_ResolveToAStandingBarbellPress(string name)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Equipment.ShouldBe("barbell");
        exercise.Pattern.ShouldBe(MovementPattern.VerticalPress);
        exercise.Name.ShouldContain("Standing");
    }

    [Theory]
    [InlineData("Pull Up", "body only", MovementPattern.Pull)]
    [InlineData("Chin Up", "body only", MovementPattern.Pull)]
    [InlineData("Push Up", "body only", MovementPattern.HorizontalPress)]
    [InlineData("Push-Up", "body only", MovementPattern.HorizontalPress)]
    [InlineData("Lat Pulldown", "cable", MovementPattern.Pull)]
    [InlineData("Lat Pulldown (Cable)", "cable", MovementPattern.Pull)]
    [InlineData("Leg Press", "machine", MovementPattern.Squat)]
    [InlineData("Lateral Raise (Dumbbell)", "dumbbell", MovementPattern.Other)]
    [InlineData("Dumbbell Lateral Raise", "dumbbell", MovementPattern.Other)]
    public void Resolve_EverydayNames_ResolveToTheRightEquipmentAndPattern(string name, string equipment, MovementPattern pattern)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Equipment.ShouldBe(equipment);
        exercise.Pattern.ShouldBe(pattern);
    }

    /// <summary>Common gym exercise names as lifters type them (plain, prefixed by equipment, or Strong/Hevy style).</summary>
    [Theory]
    [InlineData("Squat")]
    [InlineData("Front Squat")]
    [InlineData("Goblet Squat")]
    [InlineData("Box Squat")]
    [InlineData("Hack Squat")]
    [InlineData("Smith Machine Squat")]
    [InlineData("Bulgarian Split Squat")]
    [InlineData("Overhead Squat")]
    [InlineData("Zercher Squat")]
    [InlineData("Jump Squat")]
    [InlineData("Bodyweight Squat")]
    [InlineData("Leg Press")]
    [InlineData("Leg Extension")]
    [InlineData("Leg Curl")]
    [InlineData("Lying Leg Curl")]
    [InlineData("Seated Leg Curl")]
    [InlineData("Standing Leg Curl")]
    [InlineData("Nordic Hamstring Curl")]
    [InlineData("Glute Ham Raise")]
    [InlineData("Deadlift")]
    [InlineData("Sumo Deadlift")]
    [InlineData("Romanian Deadlift")]
    [InlineData("RDL")]
    [InlineData("Dumbbell Romanian Deadlift")]
    [InlineData("Stiff Leg Deadlift")]
    [InlineData("Trap Bar Deadlift")]
    [InlineData("Deficit Deadlift")]
    [InlineData("Rack Pull")]
    [InlineData("Good Morning")]
    [InlineData("Hip Thrust")]
    [InlineData("Barbell Hip Thrust")]
    [InlineData("Glute Bridge")]
    [InlineData("Single Leg Glute Bridge")]
    [InlineData("Cable Pull Through")]
    [InlineData("Kettlebell Swing")]
    [InlineData("Back Extension")]
    [InlineData("Hyperextension")]
    [InlineData("Reverse Hyperextension")]
    [InlineData("Lunge")]
    [InlineData("Walking Lunge")]
    [InlineData("Reverse Lunge")]
    [InlineData("Dumbbell Lunge")]
    [InlineData("Barbell Lunge")]
    [InlineData("Step Up")]
    [InlineData("Calf Raise")]
    [InlineData("Standing Calf Raise")]
    [InlineData("Seated Calf Raise")]
    [InlineData("Donkey Calf Raise")]
    [InlineData("Hip Abduction")]
    [InlineData("Hip Adduction")]
    [InlineData("Bench Press")]
    [InlineData("Barbell Bench Press")]
    [InlineData("Incline Bench Press")]
    [InlineData("Decline Bench Press")]
    [InlineData("Close Grip Bench Press")]
    [InlineData("Dumbbell Bench Press")]
    [InlineData("Incline Dumbbell Press")]
    [InlineData("Incline Dumbbell Bench Press")]
    [InlineData("Decline Dumbbell Press")]
    [InlineData("Floor Press")]
    [InlineData("Smith Machine Bench Press")]
    [InlineData("Machine Chest Press")]
    [InlineData("Chest Press")]
    [InlineData("Dumbbell Fly")]
    [InlineData("Incline Dumbbell Fly")]
    [InlineData("Cable Fly")]
    [InlineData("Cable Crossover")]
    [InlineData("Pec Deck")]
    [InlineData("Push Up")]
    [InlineData("Diamond Push Up")]
    [InlineData("Incline Push Up")]
    [InlineData("Decline Push Up")]
    [InlineData("Dips")]
    [InlineData("Chest Dip")]
    [InlineData("Tricep Dips")]
    [InlineData("Bench Dips")]
    [InlineData("Overhead Press")]
    [InlineData("Military Press")]
    [InlineData("Dumbbell Shoulder Press")]
    [InlineData("Seated Dumbbell Press")]
    [InlineData("Arnold Press")]
    [InlineData("Push Press")]
    [InlineData("Machine Shoulder Press")]
    [InlineData("Smith Machine Shoulder Press")]
    [InlineData("Lateral Raise")]
    [InlineData("Dumbbell Lateral Raise")]
    [InlineData("Cable Lateral Raise")]
    [InlineData("Front Raise")]
    [InlineData("Dumbbell Front Raise")]
    [InlineData("Rear Delt Fly")]
    [InlineData("Reverse Fly")]
    [InlineData("Reverse Pec Deck")]
    [InlineData("Face Pull")]
    [InlineData("Upright Row")]
    [InlineData("Shrug")]
    [InlineData("Barbell Shrug")]
    [InlineData("Dumbbell Shrug")]
    [InlineData("Pull Up")]
    [InlineData("Chin Up")]
    [InlineData("Weighted Pull Up")]
    [InlineData("Lat Pulldown")]
    [InlineData("Close Grip Lat Pulldown")]
    [InlineData("Straight Arm Pulldown")]
    [InlineData("Barbell Row")]
    [InlineData("Bent Over Row")]
    [InlineData("Pendlay Row")]
    [InlineData("Dumbbell Row")]
    [InlineData("One Arm Dumbbell Row")]
    [InlineData("Seated Cable Row")]
    [InlineData("Cable Row")]
    [InlineData("T-Bar Row")]
    [InlineData("Machine Row")]
    [InlineData("Inverted Row")]
    [InlineData("Barbell Curl")]
    [InlineData("Dumbbell Curl")]
    [InlineData("Bicep Curl")]
    [InlineData("Hammer Curl")]
    [InlineData("Preacher Curl")]
    [InlineData("EZ Bar Curl")]
    [InlineData("Concentration Curl")]
    [InlineData("Incline Dumbbell Curl")]
    [InlineData("Cable Curl")]
    [InlineData("Spider Curl")]
    [InlineData("Reverse Curl")]
    [InlineData("Zottman Curl")]
    [InlineData("Tricep Pushdown")]
    [InlineData("Rope Pushdown")]
    [InlineData("Overhead Tricep Extension")]
    [InlineData("Skull Crusher")]
    [InlineData("Lying Tricep Extension")]
    [InlineData("Tricep Kickback")]
    [InlineData("Close Grip Push Up")]
    [InlineData("JM Press")]
    [InlineData("Wrist Curl")]
    [InlineData("Reverse Wrist Curl")]
    [InlineData("Farmer's Walk")]
    [InlineData("Farmers Carry")]
    [InlineData("Plank")]
    [InlineData("Side Plank")]
    [InlineData("Crunch")]
    [InlineData("Sit Up")]
    [InlineData("Hanging Leg Raise")]
    [InlineData("Leg Raise")]
    [InlineData("Russian Twist")]
    [InlineData("Ab Wheel Rollout")]
    [InlineData("Cable Crunch")]
    [InlineData("Mountain Climber")]
    [InlineData("Bicycle Crunch")]
    [InlineData("Dead Bug")]
    [InlineData("Pallof Press")]
    [InlineData("Wood Chop")]
    [InlineData("Power Clean")]
    [InlineData("Hang Clean")]
    [InlineData("Clean and Jerk")]
    [InlineData("Snatch")]
    [InlineData("Power Snatch")]
    [InlineData("Turkish Get Up")]
    [InlineData("Kettlebell Goblet Squat")]
    [InlineData("Box Jump")]
    [InlineData("Muscle Up")]
    [InlineData("Handstand Push Up")]
    [InlineData("Battle Ropes")]
    [InlineData("Sled Push")]
    [InlineData("Rowing Machine")]
    [InlineData("Treadmill")]
    [InlineData("Jump Rope")]
    [InlineData("Dumbbell Incline Bench Press")]
    [InlineData("Barbell Front Squat")]
    [InlineData("Dumbbell Step Up")]
    [InlineData("Dumbbell Hammer Curl")]
    [InlineData("Dumbbell Skull Crusher")]
    [InlineData("Dumbbell Pullover")]
    [InlineData("Dumbbell Rear Delt Fly")]
    [InlineData("Cable Face Pull")]
    [InlineData("Cable Tricep Pushdown")]
    [InlineData("Cable Overhead Tricep Extension")]
    [InlineData("Cable Kickback")]
    [InlineData("Cable Woodchopper")]
    [InlineData("Cable Rear Delt Fly")]
    [InlineData("Machine Leg Extension")]
    [InlineData("Machine Leg Curl")]
    [InlineData("Machine Chest Fly")]
    [InlineData("Machine Calf Raise")]
    [InlineData("Machine Hack Squat")]
    [InlineData("Smith Machine Calf Raise")]
    [InlineData("Smith Machine Row")]
    [InlineData("Kettlebell Snatch")]
    [InlineData("Kettlebell Clean")]
    [InlineData("Kettlebell Press")]
    [InlineData("Kettlebell Row")]
    [InlineData("Barbell Good Morning")]
    [InlineData("Barbell Upright Row")]
    [InlineData("Barbell Calf Raise")]
    [InlineData("Barbell Glute Bridge")]
    [InlineData("Barbell Shoulder Press")]
    [InlineData("Barbell Reverse Curl")]
    [InlineData("Barbell Preacher Curl")]
    [InlineData("EZ Bar Skull Crusher")]
    [InlineData("Close Grip EZ Bar Curl")]
    [InlineData("Sissy Squat")]
    [InlineData("Landmine Row")]
    [InlineData("Meadows Row")]
    [InlineData("Chest Supported Dumbbell Row")]
    [InlineData("Incline Bench Press (Dumbbell)")]
    [InlineData("Incline Bench Press (Barbell)")]
    [InlineData("Romanian Deadlift (Dumbbell)")]
    [InlineData("Romanian Deadlift (Barbell)")]
    [InlineData("Hip Thrust (Barbell)")]
    [InlineData("Leg Extension (Machine)")]
    [InlineData("Leg Curl (Machine)")]
    [InlineData("Seated Leg Curl (Machine)")]
    [InlineData("Lying Leg Curl (Machine)")]
    [InlineData("Face Pull (Cable)")]
    [InlineData("Seated Row (Cable)")]
    [InlineData("Triceps Pushdown (Cable)")]
    [InlineData("Hammer Curl (Dumbbell)")]
    [InlineData("Chest Fly (Dumbbell)")]
    [InlineData("Shrug (Dumbbell)")]
    [InlineData("Goblet Squat (Kettlebell)")]
    [InlineData("Front Squat (Barbell)")]
    [InlineData("Lunge (Dumbbell)")]
    [InlineData("Calf Raise (Machine)")]
    [InlineData("Shoulder Press (Dumbbell)")]
    public void Resolve_CommonGymName_IsFoundWithAgreeingEquipment(string name)
    {
        var match = Catalog.Resolve(name);

        match.Found.ShouldBeTrue($"'{name}' should resolve; suggestions were: {string.Join(", ", match.Suggestions)}");
        var exercise = match.Exercise!;
        exercise.Category.ShouldNotBe("stretching", $"'{name}' is a training movement, not the stretch '{exercise.Name}'");
        var expected = EquipmentNamedIn(name);
        if (expected is not null)
            expected.Value.Agrees(exercise).ShouldBeTrue($"'{name}' names {expected.Value.Word} but resolved to '{exercise.Name}' ({exercise.Equipment})");
    }

    [Theory]
    [InlineData("Split Squat")]
    [InlineData("Split Squats")]
    public void Resolve_SplitSquat_ResolvesToATrainingMovementNotAStretch(string name)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Category.ShouldBe("strength");
        exercise.Pattern.ShouldBe(MovementPattern.Squat);
    }

    [Theory]
    [InlineData("Smith Machine Squat")]
    [InlineData("Squat (Smith Machine)")]
    [InlineData("Bench Press (Smith Machine)")]
    [InlineData("Smith Machine Bench Press")]
    public void Resolve_SmithMachineNames_ResolveToASmithMachineExercise(string name)
    {
        var exercise = Catalog.Resolve(name).Exercise.ShouldNotBeNull();

        exercise.Name.ShouldStartWith("Smith");
        exercise.Equipment.ShouldBe("machine");
    }

    [Theory]
    [InlineData("Pull-Ups")]
    [InlineData("pullups")]
    [InlineData("pull up")]
    [InlineData("Pull Up")]
    [InlineData("Pull-Up")]
    [InlineData("PULLUPS")]
    [InlineData("  pull  up  ")]
    [InlineData("Pullup")]
    public void Resolve_PullUpSpellings_AllResolveToTheSameExercise(string name)
    {
        var match = Catalog.Resolve(name);

        match.Found.ShouldBeTrue();
        match.Exercise!.Id.ShouldBe("Pullups");
    }

    [Theory]
    [InlineData("Push-Ups", "push up")]
    [InlineData("pushups", "Push Up")]
    [InlineData("Chin-Ups", "chin up")]
    [InlineData("chinups", "Chin Up")]
    [InlineData("Barbell Curls", "barbell curl")]
    [InlineData("Hammer Curl", "hammer curls")]
    [InlineData("Skull Crushers", "skull-crusher")]
    [InlineData("Calf Raises", "calf raise")]
    public void Resolve_PunctuationAndPluralVariants_ResolveIdentically(string variant, string other)
    {
        var a = Catalog.Resolve(variant);
        var b = Catalog.Resolve(other);

        a.Found.ShouldBeTrue();
        b.Found.ShouldBeTrue();
        a.Exercise!.Id.ShouldBe(b.Exercise!.Id);
    }

    [Fact]
    public void Resolve_CatalogId_FindsTheExercise()
    {
        Catalog.Resolve("Barbell_Bench_Press_-_Medium_Grip").Exercise.ShouldNotBeNull().Name.ShouldBe("Barbell Bench Press - Medium Grip");
    }

    [Fact]
    public void Resolve_BracketStyleWithDisagreeingEquipment_IsNotFound()
    {
        // "Leg Extensions" is a machine exercise; a kettlebell version is not guessed.
        Catalog.Resolve("Leg Extension (Kettlebell)").Found.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Chin Up (Assisted)")]
    [InlineData("Dip (Assisted)")]
    [InlineData("Triceps Dip (Assisted)")]
    [InlineData("Pull Up (Assisted)")]
    [InlineData("Assisted Chin Up")]
    public void Resolve_AnAssistedVariant_NeverTheUnassistedExercise(string name)
    {
        // What is logged for an assisted variant is the assistance: read as the bodyweight exercise, 30 kg of help
        // would become 30 kg added. An assisted name resolves to an assisted exercise, or to nothing (then it is the
        // lifter's own exercise, assisted by its name).
        var match = Catalog.Resolve(name);

        if (match.Exercise is { } e)
            e.IsAssisted.ShouldBeTrue(e.Name);
    }

    [Fact]
    public void Resolve_Typo_IsNotFoundAndSuggestsABenchPress()
    {
        var match = Catalog.Resolve("Bench Prss");

        match.Found.ShouldBeFalse();
        match.Exercise.ShouldBeNull();
        match.Suggestions.ShouldNotBeEmpty();
        match.Suggestions.ShouldContain(s => s.Contains("Bench Press", StringComparison.Ordinal));
        match.Suggestions.ShouldContain("Barbell Bench Press - Medium Grip");
    }

    [Fact]
    public void Resolve_MoreWordsThanAnyName_IsNotFoundAndGetsNoSuggestions()
    {
        // Short enough in characters, but each word is compared with every word of every name: more words than the
        // longest name has cannot be a typo of one, so the search is not paid for.
        var words = "Bench Prss a b c d e f g h i j k";

        Catalog.Resolve(words).Suggestions.ShouldBeEmpty();
        Catalog.Resolve("Bench Prss a b c d e f g h i j").Suggestions.ShouldNotBeEmpty();
    }

    [Fact]
    public void Find_KnownAndUnknownNames_AsResolveFindsThemWithoutSuggesting()
    {
        Catalog.Find("Bench Press (Barbell)").ShouldBe(Catalog.Resolve("Bench Press (Barbell)").Exercise);
        Catalog.Find("  squat ").ShouldBe(Catalog.Resolve("squat").Exercise);
        Catalog.Find("Bench Prss").ShouldBeNull();
        Catalog.Find("").ShouldBeNull();
    }

    [Fact]
    public void Resolve_TextLongerThanAnyName_IsNotFoundAndGetsNoSuggestions()
    {
        // No catalog name is this long, so it is no typo of one; comparing it to every name would cost seconds.
        var atLimit = "Bench Prss " + new string('x', ExerciseCatalog.MaxSuggestedLength - 11);
        Catalog.Resolve(atLimit).Suggestions.ShouldNotBeEmpty();
        var longer = atLimit + "x";
        var match = Catalog.Resolve(longer);
        match.Found.ShouldBeFalse();
        match.Suggestions.ShouldBeEmpty();
        Catalog.Resolve(new string('x', 20_000)).Suggestions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Zercher Foo Bar")]
    [InlineData("Quantum Flux Curl Deluxe")]
    [InlineData("asdfghjkl")]
    public void Resolve_Nonsense_IsNotFound(string name)
    {
        var match = Catalog.Resolve(name);

        match.Found.ShouldBeFalse();
        match.Exercise.ShouldBeNull();
        match.Suggestions.Length.ShouldBeLessThanOrEqualTo(5);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Resolve_EmptyOrWhitespace_IsNotFoundWithoutThrowing(string? name)
    {
        var match = Should.NotThrow(() => Catalog.Resolve(name));

        match.Found.ShouldBeFalse();
        match.Suggestions.ShouldBeEmpty();
    }

    [Fact]
    public void Search_Bench_ReturnsTheBenchPressFamilyAndNoSquats()
    {
        var ids = Catalog.Search("bench").Select(e => e.Id).ToList();

        ids.ShouldContain("Barbell_Bench_Press_-_Medium_Grip");
        ids.ShouldContain("Dumbbell_Bench_Press");
        ids.ShouldContain("Smith_Machine_Bench_Press");
        ids.ShouldContain("Close-Grip_Barbell_Bench_Press");
        ids.ShouldContain("Decline_Barbell_Bench_Press");
        ids.ShouldContain("Barbell_Incline_Bench_Press_-_Medium_Grip");
        ids.ShouldContain("Machine_Bench_Press");
        ids.ShouldNotContain("Barbell_Squat");
        ids.ShouldNotContain("Front_Barbell_Squat");
        ids.ShouldNotContain("Smith_Machine_Squat");
        ids.ShouldNotContain("Leg_Press");
        ids.ShouldBeUnique();
    }

    [Fact]
    public void Search_Bench_EveryResultHasBenchInItsNameOrAnAlias()
    {
        foreach (var e in Catalog.Search("bench"))
        {
            var names = Catalog.AliasesOf(e).Prepend(e.Name);
            names.ShouldContain(n => n.Contains("bench", StringComparison.OrdinalIgnoreCase), $"'{e.Name}' matched 'bench'");
        }
    }

    [Fact]
    public void Search_MultipleWords_RequiresEveryWord()
    {
        var results = Catalog.Search("dumbbell bench").ToList();

        results.ShouldContain(e => e.Id == "Dumbbell_Bench_Press");
        results.ShouldNotContain(e => e.Id == "Barbell_Bench_Press_-_Medium_Grip");
        results.ShouldNotContain(e => e.Id == "Smith_Machine_Bench_Press");
    }

    [Fact]
    public void Search_Results_AreOrderedByName()
    {
        var names = Catalog.Search("curl").Select(e => e.Name).ToList();

        names.ShouldNotBeEmpty();
        names.ShouldBe(names.Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Search_Empty_ReturnsTheWholeCatalog(string? query)
    {
        Catalog.Search(query).Count().ShouldBe(873);
    }

    [Fact]
    public void Search_Nonsense_ReturnsNothing()
    {
        Catalog.Search("zzqxv").ShouldBeEmpty();
    }

    private readonly record struct NamedEquipment(string Word, Func<Exercise, bool> Agrees);

    /// <summary>The equipment a typed name mentions, and what the resolved exercise must then be.</summary>
    private static NamedEquipment? EquipmentNamedIn(string name)
    {
        bool Mentions(string word) => name.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (Mentions("smith"))
            return new("smith machine", e => e.Equipment == "machine" && e.Name.Contains("Smith", StringComparison.OrdinalIgnoreCase));
        if (Mentions("barbell"))
            return new("barbell", e => e.Equipment is "barbell" or "e-z curl bar");
        if (Mentions("dumbbell"))
            return new("dumbbell", e => e.Equipment == "dumbbell");
        if (Mentions("kettlebell"))
            return new("kettlebell", e => e.Equipment == "kettlebells");
        if (Mentions("cable"))
            return new("cable", e => e.Equipment == "cable");
        if (Mentions("machine"))
            return new("machine", e => e.Equipment == "machine");
        return null;
    }
}
