using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>The way in: "/" for a stranger is the sign-in page, for a lifter Today; wrong passwords are named; sign-out ends it.</summary>
public sealed class SignInPageTests(Browser browser)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_home_address_signs_in_and_out(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2F");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Look.Check(page, "signin");
        await Look.TapTargets(page);

        var email = await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await page.GotoAsync("/");
        await Expect(page.Locator("#today h1")).ToContainTextAsync("day");

        // Sign out (Settings), then a wrong password is named, the right one leads back to where the lifter was going.
        await page.GotoAsync("/settings");
        await page.Locator("form.signout button").ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/plan");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2Fplan");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".form-error")).ToHaveTextAsync("The email or password is wrong.");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/plan");

        // Creating an account for an email that has one changes nothing, and the registration does not say the email
        // is taken (docs/server.md, "Who has an account"): the page tells its owner to sign in with its password.
        var other = await server.Visitor();
        await other.GotoAsync("/signin");
        await other.GetByLabel("Email").FillAsync(email);
        await other.GetByLabel("Password", new() { Exact = true }).FillAsync("another long 7 password");
        await other.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(other.Locator(".form-error")).ToHaveTextAsync("If this email already has an account, sign in with its password.");
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task With_a_mail_server_a_new_account_opens_its_link_then_signs_in(Provider provider)
    {
        using var inbox = new SmtpInbox();
        await using var server = new WebServer(browser, provider, settings: inbox.Settings());
        var page = await server.Visitor();
        var email = $"{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#signin-status")).ToHaveTextAsync($"We sent a link to {email}: open it to confirm the account, then sign in here.");
        page.Url.ShouldEndWith("/signin");
        await Look.Check(page, "signin-confirm");

        // Signing in before the link is opened is answered as a wrong password; a lost link can be sent again.
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".form-error")).ToHaveTextAsync("The email or password is wrong.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the confirmation link again" }).ClickAsync();
        await Expect(page.Locator("#signin-status")).ToHaveTextAsync($"If {email} has an account waiting for confirmation, a new link is on its way.");

        var mails = new[] { await inbox.Next(), await inbox.Next() };
        foreach (var mail in mails)
            mail.To.Mailboxes.Single().Address.ShouldBe(email);

        // The newer link confirms the email and leads to the sign-in page, which says so; then the account signs in.
        var text = mails[1].TextBody.ShouldNotBeNull();
        await page.GotoAsync(text[text.IndexOf("http", StringComparison.Ordinal)..].Trim());
        await page.WaitForURLAsync("**/signin?confirmed=true");
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Your email is confirmed: sign in.");
        await Look.Check(page, "signin-confirmed");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("lift heavy 9 times");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_page_that_does_not_exist_says_so(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        var response = await page.GotoAsync("/no-such-page");
        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Axe.Check(page, "the Not found page");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
