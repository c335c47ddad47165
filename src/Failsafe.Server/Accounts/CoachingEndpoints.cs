using Failsafe.Server.Athletes;
using Failsafe.Server.Web;
using Failsafe.Store.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Server.Accounts;

public sealed record InviteInput(string? Email);

public sealed record InvitationView(long Id, string? CoachEmail, DateTime InvitedAt);

public sealed record CoachedAthleteView(int AthleteId, string? Email, DateTime Since);

public sealed record CoachView(long LinkId, string? Email, DateTime Since);

/// <summary>
/// Coaching: a coach invites an athlete by email; the athlete accepts (or declines); from then on the coach reads
/// and plans for the athlete (<c>?athlete=ID</c> on every data endpoint) until either ends it. Every account can be
/// both: an athlete of its own log and a coach of others.
/// </summary>
public static class CoachingEndpoints
{
    public static void MapCoaching(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/coaching").WithTags("Coaching");
        // A token outlives a deleted account: it must neither read links nor make new ones for an account that is gone.
        g.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var me = AthleteAccess.AccountId(http.User);
            var accounts = http.RequestServices.GetRequiredService<AccountsDb>();
            return await accounts.Users.AnyAsync(u => u.Id == me, http.RequestAborted) ? await next(context) : AthleteAccess.Gone();
        });
        g.MapPost("/invitations", Invite).WithSummary("Invite an athlete by email. Always 202: whether the email has an account is not revealed.");
        g.MapGet("/invitations", Invitations).WithSummary("Invitations waiting for your answer.");
        g.MapPost("/invitations/{id:long}/accept", Accept).Produces(StatusCodes.Status204NoContent).WithSummary("Accept a coach's invitation: the coach may then read and plan your training.");
        g.MapDelete("/invitations/{id:long}", Decline).Produces(StatusCodes.Status204NoContent).WithSummary("Decline an invitation.");
        g.MapGet("/coaches", Coaches).WithSummary("Your coaches.");
        g.MapDelete("/coaches/{linkId:long}", Revoke).Produces(StatusCodes.Status204NoContent).WithSummary("Revoke a coach's access, at once.");
        g.MapGet("/athletes", Athletes).WithSummary("The athletes you coach (their ids go in ?athlete=).");
        g.MapDelete("/athletes/{athleteId:int}", Drop).Produces(StatusCodes.Status204NoContent).WithSummary("Stop coaching an athlete who accepted you (404 for every other id, an invitation not yet answered included).");
    }

    public static async Task<IResult> Invite(InviteInput input, HttpContext http, UserManager<Account> users, AccountsDb accounts, TimeProvider clock, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(input?.Email) || input.Email.Length > 256 || !input.Email.Contains('@', StringComparison.Ordinal))
            return Problems.Invalid("email", "required: the athlete's email address");
        var me = AthleteAccess.AccountId(http.User);
        var athlete = await users.FindByEmailAsync(input.Email.Trim());
        if (athlete is not null && athlete.Id != me
            && !await accounts.CoachLinks.AnyAsync(l => l.CoachAccountId == me && l.AthleteAccountId == athlete.Id, cancel))
        {
            accounts.CoachLinks.Add(new CoachLink { CoachAccountId = me, AthleteAccountId = athlete.Id, InvitedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await accounts.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                // The same invitation twice at once: one is enough.
            }
        }
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<IResult> Invitations(HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var list = await accounts.CoachLinks.AsNoTracking().Where(l => l.AthleteAccountId == me && l.AcceptedAt == null)
            .Join(accounts.Users, l => l.CoachAccountId, u => u.Id, (l, u) => new InvitationView(l.Id, u.Email, l.InvitedAt))
            .ToListAsync(cancel);
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> Accept(long id, HttpContext http, AccountsDb accounts, TimeProvider clock, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var link = await accounts.CoachLinks.FirstOrDefaultAsync(l => l.Id == id && l.AthleteAccountId == me, cancel);
        if (link is null)
            return Problems.NotFound("such invitation");
        link.AcceptedAt ??= clock.GetUtcNow().UtcDateTime;
        await accounts.SaveChangesAsync(cancel);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Decline(long id, HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var n = await accounts.CoachLinks.Where(l => l.Id == id && l.AthleteAccountId == me && l.AcceptedAt == null).ExecuteDeleteAsync(cancel);
        return n == 0 ? Problems.NotFound("such invitation") : TypedResults.NoContent();
    }

    public static async Task<IResult> Coaches(HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var list = await accounts.CoachLinks.AsNoTracking().Where(l => l.AthleteAccountId == me && l.AcceptedAt != null)
            .Join(accounts.Users, l => l.CoachAccountId, u => u.Id, (l, u) => new CoachView(l.Id, u.Email, l.AcceptedAt!.Value))
            .ToListAsync(cancel);
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> Revoke(long linkId, HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var n = await accounts.CoachLinks.Where(l => l.Id == linkId && l.AthleteAccountId == me).ExecuteDeleteAsync(cancel);
        return n == 0 ? Problems.NotFound("such coach") : TypedResults.NoContent();
    }

    public static async Task<IResult> Athletes(HttpContext http, AccountsDb accounts, FailsafeDb training, TimeProvider clock, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var links = await accounts.CoachLinks.AsNoTracking().Where(l => l.CoachAccountId == me && l.AcceptedAt != null)
            .Join(accounts.Users, l => l.AthleteAccountId, u => u.Id, (l, u) => new { u.Id, u.Email, Since = l.AcceptedAt!.Value })
            .ToListAsync(cancel);
        var ids = links.Select(l => l.Id).ToList();
        var profiles = await training.Profiles.AsNoTracking().Where(p => p.AccountId != null && ids.Contains(p.AccountId))
            .ToDictionaryAsync(p => p.AccountId!, p => p.Id, cancel);
        var list = new List<CoachedAthleteView>();
        foreach (var l in links)
        {
            // An athlete who never opened their log has no profile yet: make it, so the coach can plan for them.
            if (!profiles.TryGetValue(l.Id, out var athleteId))
            {
                var row = new ProfileRow { AccountId = l.Id, Name = l.Email ?? "athlete", UpdatedAt = clock.GetUtcNow().UtcDateTime };
                training.Profiles.Add(row);
                await training.SaveChangesAsync(cancel);
                athleteId = row.Id;
            }
            list.Add(new CoachedAthleteView(athleteId, l.Email, l.Since));
        }
        return TypedResults.Ok(list);
    }

    /// <summary>
    /// Ends an accepted link only. An invitation the athlete has not answered stays theirs to accept or decline: were
    /// it dropped here too, the answer (204 at the invited account's id, 404 elsewhere) would tell the coach which
    /// emails have accounts, which the invitation's "always 202" keeps secret.
    /// </summary>
    public static async Task<IResult> Drop(int athleteId, HttpContext http, AccountsDb accounts, FailsafeDb training, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var owner = await training.Profiles.Where(p => p.Id == athleteId).Select(p => p.AccountId).FirstOrDefaultAsync(cancel);
        var n = owner is null ? 0 : await accounts.CoachLinks.Where(l => l.CoachAccountId == me && l.AthleteAccountId == owner && l.AcceptedAt != null).ExecuteDeleteAsync(cancel);
        return n == 0 ? Problems.NotFound("such athlete") : TypedResults.NoContent();
    }
}
