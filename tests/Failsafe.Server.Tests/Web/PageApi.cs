using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// The JSON API as the signed-in browser calls it (its cookie and antiforgery token): tests set up what a page is
/// not about (a profile, a plan) this way, and read back what a page did.
/// </summary>
public static class PageApi
{
    public static async Task<JsonElement> Call(IPage page, string method, string url, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var request = page.Context.APIRequest;
        var token = await request.GetAsync("/account/antiforgery");
        token.Ok.ShouldBeTrue($"GET /account/antiforgery: {token.Status}");
        var xsrf = (await token.JsonAsync())!.Value.GetProperty("token").GetString()!;
        var options = new APIRequestContextOptions { Method = method, Headers = new Dictionary<string, string> { ["X-XSRF-TOKEN"] = xsrf } };
        if (body is not null)
            options.DataObject = body;
        var response = await request.FetchAsync(url, options);
        var text = await response.TextAsync();
        response.Ok.ShouldBeTrue($"{method} {url}: {response.Status} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The lifter's today, as the server decides it (their time zone).</summary>
    public static async Task<DateOnly> Today(IPage page) =>
        DateOnly.ParseExact((await Call(page, "GET", "/api/today")).GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A lifter with two years of training, good form and sleep, on an upper/lower split every day of the week, and an 8-week plan from today.</summary>
    public static async Task Lifter(IPage page, string unit = "kg")
    {
        await Call(page, "PUT", "/api/profile", new
        {
            name = "Sam", trainingYears = 3, formUnderFatigue = "good", sleepHours = 8, stress = "low", goal = "hypertrophy",
            split = "upper-lower", unit, trainingDays = "mon,tue,wed,thu,fri,sat,sun", bodyweightKg = 80,
        });
        await Call(page, "POST", "/api/plans", new { weeks = 8 });
    }
}
