using Failsafe.Store.Data;
using Microsoft.Extensions.Time.Testing;

namespace Failsafe.Cli.Tests;

/// <summary><c>failsafe import FILE [--from APP] [--unit kg|lb] [--dry-run]</c> over the samples of every app, each on its own SQLite file.</summary>
public sealed class ImportCliTests : IDisposable
{
    private readonly CliTests.TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 9, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string DbPath => Path.Combine(_dir.Path, "failsafe.db");

    private static string Sample(string name) => Path.Combine(CliTests.RepoRoot(), "tests", "Failsafe.Store.Tests", "Importing", "samples", name);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = FailsafeCli.Run([.. args, "--db", DbPath], stdout, stderr, _clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Ok(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        code.ShouldBe(ExitCodes.Ok, $"{string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    private (int Sessions, int Sets) Counts()
    {
        using var db = new FailsafeDb(Database.Options(DbPath));
        return (db.Sessions.Count(), db.Sets.Count());
    }

    [Theory]
    [InlineData("strong-semicolon.csv", "Imported 2 workouts, 7 sets from strong-semicolon.csv (Strong, semicolon layout)")]
    [InlineData("hevy.csv", "Imported 2 workouts, 7 sets from hevy.csv (Hevy)")]
    public void Import_File_DetectsTheApp(string sample, string summary)
    {
        Ok("import", Sample(sample)).ShouldContain(summary);

        Ok("import", Sample(sample)).ShouldContain("Imported 0 workouts, 0 sets");
    }

    [Fact]
    public void Import_DryRun_WritesNothing()
    {
        Ok("import", Sample("strong-comma.csv"), "--unit", "lb", "--dry-run").ShouldContain("Would import 2 workouts, 9 sets");
        File.Exists(DbPath).ShouldBeFalse();
    }

    [Fact]
    public void Import_FromAnotherApp_IsRefusedNamingTheAppItLooksLike()
    {
        var (code, stdout, stderr) = Run("import", Sample("hevy.csv"), "--from", "strong");

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("hevy.csv: line 1: not a Strong export");
        stderr.ShouldContain("use --from hevy");
        stderr.ShouldContain("nothing was imported");
    }

    [Fact]
    public void Import_UnknownFile_ListsTheSupportedApps()
    {
        var file = _dir.Write("mystery.csv", "When,What\n2024-01-01,Squat\n");

        var (code, _, stderr) = Run("import", file);

        code.ShouldBe(ExitCodes.InvalidInput);
        stderr.ShouldContain("the file's layout is not recognised: its header has 2 columns separated by ',' ('When', 'What')");
        stderr.ShouldContain("Supported: Strong, Hevy, FitNotes, Fitbod, JEFIT, Liftosaur and StrongLifts exports");
    }

    [Fact]
    public void Import_StrongSubcommand_StillWorks()
    {
        Ok("import", "strong", Sample("strong-comma.csv"), "--unit", "kg").ShouldContain("Imported 2 workouts, 9 sets");
        Counts().ShouldBe((2, 9));
    }
}
