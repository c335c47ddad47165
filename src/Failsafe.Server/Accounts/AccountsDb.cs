using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Failsafe.Server.Accounts;

/// <summary>A person who signs in. Their training log is the <see cref="ProfileRow"/> whose AccountId is this id.</summary>
public sealed class Account : IdentityUser
{
    /// <summary>When the account was made (UTC); stamped by <see cref="AccountsDb"/> as it is first saved.</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>A coach's invitation to an athlete, and — once accepted — the coach's access to the athlete's log.</summary>
public sealed class CoachLink
{
    public long Id { get; set; }
    public string CoachAccountId { get; set; } = "";
    public string AthleteAccountId { get; set; } = "";
    public DateTime InvitedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}

/// <summary>
/// An invitation as the coach sent it: kept whether or not the email has an account, so the coach's list of sent
/// invitations looks the same either way (<see cref="CoachLink"/> is made only for an account). Deleted with the coach's
/// account, when the coach cancels it, and when the coaching it led to ends.
/// </summary>
public sealed class SentInvitation
{
    public long Id { get; set; }
    public string CoachAccountId { get; set; } = "";

    /// <summary>The address as the coach typed it (trimmed).</summary>
    public string Email { get; set; } = "";

    /// <summary>The address as Identity normalizes it: what it is matched to an account by.</summary>
    public string NormalizedEmail { get; set; } = "";
    public DateTime InvitedAt { get; set; }
}

/// <summary>
/// Accounts (ASP.NET Core Identity), coaching links and the Data Protection key ring — kept in
/// the same database as the training log (<see cref="FailsafeDb"/>), so every server instance shares them.
/// </summary>
public class AccountsDb : IdentityDbContext<Account>, IDataProtectionKeyContext
{
    public const string HistoryTable = "__AccountsMigrationsHistory";

    private readonly TimeProvider _clock;

    public AccountsDb(DbContextOptions<AccountsDb> options, TimeProvider clock)
        : base(options) => _clock = clock;

    /// <summary>For a provider-specific subclass (its own migrations).</summary>
    protected AccountsDb(DbContextOptions options, TimeProvider clock)
        : base(options) => _clock = clock;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New accounts get their creation time (Identity's register endpoint makes them; it sets no time).</summary>
    private void Stamp()
    {
        foreach (var entry in ChangeTracker.Entries<Account>())
        {
            if (entry.State == EntityState.Added && entry.Entity.CreatedAt == default)
                entry.Entity.CreatedAt = _clock.GetUtcNow().UtcDateTime;
        }
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CoachLink> CoachLinks => Set<CoachLink>();
    public DbSet<SentInvitation> SentInvitations => Set<SentInvitation>();
    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<CoachLink>(b =>
        {
            b.ToTable("coach_links");
            b.Property(l => l.CoachAccountId).HasMaxLength(64);
            b.Property(l => l.AthleteAccountId).HasMaxLength(64);
            b.HasIndex(l => new { l.CoachAccountId, l.AthleteAccountId }).IsUnique();
            b.HasIndex(l => l.AthleteAccountId);
        });
        builder.Entity<SentInvitation>(b =>
        {
            b.ToTable("coach_invitations");
            b.Property(i => i.CoachAccountId).HasMaxLength(64);
            b.Property(i => i.Email).HasMaxLength(256);
            b.Property(i => i.NormalizedEmail).HasMaxLength(256);
            b.HasIndex(i => new { i.CoachAccountId, i.NormalizedEmail }).IsUnique();
            b.HasOne<Account>().WithMany().HasForeignKey(i => i.CoachAccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SignInFailures>(b =>
        {
            b.ToTable("sign_in_failures");
            b.HasKey(f => f.Key);
            b.Property(f => f.Key).HasMaxLength(64);
            b.HasIndex(f => f.LastFailure);
        });
    }
}

/// <summary>The accounts on PostgreSQL (its own migrations).</summary>
public sealed class PostgresAccountsDb(DbContextOptions<PostgresAccountsDb> options, TimeProvider clock) : AccountsDb(options, clock);

// Design-time factories for `dotnet ef migrations add … --context AccountsDb|PostgresAccountsDb` (no database is opened).
internal sealed class AccountsDesignFactory : IDesignTimeDbContextFactory<AccountsDb>
{
    public AccountsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccountsDb>().UseSqlite("Data Source=design.db", x => x.MigrationsHistoryTable(AccountsDb.HistoryTable)).Options, TimeProvider.System);
}

internal sealed class PostgresAccountsDesignFactory : IDesignTimeDbContextFactory<PostgresAccountsDb>
{
    public PostgresAccountsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAccountsDb>().UseNpgsql("Host=localhost", x => x.MigrationsHistoryTable(AccountsDb.HistoryTable)).Options, TimeProvider.System);
}
