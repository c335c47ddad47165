using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Import in Chromium at phone size: an export uploaded with its progress, checked first, imported, summarised in words; wrong files named.</summary>
public sealed class ImportPageTests(Browser browser)
{
    /// <summary>A Strong export (the semicolon layout with a unit column): two workouts, six sets, one exercise the catalog does not know.</summary>
    private const string Strong =
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";W;60;kg;5;;;;0;\"\";\"\";1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";1;140;kg;5;8;;;0;\"\";\"\";1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Squat (Barbell)\";1;225;lbs;5;;;;0;;;1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Glorp Machine Kickback\";1;30;kg;12;;;;0;;;1h 2m\n" +
        "2026-01-14 18:00:00;\"Upper\";\"Bench Press (Barbell)\";1;80,5;kg;6;;;;0;;;45m\n" +
        "2026-01-14 18:00:00;\"Upper\";\"Bench Press (Barbell)\";D;60;kg;10;;;;0;;;45m\n";

    private static FilePayload File(string name, string text, string mime = "text/csv") => new() { Name = name, MimeType = mime, Buffer = Encoding.UTF8.GetBytes(text) };

    private static async Task<List<JsonElement>> Sets(IPage page)
    {
        var sessions = await PageApi.Call(page, "GET", "/api/sessions?from=2026-01-01&to=2026-01-31");
        return [.. sessions.EnumerateArray().SelectMany(s => s.GetProperty("sets").EnumerateArray())];
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_strong_export_is_checked_then_imported_with_its_summary(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await page.GotoAsync("/import");

        await page.GetByLabel("Export file (CSV)").SetInputFilesAsync(File("strong.csv", Strong));
        await page.GetByText("Check only").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var result = page.Locator("#import-result");
        await result.GetByRole(AriaRole.Heading, new() { Name = "Checked strong.csv: nothing stored" }).WaitForAsync();
        (await result.InnerTextAsync()).ShouldContain("Would add 2 workouts with 6 sets, from 11 Jan 2026 to 14 Jan 2026.");
        (await Sets(page)).ShouldBeEmpty("a check stores nothing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import strong.csv now" }).ClickAsync();
        await result.GetByRole(AriaRole.Heading, new() { Name = "Imported strong.csv" }).WaitForAsync();
        var text = await result.InnerTextAsync();
        text.ShouldContain("Added 2 workouts with 6 sets, from 11 Jan 2026 to 14 Jan 2026.");
        text.ShouldContain("Exercises Failsafe does not know");
        text.ShouldContain("Glorp Machine Kickback: 1 set");
        (await page.Locator("#import-progress").GetAttributeAsync("value")).ShouldBe("100");
        (await page.Locator("#import-status").InnerTextAsync()).ShouldBe("Done.");
        var sets = await Sets(page);
        sets.Count.ShouldBe(6);
        sets.Select(s => s.GetProperty("exercise").GetString()).ShouldContain("Glorp Machine Kickback");
        await Look.Check(page, "import");
        await Look.TapTargets(page);

        // The same file again adds nothing, and says what it skipped.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await result.GetByText("Skipped 2 workouts (6 sets) already in your log from an earlier import.").WaitForAsync();
        (await result.InnerTextAsync()).ShouldContain("Nothing was added");
        (await Sets(page)).Count.ShouldBe(6);
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_wrong_or_too_large_file_is_named_and_nothing_is_stored(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await page.GotoAsync("/import");
        var import = page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true });
        var alert = page.GetByRole(AriaRole.Alert);

        await import.ClickAsync();
        await alert.GetByText("Choose the export file first.").WaitForAsync();

        // A Strong export sent as Hevy's: the API names what is missing.
        await page.GetByLabel("Export file (CSV)").SetInputFilesAsync(File("strong.csv", Strong));
        await page.GetByRole(AriaRole.Radio, new() { Name = "Hevy" }).CheckAsync();
        await import.ClickAsync();
        await alert.GetByText("The file cannot be imported; nothing was stored: line 1").WaitForAsync();
        (await alert.InnerTextAsync()).ShouldContain("not a Hevy export");

        await page.GetByLabel("Export file (CSV)").SetInputFilesAsync(File("photo.png", "\u0089PNG\r\n\u001a\n not a table", "image/png"));
        await page.GetByRole(AriaRole.Radio, new() { Name = "Strong", Exact = true }).CheckAsync();
        await import.ClickAsync();
        await alert.GetByText("The file cannot be imported; nothing was stored").WaitForAsync();
        (await page.Locator("#import-result").IsHiddenAsync()).ShouldBeTrue();
        (await page.GetByLabel("Export file (CSV)").GetAttributeAsync("aria-invalid")).ShouldBe("true");

        // Larger than the server takes: named before a byte is sent (a sparse file: its size costs no disk).
        var big = Path.Combine(Path.GetTempPath(), $"failsafe-big-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var stream = new FileStream(big, FileMode.CreateNew))
                stream.SetLength(Failsafe.Server.Transfer.ImportEndpoints.MaxUpload + 1);
            await page.GetByLabel("Export file (CSV)").SetInputFilesAsync(big);
            await import.ClickAsync();
            await alert.GetByText("the largest file that can be imported is 100.0 MB. Nothing was sent.").WaitForAsync();
            (await page.GetByLabel("Export file (CSV)").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        }
        finally
        {
            System.IO.File.Delete(big);
        }
        (await Sets(page)).ShouldBeEmpty();
        server.Errors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 422", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
