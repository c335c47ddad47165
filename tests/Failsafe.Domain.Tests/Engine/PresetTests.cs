using Failsafe.Catalog;
using Failsafe.Engine;
using Failsafe.Store.Scenarios;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

/// <summary>RULES "Presets": each named policy's characteristic decision, against the conservative default.</summary>
public class PresetTests
{
    private static Policy Preset(string name) => PolicyPresets.Get(name) ?? throw new ArgumentException($"no preset {name}");

    [Fact]
    public void Presets_AreTheFourNamedInTheRules() =>
        PolicyPresets.Names.ShouldBe(["conservative", "hit", "competition", "endurance"]);

    [Fact]
    public void Conservative_IsTheDefaultPolicy() =>
        PolicyReader.ToJson(Preset("conservative")).ShouldBe(PolicyReader.ToJson(Policy.Default));

    [Fact]
    public void Hit_LastWorkingSetOfEverySafeExerciseToFailure()
    {
        // Known exercises (a first session never fails, S6).
        var day = Session(Plan("Pec Deck", 2, "8-12"), Plan("Machine Chest Press", 2, "8-12"), Plan("Cable Fly", 2, "10-15"))
            .With(a => a with { Split = Split.BodyPart }).Known();

        var hit = day.Evaluate(Preset("hit"));
        var conservative = day.Evaluate(Preset("conservative"));

        // F6: never the first exercise while others follow; every later one ends in failure.
        hit.Exercises.Skip(1).ShouldAllBe(x => x.Sets.Last().Failure == FailureLevel.Absolute);
        hit.Exercises.ShouldAllBe(x => x.Sets[0].Failure == FailureLevel.None);
        conservative.Exercises.Count(x => x.Sets[^1].Failure != FailureLevel.None).ShouldBe(1);
    }

    [Fact]
    public void Hit_NoFailureOnThatMuscleAgainForSevenDays()
    {
        // A full-body lifter (the default keeps 72 h per muscle; a body-part split already rests a muscle a week, B5).
        var day = LateralRaiseDay()
            .With(DaysAgo(5, DayType.Hard, Did("Dumbbell Lateral Raise", Set(12, 12, 2), Failed(12, 10))));

        day.Evaluate(Preset("hit")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        day.Evaluate(Preset("conservative")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
        (day with { Today = Today.AddDays(2) }).Evaluate(Preset("hit")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void Competition_NoFailureInTheTwoWeeksBeforeAMeet()
    {
        var day = LateralRaiseDay().WithEvent(10, "meet");

        day.Evaluate(Preset("competition")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        day.Evaluate(Preset("conservative")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void Competition_FailureOnlyAsACheckInEveryFourWeeks()
    {
        var day = LateralRaiseDay().With(DaysAgo(20, DayType.Hard, Did("Leg Extension", Set(50, 12, 2), Failed(50, 10), Failed(45, 9))));

        day.Evaluate(Preset("competition")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.None);
        day.Evaluate(Preset("conservative")).LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }

    [Fact]
    public void Endurance_NoFailure_StrengthWorkAtTwoToThreeInReserve()
    {
        var e = LateralRaiseDay().Evaluate(Preset("endurance"));

        e.Exercises.SelectMany(x => x.Sets).ShouldAllBe(s => s.Failure == FailureLevel.None && s.TargetRir >= 2 && s.TargetRir <= 3);
    }

    [Fact]
    public void Get_UnknownName_Null() => PolicyPresets.Get("yolo").ShouldBeNull();
}
