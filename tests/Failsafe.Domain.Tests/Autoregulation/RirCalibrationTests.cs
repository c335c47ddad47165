using Failsafe.Autoregulation;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Autoregulation;

/// <summary>
/// A lifter's RIR bias from failure sets (Halperin et al. 2022: lifters under-predict reps to failure by ~1 rep):
/// each failure set after a rated set of the same exercise is one observation.
/// </summary>
public class RirCalibrationTests
{
    /// <summary>One session: leg press 160 kg × 10 rated at <paramref name="rir"/>, then 160 kg to failure for <paramref name="failureReps"/>.</summary>
    private static LoggedSession RatedThenFailed(int weeksAgo, int failureReps, double rir = 2) =>
        DaysAgo(7 * weeksAgo, DayType.Hard, Did("Leg Press", Set(160, 10, rir), Failed(160, failureReps)));

    /// <summary>The reps to failure the rated set predicts for the failure set (its e1RM, discounted for its fatigue).</summary>
    private static double Predicted(double rir = 2, int restSeconds = 120)
    {
        var e1rm = 160 / OneRepMax.FractionOf1Rm(10 + rir);
        var fatigue = 1 - (1 - NextSet.DropOffRatio(restSeconds)) * Math.Max(0, (4 - rir) / 4);
        return OneRepMax.RepsToFailure(160 / e1rm) * fatigue;
    }

    private static RirCalibration From(params LoggedSession[] history) => RirCalibration.From(history);

    [Fact]
    public void From_NoFailureSets_NoBiasNoObservations()
    {
        var c = From(DaysAgo(3, DayType.Hard, Did("Leg Press", Set(160, 10, 2), Set(160, 10, 2))), DaysAgo(10, DayType.Medium, Did("Lat Pulldown", Set(60, 10, 3))));

        c.Bias.ShouldBe(0);
        c.Observations.ShouldBe(0);
        c.ShouldBe(RirCalibration.None);
    }

    [Fact]
    public void From_EmptyHistory_None() => From().ShouldBe(RirCalibration.None);

    [Fact]
    public void From_RepeatedlyMoreRepsToFailureThanReported_PositiveBias()
    {
        // Rated 10 reps at 2 RIR, then 13 reps to failure at the same load — more than the report predicted, every time.
        var c = From([.. Enumerable.Range(1, 6).Select(w => RatedThenFailed(w, 13))]);

        c.Observations.ShouldBe(6);
        c.Bias.ShouldBeGreaterThan(0);
        c.Bias.ShouldBe(6 * (13 - Predicted()) / (6 + RirCalibration.PriorWeight), 1e-6);
    }

    [Fact]
    public void From_FewerRepsToFailureThanReported_NegativeBias()
    {
        var c = From([.. Enumerable.Range(1, 4).Select(w => RatedThenFailed(w, 5))]);

        c.Observations.ShouldBe(4);
        c.Bias.ShouldBeLessThan(0);
    }

    [Fact]
    public void From_FewObservations_ShrinkTowardZero()
    {
        var one = From(RatedThenFailed(1, 13));
        var many = From([.. Enumerable.Range(1, 10).Select(w => RatedThenFailed(w, 13))]);
        var perObservation = 13 - Predicted();

        one.Observations.ShouldBe(1);
        one.Bias.ShouldBeGreaterThan(0);
        one.Bias.ShouldBeLessThan(many.Bias);
        many.Bias.ShouldBeLessThan(perObservation);
        one.Bias.ShouldBe(perObservation / (1 + RirCalibration.PriorWeight), 1e-6);
    }

    [Fact]
    public void From_ExtremeReports_ClampedToMinusTwoPlusThree()
    {
        From([.. Enumerable.Range(1, 20).Select(w => RatedThenFailed(w, 40, rir: 0.5))]).Bias.ShouldBe(3);
        From([.. Enumerable.Range(1, 20).Select(w => RatedThenFailed(w, 1, rir: 6))]).Bias.ShouldBe(-2);
    }

    [Fact]
    public void From_FailureWithoutARatedSetBefore_NotAnObservation()
    {
        var c = From(
            DaysAgo(3, DayType.Hard, Did("Leg Press", Failed(160, 12))),
            DaysAgo(5, DayType.Hard, Did("Leg Press", new LoggedSet(100, 10, Rir.Of(4), Warmup: true), Failed(160, 12))),
            DaysAgo(9, DayType.Hard, Did("Leg Press", Failed(160, 12), Failed(160, 8))));

        c.ShouldBe(RirCalibration.None);
    }

    [Fact]
    public void From_RatedSetOfAnotherExercise_NotAnObservation() =>
        From(DaysAgo(3, DayType.Hard, Did("Leg Press", Set(160, 10, 2)), Did("Leg Extension", Failed(60, 12)))).ShouldBe(RirCalibration.None);

    [Fact]
    public void From_LongerRest_LessFatigueDiscount_SmallerBias()
    {
        var history = Enumerable.Range(1, 4).Select(w => RatedThenFailed(w, 13)).ToList();

        RirCalibration.From(history, restSeconds: 300).Bias.ShouldBeLessThan(RirCalibration.From(history, restSeconds: 60).Bias);
    }

    [Fact]
    public void Adjust_AddsTheBias_ClampedToTheRirScale()
    {
        var c = new RirCalibration(1, 5);

        c.Adjust(Rir.Of(2)).ShouldBe(3);
        new RirCalibration(-2, 5).Adjust(Rir.Of(1)).ShouldBe(0);
        new RirCalibration(3, 5).Adjust(Rir.Of(9)).ShouldBe(Rir.MaxValue);
    }

    [Fact]
    public void Adjust_NoCalibration_ReportUnchanged() => RirCalibration.None.Adjust(Rir.Of(2.5)).ShouldBe(2.5);
}
