using Failsafe.Catalog;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Engine;

public class FirstSessionTests
{
    [Fact]
    public void Apply_NoHistoryForTheExercise_NoFailureAndThreeInReserve()
    {
        var s = LateralRaiseDay();
        var e = FirstSession.Apply(s.Evaluate(), s, Policy.Default);

        e.Exercises.Single().Sets.ShouldAllBe(x => x.Failure == FailureLevel.None && x.TargetRir >= 3 && x.BeyondFailure.IsEmpty);
        e.LastSet("Dumbbell Lateral Raise").Ids().ShouldContain("S6");
    }

    [Fact]
    public void Apply_ExerciseWithHistory_Unchanged()
    {
        var s = LateralRaiseDay().With(DaysAgo(6, DayType.Medium, Did("Dumbbell Lateral Raise", Set(10, 14, 2))));
        var evaluation = s.Evaluate();

        FirstSession.Apply(evaluation, s, Policy.Default).ShouldBeSameAs(evaluation);
        evaluation.LastSet("Dumbbell Lateral Raise").Failure.ShouldBe(FailureLevel.Absolute);
    }
}

public class ProgressionStepTests
{
    [Fact]
    public void S6_ConfiguredStep_LoadRisesAtLeastThatMuch()
    {
        var s = Session(Plan("Leg Press", 3, "10-12")).With(DaysAgo(4, DayType.Hard, Did("Leg Press", Set(100, 12, 2), Set(100, 12, 2), Set(100, 12, 1))));

        var set = s.Evaluate(Policy.Default with { ProgressionStepKg = 12 }).Set("Leg Press", 1);

        set.WeightKg.ShouldNotBeNull();
        set.WeightKg.Value.ShouldBeGreaterThanOrEqualTo(115); // 12 kg rounds up to loadable 5 kg steps: +15
        set.Ids().ShouldContain("S6");
    }
}
