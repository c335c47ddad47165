using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Monitoring;
using Failsafe.Store.Catalog;
using Failsafe.Store.Reporting;

namespace Failsafe.Store.Tests.Reporting;

/// <summary>The numbers behind the charts.</summary>
public sealed class ReportDataTests
{
    private static readonly Exercise Curl = CatalogLoader.Default.Resolve("Dumbbell Bicep Curl").Exercise!;

    private static LoggedSession Session(DateOnly date, params LoggedSet[] sets) =>
        new(date, DayType.Medium, [new LoggedExercise("curl", Curl, [.. sets])]);

    private static LoggedSet Done(double rir, double kg = 14, int reps = 10) => new(kg, reps, Rir.Of(rir));

    private static LoggedSet Unrated() => new(14, 10, Rir.Of(0), Rated: false);

    private static LoggedSet Failed() => new(14, 12, Rir.Of(0), FailureLevel.Absolute);

    private static ReportData Compute(DateOnly first, DateOnly last, ImmutableArray<LoggedSession> history, ImmutableArray<Wellness> wellness, Split split = Split.FullBody) =>
        ReportData.Compute(new ReportWindow(first, last), history, wellness, new ReportLifter(split), Policy.Default);

    [Fact]
    public void Buckets_FailureThenWholeRepsInReserve()
    {
        RirBuckets.Of(Failed()).ShouldBe(0);
        RirBuckets.Of(Done(0)).ShouldBe(0);
        RirBuckets.Of(Done(0.5)).ShouldBe(1);
        RirBuckets.Of(Done(1)).ShouldBe(1);
        RirBuckets.Of(Done(2)).ShouldBe(2);
        RirBuckets.Of(Done(2.5)).ShouldBe(3);
        RirBuckets.Of(Done(3)).ShouldBe(3);
        RirBuckets.Of(Done(4)).ShouldBe(4);
        RirBuckets.Of(Done(6)).ShouldBe(4);
        RirBuckets.Of(Unrated()).ShouldBe(-1);
    }

    [Fact]
    public void Weeks_CountWorkingSetsPerMondayWeek_UnratedApart_EveryWeekOfTheWindow()
    {
        var monday = new DateOnly(2025, 3, 3);
        ImmutableArray<LoggedSession> history =
        [
            Session(monday, Done(2), Done(1), Failed(), Unrated(), Unrated(), new LoggedSet(10, 10, Rir.Of(5), Warmup: true)),
            Session(monday.AddDays(6), Done(3), Done(4)),
            Session(monday.AddDays(14), Done(2)),
        ];

        var data = Compute(monday, monday.AddDays(27), history, []);

        data.Weeks.Select(w => w.Monday).ShouldBe([monday, monday.AddDays(7), monday.AddDays(14), monday.AddDays(21)]);
        data.Weeks[0].ShouldBe(new WeekSets(monday, 1, 1, 1, 1, 1, 2));
        // The 80/20 shares are of rated sets; the bar is every working set.
        data.Weeks[0].Total.ShouldBe(5);
        data.Weeks[0].All.ShouldBe(7);
        data.Weeks[0].FailureShare.ShouldBe(0.2);
        data.Weeks[0].ShortShare.ShouldBe(0.6);
        data.Weeks[0].Counts.ShouldBe([1, 1, 1, 1, 1, 2]);
        data.Weeks[1].All.ShouldBe(0);
        data.Weeks[2].Rir2.ShouldBe(1);
        data.Weeks[3].All.ShouldBe(0);
    }

