using CsCheck;
using Failsafe.Effort;

namespace Failsafe.Domain.Tests.Effort;

public class LoadTests
{
    [Theory]
    [InlineData(100, 220.46)]
    [InlineData(20, 44.09)]
    [InlineData(1.25, 2.76)]
    public void KgToLb_ExactToOneHundredth(double kg, double lb) =>
        Math.Round(Load.Kg(kg).InLb, 2).ShouldBe(lb);

    [Fact]
    public void LbToKg_UsesExactDefinition() => Load.Lb(1).InKg.ShouldBe(0.45359237);

    [Fact]
    public void Property_KgLbKg_RoundTripsToOneHundredth() =>
        Gen.Double[0, 1000].Sample(kg => Math.Abs(Load.Kg(kg).To(WeightUnit.Lb).To(WeightUnit.Kg).Value - kg) < 0.005);

    [Theory]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Of_Invalid_Throws(double value) => Should.Throw<ArgumentOutOfRangeException>(() => Load.Kg(value));

    [Fact]
    public void ToString_ShowsUnit() => Load.Lb(225).ToString().ShouldBe("225 lb");
}

public class LoadingTests
{
    [Theory]
    [InlineData(101.2, 100)]      // 20 + 2 × 40 × 1.25: nearest is 100 (101.2 − 100 = 1.2 < 1.3)
    [InlineData(101.25, 100)]     // a tie at half a step goes down
    [InlineData(101.3, 102.5)]
    [InlineData(15, 20)]          // never below the empty bar
    [InlineData(20, 20)]
    public void Barbell_Kg_RoundsToPlatePairs(double wanted, double expected) =>
        Loading.Barbell.Standard.Round(Load.Kg(wanted), WeightUnit.Kg).Value.ShouldBe(expected);

    [Theory]
    [InlineData(226, 225)]
    [InlineData(228, 230)]
    [InlineData(30, 45)]
    public void Barbell_Lb_Uses45LbBarAnd2Point5Plates(double wanted, double expected) =>
        Loading.Barbell.Standard.Round(Load.Lb(wanted), WeightUnit.Lb).Value.ShouldBe(expected);

    [Fact]
    public void Barbell_KgWantedInLb_ConvertsThenRounds() =>
        Loading.Barbell.Standard.Round(Load.Kg(100), WeightUnit.Lb).ShouldBe(Load.Lb(220));

    [Theory]
    [InlineData(13, 12)]
    [InlineData(13.1, 14)]
    [InlineData(0.5, 2)]
    public void Dumbbell_FixedSteps(double wanted, double expected) =>
        Loading.Dumbbell.Standard.Round(Load.Kg(wanted), WeightUnit.Kg).Value.ShouldBe(expected);

    [Theory]
    [InlineData(67, 65)]
    [InlineData(68, 70)]
    public void Machine_ConfigurableSteps(double wanted, double expected) =>
        Loading.Machine.Standard.Round(Load.Kg(wanted), WeightUnit.Kg).Value.ShouldBe(expected);

    [Fact]
    public void Machine_CustomStep() => new Loading.Machine(2.5, 5).Round(Load.Kg(66), WeightUnit.Kg).Value.ShouldBe(65);

    [Theory]
    [InlineData(80, 82)]          // below bodyweight: bodyweight alone
    [InlineData(91, 90.75)]       // 9 kg added → 8.75 (7 steps of 1.25)
    [InlineData(91.5, 92)]        // 9.5 kg added → 10 (8 steps)
    public void Bodyweight_AddsPlateSteps(double wanted, double expected) =>
        Loading.Bodyweight.For(Load.Kg(82)).Round(Load.Kg(wanted), WeightUnit.Kg).Value.ShouldBe(expected);

    public static TheoryData<string> Loadings() => ["barbell", "dumbbell", "machine", "bodyweight"];

    private static Loading Make(string name) => name switch
    {
        "barbell" => Loading.Barbell.Standard,
        "dumbbell" => Loading.Dumbbell.Standard,
        "machine" => Loading.Machine.Standard,
        _ => Loading.Bodyweight.For(Load.Kg(75)),
    };

    [Theory]
    [MemberData(nameof(Loadings))]
    public void Property_RoundedLoads_AreLoadableAndStable(string name)
    {
        var loading = Make(name);
        Gen.Select(Gen.Double[0, 400], Gen.Bool).Sample(t =>
        {
            var unit = t.Item2 ? WeightUnit.Kg : WeightUnit.Lb;
            var once = loading.Round(Load.Of(t.Item1, unit), unit);
            var twice = loading.Round(once, unit);
            return once.Unit == unit && Math.Abs(once.Value - twice.Value) < 1e-9;
        });
    }

    [Theory]
    [MemberData(nameof(Loadings))]
    public void Property_Rounding_MovesAtMostHalfAStep_AboveTheMinimum(string name)
    {
        var loading = Make(name);
        Gen.Double[100, 400].Sample(kg =>
            Math.Abs(loading.Round(Load.Kg(kg), WeightUnit.Kg).Value - kg) <= loading.SmallestStep(WeightUnit.Kg) / 2 + 1e-9);
    }
}
