using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using MimeKit;

namespace Failsafe.Server.Accounts;

/// <summary>
/// What the server emails an account holder: a new account's confirmation link, a notice to the holder of an email
/// someone tried to register again, password-reset links and codes. With a mail server configured
/// (<see cref="MailSettings"/>, <c>Failsafe:Mail:Host</c>) each message is queued and sent over SMTP by
/// <see cref="MailSender"/>, so a request never waits for the mail server and registering a new email costs the same
/// as registering a taken one. Without one, and only when <see cref="ConfirmSetting"/> is on, each message goes to the
/// server's log (warning, category <c>Failsafe.Server.Accounts.AccountMail</c>), where the operator reads it and passes
/// it on; otherwise nothing is written (no one waits for a link, and the log keeps no addresses).
/// </summary>
public sealed partial class AccountMail(ILogger<AccountMail> logger, IConfiguration settings, MailSender sender) : IEmailSender<Account>
{
    /// <summary>The setting that makes a new account confirm its email before it signs in (<see cref="Confirms"/>).</summary>
    public const string ConfirmSetting = "Failsafe:Accounts:ConfirmEmail";

    /// <summary>
    /// Whether a new account must confirm its email before it signs in: the setting when given, else on exactly when the
    /// server can send mail. With it on, neither registering nor the sign-in after it tells a stranger whether the email
    /// had an account (docs/server.md, "Who has an account").
    /// </summary>
    public static bool Confirms(IConfiguration settings) =>
        settings.GetValue<bool?>(ConfirmSetting) ?? MailSettings.Configured(settings);

    private readonly bool _sends = MailSettings.Configured(settings);

    private readonly bool _logs = !MailSettings.Configured(settings) && Confirms(settings);

    public Task SendConfirmationLinkAsync(Account user, string email, string confirmationLink) =>
        // Identity hands the link HTML-encoded, for the body of an HTML email; a text message takes the address itself.
        Send(email, "Confirm your Failsafe account", "Open this link to confirm your account (or your new email address):\n\n" + System.Net.WebUtility.HtmlDecode(confirmationLink));

    public Task SendPasswordResetLinkAsync(Account user, string email, string resetLink) =>
        Send(email, "Reset your Failsafe password", "Open this link to choose a new password:\n\n" + System.Net.WebUtility.HtmlDecode(resetLink));

    public Task SendPasswordResetCodeAsync(Account user, string email, string resetCode) =>
        Send(email, "Reset your Failsafe password", "Reset your password with this code: " + resetCode);

    /// <summary>Someone registered <paramref name="email"/>, which already has an account: its holder is told, no one else.</summary>
    public Task SendAlreadyRegistered(string email) =>
        Send(email, "Someone tried to create a Failsafe account with your email",
            "Someone tried to create an account with this email, which already has one. Nothing was changed. If it was you, sign in with your password; if you do not remember it, reset it.");

    private Task Send(string email, string subject, string text)
    {
        if (_sends)
            sender.Enqueue(email, subject, text);
        else if (_logs)
            Mail(logger, email, $"{subject}: {text}");
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to {Email} (no mail server is configured; pass it on): {Text}")]
    private static partial void Mail(ILogger logger, string email, string text);
}

/// <summary>
/// The mail server account mail goes through (<c>Failsafe:Mail</c>): <c>Host</c> (none: no mail is sent),
/// <c>Port</c> (587), <c>Security</c> (<c>auto</c>: STARTTLS when the server offers it; <c>starttls</c>, <c>tls</c>
/// for TLS from the first byte, usually port 465; <c>none</c>), <c>User</c> and <c>Password</c> (none: no
/// authentication), <c>From</c> (required with a host: the sender's address, e.g. <c>Failsafe &lt;noreply@gym.example&gt;</c>).
/// </summary>
public sealed class MailSettings
{
    public const string Section = "Failsafe:Mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string Security { get; set; } = "auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    public static bool Configured(IConfiguration settings) => !string.IsNullOrWhiteSpace(settings[$"{Section}:Host"]);

    /// <summary>What is wrong with the settings, naming the setting; null when they hold (or no host is set).</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Host))
            return null;
        if (Port is < 1 or > 65535)
            return $"{Section}:Port: {Port} is not a port (1–65535)";
        if (SecureOptions is null)
            return $"{Section}:Security: '{Security}' is not one of auto, starttls, tls, none";
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out _))
            return $"{Section}:From: '{From}' is not an email address; the mail a server sends needs its sender (e.g. Failsafe <noreply@gym.example>)";
        return null;
    }

    /// <summary>Refuses to start a server whose mail settings do not hold, naming the setting.</summary>
    public sealed class Validation : Microsoft.Extensions.Options.IValidateOptions<MailSettings>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, MailSettings options) =>
            options?.Problem() is { } problem ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem) : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }

    internal SecureSocketOptions? SecureOptions => Security.ToLowerInvariant() switch
    {
        "auto" => SecureSocketOptions.Auto,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => null,
    };
}

/// <summary>
/// Sends queued account mail over SMTP (MailKit), one message at a time, in the background. A message the mail server
/// refuses or cannot take is tried again after 10 s and 60 s, then logged as not sent (an error naming the address,
/// not the link). The queue holds at most 10,000 messages; past that a message is dropped and logged (registration
/// is rate-limited per address, so only a flood of sources could fill it).
/// </summary>
public sealed partial class MailSender(Microsoft.Extensions.Options.IOptions<MailSettings> options, ILogger<MailSender> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    internal void Enqueue(string email, string subject, string text)
    {
        var settings = options.Value;
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(MailboxAddress.Parse(email));
        if (!_queue.Writer.TryWrite(message))
            Dropped(logger, email);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await Send(message, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt == Retries.Length)
                    {
                        NotSent(logger, message.To.ToString(), ex);
                        break;
                    }
                    NotSentYet(logger, message.To.ToString(), Retries[attempt].TotalSeconds, ex);
                    await Task.Delay(Retries[attempt], stoppingToken);
                }
            }
        }
    }

    private async Task Send(MimeMessage message, CancellationToken cancel)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.SecureOptions!.Value, cancel);
        if (!string.IsNullOrEmpty(settings.User))
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancel);
        await client.SendAsync(message, cancel);
        await client.DisconnectAsync(true, cancel);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail to {Email} was not sent: the mail server did not take it")]
    private static partial void NotSent(ILogger logger, string email, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to {Email} was not sent yet: the mail server did not take it; trying again in {Seconds} s")]
    private static partial void NotSentYet(ILogger logger, string email, double seconds, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail to {Email} was dropped: 10,000 messages wait to be sent")]
    private static partial void Dropped(ILogger logger, string email);
}
