using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Failsafe.Server.Accounts;

/// <summary>
/// Sign-in by password (<c>POST /account/login</c>) that tells no one whether an email has an account: an unknown
/// email costs the same password hashing as a wrong password (Identity answers it at once, 20 times faster), and
/// failures are throttled per email and source (<see cref="SignInThrottle"/>) instead of locking the account.
/// </summary>
public sealed class AccountSignIn(
    UserManager<Account> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Account> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<Account>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<Account> confirmation, SignInThrottle throttle)
    : SignInManager<Account>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>A hash of no one's password, checked against for an unknown email so that it takes a wrong password's time.</summary>
    private static string? _nobody;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var source = Limits.Source(Context);
        var cancel = Context.RequestAborted;
        if (await throttle.Locked(userName, source, cancel))
            return SignInResult.LockedOut;
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var hasher = UserManager.PasswordHasher;
            var nobody = new Account();
            _nobody ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(nobody, _nobody, password ?? "");
            await throttle.Failed(userName, source, cancel);
            return SignInResult.Failed;
        }
        // An account whose email is not confirmed yet (Failsafe:Accounts:ConfirmEmail) is answered as a wrong
        // password, after the same hashing: Identity's NotAllowed, given before it checks the password, would tell
        // whoever just registered an email whether it was new (NotAllowed) or had an account (Failed).
        if (!await CanSignInAsync(user))
        {
            await UserManager.CheckPasswordAsync(user, password ?? "");
            await throttle.Failed(userName, source, cancel);
            return SignInResult.Failed;
        }
        // Identity's own lockout is per account, so a stranger's five guesses would lock the lifter out: not used.
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        if (result.Succeeded)
            await throttle.Succeeded(userName, source, cancel);
        else
            await throttle.Failed(userName, source, cancel);
        return result;
    }
}
