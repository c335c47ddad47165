using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// The real server on Kestrel (a browser needs a real address) on a fresh database, with a Chromium context per
/// visitor. Sign-up and sign-in go through the pages, as a person does.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly ServerFactory _factory;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly Browser _browser;

    public WebServer(Browser browser, Provider provider, TimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        browser.Require();
        _browser = browser;
        _factory = new ServerFactory(provider, settings) { Clock = clock };
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public ServerFactory Factory => _factory;

    /// <summary>A new visitor: its own browser context and page.</summary>
    public async Task<IPage> Visitor(bool phone = true, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await _browser.Context(BaseUrl, phone, scheme);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Add(error);
        page.Console += (_, message) =>
        {
            // An answer's status (a 400 the test provoked) is logged as "Failed to load resource"; the tests check answers themselves.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                Errors.Add(message.Text);
        };
        return page;
    }

    /// <summary>Script errors and console errors of every page (a content policy violation shows here too), but not HTTP statuses.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Creates an account on the sign-in page; the browser is then signed in (on the onboarding page).</summary>
    public static async Task<string> CreateAccount(IPage page, string? email = null, string password = "lift heavy 9 times")
    {
        ArgumentNullException.ThrowIfNull(page);
        email ??= $"{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/onboarding");
        return email;
    }

    public static async Task SignIn(IPage page, string email, string password = "lift heavy 9 times")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
    }

    /// <summary>Every set row in the database, read directly (not through the API the pages use).</summary>
    public async Task<int> SetCount()
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Failsafe.Store.Data.FailsafeDb>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Sets);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
            await context.CloseAsync();
        await _factory.DisposeAsync();
    }
}
