using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// The gym's basement: Today opens without a connection (the service worker's copy), sets logged offline wait in
/// IndexedDB, survive a reload, and arrive exactly once and in order when the connection returns.
/// </summary>
public sealed class OfflineTests(Browser browser)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Five_sets_logged_offline_arrive_once_and_in_order(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await TodayPageTests.LifterOnToday(server);
        // The service worker takes the page over; the next load of Today is the copy kept for offline.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await Expect(page.Locator("#next h2")).ToContainTextAsync("set 1");

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#net")).ToContainTextAsync("Offline");
        await Expect(page.Locator("h1")).ToContainTextAsync("day");

        for (var i = 0; i < 3; i++)
            await TodayPageTests.LogCurrent(page, "50", (6 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "2", synced: false);
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(3);
        await Expect(page.Locator("#next .offline-note")).ToBeVisibleAsync();

        // A reload offline keeps them, waiting, and the next set to log is the fourth.
        await page.ReloadAsync();
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(3);
        for (var i = 3; i < 5; i++)
            await TodayPageTests.LogCurrent(page, "40", (6 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "2", synced: false);
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(5);
        (await server.SetCount()).ShouldBe(0);
        await Look.Check(page, "today-offline");

        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        var sets = await TodayPageTests.StoredSets(page);
        sets.Select(s => s.GetProperty("reps").GetInt32()).ShouldBe([6, 7, 8, 9, 10]);
        (await server.SetCount()).ShouldBe(5);
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_tabs_logging_at_once_record_every_set_once(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var one = await TodayPageTests.LifterOnToday(server);
        var two = await one.Context.NewPageAsync();
        await two.GotoAsync("/today");
        // Both tabs log at the same moment, twice: one the first exercise's sets, the other the second's.
        for (var set = 1; set <= 2; set++)
        {
            await Task.WhenAll(LogRow(one, 0, set, "60"), LogRow(two, 1, set, "61"));
            // Between sets a lifter rests: each tab has sent its set and shows the server's page before the next round.
            await Expect(one.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await Expect(two.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await one.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await two.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        await Expect(one.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(two.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        var sets = await TodayPageTests.StoredSets(one);
        sets.Count.ShouldBe(4, string.Join("\n", sets.Select(s => s.ToString())) + "\nerrors: " + string.Join("\n", server.Errors) + "\n" + await one.Locator("main").InnerTextAsync() + "\n---\n" + await two.Locator("main").InnerTextAsync());
        sets.Select(s => s.GetProperty("weightKg").GetDouble()).Order().ShouldBe([60, 60, 61, 61]);
        (await server.SetCount()).ShouldBe(4);
        // Each tab then shows all four.
        await one.ReloadAsync();
        await Expect(one.Locator("li.set.done")).ToHaveCountAsync(4);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_re_render_while_a_weight_is_typed_keeps_the_field_the_caret_and_the_button(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await TodayPageTests.LifterOnToday(server);
        await TodayPageTests.LogCurrent(page, "60", "8", "3");
        var weight = page.Locator("li.set.current form.log").GetByLabel("Weight");
        // The lifter has selected the prefilled weight to type over it; another tab's set re-renders the page now.
        await weight.FocusAsync();
        await weight.EvaluateAsync("el => { el.select(); window.typedInto = el; }");
        await page.EvaluateAsync("async () => { const m = await import('/js/api.js'); await m.refresh(); }");
        await page.Keyboard.InsertTextAsync("62.5");
        // The same element, still focused, holding exactly what was typed; its Log set button sends it.
        (await weight.EvaluateAsync<bool>("el => el === window.typedInto")).ShouldBeTrue();
        (await weight.EvaluateAsync<bool>("el => el === document.activeElement")).ShouldBeTrue();
        (await weight.InputValueAsync()).ShouldBe("62.5");
        var row = page.Locator("li.set.current");
        await row.GetByRole(AriaRole.Button, new() { Name = "Log set" }).ClickAsync();
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        (await TodayPageTests.StoredSets(page)).Select(s => s.GetProperty("weightKg").GetDouble()).ShouldBe([60, 62.5]);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_re_render_that_makes_the_row_being_typed_into_a_later_one_keeps_it_open(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await TodayPageTests.LifterOnToday(server);
        var current = page.Locator("li.set.current");
        var weight = current.Locator("form.log").GetByLabel("Weight");
        await weight.FocusAsync();
        await weight.EvaluateAsync("el => { el.select(); window.typedInto = el; }");
        await page.Keyboard.InsertTextAsync("6");
        // Another device logs a set of the second exercise: the next set moves there, and this row becomes a later one.
        var second = await page.Locator("section.exercise").Nth(1).GetAttributeAsync("data-exercise");
        await PageApi.Call(page, "POST", "/api/sets", new { exercise = second, set = "50x8@7" });
        await page.EvaluateAsync("async () => { const m = await import('/js/api.js'); await m.refresh(); }");

        (await page.EvaluateAsync<bool>("() => window.typedInto.isConnected && window.typedInto === document.activeElement")).ShouldBeTrue();
        (await page.EvaluateAsync<bool>("() => window.typedInto.checkVisibility()")).ShouldBeTrue("the row being typed into was closed by the re-render");
        await page.Keyboard.InsertTextAsync("0");
        (await page.EvaluateAsync<string>("() => window.typedInto.value")).ShouldBe("60");
    }

    /// <summary>Logs set <paramref name="set"/> of the page's exercise number <paramref name="exercise"/> (from 0), opening its row if it is not the next one.</summary>
    private static async Task LogRow(IPage page, int exercise, int set, string weight)
    {
        var row = page.Locator("section.exercise").Nth(exercise).Locator($"li.set[data-set='{set}']");
        var form = row.Locator("form.log");
        // The other tab's set can turn this row from the next one into a later (closed) one until the lifter types in it;
        // then, like the lifter, open it.
        if (await row.Locator("details.later:not([open])").CountAsync() > 0 || !await form.GetByLabel("Weight").IsVisibleAsync())
            await row.Locator("details.later summary").ClickAsync();
        await form.GetByLabel("Weight").FillAsync(weight);
        await form.GetByLabel("Reps").FillAsync("8");
        await form.GetByLabel("RIR").FillAsync("3");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log set" }).ClickAsync();
        await Expect(row.Locator(".did")).ToContainTextAsync($"{weight} kg × 8");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
