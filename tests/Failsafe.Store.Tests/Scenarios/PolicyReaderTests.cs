using System.Text;
using System.Text.Json;
using Failsafe.Engine;
using Failsafe.Store.Scenarios;

namespace Failsafe.Store.Tests.Scenarios;

public sealed class PolicyReaderTests
{
    private static (Policy? Policy, InputError? Error) Read(string json) => PolicyReader.Read(Encoding.UTF8.GetBytes(json));

    private static InputError ShouldFail(string json, string path)
    {
        var (policy, error) = Read(json);
        policy.ShouldBeNull();
        var e = error.ShouldNotBeNull();
        e.Path.ShouldBe(path);
        e.Problem.ShouldNotBeNullOrWhiteSpace();
        return e;
    }

    /// <summary>Records compare the split dictionary and the warm-up ramps by reference; compare them by content and everything else by value.</summary>
    private static void ShouldEqual(Policy actual, Policy expected)
    {
        actual.SplitFailureSetsPerWeek.OrderBy(kv => kv.Key).ShouldBe(expected.SplitFailureSetsPerWeek.OrderBy(kv => kv.Key));
        actual.WarmupRamp.ShouldBe(expected.WarmupRamp);
        actual.LightWarmupRamp.ShouldBe(expected.LightWarmupRamp);
        (actual with
        {
            SplitFailureSetsPerWeek = expected.SplitFailureSetsPerWeek,
            WarmupRamp = expected.WarmupRamp,
            LightWarmupRamp = expected.LightWarmupRamp,
        }).ShouldBe(expected);
    }

    [Fact]
    public void Read_EmptyObject_IsDefault()
    {
        var (policy, error) = Read("{}");

        error.ShouldBeNull();
        ShouldEqual(policy.ShouldNotBeNull(), Policy.Default);
    }

    [Fact]
    public void Read_PartialPolicy_KeepsDefaultsForTheRest()
    {
        var (policy, error) = Read("""{ "failureSetsPerWindow": 2, "maxFailureShare": 0.1, "maxStress": "low" }""");

        error.ShouldBeNull();
        var p = policy.ShouldNotBeNull();
        p.FailureSetsPerWindow.ShouldBe(2);
        p.MaxFailureShare.ShouldBe(0.1);
        p.MaxStress.ShouldBe(Stress.Low);
        ShouldEqual(p, Policy.Default with { FailureSetsPerWindow = 2, MaxFailureShare = 0.1, MaxStress = Stress.Low });
    }

    [Fact]
    public void Read_CommentsAndTrailingCommas_AreAllowed()
    {
        var (policy, error) = Read("""
            {
              // a coach's note
              "maxFailureExercisesPerSession": 0,
            }
            """);

        error.ShouldBeNull();
        policy.ShouldNotBeNull().MaxFailureExercisesPerSession.ShouldBe(0);
    }

    [Fact]
    public void Read_UnknownField_RejectedNamingIt()
    {
        var error = ShouldFail("""{ "maxFailureShare": 0.1, "failureBudget": 3 }""", "$.failureBudget");

        error.Problem.ShouldContain("failureBudget");
    }

    [Fact]
    public void Read_PascalCaseField_RejectedNamingIt()
    {
        var error = ShouldFail("""{ "MaxFailureShare": 0.1 }""", "$.MaxFailureShare");

        error.Problem.ShouldContain("MaxFailureShare");
    }

    [Theory]
    [InlineData("""{ "maxFailureShare": "lots" }""", "$.maxFailureShare")]
    [InlineData("""{ "failureSetsPerWindow": 2.5 }""", "$.failureSetsPerWindow")]
    [InlineData("""{ "requireExcellentForm": "yes" }""", "$.requireExcellentForm")]
    [InlineData("""{ "maxStress": 1 }""", "$.maxStress")]
    [InlineData("""{ "maxStress": "extreme" }""", "$.maxStress")]
    [InlineData("""{ "splitFailureSetsPerWeek": [1, 2, 3] }""", "$.splitFailureSetsPerWeek")]
    [InlineData("""{ "maxFailureShare": { "value": 1 } }""", "$.maxFailureShare")]
    public void Read_WrongType_RejectedNamingField(string json, string path)
    {
        ShouldFail(json, path);
    }

