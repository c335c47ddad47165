using Failsafe.Engine;
using Failsafe.Monitoring;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Monitoring;

public class StrengthTrendTests
{
    private static List<StrengthTrend.Finding> Detect(params LoggedSession[] sessions) =>
        StrengthTrend.Detect(new TrainingLog([.. sessions]), Today, Policy.Default);

    private static LoggedSession Squat(int daysAgo, double kg, int reps, double rir) =>
        DaysAgo(daysAgo, DayType.Hard, Did("Barbell Back Squat", Set(kg, reps, rir)));

    [Fact]
    public void Detect_ThreeSessionsBelowBest_IsADecline()
    {
        var findings = Detect(Squat(30, 140, 5, 2), Squat(20, 140, 5, 2), Squat(10, 130, 5, 2), Squat(6, 130, 5, 2), Squat(2, 128, 5, 2));

        findings.ShouldHaveSingleItem().Code.ShouldBe("strength-decline");
        findings[0].Message.ShouldContain("Barbell Squat");
    }

    [Fact]
    public void Detect_TwoSessionsBelow_NotYetADecline() =>
        Detect(Squat(30, 140, 5, 2), Squat(20, 140, 5, 2), Squat(10, 140, 5, 2), Squat(6, 130, 5, 2), Squat(2, 128, 5, 2))
            .ShouldNotContain(f => f.Code == "strength-decline");

    [Fact]
    public void Detect_LighterDaysAtHigherRir_AreNotADecline()
    {
        // 130 × 5 at 4 RIR estimates the same e1RM as 140 × 5 at about 2 RIR: a planned light day, not lost strength.
        Detect(Squat(30, 140, 5, 2), Squat(20, 140, 5, 2), Squat(10, 130, 5, 4), Squat(6, 130, 5, 4), Squat(2, 130, 5, 4))
            .ShouldNotContain(f => f.Code == "strength-decline");
    }

    [Fact]
    public void Detect_DropWithinThreshold_NotADecline() =>
        Detect(Squat(30, 140, 5, 2), Squat(20, 140, 5, 2), Squat(10, 138, 5, 2), Squat(6, 138, 5, 2), Squat(2, 138, 5, 2))
            .ShouldNotContain(f => f.Code == "strength-decline");

    [Fact]
    public void Detect_FlatForSixWeeks_IsAPlateau()
    {
        var sessions = Enumerable.Range(0, 12).Select(w => Squat(2 + 7 * w, 140, 5, 2)).ToArray();

        Detect(sessions).ShouldHaveSingleItem().Code.ShouldBe("plateau");
    }

    private static readonly int[] FourWeeks = [26, 21, 16, 11, 6, 1];
    private static readonly int[] TwoWeeks = [13, 11, 8, 6, 3, 1];

    /// <summary>Twelve identical bench sessions over 40 days: a fresh import or a new user's first six weeks.</summary>
    private static LoggedSession[] FlatBench() =>
        [.. Enumerable.Range(0, 12).Select(i => DaysAgo(1 + (int)Math.Round(i * 39 / 11.0), DayType.Hard, Did("Barbell Bench Press", Set(100, 8, 1))))];

    [Fact]
    public void Detect_TwelveIdenticalSessionsOver40Days_IsAPlateau() =>
        Detect(FlatBench()).ShouldHaveSingleItem().Code.ShouldBe("plateau");

    [Fact]
    public void Detect_SixFlatSessionsOverFourWeeks_IsAPlateau()
    {
        var sessions = FourWeeks.Select(d => Squat(d, 140, 5, 2)).ToArray();

        Detect(sessions).ShouldHaveSingleItem().Code.ShouldBe("plateau");
    }

