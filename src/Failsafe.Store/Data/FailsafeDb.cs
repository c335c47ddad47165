using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Failsafe.Store.Data;

/// <summary>
/// The training log. SQLite by default (one file, WAL mode); nothing in the model is SQLite-only, so the
/// same model serves PostgreSQL.
/// </summary>
public sealed class FailsafeDb(DbContextOptions<FailsafeDb> options) : DbContext(options)
{
    public DbSet<ProfileRow> Profiles => Set<ProfileRow>();
    public DbSet<ProfileChangeRow> ProfileChanges => Set<ProfileChangeRow>();
    public DbSet<CustomExerciseRow> CustomExercises => Set<CustomExerciseRow>();
    public DbSet<SessionRow> Sessions => Set<SessionRow>();
    public DbSet<SetRow> Sets => Set<SetRow>();
    public DbSet<CheckInRow> CheckIns => Set<CheckInRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<InjuryRow> Injuries => Set<InjuryRow>();
    public DbSet<PlanRow> Plans => Set<PlanRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FailsafeDb).Assembly);
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
        b.HasIndex(e => e.Name).IsUnique();
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
        b.HasIndex(s => s.Date);
        b.HasIndex(s => s.ImportKey).IsUnique();
        b.HasMany(s => s.Sets).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SetConfiguration : IEntityTypeConfiguration<SetRow>
{
    public void Configure(EntityTypeBuilder<SetRow> b)
    {
        b.ToTable("sets");
        b.Property(s => s.ExerciseId).HasMaxLength(120);
        b.Property(s => s.ExerciseName).HasMaxLength(200);
        b.Property(s => s.Unit).HasMaxLength(2);
        b.Property(s => s.Failure).HasMaxLength(10);
        b.Property(s => s.Technique).HasMaxLength(20);
        b.HasIndex(s => new { s.SessionId, s.Order });
        b.HasIndex(s => s.ExerciseId);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckInRow>
{
    public void Configure(EntityTypeBuilder<CheckInRow> b)
    {
        b.ToTable("checkins");
        b.HasIndex(c => c.Date).IsUnique();
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<EventRow>
{
    public void Configure(EntityTypeBuilder<EventRow> b)
    {
        b.ToTable("events");
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => e.Date);
    }
}

internal sealed class InjuryConfiguration : IEntityTypeConfiguration<InjuryRow>
{
    public void Configure(EntityTypeBuilder<InjuryRow> b)
    {
        b.ToTable("injuries");
        b.Property(i => i.Description).HasMaxLength(500);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PlanRow>
{
    public void Configure(EntityTypeBuilder<PlanRow> b)
    {
        b.ToTable("plans");
        b.Property(p => p.Days).HasMaxLength(60);
    }
}
