using System.Security.Claims;
using Failsafe.Server.Accounts;

namespace Failsafe.Server.Athletes;

/// <summary>What a request does with an athlete's log.</summary>
public enum Access
{
    /// <summary>Read the log, plans and advice: the athlete and their coaches.</summary>
    Read,

    /// <summary>Plan, schedule and check in on their behalf: the athlete and their coaches.</summary>
    Plan,

    /// <summary>Change what was logged (sets, sessions, imports) or the profile: the athlete only.</summary>
    Log,
}

/// <summary>
/// Decides whose log a request works on. Every data endpoint takes an optional <c>?athlete=ID</c>: without it,
/// the caller's own log (created on first use); with it, that athlete's log if the caller is that athlete or a
/// coach the athlete accepted. Anyone else gets 404 — the same answer as for an athlete that does not exist, so
/// nobody learns who is there. A coach asking to change logged sets gets 403.
/// </summary>
public sealed class AthleteAccess(IServiceProvider services, ProfileLookup profiles, TimeProvider clock)
{
    /// <summary>The request's training context, once something asked for one (see <see cref="Attach"/>).</summary>
    private FailsafeDb? _training;

    /// <summary>The request's training context: created on first use, so a request answered from cache creates none.</summary>
    private FailsafeDb Training => _training ?? services.GetRequiredService<FailsafeDb>();

    private AccountsDb Accounts => services.GetRequiredService<AccountsDb>();

    public const string Parameter = "athlete";

    /// <summary>What <see cref="Own"/> answers for a token whose account was deleted.</summary>
    public const int NoAccount = 0;

    /// <summary>The answer to a request signed in as an account that no longer exists.</summary>
    public static IResult Gone() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "The account these credentials belong to no longer exists.");

    /// <summary>The athlete (profile id) the request works on, once resolved.</summary>
    public int AthleteId { get; private set; }

    /// <summary>True when the caller works on their own log.</summary>
    public bool Self { get; private set; }

    /// <summary>The athlete's <see cref="ProfileRow.Revision"/> when resolved: what cached decisions are keyed on.</summary>
    public long Revision { get; private set; }

    /// <summary>The athlete's unit (kg or lb) when resolved: the unit of weights given without one.</summary>
    public string Unit { get; private set; } = "kg";

    /// <summary>The athlete's time zone (IANA id) when resolved; null when their profile has none (then UTC).</summary>
    public string? TimeZone { get; private set; }

    /// <summary>The athlete's date now: in their time zone, else UTC. What "today" means for every request without a date.</summary>
    public DateOnly Today(TimeProvider clock) => LocalDay.Today(clock, TimeZone ?? "Etc/UTC");

    public static string AccountId(ClaimsPrincipal user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not signed in.");

    /// <summary>
    /// The caller's own athlete id, creating their profile on first use; <see cref="NoAccount"/> when the account no
    /// longer exists (a bearer token outlives a deleted account, and must not bring its log back).
    /// </summary>
    public async Task<int> Own(ClaimsPrincipal user, CancellationToken cancel)
    {
        var account = AccountId(user);
        if (await profiles.ByAccount(account, cancel) is { } found)
        {
            (Revision, Unit, TimeZone) = (found.Revision, found.Unit, found.TimeZone);
            return found.Id;
        }
        if (!await Accounts.Users.AnyAsync(u => u.Id == account, cancel))
            return NoAccount;
        var name = user.FindFirstValue(ClaimTypes.Name) ?? "athlete";
        var row = new ProfileRow { AccountId = account, Name = name.Length > 100 ? name[..100] : name, UpdatedAt = clock.GetUtcNow().UtcDateTime };
        var training = Training;
        training.Profiles.Add(row);
        try
        {
            await training.SaveChangesAsync(cancel);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            // Two first requests at once: the other one created it.
            training.ChangeTracker.Clear();
            return await training.Profiles.Where(p => p.AccountId == account).Select(p => p.Id).SingleAsync(cancel);
        }
    }

    /// <summary>
    /// Resolves the athlete for <paramref name="access"/>: <paramref name="athlete"/> when given (a coach's page,
    /// <c>/athletes/{id}/…</c>), else <c>?athlete=</c>; null when allowed, else the problem to return.
    /// </summary>
    public async Task<IResult?> Resolve(HttpContext context, Access access, int? athlete = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancel = context.RequestAborted;
        var text = athlete is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : context.Request.Query[Parameter].ToString();
        if (text.Length == 0 || text == "me")
        {
            var own = await Own(context.User, cancel);
            if (own == NoAccount)
                return Gone();
            Set(own, true);
            return null;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requested) || requested <= 0)
            return Problems.Invalid(Parameter, $"'{text}' is not an athlete id (a positive whole number, or 'me')");

        var me = AccountId(context.User);
        var profile = await Training.Profiles.Where(p => p.Id == requested).Select(p => new { p.AccountId, p.Revision, p.Unit, p.TimeZone }).FirstOrDefaultAsync(cancel);
        if (profile?.AccountId is not { } owner)
            return Problems.NotFound("such athlete");
        (Revision, Unit, TimeZone) = (profile.Revision, profile.Unit, profile.TimeZone);
        if (owner == me)
        {
            Set(requested, true);
            return null;
        }
        var coached = await Accounts.CoachLinks.AnyAsync(l => l.CoachAccountId == me && l.AthleteAccountId == owner && l.AcceptedAt != null, cancel);
        if (!coached)
            return Problems.NotFound("such athlete");
        if (access == Access.Log)
            return Problems.Forbidden("A coach reads and plans an athlete's training but cannot change what the athlete logged.");
        Set(requested, false);
        return null;
    }

    private void Set(int athlete, bool self)
    {
        AthleteId = athlete;
        Self = self;
        _training?.AthleteId = athlete;
    }

    /// <summary>
    /// Called as the request's <see cref="FailsafeDb"/> is created (see <c>ServerDatabase.AddTo</c>): it sees only the
    /// resolved athlete's rows, also when it was created before the athlete was resolved (handler arguments are
    /// bound before endpoint filters run).
    /// </summary>
    internal FailsafeDb Attach(FailsafeDb training)
    {
        ArgumentNullException.ThrowIfNull(training);
        _training = training;
        training.AthleteId = AthleteId;
        return training;
    }
}

public static class AthleteAccessExtensions
{
    /// <summary>
    /// Resolves <c>?athlete=</c> for <paramref name="access"/> before the handler runs; the handler's
    /// <see cref="FailsafeDb"/> then sees only that athlete. The handler does not take the parameter: it is declared
    /// here, for the OpenAPI document.
    /// </summary>
    public static TBuilder ForAthlete<TBuilder>(this TBuilder builder, Access access)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .AddOpenApiOperationTransformer((operation, context, _) => ApiDocument.DescribeAthlete(operation, context, access))
            .AddEndpointFilter(async (context, next) =>
            {
                var athletes = context.HttpContext.RequestServices.GetRequiredService<AthleteAccess>();
                return await athletes.Resolve(context.HttpContext, access) ?? await next(context);
            });
}
