using CsCheck;
using Failsafe.Effort;

namespace Failsafe.Domain.Tests.Effort;

public class OneRepMaxTests
{
    // The RTS %1RM chart exactly as printed in the evidence file: RPE rows 10 … 6.5, reps 1–12.
    private static readonly (double Rpe, double[] Percent)[] Chart =
    [
        (10, [100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0]),
        (9.5, [97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7]),
        (9, [95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3]),
        (8.5, [93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0]),
        (8, [92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6]),
        (7.5, [90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3]),
        (7, [89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6, 59.9]),
        (6.5, [87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3, 58.6]),
    ];

    public static TheoryData<double, int, double> Cells()
    {
        var data = new TheoryData<double, int, double>();
        foreach (var (rpe, row) in Chart)
        {
            for (var reps = 1; reps <= 12; reps++)
                data.Add(rpe, reps, row[reps - 1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void FractionOf1Rm_EveryRtsCell_MatchesChart(double rpe, int reps, double percent)
    {
        var rir = Rpe.Of(rpe).ToRir();
        OneRepMax.FractionOf1Rm(reps + rir.Value).ShouldBe(percent / 100, 1e-12);
        OneRepMax.LoadFor(Load.Kg(100), reps, rir).Value.ShouldBe(percent, 1e-9);
    }

    [Fact]
    public void Estimate_TestVector_100x8AtRpe8_Is135Kg()
    {
        var e = OneRepMax.Estimate(Load.Kg(100), 8, Rir.Of(2));
        e.OneRepMax.Value.ShouldBe(100 / 0.739, 1e-9);
        e.OneRepMax.Value.ShouldBe(135.3, 0.05);
        e.IsReliable.ShouldBeTrue();
    }

    [Theory]
    [InlineData(12, true)]
    [InlineData(12.5, false)]
    [InlineData(20, false)]
    public void Estimate_BeyondTwelveRepsToFailure_FlaggedLessReliable(double repsToFailure, bool reliable) =>
        OneRepMax.Estimate(Load.Kg(50), 10, Rir.Of(repsToFailure - 10)).IsReliable.ShouldBe(reliable);

    [Fact]
    public void FractionOf1Rm_BeyondChart_ContinuesMayhewCurveFromLastCell()
    {
        static double Mayhew(double r) => 52.2 + 41.9 * Math.Exp(-0.055 * r);
        OneRepMax.FractionOf1Rm(20).ShouldBe(0.586 * Mayhew(20) / Mayhew(15.5), 1e-12);
        OneRepMax.FractionOf1Rm(15.5).ShouldBe(0.586, 1e-12);
        OneRepMax.FractionOf1Rm(15.5001).ShouldBe(0.586, 1e-4);
    }

    [Fact]
    public void FractionOf1Rm_BetweenHalfSteps_Interpolates() =>
        OneRepMax.FractionOf1Rm(1.25).ShouldBe((1.0 + 0.978) / 2, 1e-12);

    [Theory]
    [InlineData(0.99)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    public void FractionOf1Rm_BelowOneRep_Throws(double rtf) =>
        Should.Throw<ArgumentOutOfRangeException>(() => OneRepMax.FractionOf1Rm(rtf));

    [Fact]
    public void FractionOf1Rm_IsStrictlyDecreasing_OverTheWholeRange()
    {
        var previous = double.MaxValue;
        for (var rtf = 1.0; rtf <= 60; rtf += 0.25)
        {
            var f = OneRepMax.FractionOf1Rm(rtf);
            f.ShouldBeLessThan(previous);
            f.ShouldBeGreaterThan(0);
            previous = f;
        }
    }

    [Fact]
    public void Estimate_ZeroReps_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => OneRepMax.Estimate(Load.Kg(100), 0, Rir.Zero));

    private static readonly Gen<(double Kg, int Reps, double Rir)> Sets =
        Gen.Select(Gen.Double[1, 400], Gen.Int[1, 30], Gen.Int[0, 10].Select(h => h / 2.0));

    [Fact]
    public void Property_E1RmRoundTripsThroughLoadFor() =>
        Sets.Sample(s =>
        {
            var e1rm = OneRepMax.Estimate(Load.Kg(s.Kg), s.Reps, Rir.Of(s.Rir)).OneRepMax;
            var back = OneRepMax.LoadFor(e1rm, s.Reps, Rir.Of(s.Rir)).Value;
            return Math.Abs(back - s.Kg) < 1e-9 * s.Kg;
        });

    [Fact]
    public void Property_E1RmRoundTripsThroughRoundedBarbellLoad_WithinHalfAStep() =>
        Gen.Select(Gen.Double[60, 300], Gen.Int[1, 12], Gen.Int[0, 6].Select(h => h / 2.0)).Sample(s =>
        {
            var e1rm = Load.Kg(s.Item1);
            var load = Loading.Barbell.Standard.Round(OneRepMax.LoadFor(e1rm, s.Item2, Rir.Of(s.Item3)), WeightUnit.Kg);
            var again = OneRepMax.Estimate(load, s.Item2, Rir.Of(s.Item3)).OneRepMax.Value;
            // Rounding moves the load by at most half the smallest step (1.25 kg); the e1RM moves by that over the fraction.
            return Math.Abs(again - s.Item1) <= 1.25 / OneRepMax.FractionOf1Rm(s.Item2 + s.Item3) + 1e-9;
        });

    // At one load, more reps means more reps to failure and so a higher e1RM; the same reps with less in
    // reserve means the set was harder, so the e1RM can only fall. (Monotone in reps + RIR.)
    [Fact]
    public void Property_MoreRepsToFailure_NeverLowersE1Rm_LessRirNeverRaisesIt() =>
        Sets.Sample(s =>
        {
            var baseline = OneRepMax.Estimate(Load.Kg(s.Kg), s.Reps, Rir.Of(s.Rir)).OneRepMax.Value;
            var moreReps = OneRepMax.Estimate(Load.Kg(s.Kg), s.Reps + 1, Rir.Of(s.Rir)).OneRepMax.Value;
            var lessRir = s.Rir >= 0.5 ? OneRepMax.Estimate(Load.Kg(s.Kg), s.Reps, Rir.Of(s.Rir - 0.5)).OneRepMax.Value : baseline;
            return moreReps >= baseline && lessRir <= baseline;
        });
}
