using System.Collections.Immutable;
using Failsafe.Catalog;
using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Planning;
using Failsafe.Store.Catalog;
using Failsafe.Store.Planning;
using Failsafe.Tests.Shared;
using Ical.Net.CalendarComponents;

namespace Failsafe.Store.Tests.Planning;

/// <summary>The iCalendar export of a plan, read back with Ical.Net and with an independent parser (ical.js).</summary>
public sealed class PlanCalendarTests
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    private static readonly Exercise Squat = CatalogLoader.Default.Resolve("Barbell Squat").Exercise!;
    private static readonly Exercise LegPress = CatalogLoader.Default.Resolve("Leg Press").Exercise!;
    private static readonly Exercise Bench = CatalogLoader.Default.Resolve("Barbell Bench Press").Exercise!;

    private static readonly double Lb225InKg = Load.Lb(225).InKg;

    [Fact]
    public void ToIcs_TrainingAndRestDays_OneAllDayEventPerTrainingDay()
    {
        var plan = SamplePlan();

        var events = Parse(PlanCalendar.ToIcs(plan, WeightUnit.Kg));

        var trainingDates = plan.Days.Where(d => !d.IsRest).Select(d => d.Date).ToList();
        var restDates = plan.Days.Where(d => d.IsRest).Select(d => d.Date).ToList();
        events.Count.ShouldBe(3);
        events.Select(e => e.DtStart!.Date).ShouldBe(trainingDates, ignoreOrder: true);
        events.Select(e => e.DtStart!.Date).ShouldNotContain(d => restDates.Contains(d));
        events.ShouldAllBe(e => !e.DtStart!.HasTime && e.IsAllDay);
    }

    [Fact]
    public void ToIcs_OnlyRestDays_NoEvents()
    {
        var plan = new Plan(Start, [Week(1, Phase.Hypertrophy, [.. Enumerable.Range(0, 7).Select(i => Rest(Start.AddDays(i)))])], []);

        Parse(PlanCalendar.ToIcs(plan, WeightUnit.Kg)).ShouldBeEmpty();
    }

    [Fact]
    public void ToIcs_Summary_NamesDayTypeTemplateAndSpecialPurpose()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg));

        On(events, Start).Summary.ShouldBe("Failsafe: hard day — Full body A");
        On(events, Start.AddDays(2)).Summary.ShouldBe("Failsafe: hard day (baseline test) — Full body B");
        On(events, Start.AddDays(7)).Summary.ShouldBe("Failsafe: light day (deload) — Full body A");
    }

    [Fact]
    public void ToIcs_Kilograms_DescriptionListsSetsTargetsLoadsAndFailure()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg));

        var description = On(events, Start).Description!;
        description.ShouldContain("Barbell Squat: 4 × 5-8 @ 2 RIR, 100 kg; last set: stop at 2 RIR");
        description.ShouldContain("Leg Press: 2 × 10-15 @ 1 RIR, 180 kg; 1 × 10-15 @ 0 RIR, 180 kg; last set: may go to technical failure");
        description.ShouldNotContain(" lb");
    }

    [Fact]
    public void ToIcs_Pounds_LoadsShownInPounds()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Lb));

        var description = On(events, Start).Description!;
        description.ShouldContain("Barbell Squat: 4 × 5-8 @ 2 RIR, 220.46 lb; last set: stop at 2 RIR");
        description.ShouldContain("Leg Press: 2 × 10-15 @ 1 RIR, 396.83 lb;");
        On(events, Start.AddDays(7)).Description!.ShouldContain("Barbell Squat: 2 × 5-8 @ 4 RIR, 225 lb; last set: stop at 4 RIR");
        events.ShouldAllBe(e => !e.Description!.Contains(" kg"));
    }

    [Fact]
    public void ToIcs_NoLoadYet_AsksForConservativeWeightAndNamesAbsoluteFailure()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg));

        On(events, Start.AddDays(2)).Description!.ShouldContain(
            "Barbell Bench Press - Medium Grip: 2 × 6-10 @ 2 RIR, load: first session, pick a conservative weight; "
            + "1 × 6-10 @ 0 RIR, load: first session, pick a conservative weight; last set: may go to absolute failure");
    }

    [Fact]
    public void ToIcs_DayNotes_AppearInDescription()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg));

        On(events, Start.AddDays(2)).Description!.ShouldContain("- baseline test (E5): last set of each safe exercise to failure");
        On(events, Start).Description!.ShouldNotContain("Notes:");
    }

    [Fact]
    public void ToIcs_Uids_UniqueAndDerivedFromDateAndPlanStart()
    {
        var events = Parse(PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg));

        events.Select(e => e.Uid).ShouldBeUnique();
        On(events, Start).Uid.ShouldBe("failsafe-2026-11-23-2026-11-23@failsafe");
        On(events, Start.AddDays(7)).Uid.ShouldBe("failsafe-2026-11-30-2026-11-23@failsafe");
    }

    [Fact]
    public void ToIcs_Calendar_HasFixedProductIdNameAndStamp()
    {
        var ics = PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Kg, "Squat season");

        var calendar = Ical.Net.Calendar.Load(ics).ShouldNotBeNull();
        calendar.ProductId.ShouldBe("-//Failsafe//Failsafe plan//EN");
        calendar.Properties.Get<string>("X-WR-CALNAME").ShouldBe("Squat season");
        calendar.Events.ShouldAllBe(e => e.DtStamp!.IsUtc && e.DtStamp.Value == new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc));
        ics.ShouldContain("DTSTAMP:20261123T000000Z");
        ics.ShouldContain("DTSTART;VALUE=DATE:20261123");
    }

    [Fact]
    public void ToIcs_SamePlanTwice_IdenticalOutput()
    {
        var first = PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Lb);
        var second = PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Lb);

        second.ShouldBe(first);
    }

    /// <summary>
    /// Ical.Net reading its own output proves little; ical.js (tests/ical-check) is an independent parser.
    /// In CI it must run; elsewhere it is skipped when node or the npm packages are missing.
    /// </summary>
    [Fact]
    public async Task ToIcs_IndependentParser_AcceptsEveryEvent()
    {
        var checkDir = await NodeTool.Require("ical-check", "ical.js");
        var root = NodeTool.RepoRoot();

        var file = Path.Combine(Path.GetTempPath(), $"failsafe-plan-{Guid.NewGuid():N}.ics");
        try
        {
            await File.WriteAllTextAsync(file, PlanCalendar.ToIcs(SamplePlan(), WeightUnit.Lb), TestContext.Current.CancellationToken);

            var (exitCode, output, error) = await NodeTool.Run("node", root, TimeSpan.FromMinutes(1), Path.Combine(checkDir, "check.mjs"), file);

            exitCode.ShouldBe(0, $"ical.js rejected the export:\n{error}{output}");
            output.Trim().ShouldBe("events: 3");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Plan SamplePlan()
    {
        var week1 = Week(1, Phase.Hypertrophy,
        [
            new PlanDay(Start, DayType.Hard, DayPurpose.Training, "Full body A",
            [
                new PlanExercise("Barbell Squat", Squat, [.. Enumerable.Range(1, 4).Select(n => Set(n, "5-8", 2, 100))]),
                new PlanExercise("Leg Press", LegPress,
                [
                    Set(1, "10-15", 1, 180),
                    Set(2, "10-15", 1, 180),
                    Set(3, "10-15", 0, 180, FailureLevel.Technical),
                ]),
            ], []),
            Rest(Start.AddDays(1)),
            new PlanDay(Start.AddDays(2), DayType.Hard, DayPurpose.BaselineTest, "Full body B",
            [
                new PlanExercise("Barbell Bench Press - Medium Grip", Bench,
                [
                    Set(1, "6-10", 2, null),
                    Set(2, "6-10", 2, null),
                    Set(3, "6-10", 0, null, FailureLevel.Absolute),
                ]),
            ], ["baseline test (E5): last set of each safe exercise to failure"]),
            Rest(Start.AddDays(3)),
            Rest(Start.AddDays(4)),
            new PlanDay(Start.AddDays(5), null, DayPurpose.Event, null, [], ["event: meet"]),
            Rest(Start.AddDays(6)),
        ]);
        var week2 = Week(2, Phase.Deload,
        [
            new PlanDay(Start.AddDays(7), DayType.Light, DayPurpose.Deload, "Full body A",
            [
                new PlanExercise("Barbell Squat", Squat, [Set(1, "5-8", 4, Lb225InKg), Set(2, "5-8", 4, Lb225InKg)]),
            ], []),
            .. Enumerable.Range(8, 6).Select(i => Rest(Start.AddDays(i))),
        ]);
        return new Plan(Start, [week1, week2], ["plan note"]);
    }

    private static PlanWeek Week(int number, Phase phase, ImmutableArray<PlanDay> days) => new(number, phase, 1, days);

    private static PlanDay Rest(DateOnly date) => new(date, null, DayPurpose.Rest, null, [], []);

    private static PlannedSet Set(int set, string reps, double rir, double? kg, FailureLevel failure = FailureLevel.None) =>
        new(set, reps, rir, kg, failure, []);

    private static List<CalendarEvent> Parse(string ics) =>
        [.. Ical.Net.Calendar.Load(ics).ShouldNotBeNull().Events];

    private static CalendarEvent On(List<CalendarEvent> events, DateOnly date) =>
        events.Single(e => e.DtStart!.Date == date);
}
