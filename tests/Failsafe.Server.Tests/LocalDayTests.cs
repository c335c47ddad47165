using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Failsafe.Server.Tests;

/// <summary>
/// "Today" is the athlete's date, in the time zone of their profile: a set logged without a date at 19:00 in
/// California belongs to that evening, not to the next UTC day.
/// </summary>
public sealed class LocalDayTests
{
    /// <summary>Half an hour either side of local midnight, eight hours behind UTC (Los Angeles in winter) and thirteen ahead (Auckland in summer).</summary>
    private static readonly (string Zone, string Utc, string Local)[] Instants =
    [
        ("America/Los_Angeles", "2026-12-07T07:30:00Z", "2026-12-06"), // 23:30 on the 6th (the 7th in UTC)
        ("America/Los_Angeles", "2026-12-07T08:30:00Z", "2026-12-07"), // 00:30 on the 7th
        ("Pacific/Auckland", "2026-12-07T10:30:00Z", "2026-12-07"), // 23:30 on the 7th
        ("Pacific/Auckland", "2026-12-07T11:30:00Z", "2026-12-08"), // 00:30 on the 8th (the 7th in UTC)
    ];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Sets_sessions_checkins_and_today_without_a_date_take_the_athletes_local_date(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(Instants[0].Utc, CultureInfo.InvariantCulture));
        using var server = new ServerFactory(provider) { Clock = clock };
        foreach (var (zone, utc, local) in Instants)
        {
            clock.SetUtcNow(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));
            var lifter = await server.SignUp();
            using (var profile = await lifter.Client.Send("PUT", "/api/profile", new { timeZone = zone }))
            {
                var body = await profile.Json();
                profile.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
                body.GetProperty("timeZone").GetString().ShouldBe(zone);
            }

            using (var set = await lifter.Client.Send("POST", "/api/sets", new { exercise = "bench press", set = "60x8@7" }))
            {
                var body = await set.Json();
                set.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
                body.GetProperty("date").GetString().ShouldBe(local, $"{zone} at {utc}");
            }
            using (var today = await lifter.Client.Send("GET", "/api/today"))
                (await today.Json()).GetProperty("date").GetString().ShouldBe(local, $"{zone} at {utc}");
            using (var session = await lifter.Client.Send("POST", "/api/sessions", new { name = "evening" }))
                (await session.Json()).GetProperty("date").GetString().ShouldBe(local, $"{zone} at {utc}");
            // The default range of the sessions list ends today, the athlete's today.
            using (var sessions = await lifter.Client.Send("GET", "/api/sessions"))
                (await sessions.Json()).EnumerateArray().Select(s => s.GetProperty("date").GetString()).ShouldAllBe(d => d == local);
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Without_a_time_zone_the_day_is_UTCs_and_an_unknown_zone_is_refused_by_name(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T07:30:00Z", CultureInfo.InvariantCulture));
        using var server = new ServerFactory(provider) { Clock = clock };
        var lifter = await server.SignUp();
        using (var set = await lifter.Client.Send("POST", "/api/sets", new { exercise = "bench press", set = "60x8@7" }))
            (await set.Json()).GetProperty("date").GetString().ShouldBe("2026-12-07");
        // Tomorrow, in the athlete's day, has not happened yet: a set cannot be logged into it.
        using (var tomorrow = await lifter.Client.Send("POST", "/api/sets", new { exercise = "bench press", set = "60x8@7", date = "2026-12-08" }))
            (await tomorrow.ShouldBeProblem(HttpStatusCode.BadRequest)).ToString().ShouldContain("in the future");
        // Every time the server stamps comes from its clock: the account's creation too.
        using (var export = await lifter.Client.Send("GET", "/account/export"))
            (await export.Json()).GetProperty("account").GetProperty("createdAt").GetDateTime().ShouldBe(clock.GetUtcNow().UtcDateTime);
        using var bad = await lifter.Client.Send("PUT", "/api/profile", new { timeZone = "Mars/Olympus_Mons" });
        (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).ToString().ShouldContain("timeZone");
    }
}
