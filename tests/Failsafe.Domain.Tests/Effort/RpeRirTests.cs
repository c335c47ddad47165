using Failsafe.Effort;

namespace Failsafe.Domain.Tests.Effort;

public class RpeRirTests
{
    [Theory]
    [InlineData(10, 0)]
    [InlineData(9.5, 0.5)]
    [InlineData(9, 1)]
    [InlineData(8.5, 1.5)]
    [InlineData(8, 2)]
    [InlineData(7.5, 2.5)]
    [InlineData(7, 3)]
    [InlineData(6, 4)]
    [InlineData(1, 9)]
    public void ToRir_HelmsScale_IsTenMinusRpe(double rpe, double rir) => Rpe.Of(rpe).ToRir().ShouldBe(Rir.Of(rir));

    [Theory]
    [InlineData(-0.5)]
    [InlineData(10.5)]
    [InlineData(1.3)]
    [InlineData(double.NaN)]
    public void RirOf_Invalid_Throws(double value)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Rir.Of(value));
        Rir.TryOf(value, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(10.5)]
    [InlineData(7.25)]
    public void RpeOf_Invalid_Throws(double value) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Rpe.Of(value));

    [Fact]
    public void RepsToFailure_IsRepsPlusRir()
    {
        // 100 kg × 8 @ RPE 8 is 10 reps to failure: the same e1RM as 100 kg × 10 at 0 RIR.
        OneRepMax.Estimate(Load.Kg(100), 8, Rpe.Of(8).ToRir()).OneRepMax.Value
            .ShouldBe(OneRepMax.Estimate(Load.Kg(100), 10, Rir.Zero).OneRepMax.Value, 1e-9);
    }
}

public class RepRangeTests
{
    [Theory]
    [InlineData("8", 8, 8, false)]
    [InlineData("8-12", 8, 12, false)]
    [InlineData(" 5 – 8 ", 5, 8, false)]
    [InlineData("AMRAP", 1, 100, true)]
    [InlineData("amrap", 1, 100, true)]
    public void TryParse_Valid(string text, int min, int max, bool amrap)
    {
        RepRange.TryParse(text, out var r, out _).ShouldBeTrue();
        (r.Min, r.Max, r.IsAmrap).ShouldBe((min, max, amrap));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12-8")]
    [InlineData("0")]
    [InlineData("eight")]
    [InlineData("8-")]
    [InlineData("101")]
    [InlineData("-5")]
    public void TryParse_Invalid_GivesReason(string text)
    {
        RepRange.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("8")]
    [InlineData("8-12")]
    [InlineData("AMRAP")]
    public void ToString_RoundTrips(string text) => RepRange.Parse(text).ToString().ShouldBe(text);
}