    [Fact]
    public void Budget_MatchesTheEnginesBudgetOnEveryDay_BeyondFailureApart()
    {
        var start = new DateOnly(2025, 3, 3);
        var history = Enumerable.Range(0, 12)
            .Select(i => Session(start.AddDays(2 * i), Done(2), i % 3 == 0 ? Failed() : Done(1), i is 6 or 7 ? Failed() with { Technique = Technique.ForcedReps } : Done(3)))
            .ToImmutableArray();
        var athlete = new Athlete(4, FormUnderFatigue.Excellent, 8, Stress.Low, [], Goal.Hypertrophy, false, Split.UpperLower, false, 80, WeightUnit.Kg);
        var policy = Policy.Default;

        var data = Compute(start, start.AddDays(30), history, [], Split.UpperLower);

        data.Budget.Length.ShouldBe(31);
        data.Budget.ShouldContain(b => b.Over);
        data.Budget.Max(b => b.Beyond).ShouldBe(2);
        foreach (var day in data.Budget)
        {
            var scenario = new Scenario(day.Date, athlete, Phase.Hypertrophy, [], [.. history.Where(s => s.Date <= day.Date)], [],
                new PlannedSession(DayType.Medium, []));
            var budget = new Facts(scenario, policy).Budget;
            day.Used.ShouldBe(budget.FailureSetsUsed, $"used on {day.Date}");
            day.Allowed.ShouldBe(budget.FailureSetsAllowed, $"allowed on {day.Date}");
        }
    }

    [Fact]
    public void WarningDays_AreTheDaysWellnessSignsAreRaised()
    {
        var start = new DateOnly(2025, 3, 1);
        var wellness = Enumerable.Range(0, 40)
            .Select(i => new Wellness(start.AddDays(i), 8, 4, i >= 30 ? 5 : 2, 4, 2, 1, 4))
            .ToImmutableArray();

        var data = Compute(start, start.AddDays(39), [], wellness);

        data.CheckIns.ShouldBe(40);
        data.WarningDays.ShouldNotBeEmpty();
        data.WarningDays.ShouldAllBe(w => w.Codes.Contains("persistent-fatigue"));
        // Three bad days in the last seven make a sign: the first warning day is the third bad day.
        data.WarningDays[0].Date.ShouldBe(start.AddDays(32));
        data.Budget.ShouldBeEmpty();
        ReportText.Runs(data.WarningDays).ShouldHaveSingleItem().ShouldBe(new ReportText.Run(start.AddDays(32), start.AddDays(39), ["persistent-fatigue"]), new RunComparer());
        ReportText.Wellness(data).ShouldContain("8 warning days: 2 Apr–9 Apr (lasting fatigue)");
    }

    private sealed class RunComparer : IEqualityComparer<ReportText.Run>
    {
        public bool Equals(ReportText.Run? x, ReportText.Run? y) => x is not null && y is not null && x.First == y.First && x.Last == y.Last && x.Codes.SequenceEqual(y.Codes);

        public int GetHashCode(ReportText.Run obj) => obj.First.GetHashCode();
    }

    [Fact]
    public void Lifts_MainLiftsByDefault_PinnedOnesWhenGiven()
    {
        var start = new DateOnly(2025, 3, 3);
        var squat = CatalogLoader.Default.Resolve("Barbell Squat").Exercise!;
        var history = Enumerable.Range(0, 6)
            .Select(i => new LoggedSession(start.AddDays(2 * i), DayType.Medium,
                [new LoggedExercise("squat", squat, [Done(2, 100 + i, 5)]), new LoggedExercise("curl", Curl, [Done(2), Done(2), Done(2)])]))
            .ToImmutableArray();
        var window = new ReportWindow(start, start.AddDays(20));

        var main = ReportData.Compute(window, history, [], new ReportLifter(), Policy.Default);
        var pinned = ReportData.Compute(window, history, [], new ReportLifter(Unit: WeightUnit.Lb), Policy.Default, [Curl.Id]);

        main.MainLifts.Select(l => l.Id).ShouldBe([squat.Id]);
        main.Lifts.Select(l => l.Id).ShouldBe([squat.Id]);
        main.Lifts[0].Points.Length.ShouldBe(6);
        pinned.MainLifts.Select(l => l.Id).ShouldBe([squat.Id]);
        pinned.Lifts.Select(l => l.Name).ShouldBe([Curl.Name]);
        pinned.UnitName.ShouldBe("lb");
        ReportText.Lift(pinned, pinned.Lifts[0]).ShouldContain(" lb");
    }
}
