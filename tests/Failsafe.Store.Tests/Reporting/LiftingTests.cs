using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Monitoring;
using Failsafe.Store.Catalog;
using Failsafe.Store.Reporting;

namespace Failsafe.Store.Tests.Reporting;

public sealed class LiftingTests
{
    private static readonly DateOnly Start = new(2025, 3, 3);

    private static Exercise X(string name) => CatalogLoader.Default.Resolve(name).Exercise ?? throw new InvalidOperationException(name);

    private static LoggedSet Set(double kg, int reps = 5, double rir = 2) => new(kg, reps, Rir.Of(rir));

    /// <summary>Sessions on consecutive days, each training every lift given with its number of sets at <paramref name="kg"/>.</summary>
    private static List<LoggedSession> Days(int days, params (string Name, int Sets, double Kg)[] lifts) =>
    [
        .. Enumerable.Range(0, days).Select(d => new LoggedSession(Start.AddDays(d), DayType.Medium,
            [.. lifts.Select(l => new LoggedExercise(l.Name, X(l.Name), [.. Enumerable.Repeat(Set(l.Kg), l.Sets)]))])),
    ];

    [Fact]
    public void MainLifts_IsolationsLoggedMost_LoseToTheSquatAndBench()
    {
        // The log: cable crossovers, calf presses and preacher curls logged most, the squat and bench less.
        var sessions = Days(10, ("Cable Crossover", 6, 30), ("Calf Press", 6, 150), ("Preacher Curl", 5, 25), ("Barbell Squat", 3, 100), ("Barbell Bench Press - Medium Grip", 3, 80));

        var main = Lifting.MainLifts(sessions);

        main.Select(l => l.Id).ShouldBe(["Barbell_Squat", "Barbell_Bench_Press_-_Medium_Grip"]);
        main[0].WorkingSets.ShouldBe(30);
    }

    [Fact]
    public void MainLifts_AtMostFour_OnePerFamilyFirst_InSquatBenchDeadliftPressOrder()
    {
        var sessions = Days(6,
            ("Leg Press", 8, 200), ("Hack Squat", 7, 150), ("Barbell Squat", 5, 120), ("Standing Military Press", 2, 50),
            ("Barbell Deadlift", 3, 160), ("Bent Over Barbell Row", 4, 70), ("Barbell Bench Press - Medium Grip", 6, 90));

        var main = Lifting.MainLifts(sessions);

        // The most trained of each family (leg press for the squat family), the families with the fewest sets left out.
        main.Select(l => l.Id).ShouldBe(["Leg_Press", "Barbell_Bench_Press_-_Medium_Grip", "Barbell_Deadlift", "Bent_Over_Barbell_Row"]);
        main.Length.ShouldBe(Lifting.MaxMainLifts);
    }

    [Fact]
    public void MainLifts_OneFamilyOnly_FillsWithItsOtherLifts()
    {
        var sessions = Days(4, ("Barbell Squat", 5, 120), ("Leg Press", 4, 200), ("Hack Squat", 3, 150), ("Calf Press", 9, 150));

        Lifting.MainLifts(sessions).Select(l => l.Id).ShouldBe(["Barbell_Squat", "Leg_Press", "Hack_Squat"]);
    }

    [Fact]
    public void MainLifts_NoCompoundLift_TakesWhatWasTrainedMost()
    {
        var sessions = Days(4, ("Preacher Curl", 3, 25), ("Calf Press", 5, 150));

        Lifting.MainLifts(sessions).Select(l => l.Id).ShouldBe(["Calf_Press", "Preacher_Curl"]);
    }

    [Fact]
    public void MainLifts_BodyweightOnly_HasNoE1RmAndIsLeftOut()
    {
        var sessions = Days(4, ("Pullups", 5, 0), ("Barbell Squat", 2, 100));

        Lifting.MainLifts(sessions).Select(l => l.Id).ShouldBe(["Barbell_Squat"]);
    }

    [Fact]
    public void Flags_KgLoggedAsLb_AndLbAsKg_AreFlagged()
    {
        double[] values = [100, 101, 102, 224, 103, 104, 46, 105, 106];

        var flags = Lifting.Flags(values);

        flags.ShouldBe([false, false, false, true, false, false, true, false, false]);
    }

    [Fact]
    public void Flags_ANovicesFastStart_AndAReturnFromALayoff_AreNotFlagged()
    {
        Lifting.Flags([40, 50, 60, 70, 75, 80, 85]).ShouldAllBe(f => !f);
        Lifting.Flags([140, 142, 145, 100, 105, 110, 118]).ShouldAllBe(f => !f);
    }

    [Fact]
    public void Flags_TooFewNeighbours_JudgesNothing()
    {
        Lifting.Flags([100]).ShouldBe([false]);
        Lifting.Flags([100, 300]).ShouldBe([false, false]);
    }

    [Fact]
    public void Trend_IsTheMiddleOfTheSessionsAround_OneOddSessionAndFlaggedPointsDoNotBendIt()
    {
        double[] values = [100, 102, 104, 90, 106, 108, 230, 110];
        bool[] flags = [false, false, false, false, false, false, true, false];

        var trend = Lifting.Trend(values, flags);

        // The ends stand for themselves; inside, the mean of the middle three of five (the dip to 90 is left out).
        trend[0].ShouldBe(100);
        trend[1].ShouldBe(102);
        trend[2].ShouldBe(102);
        trend[3].ShouldBe(104);
        trend[4].ShouldBe(106);
        trend[5].ShouldBe(108);
        trend[6].ShouldBeNull();
        trend[7].ShouldBe(110);
    }

    [Fact]
    public void Series_BestSetPerSession_RecordsAgainstAllHistory_FlagsLeftOut()
    {
        var squat = X("Barbell Squat");
        LoggedSession On(int day, params LoggedSet[] sets) => new(Start.AddDays(day), DayType.Medium, [new LoggedExercise("squat", squat, [.. sets])]);
        List<LoggedSession> history =
        [
            On(0, Set(140)), // the best before the window
            On(10, Set(120), Set(125, 5, 1), Set(60, 5, 5) with { Warmup = true }),
            On(12, Set(130)),
            On(14, Set(300)), // entered in lb as kg
            On(16, Set(135)),
            On(18, Set(145)),
        ];
        var window = new ReportWindow(Start.AddDays(10), Start.AddDays(20));

        var series = Lifting.Series(history, squat.Id, window);

        series.Name.ShouldBe(squat.Name);
        series.Points.Select(p => p.Date).ShouldBe([Start.AddDays(10), Start.AddDays(12), Start.AddDays(14), Start.AddDays(16), Start.AddDays(18)]);
        series.BestBeforeKg.ShouldBe(E1Rm(140));
        // The best set of a session by its estimate; warm-ups never count.
        series.Points[0].E1RmKg.ShouldBe(Math.Max(E1Rm(120), E1Rm(125, 5, 1)));
        series.Points[2].Flagged.ShouldBeTrue();
        series.Plotted.Count().ShouldBe(4);
        // Records are over every earlier session, the one before the window included, and never a flagged point.
        series.Points.Select(p => p.Pr).ShouldBe([false, false, false, false, true]);
        series.Points[2].TrendKg.ShouldBeNull();
    }

    private static double E1Rm(double kg, int reps = 5, double rir = 2) =>
        TrainingLog.BestE1Rm(new LoggedExercise("x", X("Barbell Squat"), [Set(kg, reps, rir)]))!.Value;
}
