using Failsafe.Server.Transfer;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.Accounts;

public sealed record AccountView(string AccountId, string? Email, int AthleteId);

public sealed record AntiforgeryToken(string Token, string HeaderName);

public sealed record DeleteAccountInput(string? Password);

/// <summary>
/// Accounts: registration and sign-in (ASP.NET Core Identity: cookie for browsers, bearer tokens for apps), who
/// am I, the antiforgery token for cookie clients, the export of everything an account holds, and deleting it.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account").AddEndpointFilter(TextWithoutNul.Filter);
        // register, login (?useCookies=true for a browser), refresh, manage/info …
        var identity = account.MapIdentityApi<Account>();
        identity.LimitIdentity();
        identity.AddEndpointFilter(RegisterAlike);
        identity.AddEndpointFilter(ConfirmedToSignIn);
        account.MapPost("/logout", async (SignInManager<Account> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization().Produces(StatusCodes.Status204NoContent).WithSummary("Sign a browser out (clears the cookie).");
        account.MapGet("/me", Me).RequireAuthorization().WithSummary("The signed-in account and its athlete id.");
        account.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, Antiforgery.HeaderName));
        }).RequireAuthorization().WithSummary("The token a cookie-signed-in browser sends in X-XSRF-TOKEN with every change.");
        account.MapGet("/export", Export).RequireAuthorization().WithSummary("Everything this account holds, as one JSON document.");
        account.MapDelete("/", Delete).RequireAuthorization().Produces(StatusCodes.Status204NoContent).WithSummary("Delete this account and all its data for good (needs the password).");
    }

    /// <summary>The errors Identity gives for an email that already has an account.</summary>
    private static readonly string[] Taken = ["DuplicateUserName", "DuplicateEmail"];

    /// <summary>
    /// <c>POST /account/register</c> answers an email that already has an account exactly as a new one (200, no body):
    /// Identity's "Username '…' is already taken." told anyone which emails have accounts. Both paths hash the password
    /// (Identity checks and hashes it before it looks for the email), and a password that breaks a rule is refused
    /// alike for both. The person who already has an account is sent a notice (<see cref="AccountMail"/>), and learns
    /// it too by signing in with their password (docs/server.md, "Who has an account").
    /// </summary>
    private static async ValueTask<object?> RegisterAlike(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (!context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.RegisterRequest>().Any())
            return result;
        var inner = result is Microsoft.AspNetCore.Http.INestedHttpResult nested ? nested.Result : result;
        if (inner is Microsoft.AspNetCore.Http.HttpResults.Ok)
        {
            // A new account: the invitations coaches sent to its address before it existed now wait for its answer.
            var services = context.HttpContext.RequestServices;
            await CoachingEndpoints.ClaimInvitations(context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.RegisterRequest>().First().Email,
                services.GetRequiredService<UserManager<Account>>(), services.GetRequiredService<AccountsDb>(), services.GetRequiredService<TimeProvider>(),
                context.HttpContext.RequestAborted);
            return result;
        }
        if (inner is not Microsoft.AspNetCore.Http.HttpResults.ValidationProblem { ProblemDetails.Errors: var errors } || !errors.Keys.Any(Taken.Contains))
            return result;
        var rest = errors.Where(e => !Taken.Contains(e.Key)).ToDictionary();
        if (rest.Count > 0)
            return TypedResults.ValidationProblem(rest);
        // The holder of the account learns of it, privately (AccountMail); the answer is a new account's.
        var email = context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.RegisterRequest>().First().Email;
        await context.HttpContext.RequestServices.GetRequiredService<AccountMail>().SendAlreadyRegistered(email);
        return TypedResults.Ok();
    }

    /// <summary>
    /// The confirmation link is opened in a browser: rather than Identity's bare text ("Thank you for confirming your
    /// email.") or 401, it leads to the sign-in page, which says whether the email was confirmed.
    /// </summary>
    private static async ValueTask<object?> ConfirmedToSignIn(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Value!.EndsWith("/confirmEmail", StringComparison.OrdinalIgnoreCase))
            return result;
        var inner = result is Microsoft.AspNetCore.Http.INestedHttpResult nested ? nested.Result : result;
        return TypedResults.Redirect(inner is Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult ? "/signin?confirmed=true" : "/signin?confirmed=false");
    }

    public static async Task<IResult> Me(HttpContext http, AthleteAccess athletes, UserManager<Account> users, CancellationToken cancel)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
            return TypedResults.Unauthorized();
        return TypedResults.Ok(new AccountView(user.Id, user.Email, await athletes.Own(http.User, cancel)));
    }

    public static async Task<IResult> Export(HttpContext http, AthleteAccess athletes, UserManager<Account> users, FailsafeDb db, AccountsDb accounts, TimeProvider clock, CancellationToken cancel)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
            return TypedResults.Unauthorized();
        db.AthleteId = await athletes.Own(http.User, cancel);
        var links = await accounts.CoachLinks.AsNoTracking().Where(l => l.CoachAccountId == user.Id || l.AthleteAccountId == user.Id).ToListAsync(cancel);
        return TypedResults.Stream(body => AccountExport.Write(db, user, links, body, cancel), "application/json", $"failsafe-account-{athletes.Today(clock):yyyyMMdd}.json");
    }

    public static async Task<IResult> Delete(
        [Microsoft.AspNetCore.Mvc.FromBody] DeleteAccountInput input, HttpContext http, AthleteAccess athletes, UserManager<Account> users, SignInManager<Account> signIn,
        FailsafeDb db, AccountsDb accounts, CancellationToken cancel)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
            return TypedResults.Unauthorized();
        if (string.IsNullOrEmpty(input?.Password))
            return Problems.Invalid("password", "required: deleting an account is confirmed with its password");
        if (!await users.CheckPasswordAsync(user, input.Password))
            return Problems.Invalid("password", "does not match this account's password");

        // The training log first, then the links, then the account: a failure part-way leaves an account that can retry.
        var athlete = await athletes.Own(http.User, cancel);
        await using var erase = await SqliteErasure.Start(cancel, db, accounts);
        await db.Sets.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.DeletedSetKeys.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.Sessions.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.CheckIns.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.Events.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.Notes.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.Injuries.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.Plans.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.CustomExercises.Where(s => s.AthleteId == athlete).ExecuteDeleteAsync(cancel);
        await db.ProfileChanges.Where(s => s.ProfileId == athlete).ExecuteDeleteAsync(cancel);
        await db.Profiles.Where(p => p.Id == athlete).ExecuteDeleteAsync(cancel);
        await accounts.CoachLinks.Where(l => l.CoachAccountId == user.Id || l.AthleteAccountId == user.Id).ExecuteDeleteAsync(cancel);
        var result = await users.DeleteAsync(user);
        await erase.Finish(cancel);
        if (!result.Succeeded)
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Account not deleted", detail: string.Join("; ", result.Errors.Select(e => e.Description)));
        if (!await Antiforgery.ByBearer(http))
            await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
