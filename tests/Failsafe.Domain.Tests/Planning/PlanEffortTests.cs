using Failsafe.Catalog;
using Failsafe.Engine;
using Failsafe.Planning;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Planning;

/// <summary>
/// How hard plans are (RULES B1, B4, B5): most sets at RPE 7–8, RPE 9 for the mesocycle's peak week, and the failure the
/// split's budget allows actually used — more of it for a body-part split than for a full-body one.
/// </summary>
public class PlanEffortTests
{
    private static Scenario Healthy(Split split)
    {
        var s = PlanChecks.Lifter(Eligible with { Split = split, TrainingYears = 5 });
        return s with { History = PlanChecks.TrainedOn(PlanChecks.Templates(split)) };
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_DayTargets_FollowB1Bands(Split split)
    {
        var plan = PlanChecks.Generate(Healthy(split), 8);

        var off = new List<string>();
        foreach (var week in plan.Weeks.Where(w => w.Phase != Phase.Deload))
        {
            foreach (var d in week.Days.Where(d => !d.IsRest))
            {
                var rir = d.DayRir();
                var (low, high) = d.DayType switch
                {
                    DayType.Hard => week.MesocycleWeek == PlanChecks.PeakWeek ? (1.0, 1.0) : (2.0, 3.0),
                    DayType.Medium => (2.0, 3.0),
                    _ => (3.0, 4.0),
                };
                if (rir < low || rir > high)
                    off.Add($"week {week.Week} {PlanChecks.Show(d.Date)} {d.DayType}: {rir} RIR, B1 band {low}–{high}");
            }
        }
        off.ShouldHaveNone();
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_MostSessionsAtRpe7To8(Split split)
    {
        var plan = PlanChecks.Generate(Healthy(split), 8);

        var sessions = plan.Training().ToList();
        var rpe9 = sessions.Count(d => d.DayRir() < 2);
        ((double)rpe9 / sessions.Count).ShouldBeLessThanOrEqualTo(0.2, $"{rpe9} of {sessions.Count} sessions hold RPE 9 sets besides failure");
    }

    [Theory]
    [InlineData(Split.FullBody)]
    [InlineData(Split.UpperLower)]
    [InlineData(Split.BodyPart)]
    public void Generate_EligibleFiveYearLifter_UsesTheFailureBudget(Split split)
    {
        var plan = PlanChecks.Generate(Healthy(split), 8);

        var sets = plan.Training().SelectMany(d => d.Sets()).ToList();
        var failures = sets.Count(s => s.Failure != FailureLevel.None);
        ((double)failures / sets.Count).ShouldBeGreaterThanOrEqualTo(0.01, $"{failures} failure sets of {sets.Count}");
    }

    [Fact]
    public void Generate_BodyPartSplit_MoreFailureDaysPer28ThanFullBody()
    {
        var bodyPart = PlanChecks.FailureDaysPer28(PlanChecks.Generate(Healthy(Split.BodyPart), 8));
        var fullBody = PlanChecks.FailureDaysPer28(PlanChecks.Generate(Healthy(Split.FullBody), 8));

        bodyPart.ShouldBeGreaterThan(fullBody);
    }

    [Fact]
    public void Evaluate_BodyPartSplit_FailureYesterdayOnAnotherMuscleGroup_NoExtraRest()
    {
        var back = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Seated Cable Row", 3, "10-12"))
            .With(a => a with { Split = Split.BodyPart })
            .With(DaysAgo(1, DayType.Hard, Did("Pec Deck", Set(60, 12, 2), Failed(60, 11))));

        back.Evaluate().ActionCodes().ShouldNotContain("extra-rest");
    }

    [Fact]
    public void Evaluate_FullBody_FailureYesterday_ExtraRest()
    {
        var day = Session(Plan("Lat Pulldown", 3, "8-12"), Plan("Seated Cable Row", 3, "10-12"))
            .With(DaysAgo(1, DayType.Hard, Did("Pec Deck", Set(60, 12, 2), Failed(60, 11))));

        day.Evaluate().ActionCodes().ShouldContain("extra-rest");
    }
}
