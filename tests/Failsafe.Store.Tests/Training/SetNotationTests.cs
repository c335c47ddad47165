using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Store.Training;

namespace Failsafe.Store.Tests.Training;

/// <summary>The set notation lifters type: 100x8@8, 100x8@2rir, 100x8 F, 100x8 T, 225lbx5, bwx12.</summary>
public sealed class SetNotationTests
{
    private static WrittenSet Parse(string text, WeightUnit unit = WeightUnit.Kg)
    {
        SetNotation.TryParse(text, unit, out var set, out var error).ShouldBeTrue(error);
        error.ShouldBeEmpty();
        return set;
    }

    private static string Error(string text, WeightUnit unit = WeightUnit.Kg)
    {
        SetNotation.TryParse(text, unit, out _, out var error).ShouldBeFalse($"'{text}' should be rejected");
        error.ShouldNotBeNullOrWhiteSpace();
        return error;
    }

    [Fact]
    public void TryParse_LoadRepsAtRpe_IsRpeWithTwoRepsInReserve()
    {
        var set = Parse("100x8@8");

        set.Load.ShouldBe(Load.Kg(100));
        set.Reps.ShouldBe(8);
        set.Rpe.ShouldBe(Rpe.Of(8));
        set.Rir.ShouldBeNull();
        set.Failure.ShouldBe(FailureLevel.None);
        set.EffectiveRir.ShouldBe(2);
    }

    [Fact]
    public void TryParse_AtRir_IsRirNotRpe()
    {
        var set = Parse("100x8@2rir");

        set.Rir.ShouldBe(Rir.Of(2));
        set.Rpe.ShouldBeNull();
        set.EffectiveRir.ShouldBe(2);
    }

    [Fact]
    public void TryParse_ExplicitRpeSuffix_IsRpe()
    {
        var set = Parse("100x8@7.5rpe");

        set.Rpe.ShouldBe(Rpe.Of(7.5));
        set.EffectiveRir.ShouldBe(2.5);
    }

    [Fact]
    public void TryParse_F_IsAbsoluteFailureWithZeroInReserve()
    {
        var set = Parse("100x8 F");

        set.Failure.ShouldBe(FailureLevel.Absolute);
        set.Reps.ShouldBe(8);
        set.EffectiveRir.ShouldBe(0);
    }

    [Fact]
    public void TryParse_T_IsTechnicalFailureWithZeroInReserve()
    {
        var set = Parse("100x8 T");

        set.Failure.ShouldBe(FailureLevel.Technical);
        set.EffectiveRir.ShouldBe(0);
    }

    [Theory]
    [InlineData("100x8F", FailureLevel.Absolute)]
    [InlineData("100x8 f", FailureLevel.Absolute)]
    [InlineData("100x8 fail", FailureLevel.Absolute)]
    [InlineData("100x8 failure", FailureLevel.Absolute)]
    [InlineData("100x8 t", FailureLevel.Technical)]
    [InlineData("100x8 tech", FailureLevel.Technical)]
    [InlineData("100x8 technical", FailureLevel.Technical)]
    public void TryParse_FailureWords_AreRecognised(string text, FailureLevel expected) =>
        Parse(text).Failure.ShouldBe(expected);

    [Theory]
    [InlineData("100x8@10 F")]
    [InlineData("100x8@0rir F")]
    [InlineData("100x0 F")]
    public void TryParse_FailedSetWithZeroInReserveOrNoReps_IsAccepted(string text)
    {
        var set = Parse(text);

        set.Failure.ShouldBe(FailureLevel.Absolute);
        set.EffectiveRir.ShouldBe(0);
    }

    [Fact]
    public void TryParse_PoundsWhileDefaultIsKg_IsPounds()
    {
        var set = Parse("225lbx5", WeightUnit.Kg);

        set.Load.Unit.ShouldBe(WeightUnit.Lb);
        set.Load.Value.ShouldBe(225);
        set.Load.InKg.ShouldBe(102.058, 0.001);
        set.Reps.ShouldBe(5);
    }

    [Fact]
    public void TryParse_KgWhileDefaultIsPounds_IsKg()
    {
        var set = Parse("100kgx8", WeightUnit.Lb);

        set.Load.ShouldBe(Load.Kg(100));
    }

