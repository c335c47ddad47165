using Failsafe.Effort;
using Failsafe.Store.Importing;

namespace Failsafe.Store.Tests.Importing;

/// <summary>The app and layout of a file are read from it; --from overrides; a file that is none of them says what it is.</summary>
public sealed class LayoutDetectionTests
{
    [Theory]
    [InlineData("strong-comma.csv", ImportSource.Strong, "Strong, comma layout")]
    [InlineData("strong-semicolon.csv", ImportSource.Strong, "Strong, semicolon layout")]
    [InlineData("strong-quoted.csv", ImportSource.Strong, "Strong, 2025 layout")]
    [InlineData("hevy.csv", ImportSource.Hevy, "Hevy")]
    public void Import_WithoutSource_DetectsTheAppAndLayout(string sample, ImportSource source, string layout)
    {
        using var t = new ImportTestDb();
        var summary = t.Import(sample, null, WeightUnit.Kg);

        (summary.Source, summary.Layout).ShouldBe((source, layout));
        summary.Sets.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Import_UnknownLayout_NamesWhatWasRecognisedAndWhatIsSupported()
    {
        using var t = new ImportTestDb();
        var error = Should.Throw<ImportException>(() => t.ImportText("When;What;How much\n2024-01-01;Squat;100\n", null));

        error.Message.ShouldBe("line 1: the file's layout is not recognised: its header has 3 columns separated by ';' ('When', 'What', 'How much'); " +
            "nearest: StrongLifts, which also has 'Date (yyyy/mm/dd)' and 'Exercise' and 'Set 1 (Reps)'. Supported: " + ImportApps.Supported);
        t.Counts().ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Import_NearlyAKnownLayout_NamesTheMissingColumns()
    {
        using var t = new ImportTestDb();
        var error = Should.Throw<ImportException>(() => t.ImportText("title,start_time,exercise_title,reps\nA,\"5 Dec 2025, 11:37\",Squat,5\n", null));

        error.Message.ShouldContain("nearest: Hevy, which also has 'weight_kg' or 'weight_lbs' or 'weight_lb'");
    }

    [Fact]
    public void Import_FromOverridesDetection_AndSaysWhatTheFileLooksLike()
    {
        using var t = new ImportTestDb();
        var error = Should.Throw<ImportException>(() => t.Import("hevy.csv", ImportSource.FitNotes));

        error.Message.ShouldStartWith("line 1: not a FitNotes export: its header has 14 columns separated by ','");
        error.Message.ShouldEndWith("this looks like a Hevy export: use --from hevy (or leave --from out)");
    }

    [Fact]
    public void Import_AFailsafeBackup_SaysHowToRestoreIt()
    {
        using var t = new ImportTestDb();
        Should.Throw<ImportException>(() => t.ImportText("\uFEFF  {\"format\":\"failsafe-backup\",\"version\":1}", null))
            .Message.ShouldContain("this is a Failsafe backup (JSON, from `failsafe export json`)");
    }

    [Theory]
    [InlineData("  {\"format\":\"failsafe-backup\"}", true)]
    [InlineData("\uFEFF{}", true)]
    [InlineData("Date,Exercise\n", false)]
    [InlineData("", false)]
    public void IsJson_TellsABackupFromAnExport(string text, bool json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        WorkoutImporter.IsJson(stream).ShouldBe(json);
        stream.Position.ShouldBe(0);
    }

    [Theory]
    [InlineData("strong", ImportSource.Strong)]
    [InlineData("FitNotes", ImportSource.FitNotes)]
    [InlineData("stronglifts", ImportSource.StrongLifts)]
    [InlineData("jefit", ImportSource.Jefit)]
    public void Parse_AppWords(string word, ImportSource source) => ImportApps.Parse(word).ShouldBe(source);

    [Fact]
    public void Stored_EveryAppsWordFitsTheSessionsSourceColumn() =>
        ImportApps.All.ShouldAllBe(a => WorkoutImporter.Stored(a).Length <= 10);
}