    [Fact]
    public void Detect_FlatSessionsWithinTwoWeeks_NotYetAPlateau()
    {
        // Six sessions, but only two weeks of training: not the ~4 weeks a plateau needs.
        var sessions = TwoWeeks.Select(d => Squat(d, 140, 5, 2)).ToArray();

        Detect(sessions).ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_TwelveIdenticalBenchSessions_EligibleLifter_PlateauBlock()
    {
        var e = Session(Plan("Leg Extension", 3, "10-15")).With(FlatBench()).Evaluate();

        e.WarningCodes().ShouldContain("plateau");
        e.ActionCodes().ShouldContain("plateau-block");
    }

    [Fact]
    public void Generate_TwelveIdenticalBenchSessions_PlanOpensWithPlateauBlock()
    {
        var s = Planning.PlanChecks.Lifter() with { History = [.. FlatBench()] };

        var plan = Planning.PlanChecks.Generate(s, 8);

        plan.Weeks[0].Days.ShouldContain(d => d.Purpose == Failsafe.Planning.DayPurpose.PlateauBlock);
    }

    [Fact]
    public void Detect_SteadyProgress_IsNoPlateau()
    {
        var sessions = Enumerable.Range(0, 12).Select(w => Squat(2 + 7 * w, 160 - 2.5 * w, 5, 2)).ToArray();

        Detect(sessions).ShouldBeEmpty();
    }

    [Fact]
    public void Detect_TooFewSessions_IsNoPlateau()
    {
        var sessions = Enumerable.Range(0, 12).Where(w => w % 4 == 0).Select(w => Squat(2 + 7 * w, 140, 5, 2)).ToArray();

        Detect(sessions).ShouldBeEmpty();
    }

    [Fact]
    public void Detect_FailureSetsAreLeftOut_SoTheyCannotHideADecline()
    {
        var history = new[] { Squat(30, 140, 5, 2), Squat(20, 140, 5, 2), Squat(10, 130, 5, 2), Squat(6, 130, 5, 2), Squat(2, 128, 5, 2) };
        var withFailure = history[..^1].Append(history[^1] with
        {
            Exercises = [Did("Barbell Back Squat", Set(128, 5, 2), Failed(150, 5))],
        }).ToArray();

        Detect(withFailure).ShouldContain(f => f.Code == "strength-decline");
    }
}

public class WellnessSignsTests
{
    private static IEnumerable<string> Codes(params Wellness[] days) =>
        WellnessSigns.Detect([.. days], Today, Policy.Default).Select(s => s.Code);

    [Theory]
    [InlineData("persistent-fatigue")]
    [InlineData("mood-change")]
    [InlineData("poor-sleep")]
    [InlineData("aches")]
    [InlineData("low-motivation")]
    public void Detect_ThreeBadDays_WithoutBaseline_RaisesTheSign(string code)
    {
        Wellness Bad(int d) => code switch
        {
            "persistent-fatigue" => Day(d, fatigue: 4),
            "mood-change" => Day(d, mood: 2),
            "poor-sleep" => Day(d, sleepQuality: 2),
            "aches" => Day(d, aches: 4),
            _ => Day(d, motivation: 1),
        };

        Codes(Bad(1), Bad(2), Bad(5)).ShouldBe([code]);
        Codes(Bad(1), Bad(2), Day(5)).ShouldBeEmpty();
    }

    [Fact]
    public void Detect_ShortNights_ArePoorSleep() =>
        Codes(Day(1, sleepHours: 5), Day(2, sleepHours: 5.5), Day(3, sleepHours: 4)).ShouldBe(["poor-sleep"]);

    [Fact]
    public void Detect_AgainstOwnBaseline_ModerateFatigueIsASignForSomeoneUsuallyFresh()
    {
        var baseline = Enumerable.Range(8, 10).Select(d => Day(d, fatigue: 1));
        var recent = new[] { Day(1, fatigue: 3), Day(2, fatigue: 3), Day(3, fatigue: 3) };

        Codes([.. baseline, .. recent]).ShouldBe(["persistent-fatigue"]);
    }

    [Fact]
    public void Detect_AgainstOwnBaseline_UsualLevelIsNotASign()
    {
        var baseline = Enumerable.Range(8, 10).Select(d => Day(d, fatigue: 3));
        var recent = new[] { Day(1, fatigue: 3), Day(2, fatigue: 3), Day(3, fatigue: 3) };

        Codes([.. baseline, .. recent]).ShouldBeEmpty();
    }

    [Fact]
    public void Detect_OldBadDays_AreOutsideTheWindow() =>
        Codes(Day(8, fatigue: 5), Day(9, fatigue: 5), Day(10, fatigue: 5)).ShouldBeEmpty();
}
