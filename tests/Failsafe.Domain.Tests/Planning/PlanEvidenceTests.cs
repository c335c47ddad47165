using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Engine;
using Failsafe.Monitoring;
using Failsafe.Planning;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Planning;

/// <summary>
/// Warning signs come from logged training and check-ins only (RULES W, "planning ahead never raises a warning sign by
/// itself"): a plan's own sessions — the ones it assumes ahead — count for the budget and the recovery windows, never as
/// evidence of overdoing it.
/// </summary>
public class PlanEvidenceTests
{
    /// <summary>A healthy, eligible 5-year lifter who trained every template a few days ago at 2 RIR.</summary>
    private static Scenario Healthy(Split split)
    {
        var s = PlanChecks.Lifter(Eligible with { Split = split, TrainingYears = 5 });
        return s with { History = PlanChecks.TrainedOn(PlanChecks.Templates(split)) };
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_HealthyLifter_EightWeeks_NoWarningSignAnywhere(Split split)
    {
        var plan = PlanChecks.Generate(Healthy(split), 8);

        plan.Notes.ShouldBeEmpty();
        PlanChecks.WarningSigns(plan).ShouldHaveNone();
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_HealthyLifter_EachMesocyclePeakWeekHoldsFailure(Split split)
    {
        var plan = PlanChecks.Generate(Healthy(split), 8);

        foreach (var week in plan.Weeks.Where(w => w.Phase != Phase.Deload && w.MesocycleWeek == PlanChecks.PeakWeek))
            week.Days.Any(d => d.HasFailure()).ShouldBeTrue($"week {week.Week}, the peak of its mesocycle, has no failure set");
    }

    [Fact]
    public void Generate_ReturningLifter_BaselineTestRaisesNoWarningSign()
    {
        var back = Healthy(Split.FullBody);
        back = back with { History = [.. back.History.Select(h => h with { Date = h.Date.AddDays(-40) })] };

        var plan = PlanChecks.Generate(back, 8);

        plan.Training().ShouldContain(d => d.Purpose == DayPurpose.BaselineTest);
        PlanChecks.WarningSigns(plan).ShouldHaveNone();
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_HealthyLifter_LoadsNeverFallOutsideADeload(Split split)
    {
        var s = Healthy(split);

        var plan = PlanChecks.Generate(s, 8);

        PlanChecks.LoadsHold(s, plan).ShouldHaveNone();
    }

    [Fact]
    public void Evaluate_PlannedSessionsInTheHistory_AreNotEvidence()
    {
        var s = Healthy(Split.FullBody);
        var plan = PlanChecks.Generate(s, 8);
        var assumed = plan.Training().Select(d => d.Assumed!).ToImmutableArray();
        var last = plan.Training().Last();
        var day = s with
        {
            Today = last.Date.AddDays(1),
            History = s.History.AddRange(assumed),
            Logged = s.History,
            Session = new PlannedSession(DayType.Hard, [Plan("Leg Extension", 3, "10-15")]),
        };

        var evaluation = Evaluator.Evaluate(day);

        evaluation.Warnings.Where(w => w.Rule is "W1" or "W4").ShouldBeEmpty();
        evaluation.ActionCodes().ShouldNotContain("scale-back-failure");
    }

    [Fact]
    public void AssumedSessions_AtTheLiftersCurrentStrength_ShowNoStrengthDecline()
    {
        var s = Healthy(Split.FullBody);
        var plan = PlanChecks.Generate(s, 8);
        var log = new TrainingLog(s.History.AddRange(plan.Training().Select(d => d.Assumed!)));

        var findings = StrengthTrend.Detect(log, plan.Training().Last().Date, Policy.Default);

        findings.Where(f => f.Code == "strength-decline").ShouldBeEmpty();
    }
}
