using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

public class FirstSessionTests
{
    [Fact]
    public void Evaluate_NoHistoryForTheExercise_NoFailureAndThreeInReserve()
    {
        var s = Session(Plan("Dumbbell Lateral Raise", 3, "12-15"));
        var e = s.Evaluate();

        e.Exercises.Single().Sets.ShouldAllBe(x => x.Failure == FailureLevel.None && x.TargetRir >= 3 && x.BeyondFailure.IsEmpty);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("S6");
    }

    [Fact]
    public void Evaluate_ExerciseWithHistory_MayFail()
    {
        var s = LateralRaiseDay().With(DaysAgo(6, DayType.Medium, Did("Dumbbell Lateral Raise", Set(10, 14, 2))));

        s.Evaluate().LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }
}

/// <summary>One first-session rule for evaluate, plan and today: the engine's own decision.</summary>
public class FirstSessionInTheEngineTests
{
    [Fact]
    public void Evaluate_ExerciseWithoutHistory_NeverFails()
    {
        var e = Session(Plan("Chin Up", 2, "AMRAP"), Plan("Leg Extension", 3, "10-15"))
            .With(DaysAgo(5, DayType.Medium, Did("Chin Up", Set(0, 10, 2)))).Evaluate();

        e.LastSet("Leg Extension").Failure.ShouldBe(FailureLevel.None);
        e.LastSet("Leg Extension").TargetRir.ShouldBeGreaterThanOrEqualTo(3);
        e.LastSet("Leg Extension").Ids().ShouldContain("S6");
        e.LastSet("Leg Extension").WeightKg.ShouldBeNull();
    }
}

public class ProgressionStepTests
{
    [Fact]
    public void S6_ConfiguredStep_LoadRisesAtLeastThatMuch()
    {
        var s = Session(Plan("Leg Press", 3, "10-12")).With(DaysAgo(4, DayType.Hard, Did("Leg Press", Set(100, 12, 2), Set(100, 12, 2), Set(100, 12, 2))));

        var set = s.Evaluate(Policy.Default with { ProgressionStepKg = 12 }).Set("Leg Press", 1);

        set.WeightKg.ShouldNotBeNull();
        set.WeightKg.Value.ShouldBeGreaterThanOrEqualTo(115); // 12 kg rounds up to loadable 5 kg steps: +15
        set.Ids().ShouldContain("S6");
    }
}
