using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// How a finished page is looked at: in light and in dark, axe-core finds no violation, and a screenshot of what a
/// phone shows goes to docs/screenshots/NAME-light.png and NAME-dark.png (the README shows them).
/// </summary>
public static class Look
{
    public static async Task Check(IPage page, string name, bool screenshot = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var (scheme, suffix) in new[] { (ColorScheme.Light, "light"), (ColorScheme.Dark, "dark") })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await Axe.Check(page, $"{page.Url} ({suffix})");
            if (screenshot)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Browser.ScreenshotPath(name))!);
                await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath($"{name}-{suffix}"), Animations = ScreenshotAnimations.Disabled });
            }
        }
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    /// <summary>Every visible button, link, input, select and summary is at least 44 × 44 CSS pixels (or, for a link inside text, 44 px tall by its line); the ones that are not, named.</summary>
    public static async Task TapTargets(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var small = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('button, a.button, nav a, input:not([type=hidden]), select, summary, label.toggle, label.choice')]
            .filter(e => e.offsetParent !== null && !e.closest('[hidden]'))
            .map(e => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ e, r }) => (e.type === 'checkbox' || e.type === 'radio') ? false : (r.height < 44 || r.width < 44))
            .map(({ e, r }) => `${e.tagName.toLowerCase()} '${(e.textContent || e.name || e.id).trim().slice(0, 40)}' ${Math.round(r.width)}×${Math.round(r.height)}`)");
        small.ShouldBeEmpty("tap targets under 44 × 44 px:\n" + string.Join("\n", small));
    }
}
