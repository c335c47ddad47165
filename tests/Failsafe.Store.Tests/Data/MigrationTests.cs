using System.Reflection;
using System.Text.RegularExpressions;
using Failsafe.Store.CompiledModel;
using Failsafe.Store.Data;
using Failsafe.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Failsafe.Store.Tests.Data;

/// <summary>The training log's migrations (SQLite and PostgreSQL) and its compiled model, against the model in code. No database is opened.</summary>
public partial class MigrationTests
{
    private const string Regenerate = "add a migration for each context and regenerate the compiled model after changing the model (docs/server.md, \"Changing a data model\")";

    private static FailsafeDb Sqlite() => new(Database.Options(Path.Combine(Path.GetTempPath(), "never-opened.db")));

    private static PostgresTrainingDb Postgres() => new(new DbContextOptionsBuilder<PostgresTrainingDb>().UseNpgsql("Host=never-connected").Options);

    [Fact]
    public void LatestMigration_IsTheLastMigrationInTheBuild()
    {
        using var db = Sqlite();

        db.Database.GetMigrations().Last().ShouldBe(Database.LatestMigration);
    }

    [Fact]
    public void SqliteTraining_Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = Sqlite();

        db.Database.HasPendingModelChanges().ShouldBeFalse(Regenerate);
    }

    [Fact]
    public void PostgresTraining_Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = Postgres();

        db.Database.HasPendingModelChanges().ShouldBeFalse(Regenerate);
    }

    /// <summary>Databases record the ids of the migrations applied to them: a renamed or lost migration would be run again, or never.</summary>
    [Fact]
    public void Migrations_KeepTheIdsExistingDatabasesRecorded()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        string[] sqliteIds = ["20261122140812_Initial", "20261122140840_Plans", "20261122153231_Athletes", "20261122154153_ClientKeys", "20261122201343_PartialClientKey"];
        string[] postgresIds = ["20261122155050_Training", "20261122201429_PartialClientKey"];
        sqlite.Database.GetMigrations().Take(sqliteIds.Length).ShouldBe(sqliteIds);
        postgres.Database.GetMigrations().Take(postgresIds.Length).ShouldBe(postgresIds);
    }

    [Fact]
    public void CompiledModel_IsTheOneTheSqliteContextRunsWith()
    {
        using var db = Sqlite();

        db.Model.ShouldBeOfType<FailsafeDbModel>();
    }

    /// <summary>
    /// The compiled model is generated code: a change to an entity or its configuration reaches it only when it is
    /// regenerated. This generates it again in memory, from the model OnModelCreating builds (EF Core's design-time
    /// model, built even where a compiled model exists), with the generator and options of `dotnet ef dbcontext
    /// optimize`, and compares the code with the committed files. (The migrations differ cannot compare the two: a
    /// compiled model keeps only what the runtime reads, not what the differ asks for.)
    /// </summary>
    [Fact]
    public void CompiledModel_MatchesTheModelBuiltByOnModelCreating()
    {
        using var db = Sqlite();
        var built = db.GetService<IDesignTimeModel>().Model;
        built.ShouldNotBeOfType<FailsafeDbModel>();
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        ProviderDesignTimeServices(db).ConfigureDesignTimeServices(services);
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = typeof(FailsafeDb),
            ModelNamespace = typeof(FailsafeDbModel).Namespace!,
            Language = "C#",
        };
        using var provider = services.BuildServiceProvider();

        var generated = provider.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options).GenerateModel(built, options);

        var folder = Path.Combine(NodeTool.RepoRoot(), "src", "Failsafe.Store", "CompiledModel");
        generated.Select(f => f.Path).Order(StringComparer.Ordinal)
            .ShouldBe(Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal), Regenerate);
        generated.Select(f => FirstDifference(f.Path, Normalized(File.ReadAllText(Path.Combine(folder, f.Path))), Normalized(f.Code)))
            .OfType<string>().ShouldBeEmpty(Regenerate);
    }

    /// <summary>Where the committed file first differs from the generated one, or null when they are the same.</summary>
    private static string? FirstDifference(string file, string committed, string generated)
    {
        var (a, b) = (committed.Split('\n'), generated.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "(end of file)", i < b.Length ? b[i] : "(end of file)");
            if (x != y)
                return $"{file}, line {i + 1}: committed `{x.Trim()}`, generated `{y.Trim()}`";
        }
        return null;
    }

    /// <summary>The provider's design-time services, found as `dotnet ef` finds them: named by an attribute of the provider's assembly.</summary>
    private static IDesignTimeServices ProviderDesignTimeServices(DbContext db)
    {
        var assembly = Assembly.Load(db.Database.ProviderName!);
        var name = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!.TypeName;
        return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(name, throwOnError: true)!)!;
    }

    /// <summary>The code without what differs between two runs of the generator on the same model (the model's random id) or between checkouts (line ends, byte-order mark).</summary>
    private static string Normalized(string code) =>
        ModelId().Replace(code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'), "modelId: new Guid(\"…\")");

    [GeneratedRegex("modelId: new Guid\\(\"[0-9a-f-]+\"\\)")]
    private static partial Regex ModelId();
}
