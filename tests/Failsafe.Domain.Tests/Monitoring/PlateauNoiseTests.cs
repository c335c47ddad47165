using Failsafe.Effort;
using Failsafe.Engine;
using Failsafe.Monitoring;
using static Failsafe.Domain.Tests.Engine.Build;

namespace Failsafe.Domain.Tests.Monitoring;

/// <summary>
/// The plateau statistic on generated noise (docs/estimators.md): e1RM series of a lifter who truly progresses, or
/// truly does not, with session-to-session noise; the share of series called a plateau. Fixed seeds, so the figures
/// are the documented ones.
/// </summary>
public class PlateauNoiseTests
{
    /// <summary>
    /// The share of <paramref name="series"/> generated series called a plateau: sessions <paramref name="perWeek"/> times a
    /// week for six weeks up to yesterday, e1RM 100 kg × (1 + <paramref name="gainPer4Weeks"/> × weeks / 4) × (1 + noise),
    /// the noise normal with standard deviation <paramref name="noise"/>.
    /// </summary>
    internal static double PlateauRate(double gainPer4Weeks, double noise, int perWeek, int series = 2000, int seed = 14)
    {
        var random = new Random(seed);
        var gap = 7.0 / perWeek;
        var count = (int)(42 / gap);
        var called = 0;
        for (var k = 0; k < series; k++)
        {
            var sessions = new LoggedSession[count];
            for (var i = 0; i < count; i++)
            {
                var ago = 1 + (int)Math.Round((count - 1 - i) * gap);
                var weeks = (42 - ago) / 7.0;
                var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var e1rm = 100 * (1 + gainPer4Weeks * weeks / 4) * (1 + noise * z);
                var kg = e1rm * OneRepMax.FractionOf1Rm(10);
                sessions[i] = DaysAgo(ago, DayType.Medium, Did("Barbell Bench Press", Set(Math.Round(kg, 2), 8, 2)));
            }
            if (StrengthTrend.Detect(new TrainingLog([.. sessions]), Today, Policy.Default).Any(f => f.Code == "plateau"))
                called++;
        }
        return (double)called / series;
    }

    /// <summary>The figures in docs/estimators.md ("Plateau"), each within one percentage point.</summary>
    [Theory]
    [InlineData(2, 0.01, 0, 0.758)]
    [InlineData(2, 0.01, 0.02, 0.203)]
    [InlineData(2, 0.01, 0.04, 0.012)]
    [InlineData(2, 0.02, 0, 0.445)]
    [InlineData(2, 0.02, 0.02, 0.289)]
    [InlineData(2, 0.02, 0.04, 0.097)]
    [InlineData(2, 0.03, 0, 0.287)]
    [InlineData(2, 0.03, 0.02, 0.238)]
    [InlineData(2, 0.03, 0.04, 0.145)]
    [InlineData(3, 0.01, 0, 0.802)]
    [InlineData(3, 0.01, 0.02, 0.173)]
    [InlineData(3, 0.01, 0.04, 0.002)]
    [InlineData(3, 0.02, 0, 0.409)]
    [InlineData(3, 0.02, 0.02, 0.243)]
    [InlineData(3, 0.02, 0.04, 0.055)]
    [InlineData(3, 0.03, 0, 0.236)]
    [InlineData(3, 0.03, 0.02, 0.195)]
    [InlineData(3, 0.03, 0.04, 0.107)]
    public void PlateauRate_OnGeneratedNoise_IsTheDocumentedFigure(int perWeek, double noise, double gainPer4Weeks, double documented) =>
        PlateauRate(gainPer4Weeks, noise, perWeek).ShouldBe(documented, 0.01);

    [Fact]
    public void PlateauRate_WithoutNoise_FlatIsAlwaysAPlateau_ProgressNever()
    {
        PlateauRate(0, 0, 3, series: 20).ShouldBe(1);
        PlateauRate(0.02, 0, 3, series: 20).ShouldBe(0);
    }
}
