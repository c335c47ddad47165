using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Failsafe.Server.Tests;

/// <summary>
/// Account mail over SMTP, received by a real SMTP server on loopback: with a mail server configured, a new account
/// confirms its email before it signs in, and registering a taken email tells its holder — so registering and then
/// signing in answers alike for a new and a taken email, with nothing to set but the mail server.
/// </summary>
public sealed class AccountMailTests
{
    private static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task With_a_mail_server_a_new_account_confirms_by_email_and_the_holder_of_a_taken_email_is_told(Provider provider)
    {
        using var inbox = new SmtpInbox();
        using var server = new ServerFactory(provider, inbox.Settings());
        using var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ann = NewEmail();
        const string annsPassword = "lift heavy 9 times", strangers = "another long 7 password";

        (await client.PostAsJsonAsync("/account/register", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmation = await inbox.Next();
        confirmation.To.Mailboxes.Single().Address.ShouldBe(ann);
        confirmation.From.Mailboxes.Single().Address.ShouldBe("noreply@failsafe.test");
        confirmation.Subject.ShouldBe("Confirm your Failsafe account");
        var text = confirmation.TextBody.ShouldNotBeNull();
        var link = new Uri(text[text.IndexOf("http", StringComparison.Ordinal)..].Trim());
        link.AbsolutePath.ShouldBe("/account/confirmEmail");

        // Not confirmed yet: the right password is answered as a wrong one.
        (await (await client.PostAsJsonAsync("/account/login", new { email = ann, password = annsPassword }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Unauthorized)).Detail().ShouldBe("Failed");
        using (var forged = await client.GetAsync(link.PathAndQuery.Replace("code=", "code=x", StringComparison.Ordinal), Api.Cancel))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            forged.Headers.Location!.ToString().ShouldBe("/signin?confirmed=false");
        }
        using (var confirm = await client.GetAsync(link.PathAndQuery, Api.Cancel))
        {
            confirm.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            confirm.Headers.Location!.ToString().ShouldBe("/signin?confirmed=true");
        }
        (await client.PostAsJsonAsync("/account/login", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/signin?confirmed=true", Api.Cancel)).ShouldContain("Your email is confirmed: sign in.");
        (await client.GetStringAsync("/signin?confirmed=false", Api.Cancel)).ShouldContain("That link has expired or was already used.");
        using (var junk = await client.GetAsync("/signin?confirmed=junk", Api.Cancel))
        {
            junk.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await junk.Content.ReadAsStringAsync(Api.Cancel)).ShouldNotContain("role=\"status\">Your email");
        }

        // A stranger registers Ann's email and a new one, then signs in to each with their password: alike.
        var other = NewEmail();
        await Api.RegisterThenSignInAlike(client, ann, other, strangers);

        // Each address gets one message: Ann a notice (her account unchanged), the new address its link.
        var mails = new[] { await inbox.Next(), await inbox.Next() }.ToDictionary(m => m.To.Mailboxes.Single().Address);
        mails[ann].Subject.ShouldBe("Someone tried to create a Failsafe account with your email");
        mails[ann].TextBody.ShouldNotBeNull().ShouldNotContain("http");
        mails[other].Subject.ShouldBe("Confirm your Failsafe account");
        (await client.PostAsJsonAsync("/account/login", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A lost link can be sent again; the answer is the same for any address.
        (await client.PostAsJsonAsync("/account/resendConfirmationEmail", new { email = other }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await inbox.Next()).To.Mailboxes.Single().Address.ShouldBe(other);
    }

    [Theory]
    [InlineData("From", "", "Failsafe:Mail:From: '' is not an email address")]
    [InlineData("Security", "ssl3", "Failsafe:Mail:Security: 'ssl3' is not one of auto, starttls, tls, none")]
    [InlineData("Port", "70000", "Failsafe:Mail:Port: 70000 is not a port (1–65535)")]
    public void A_server_whose_mail_settings_do_not_hold_does_not_start_and_names_the_setting(string setting, string value, string problem)
    {
        using var inbox = new SmtpInbox();
        var settings = inbox.Settings();
        settings[$"Failsafe:Mail:{setting}"] = value;
        using var server = new ServerFactory(Provider.Sqlite, settings);
        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => server.CreateClient());
        refused.Message.ShouldContain(problem);
    }
}
