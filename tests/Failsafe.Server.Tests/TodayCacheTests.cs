using Failsafe.Server.Training;

namespace Failsafe.Server.Tests;

public sealed class TodayCacheTests
{
    private static readonly DateOnly Day = new(2026, 3, 4);

    [Fact]
    public async Task Get_BurstForOneStaleEntry_ComputesItOnce()
    {
        using var cache = new TodayCache();
        var computed = 0;
        using var gate = new ManualResetEventSlim();
        byte[] Compute()
        {
            Interlocked.Increment(ref computed);
            gate.Wait(TimeSpan.FromSeconds(10));
            return [1, 2, 3];
        }

        var burst = Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.Get("today", 7, 3, Day, Compute))).ToList();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        gate.Set();
        var answers = await Task.WhenAll(burst);

        computed.ShouldBe(1);
        answers.ShouldAllBe(a => a.SequenceEqual(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Get_NewRevisionOrOtherAthlete_ComputesAgain_SameRevisionDoesNot()
    {
        using var cache = new TodayCache();
        var computed = 0;
        byte[] Compute() => [(byte)Interlocked.Increment(ref computed)];

        cache.Get("today", 7, 3, Day, Compute).ShouldBe(new byte[] { 1 });
        cache.Get("today", 7, 3, Day, Compute).ShouldBe(new byte[] { 1 }, "same athlete, day and revision: the cached answer");
        cache.Get("today", 7, 4, Day, Compute).ShouldBe(new byte[] { 2 }, "the log changed: a new answer");
        cache.Get("today", 8, 4, Day, Compute).ShouldBe(new byte[] { 3 }, "another athlete");
        cache.Get("next", 7, 4, Day, Compute).ShouldBe(new byte[] { 4 }, "another kind of answer");
        cache.Get("today", 7, 4, Day.AddDays(1), Compute).ShouldBe(new byte[] { 5 }, "another day");
    }

    [Fact]
    public void Get_ComputeFails_NextCallTriesAgain()
    {
        using var cache = new TodayCache();
        Should.Throw<InvalidOperationException>(() => cache.Get("today", 1, 1, Day, () => throw new InvalidOperationException("database gone")));
        cache.Get("today", 1, 1, Day, () => [9]).ShouldBe(new byte[] { 9 });
    }
}
