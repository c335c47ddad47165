using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.Accounts;

/// <summary>
/// The password rule, in one place for Identity's options, the check of common passwords and the API's document:
/// at least <see cref="MinLength"/> characters with a digit and a lowercase letter, and not a common password.
/// </summary>
public static class PasswordRule
{
    public const int MinLength = 10;

    /// <summary>The rule in words, as the API document gives it.</summary>
    public const string Text =
        "at least 10 characters with a digit and a lowercase letter, and not a common password or a simple variation of one (such as password1234 or 1q2w3e4r5t)";

    public static void Apply(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinLength;
        options.RequireDigit = true;
        options.RequireLowercase = true;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
    }
}

/// <summary>
/// Refuses a common password at registration and at every change of password (Identity runs its password
/// validators in both). The judge is zxcvbn (Dropbox's password-strength estimator, the zxcvbn-core port): it matches
/// the password against its bundled lists — the most common passwords (from leaked password sets), names, English
/// words — and against keyboard patterns, sequences, repeats and dates, with l33t substitutions, and the account's
/// email. A password it scores 0, its lowest ("too guessable": found within about a hundred seconds of guessing at
/// ten thousand guesses a second), is refused; the length rule alone let <c>password1234</c> through.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    public const string Code = "PasswordTooCommon";

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        var email = user?.Email ?? user?.UserName;
        var inputs = email is null ? [] : new[] { email, email.Split('@')[0] };
        return Task.FromResult(Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score > 0
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = "The password is a common one or a simple variation of one (such as password1234 or 1q2w3e4r5t): choose a longer or less predictable one, such as a few unrelated words with a digit.",
            }));
    }
}
