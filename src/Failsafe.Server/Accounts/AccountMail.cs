using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.Accounts;

/// <summary>
/// What the server would email an account holder. The server has no mail transport: each message goes to the
/// server's log (warning level, category <c>Failsafe.Server.Accounts.AccountMail</c>), where the operator reads it
/// and passes it on. Only when <see cref="ConfirmSetting"/> is on: a new account signs in only after its
/// confirmation link is opened, and a registration of an email that has an account sends that account a notice
/// instead, so neither registration nor the sign-in after it tells a stranger whether the email had an account.
/// </summary>
public sealed partial class AccountMail(ILogger<AccountMail> logger, IConfiguration settings) : IEmailSender<Account>
{
    /// <summary>The setting that makes a new account confirm its email before it signs in (default off).</summary>
    public const string ConfirmSetting = "Failsafe:Accounts:ConfirmEmail";

    /// <summary>Off, nothing is "sent": no one waits for a link, and the log keeps no addresses.</summary>
    private readonly bool _on = settings.GetValue(ConfirmSetting, false);

    public Task SendConfirmationLinkAsync(Account user, string email, string confirmationLink)
    {
        // Identity hands the link HTML-encoded, for the body of an HTML email; the log gets the address itself.
        Sent(logger, email, "confirm the account (or a new email address): open " + System.Net.WebUtility.HtmlDecode(confirmationLink));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(Account user, string email, string resetLink)
    {
        Sent(logger, email, "reset the password: open " + System.Net.WebUtility.HtmlDecode(resetLink));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(Account user, string email, string resetCode)
    {
        Sent(logger, email, "reset the password with the code " + resetCode);
        return Task.CompletedTask;
    }

    /// <summary>Someone registered <paramref name="email"/>, which already has an account: its holder is told, no one else.</summary>
    public void SendAlreadyRegistered(string email) =>
        Sent(logger, email, "someone tried to create an account with this email, which already has one: sign in with its password (nothing was changed)");

    private void Sent(ILogger logger, string email, string text)
    {
        if (_on)
            Mail(logger, email, text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to {Email} (the server sends no email; pass it on): {Text}")]
    private static partial void Mail(ILogger logger, string email, string text);
}
