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
