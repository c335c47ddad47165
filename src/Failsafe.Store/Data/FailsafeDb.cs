using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Failsafe.Store.Data;

/// <summary>
/// The training log. SQLite by default (one file, WAL mode); nothing in the model is SQLite-only, so the
/// same model serves PostgreSQL. Every row belongs to an athlete (<see cref="IAthleteOwned"/>), so one database
/// holds many athletes' logs: read through <see cref="Mine{T}"/>, which sees only <see cref="AthleteId"/>'s rows.
/// (Explicit rather than a global query filter, because EF Core's compiled model — which saves the command line
/// most of its start-up — does not support query filters.)
/// </summary>
public class FailsafeDb : DbContext
{
    public FailsafeDb(DbContextOptions<FailsafeDb> options)
        : base(options)
    {
    }

    /// <summary>For a provider-specific subclass (its own migrations).</summary>
    protected FailsafeDb(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// The athlete (profile id) this context reads and writes: <see cref="Mine{T}"/> sees only this athlete's rows,
    /// and new rows without an owner are given this one. A personal database's athlete is its one profile.
    /// </summary>
    public int AthleteId { get; set; }

    /// <summary>The rows of <typeparamref name="T"/> that belong to <see cref="AthleteId"/>.</summary>
    public IQueryable<T> Mine<T>()
        where T : class, IAthleteOwned => Set<T>().Where(x => x.AthleteId == AthleteId);

    /// <summary>This athlete's profile row, if there is one.</summary>
    public IQueryable<ProfileRow> MyProfile => Profiles.Where(p => p.Id == AthleteId);

    public DbSet<ProfileRow> Profiles => Set<ProfileRow>();
    public DbSet<ProfileChangeRow> ProfileChanges => Set<ProfileChangeRow>();
    public DbSet<CustomExerciseRow> CustomExercises => Set<CustomExerciseRow>();
    public DbSet<SessionRow> Sessions => Set<SessionRow>();
    public DbSet<SetRow> Sets => Set<SetRow>();
    public DbSet<CheckInRow> CheckIns => Set<CheckInRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<InjuryRow> Injuries => Set<InjuryRow>();
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<DeletedSetKeyRow> DeletedSetKeys => Set<DeletedSetKeyRow>();
    public DbSet<NoteRow> Notes => Set<NoteRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FailsafeDb).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var touched = Stamp();
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        foreach (var athlete in touched)
            Touch(athlete);
        return n;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = Stamp();
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var athlete in touched)
            await TouchAsync(athlete, cancellationToken);
        return n;
    }

    /// <summary>
    /// The one statement that raises <see cref="ProfileRow.Revision"/>: an athlete's log changed, so decisions cached
    /// on the old revision are not served again. <c>{0}</c> is the athlete's parameter. Every writer of the log runs it:
    /// <see cref="SaveChanges(bool)"/> here, <see cref="Training.SetWriter"/> and the bulk import.
    /// </summary>
    public const string RaiseRevision = "UPDATE \"profiles\" SET \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = {0}";

    /// <summary>Raises <see cref="ProfileRow.Revision"/> of <paramref name="athlete"/>: their log changed.</summary>
    public void Touch(int athlete) => Database.ExecuteSqlRaw(RaiseRevision, athlete);

    public Task TouchAsync(int athlete, CancellationToken cancel = default) => Database.ExecuteSqlRawAsync(RaiseRevision, [athlete], cancel);

    /// <summary>Gives new rows their owner and raises the concurrency token of changed sessions and sets; returns the athletes whose log changes.</summary>
    private HashSet<int> Stamp()
    {
        var touched = new HashSet<int>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity is IAthleteOwned o)
                touched.Add(o.AthleteId == 0 ? AthleteId : o.AthleteId);
            if (entry.State == EntityState.Added && entry.Entity is IAthleteOwned { AthleteId: 0 } owned)
                owned.AthleteId = AthleteId;
            if (entry.State == EntityState.Added && entry.Entity is ProfileChangeRow { ProfileId: 0 } change)
                change.ProfileId = AthleteId;
            if (entry.State == EntityState.Modified)
            {
                switch (entry.Entity)
                {
                    case SessionRow session:
                        session.Version++;
                        break;
                    case SetRow set:
                        set.Version++;
                        break;
                }
            }
        }
        return touched;
    }
}

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<ProfileRow>
{
    public void Configure(EntityTypeBuilder<ProfileRow> b)
    {
        b.ToTable("profiles");
        b.Property(p => p.Name).HasMaxLength(100);
        foreach (var word in new[] { nameof(ProfileRow.FormUnderFatigue), nameof(ProfileRow.Stress), nameof(ProfileRow.Goal), nameof(ProfileRow.Split), nameof(ProfileRow.Unit), nameof(ProfileRow.Phase) })
            b.Property(word).HasMaxLength(20);
        b.Property(p => p.TrainingDays).HasMaxLength(60);
        b.Property(p => p.TimeZone).HasMaxLength(64);
        b.Property(p => p.Preset).HasMaxLength(32);
        b.Property(p => p.EquipmentJson).HasMaxLength(8000);
        b.Property(p => p.AccountId).HasMaxLength(64);
        b.HasIndex(p => p.AccountId).IsUnique();
        b.Property(p => p.CalendarFeedHash).HasMaxLength(64);
        // The calendar feed finds its athlete by the hash of the address's secret; only profiles with a feed have one.
        b.HasIndex(p => p.CalendarFeedHash).IsUnique().HasFilter("\"CalendarFeedHash\" IS NOT NULL");
    }
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<NoteRow>
{
    public void Configure(EntityTypeBuilder<NoteRow> b)
    {
        b.ToTable("notes");
        b.Property(n => n.Author).HasMaxLength(256);
        b.Property(n => n.Text).HasMaxLength(2000);
        b.HasIndex(n => new { n.AthleteId, n.Date });
    }
}

internal sealed class ProfileChangeConfiguration : IEntityTypeConfiguration<ProfileChangeRow>
{
    public void Configure(EntityTypeBuilder<ProfileChangeRow> b)
    {
        b.ToTable("profile_changes");
        b.Property(c => c.Field).HasMaxLength(40);
        b.HasIndex(c => new { c.ProfileId, c.ChangedAt });
    }
}

internal sealed class CustomExerciseConfiguration : IEntityTypeConfiguration<CustomExerciseRow>
{
    public void Configure(EntityTypeBuilder<CustomExerciseRow> b)
    {
        b.ToTable("custom_exercises");
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => new { e.AthleteId, e.Name }).IsUnique();
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<SessionRow>
{
    public void Configure(EntityTypeBuilder<SessionRow> b)
    {
        b.ToTable("sessions");
        b.Property(s => s.DayType).HasMaxLength(10);
        b.Property(s => s.Source).HasMaxLength(10);
        b.Property(s => s.ImportKey).HasMaxLength(200);
        b.Property(s => s.Feeling).HasMaxLength(10);
        b.Property(s => s.ChangesJson).HasMaxLength(8000);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.AthleteId, s.Date });
        b.HasIndex(s => new { s.AthleteId, s.ImportKey }).IsUnique();
        b.HasMany(s => s.Sets).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SetConfiguration : IEntityTypeConfiguration<SetRow>
{
    public void Configure(EntityTypeBuilder<SetRow> b)
    {
        b.ToTable("sets");
        // "custom:" and a custom exercise's name of up to LogLimits.MaxName characters.
        b.Property(s => s.ExerciseId).HasMaxLength(210);
        b.Property(s => s.ExerciseName).HasMaxLength(200);
        b.Property(s => s.Unit).HasMaxLength(2);
        b.Property(s => s.Failure).HasMaxLength(10);
        b.Property(s => s.Technique).HasMaxLength(20);
        b.HasIndex(s => new { s.SessionId, s.Order });
        b.Property(s => s.Version).IsConcurrencyToken();
        // An exercise's sets (its last session), and with the weight the heaviest of them (E3's bench sets): the query
        // reads the index from the weight up instead of every set of the exercise, whatever the planner knows.
        b.HasIndex(s => new { s.AthleteId, s.ExerciseId, s.WeightKg });
        b.Property(s => s.ClientKey).HasMaxLength(100);
        b.Property(s => s.ClientHash).HasMaxLength(64);
        // Only sets logged with a client key (over the API) need it: imported and command-line sets have none, so a
        // large import neither builds nor carries entries for them. (Unique indexes treat NULLs as distinct, so the
        // filter changes no answer, in SQLite or PostgreSQL.)
        b.HasIndex(s => new { s.AthleteId, s.ClientKey }).IsUnique().HasFilter("\"ClientKey\" IS NOT NULL");
    }
}

internal sealed class DeletedSetKeyConfiguration : IEntityTypeConfiguration<DeletedSetKeyRow>
{
    public void Configure(EntityTypeBuilder<DeletedSetKeyRow> b)
    {
        b.ToTable("deleted_set_keys");
        b.HasKey(k => new { k.AthleteId, k.ClientKey });
        b.Property(k => k.ClientKey).HasMaxLength(100);
        b.Property(k => k.ClientHash).HasMaxLength(64);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckInRow>
{
    public void Configure(EntityTypeBuilder<CheckInRow> b)
    {
        b.ToTable("checkins");
        b.HasIndex(c => new { c.AthleteId, c.Date }).IsUnique();
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<EventRow>
{
    public void Configure(EntityTypeBuilder<EventRow> b)
    {
        b.ToTable("events");
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => new { e.AthleteId, e.Date });
    }
}

internal sealed class InjuryConfiguration : IEntityTypeConfiguration<InjuryRow>
{
    public void Configure(EntityTypeBuilder<InjuryRow> b)
    {
        b.ToTable("injuries");
        b.Property(i => i.Description).HasMaxLength(500);
        b.HasIndex(i => i.AthleteId);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PlanRow>
{
    public void Configure(EntityTypeBuilder<PlanRow> b)
    {
        b.ToTable("plans");
        b.Property(p => p.Days).HasMaxLength(60);
        b.HasIndex(p => p.AthleteId);
    }
}