    [Theory]
    [InlineData("100x8", WeightUnit.Kg, WeightUnit.Kg)]
    [InlineData("100x8", WeightUnit.Lb, WeightUnit.Lb)]
    [InlineData("100lbsx8", WeightUnit.Kg, WeightUnit.Lb)]
    [InlineData("100LBx8", WeightUnit.Kg, WeightUnit.Lb)]
    [InlineData("100 kg x 8", WeightUnit.Lb, WeightUnit.Kg)]
    public void TryParse_Units_SuffixWinsElseTheDefault(string text, WeightUnit defaultUnit, WeightUnit expected) =>
        Parse(text, defaultUnit).Load.Unit.ShouldBe(expected);

    [Fact]
    public void TryParse_Bodyweight_IsZeroAddedLoad()
    {
        var set = Parse("bwx12");

        set.Load.Value.ShouldBe(0);
        set.Reps.ShouldBe(12);
        set.EffectiveRir.ShouldBeNull();
    }

    [Theory]
    [InlineData("100×8")]
    [InlineData("100X8")]
    [InlineData("100*8")]
    [InlineData(" 100 x 8 ")]
    public void TryParse_OtherTimesSigns_AreX(string text)
    {
        var set = Parse(text);

        set.Load.ShouldBe(Load.Kg(100));
        set.Reps.ShouldBe(8);
    }

    [Fact]
    public void TryParse_Decimals_LoadAndHalfPointRpe()
    {
        var set = Parse("102.5x5@9.5");

        set.Load.ShouldBe(Load.Kg(102.5));
        set.Reps.ShouldBe(5);
        set.Rpe.ShouldBe(Rpe.Of(9.5));
        set.EffectiveRir.ShouldBe(0.5);
    }

    [Fact]
    public void TryParse_DecimalComma_IsAPoint()
    {
        Parse("102,5x5").Load.ShouldBe(Load.Kg(102.5));
    }

    [Fact]
    public void TryParse_NoEffortGiven_IsUnrated()
    {
        var set = Parse("100x8");

        set.Rir.ShouldBeNull();
        set.Rpe.ShouldBeNull();
        set.EffectiveRir.ShouldBeNull();
    }

    [Theory]
    [InlineData("100x", "is not a set")]
    [InlineData("x8", "is not a set")]
    [InlineData("", "is not a set")]
    [InlineData("100", "is not a set")]
    [InlineData("100x8@", "is not a set")]
    [InlineData("heavy x 8", "is not a set")]
    [InlineData("100x8 Q", "is not a set")]
    [InlineData("-100x8", "is not a set")]
    [InlineData("100x8.5", "is not a set")]
    public void TryParse_Malformed_SaysWhatASetLooksLike(string text, string expected)
    {
        var error = Error(text);

        error.ShouldContain(expected);
        error.ShouldContain("100x8@8");
    }

    [Fact]
    public void TryParse_RpeAboveTen_Rejected() => Error("100x8@11").ShouldContain("RPE 11 must be 1–10");

    [Fact]
    public void TryParse_RpeBelowOne_Rejected() => Error("100x8@0").ShouldContain("RPE 0 must be 1–10");

    [Fact]
    public void TryParse_RpeNotAHalfStep_Rejected() => Error("100x8@8.3").ShouldContain("half steps");

    [Fact]
    public void TryParse_RirAboveTen_Rejected() => Error("100x8@11rir").ShouldContain("RIR 11 must be 0–10");

    [Theory]
    [InlineData("100x8@2rir F")]
    [InlineData("100x8@8 F")]
    [InlineData("100x8@1rir T")]
    public void TryParse_FailedSetWithRepsInReserve_Rejected(string text) =>
        Error(text).ShouldContain("a failed set has 0 reps in reserve");

    [Fact]
    public void TryParse_ZeroRepsWithoutFailure_Rejected() =>
        Error("100x0").ShouldContain("0 reps is only possible on a failed attempt");

    [Fact]
    public void TryParse_ImplausibleLoad_Rejected() => Error("2000x1").ShouldContain("not a plausible load");

    [Fact]
    public void TryParse_TooManyReps_Rejected() => Error("100x1001").ShouldContain("1001 reps is out of range");

    [Fact]
    public void TryParse_RepsBeyondInt32_RejectedNotThrown() => Error("100x99999999999").ShouldContain("out of range");
}
