using Microsoft.AspNetCore.Identity;

namespace Failsafe.Server.Accounts;

public sealed record InviteInput(string? Email);

public sealed record InvitationView(long Id, string? CoachEmail, DateTime InvitedAt);

public sealed record CoachedAthleteView(int AthleteId, string? Email, DateTime Since);

public sealed record CoachView(long LinkId, string? Email, DateTime Since);

/// <summary>
/// An invitation the coach sent: <see cref="State"/> is <c>accepted</c> (then <see cref="AthleteId"/> is the athlete's id)
/// or <c>waiting</c> — also when no account has the address, or its owner declined, so that the list never tells a coach
/// who has an account.
/// </summary>
public sealed record SentInvitationView(long Id, string Email, DateTime InvitedAt, string State, int? AthleteId);

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
        g.MapPost("/invitations", Invite).ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithSummary("Invite an athlete by email. Always 202: whether the email has an account is not revealed.");
        g.MapGet("/invitations", Invitations).WithSummary("Invitations waiting for your answer.");
        g.MapGet("/invitations/sent", Sent).WithSummary("Invitations you sent, newest first, each waiting or accepted (waiting also when no account has the address).");
        g.MapDelete("/invitations/sent/{id:long}", Cancel).Produces(StatusCodes.Status204NoContent)
            .WithSummary("Cancel an invitation you sent that is still waiting (an accepted one is ended with DELETE /api/coaching/athletes/{athleteId}).");
        g.MapPost("/invitations/{id:long}/accept", Accept).Produces(StatusCodes.Status204NoContent).WithSummary("Accept a coach's invitation: the coach may then read and plan your training.");
        g.MapDelete("/invitations/{id:long}", Decline).Produces(StatusCodes.Status204NoContent).WithSummary("Decline an invitation.");
        g.MapGet("/coaches", Coaches).WithSummary("Your coaches.");
        g.MapDelete("/coaches/{linkId:long}", Revoke).Produces(StatusCodes.Status204NoContent).WithSummary("Revoke a coach's access, at once.");
        g.MapGet("/athletes", Athletes).WithSummary("The athletes you coach (their ids go in ?athlete=).");
        g.MapGet("/team", TeamSummary).Produces<Coaching.TeamView>()
            .WithSummary("Every athlete you coach at a glance, needs-attention first (?show=attention|idle, ?q= a name or email), with the team's warnings by kind, deloads, spent budgets and upcoming events.");
        g.MapDelete("/athletes/{athleteId:int}", Drop).Produces(StatusCodes.Status204NoContent).WithSummary("Stop coaching an athlete who accepted you (404 for every other id, an invitation not yet answered included).");
    }

    public static async Task<IResult> Invite(InviteInput input, HttpContext http, UserManager<Account> users, AccountsDb accounts, TimeProvider clock, IConfiguration settings, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(input?.Email) || input.Email.Length > 256 || !input.Email.Contains('@', StringComparison.Ordinal))
            return Problems.Invalid("email", "required: the athlete's email address");
        var me = AthleteAccess.AccountId(http.User);
        var email = input.Email.Trim();
        var normalized = users.NormalizeEmail(email);
        // What the coach sent is kept whether or not the address has an account: their list looks the same either way.
        if (!await accounts.SentInvitations.AnyAsync(i => i.CoachAccountId == me && i.NormalizedEmail == normalized, cancel))
        {
            if (await ListCap.Invitations.Refuses(accounts.SentInvitations.Where(i => i.CoachAccountId == me), settings, cancel) is { } full)
                return full;
            accounts.SentInvitations.Add(new SentInvitation { CoachAccountId = me, Email = email, NormalizedEmail = normalized, InvitedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await accounts.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                accounts.ChangeTracker.Clear();
            }
        }
        var athlete = await users.FindByEmailAsync(email);
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

    /// <summary>
    /// The invitations sent to <paramref name="email"/> before it had an account become waiting ones for the account now
    /// registered with it (a cancelled one was deleted, so it never does).
    /// </summary>
    public static async Task ClaimInvitations(string email, UserManager<Account> users, AccountsDb accounts, TimeProvider clock, CancellationToken cancel)
    {
        if (await users.FindByEmailAsync(email) is not { } athlete)
            return;
        var normalized = users.NormalizeEmail(email);
        var coaches = await accounts.SentInvitations.AsNoTracking()
            .Where(i => i.NormalizedEmail == normalized && i.CoachAccountId != athlete.Id)
            .Select(i => i.CoachAccountId).Distinct().ToListAsync(cancel);
        var linked = await accounts.CoachLinks.AsNoTracking().Where(l => l.AthleteAccountId == athlete.Id).Select(l => l.CoachAccountId).ToListAsync(cancel);
        foreach (var coach in coaches.Except(linked))
            accounts.CoachLinks.Add(new CoachLink { CoachAccountId = coach, AthleteAccountId = athlete.Id, InvitedAt = clock.GetUtcNow().UtcDateTime });
        await accounts.SaveChangesAsync(cancel);
    }

    public static async Task<IResult> Invitations(HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var list = await accounts.CoachLinks.AsNoTracking().Where(l => l.AthleteAccountId == me && l.AcceptedAt == null)
            .Join(accounts.Users, l => l.CoachAccountId, u => u.Id, (l, u) => new InvitationView(l.Id, u.Email, l.InvitedAt))
            .ToListAsync(cancel);
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> Sent(HttpContext http, AccountsDb accounts, FailsafeDb training, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var sent = await accounts.SentInvitations.AsNoTracking().Where(i => i.CoachAccountId == me)
            .Select(i => new
            {
                i.Id, i.Email, i.InvitedAt,
                Athlete = accounts.CoachLinks.Where(l => l.CoachAccountId == me && l.AcceptedAt != null)
                    .Join(accounts.Users, l => l.AthleteAccountId, u => u.Id, (l, u) => u)
                    .Where(u => u.NormalizedEmail == i.NormalizedEmail).Select(u => u.Id).FirstOrDefault(),
            })
            .OrderByDescending(i => i.InvitedAt).ThenByDescending(i => i.Id).ToListAsync(cancel);
        var accepted = sent.Where(s => s.Athlete is not null).Select(s => s.Athlete!).ToList();
        var profiles = accepted.Count == 0 ? [] : await training.Profiles.AsNoTracking().Where(p => p.AccountId != null && accepted.Contains(p.AccountId))
            .ToDictionaryAsync(p => p.AccountId!, p => p.Id, cancel);
        return TypedResults.Ok(sent.Select(s => s.Athlete is { } a
            ? new SentInvitationView(s.Id, s.Email, s.InvitedAt, "accepted", profiles.TryGetValue(a, out var id) ? id : null)
            : new SentInvitationView(s.Id, s.Email, s.InvitedAt, "waiting", null)).ToList());
    }

    /// <summary>Cancels a waiting invitation: the coach's record of it and the invitation the athlete would see, if any.</summary>
    public static async Task<IResult> Cancel(long id, HttpContext http, AccountsDb accounts, CancellationToken cancel)
    {
        var me = AthleteAccess.AccountId(http.User);
        var sent = await accounts.SentInvitations.FirstOrDefaultAsync(i => i.Id == id && i.CoachAccountId == me, cancel);
        if (sent is null)
            return Problems.NotFound("such invitation");
        var athlete = await accounts.Users.Where(u => u.NormalizedEmail == sent.NormalizedEmail).Select(u => u.Id).FirstOrDefaultAsync(cancel);
        if (athlete is not null && await accounts.CoachLinks.AnyAsync(l => l.CoachAccountId == me && l.AthleteAccountId == athlete && l.AcceptedAt != null, cancel))
            return Problems.Conflict("The invitation was accepted: stop coaching the athlete instead (DELETE /api/coaching/athletes/{athleteId}).");
        if (athlete is not null)
            await accounts.CoachLinks.Where(l => l.CoachAccountId == me && l.AthleteAccountId == athlete && l.AcceptedAt == null).ExecuteDeleteAsync(cancel);
        accounts.SentInvitations.Remove(sent);
        await accounts.SaveChangesAsync(cancel);
        return TypedResults.NoContent();
    }

    /// <summary>Forgets what the coach sent to the athlete once their coaching ends: it is no longer waiting for anything.</summary>
    private static Task<int> Forget(AccountsDb accounts, string coach, string athlete, CancellationToken cancel) =>
        accounts.SentInvitations.Where(i => i.CoachAccountId == coach
            && accounts.Users.Any(u => u.Id == athlete && u.NormalizedEmail == i.NormalizedEmail)).ExecuteDeleteAsync(cancel);

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
        var link = await accounts.CoachLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId && l.AthleteAccountId == me, cancel);
        var n = link is null ? 0 : await accounts.CoachLinks.Where(l => l.Id == linkId && l.AthleteAccountId == me).ExecuteDeleteAsync(cancel);
        if (n == 0)
            return Problems.NotFound("such coach");
        await Forget(accounts, link!.CoachAccountId, me, cancel);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Athletes(HttpContext http, AccountsDb accounts, FailsafeDb training, TimeProvider clock, CancellationToken cancel) =>
        TypedResults.Ok(await Coached(AthleteAccess.AccountId(http.User), accounts, training, clock, cancel));

    public static async Task<IResult> TeamSummary(
        HttpContext http, AccountsDb accounts, FailsafeDb training, Coaching.SummaryCache cache, TimeProvider clock, string? show, string? q, CancellationToken cancel)
    {
        var filter = show switch
        {
            null or "" or "all" => Coaching.TeamFilter.All,
            "attention" => Coaching.TeamFilter.Attention,
            "idle" => Coaching.TeamFilter.Idle,
            _ => (Coaching.TeamFilter?)null,
        };
        if (filter is null)
            return Problems.Invalid("show", $"'{show}' is not one of: all, attention, idle");
        return TypedResults.Ok(await Coaching.Team.Read(http.User, accounts, training, cache, clock, filter.Value, q, cancel));
    }

    /// <summary>The athletes who accepted <paramref name="me"/> as their coach, with their athlete ids (a profile is made for one who has none yet).</summary>
    public static async Task<List<CoachedAthleteView>> Coached(string me, AccountsDb accounts, FailsafeDb training, TimeProvider clock, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(clock);
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
        return list;
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
        if (n == 0)
            return Problems.NotFound("such athlete");
        await Forget(accounts, me, owner!, cancel);
        return TypedResults.NoContent();
    }
}