    [Theory]
    [InlineData("""{ "maxFailureShare": 1.5 }""", "$.maxFailureShare", "share")]
    [InlineData("""{ "failureSetsPerWindow": -1 }""", "$.failureSetsPerWindow", "0–200")]
    [InlineData("""{ "highCnsMinRir": 1.3 }""", "$.highCnsMinRir", "half steps")]
    [InlineData("""{ "hardDayRir": 0 }""", "$.hardDayRir", "RIR")]
    [InlineData("""{ "minFailureReps": 10, "maxFailureReps": 8 }""", "$.maxFailureReps", "MinFailureReps")]
    [InlineData("""{ "budgetWindowDays": 0 }""", "$.budgetWindowDays", "days")]
    public void Read_InvalidValue_RejectedNamingField(string json, string path, string problem)
    {
        var error = ShouldFail(json, path);

        error.Problem.ShouldContain(problem);
    }

    [Fact]
    public void Read_MalformedJson_IsRejected()
    {
        var (policy, error) = Read("""{ "maxFailureShare": 0.1 """);

        policy.ShouldBeNull();
        error.ShouldNotBeNull().Path.ShouldStartWith("$");
    }

    [Fact]
    public void Read_TrailingContent_IsRejected()
    {
        ShouldFail("""{ "maxFailureShare": 0.1 } x""", "$");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("3")]
    public void Read_NotAnObject_IsRejectedAtRoot(string json)
    {
        ShouldFail(json, "$");
    }

    [Fact]
    public void Read_SplitWords_AreKebabCase()
    {
        var (policy, error) = Read("""{ "splitFailureSetsPerWeek": { "full-body": 1, "upper-lower": 2, "body-part": 4 } }""");

        error.ShouldBeNull();
        var split = policy.ShouldNotBeNull().SplitFailureSetsPerWeek;
        split[Split.FullBody].ShouldBe(1);
        split[Split.UpperLower].ShouldBe(2);
        split[Split.BodyPart].ShouldBe(4);
    }

    [Fact]
    public void Read_SplitMissingAKey_RejectedNamingField()
    {
        var error = ShouldFail("""{ "splitFailureSetsPerWeek": { "full-body": 1 } }""", "$.splitFailureSetsPerWeek");

        error.Problem.ShouldContain("upper-lower");
    }

    [Fact]
    public void Read_SplitUnknownKey_RejectedUnderField()
    {
        var (policy, error) = Read("""{ "splitFailureSetsPerWeek": { "full-body": 1, "upper-lower": 2, "body-part": 3, "push-pull": 2 } }""");

        policy.ShouldBeNull();
        error.ShouldNotBeNull().Path.ShouldStartWith("$.splitFailureSetsPerWeek");
    }

    [Fact]
    public void Read_SplitNegativeCount_RejectedNamingField()
    {
        ShouldFail("""{ "splitFailureSetsPerWeek": { "full-body": -1, "upper-lower": 2, "body-part": 3 } }""", "$.splitFailureSetsPerWeek");
    }

    [Fact]
    public void ToJson_Default_WritesCamelCaseFieldsAndKebabWords()
    {
        using var doc = JsonDocument.Parse(PolicyReader.ToJson(Policy.Default));
        var root = doc.RootElement;

        root.GetProperty("maxFailureShare").GetDouble().ShouldBe(0.2);
        root.GetProperty("maxStress").GetString().ShouldBe("moderate");
        root.GetProperty("splitFailureSetsPerWeek").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["body-part", "full-body", "upper-lower"]);
    }

    [Fact]
    public void ToJson_ThenRead_RoundTripsDefault()
    {
        var json = PolicyReader.ToJson(Policy.Default);

        var (policy, error) = PolicyReader.Read(Encoding.UTF8.GetBytes(json));

        error.ShouldBeNull();
        var p = policy.ShouldNotBeNull();
        ShouldEqual(p, Policy.Default);
        PolicyReader.ToJson(p).ShouldBe(json);
    }

    [Fact]
    public void ToJson_ThenRead_RoundTripsCustomPolicy()
    {
        var custom = Policy.Default with
        {
            MaxFailureShare = 0.1,
            MaxStress = Stress.Low,
            HardDayRir = 1.5,
            SplitFailureSetsPerWeek = Policy.Default.SplitFailureSetsPerWeek.SetItem(Split.BodyPart, 7),
        };

        var (policy, error) = PolicyReader.Read(Encoding.UTF8.GetBytes(PolicyReader.ToJson(custom)));

        error.ShouldBeNull();
        ShouldEqual(policy.ShouldNotBeNull(), custom);
    }

    [Fact]
    public void Default_IsValid()
    {
        Policy.Default.Validate().ShouldBeNull();
    }
}
