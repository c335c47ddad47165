using System.Security.Cryptography;
using System.Text;

namespace Failsafe.Server.Accounts;

/// <summary>Failed sign-ins counted under one key: an email from one source, or one source whatever the email.</summary>
public sealed class SignInFailures
{
    /// <summary>SHA-256 (hex) of what is counted: neither the email nor the address is stored.</summary>
    public string Key { get; set; } = "";
    public int Failures { get; set; }
    public DateTime LastFailure { get; set; }
    public DateTime? LockedUntil { get; set; }
}

/// <summary>
/// Failed passwords slow down the one who fails, not the account: counted per email <b>and</b> source (the client's
/// address, <see cref="Web.Limits.Source"/>) — five within 15 minutes lock that email for that source for 15
/// minutes — and per source over every email — fifty within an hour lock that source out of signing in for an hour.
/// A stranger's failures therefore never lock the lifter out from the lifter's own phone, and the counting is
/// keyed by the email as typed, so an email without an account is locked exactly like one with: "LockedOut" says
/// nothing about who has an account. Rows live in the database (every instance counts together) and are swept a
/// day after their last failure.
/// </summary>
public sealed class SignInThrottle(AccountsDb db, TimeProvider clock)
{
    public const int PerEmailAndSource = 5;
    public static readonly TimeSpan EmailWindow = TimeSpan.FromMinutes(15);
    public const int PerSource = 50;
    public static readonly TimeSpan SourceWindow = TimeSpan.FromHours(1);

    private static string Key(string? email, string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{email?.Trim().ToUpperInvariant()}\n{source}")));

    /// <summary>Whether <paramref name="email"/> may not try to sign in from <paramref name="source"/> now.</summary>
    public async Task<bool> Locked(string? email, string source, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = new[] { Key(email, source), Key(null, source) };
        return await db.SignInFailures.AnyAsync(f => keys.Contains(f.Key) && f.LockedUntil != null && f.LockedUntil > now, cancel);
    }

    /// <summary>Counts a failure for the email from the source and for the source; locks either that reaches its limit.</summary>
    public async Task Failed(string? email, string source, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Count(Key(email, source), PerEmailAndSource, EmailWindow, now, cancel);
        await Count(Key(null, source), PerSource, SourceWindow, now, cancel);
        var stale = now.AddDays(-1);
        await db.SignInFailures.Where(f => f.LastFailure < stale && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(cancel);
    }

    /// <summary>A right password from the source clears the email's count there (the source's own count stays).</summary>
    public async Task Succeeded(string? email, string source, CancellationToken cancel)
    {
        var key = Key(email, source);
        await db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(cancel);
    }

    /// <summary>One statement adds the failure (a count older than the window starts again), so racing failures all count.</summary>
    private async Task Count(string key, int limit, TimeSpan window, DateTime now, CancellationToken cancel)
    {
        var since = now - window;
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO "sign_in_failures" ("Key", "Failures", "LastFailure") VALUES ({key}, 1, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "sign_in_failures"."LastFailure" < {since} THEN 1 ELSE "sign_in_failures"."Failures" + 1 END,
                "LastFailure" = {now}
            RETURNING "Failures" AS "Value"
            """).ToListAsync(cancel);
        if (failures.Single() >= limit)
        {
            var until = now + window;
            await db.SignInFailures.Where(f => f.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, until).SetProperty(f => f.Failures, 0), cancel);
        }
    }
}
