using Failsafe.Store.Training;

namespace Failsafe.Store.Tests;

public sealed class TrainingDaysTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void No_day_at_all_is_named_as_such(string text) =>
        TrainingDays.Parse(text).Problem.ShouldBe("name at least one training day");

    [Fact]
    public void Days_come_back_in_week_order() =>
        TrainingDays.Parse("sun, mon,Wednesday").Days.ShouldBe([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Sunday]);

    [Theory]
    [InlineData("mon,,wed", "'' is not a weekday (use mon, tue, wed, thu, fri, sat, sun)")]
    [InlineData("mon,mon", "'mon' is listed twice")]
    public void A_bad_part_is_named(string text, string problem) => TrainingDays.Parse(text).Problem.ShouldBe(problem);
}
