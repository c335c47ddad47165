using Failsafe.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Training;
using Shouldly;
using Xunit;

namespace Failsafe.Store.Tests.Training;

/// <summary>F3 by name holds for a lifter's own exercise, whatever its stored classification says.</summary>
public sealed class CustomExerciseTests
{
    [Theory]
    [InlineData("Garage Overhead Press Rig", "machine", FailureLevel.None, FailureLevel.None, MovementPattern.VerticalPress)]
    [InlineData("Tempo Squat Deluxe", "barbell", FailureLevel.None, FailureLevel.None, MovementPattern.Squat)]
    [InlineData("Deficit Deadlift Special", "barbell", FailureLevel.None, FailureLevel.None, MovementPattern.Hinge)]
    [InlineData("Super Machine 3000", "machine", FailureLevel.Absolute, FailureLevel.Absolute, MovementPattern.Other)]
    public void AStoredClassification_IsHeldToF3ByName(string name, string equipment, FailureLevel max, FailureLevel withSpotter, MovementPattern pattern)
    {
        var row = new CustomExerciseRow
        {
            Name = name, Equipment = equipment, Mechanic = "compound", MaxFailure = "absolute", MaxFailureWithSpotter = "absolute",
            CnsDemand = "moderate", PrimaryMuscles = "quadriceps", Classified = true,
        };

        var exercise = ExerciseResolver.ToExercise(row);

        (exercise.MaxFailure, exercise.MaxFailureWithSpotter, exercise.Pattern).ShouldBe((max, withSpotter, pattern));
        if (max == FailureLevel.None)
            exercise.ClassificationReason.ShouldContain("F3");
    }

    [Fact]
    public void Classify_RefusesMoreThanF3Allows_AndNamesTheRule()
    {
        var row = new CustomExerciseRow { Name = "Seated Overhead Press Station", Equipment = "machine", Mechanic = "compound" };

        var errors = CustomExercises.Classify(row, new Classification(null, null, "absolute", null, null, null));

        errors.Keys.ShouldBe(["maxFailure"]);
        errors["maxFailure"].ShouldContain("overhead pressing");
        row.Classified.ShouldBeFalse();
    }
}
