using Failsafe.Store.Data;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Store.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void LatestMigration_IsTheLastMigrationInTheBuild()
    {
        using var db = new FailsafeDb(Database.Options(Path.Combine(Path.GetTempPath(), "never-opened.db")));

        db.Database.GetMigrations().Last().ShouldBe(Database.LatestMigration);
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new FailsafeDb(Database.Options(Path.Combine(Path.GetTempPath(), "never-opened.db")));

        db.Database.HasPendingModelChanges().ShouldBeFalse("run `dotnet ef migrations add` and `dotnet ef dbcontext optimize` after changing the model");
    }
}
