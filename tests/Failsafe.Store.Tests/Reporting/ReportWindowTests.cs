using Failsafe.Store.Reporting;

namespace Failsafe.Store.Tests.Reporting;

public sealed class ReportWindowTests
{
    /// <summary>A Sunday.</summary>
    private static readonly DateOnly Last = new(2025, 6, 29);

    [Fact]
    public void Asked_Nothing_IsTheDefaultWeeksEndingOnTheLastDay()
    {
        var window = ReportWindow.Asked(Last, null, null, out var problem);

        problem.ShouldBeNull();
        window.ShouldBe(new ReportWindow(Last.AddDays(1 - 7 * ReportWindow.DefaultWeeks), Last));
        window!.Value.Days.ShouldBe(7 * ReportWindow.DefaultWeeks);
    }

    [Fact]
    public void Asked_Since_StartsThatDay()
    {
        ReportWindow.Asked(Last, null, new DateOnly(2025, 1, 1), out _).ShouldBe(new ReportWindow(new DateOnly(2025, 1, 1), Last));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(521)]
    public void Asked_WeeksOutOfRange_NamesTheWeeks(int weeks)
    {
        ReportWindow.Asked(Last, weeks, null, out var problem).ShouldBeNull();

        problem!.Field.ShouldBe("weeks");
        problem.Message.ShouldBe($"{weeks} is out of range (1–520)");
    }

    [Fact]
    public void Asked_WeeksAndSince_IsAProblem()
    {
        ReportWindow.Asked(Last, 4, new DateOnly(2025, 1, 1), out var problem).ShouldBeNull();

        problem!.Field.ShouldBe("since");
        problem.Message.ShouldContain("not both");
    }

    [Fact]
    public void Asked_SinceAfterTheLastDay_IsAProblem()
    {
        ReportWindow.Asked(Last, null, Last.AddDays(1), out var problem).ShouldBeNull();

        problem!.Field.ShouldBe("since");
        problem.Message.ShouldBe("2025-06-30 is after the last day charted (2025-06-29)");
    }

    [Fact]
    public void Fit_TwoWeeksOfData_IsFourWeeksWideNotHalfAYear()
    {
        var asked = ReportWindow.Asked(Last, null, null, out _)!.Value;

        var fitted = asked.Fit(Last.AddDays(-13));

        fitted.ShouldBe(new ReportWindow(Last.AddDays(1 - ReportWindow.MinFittedDays), Last));
        fitted.Days.ShouldBe(28);
    }

    [Fact]
    public void Fit_TenWeeksOfData_StartsOnTheMondayOfTheFirstLoggedWeek()
    {
        var asked = ReportWindow.Asked(Last, null, null, out _)!.Value;
        var firstLogged = new DateOnly(2025, 4, 23); // a Wednesday

        asked.Fit(firstLogged).First.ShouldBe(new DateOnly(2025, 4, 21));
    }

    [Fact]
    public void Fit_DataBeforeTheWindow_KeepsTheWindowAsked()
    {
        var asked = ReportWindow.Asked(Last, 8, null, out _)!.Value;

        asked.Fit(null).ShouldBe(asked);
        asked.Fit(asked.First.AddDays(-100)).ShouldBe(asked);
        asked.Fit(asked.First).ShouldBe(asked);
    }

    [Fact]
    public void Fit_NarrowerWindowAsked_IsNotWidened()
    {
        var asked = ReportWindow.Asked(Last, null, Last.AddDays(-5), out _)!.Value;

        asked.Fit(Last.AddDays(-3)).ShouldBe(asked);
        asked.Days.ShouldBe(6);
    }
}
