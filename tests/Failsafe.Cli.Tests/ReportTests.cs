using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Failsafe.Cli.Reporting;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Reporting;
using Failsafe.Store.Training;

namespace Failsafe.Cli.Tests;

public sealed class ReportTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] ChartNames = ["e1rm", "weekly-sets", "muscle-sets", "wellness", "failure-budget"];

    /// <summary>The Monday the test log starts on; eight weeks of Monday/Wednesday/Friday sessions follow.</summary>
    private static readonly DateOnly Start = new(2025, 3, 3);
    private const int LogWeeks = 8;
    private static DateOnly LastLogged => Start.AddDays(7 * LogWeeks - 1);

    private static readonly int[] Wobble = [0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0];

    private readonly CliTests.TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => Path.Combine(_temp.Path, "failsafe.db");

    private string OutDir => Path.Combine(_temp.Path, "report");

    /// <summary>Runs the report command in-process under a root of its own, as FailsafeCli.Run does.</summary>
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new Io(stdout, stderr, TimeProvider.System);
        var root = new RootCommand("test") { ReportCommand.Create(io), Failsafe.Cli.Daily.ProfileCommands.Init(io) };
        root.Options.Add(io.DbOption);
        var result = root.Parse(args);
        var code = result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (result.Errors.Count > 0 ? ExitCodes.Usage : code, stdout.ToString(), stderr.ToString());
    }

    private static SetRow Set(ExerciseResolver resolver, string name, int order, double kg, int reps, double? rir, bool failure = false, bool warmup = false)
    {
        var id = resolver.Resolve(name).Id ?? throw new InvalidOperationException($"'{name}' is not in the catalog");
        return new SetRow
        {
            Order = order, ExerciseId = id, ExerciseName = name, WeightKg = kg, WeightEntered = kg, Reps = reps,
            Rir = failure ? null : rir, Failure = failure ? "absolute" : "none", Warmup = warmup, LoggedAt = DateTime.UnixEpoch,
        };
    }

    /// <summary>Eight weeks of a full-body log with progressing loads, a few failure sets (too many in week 6) and daily check-ins that sour in week 7.</summary>
    private void Seed()
    {
        var (db, _) = Database.Open(DbPath);
        using (db)
        {
            db.Profiles.Add(new ProfileRow { TrainingYears = 4, Split = "full-body", UpdatedAt = DateTime.UnixEpoch });
            var resolver = new ExerciseResolver(CatalogLoader.Default, db);
            for (var week = 0; week < LogWeeks; week++)
            {
                var monday = Start.AddDays(7 * week);
                var add = 2.5 * week;
                var hardWeek = week == 5;
                var order = 0;
                List<SetRow> sets =
                [
                    Set(resolver, "Barbell Squat", order++, 60, 5, 5, warmup: true),
                    Set(resolver, "Barbell Squat", order++, 100 + add, 5, 3),
                    Set(resolver, "Barbell Squat", order++, 100 + add, 5, 2),
                    Set(resolver, "Barbell Bench Press - Medium Grip", order++, 80 + add, 6, 2),
                    Set(resolver, "Barbell Bench Press - Medium Grip", order++, 80 + add, 6, 1),
                    Set(resolver, "Dumbbell Bicep Curl", order++, 14, 10, 2),
                    Set(resolver, "Dumbbell Bicep Curl", order++, 14, 12, 1, failure: week % 2 == 0 || hardWeek),
                    Set(resolver, "Leg Extensions", order++, 50, 12, 1),
                    Set(resolver, "Leg Extensions", order++, 50, 14, 1, failure: hardWeek || week == 4),
                ];
                db.Sessions.Add(new SessionRow { Date = monday, DayType = "hard", Sets = sets });
                order = 0;
                db.Sessions.Add(new SessionRow
                {
                    Date = monday.AddDays(2), DayType = "light",
                    Sets =
                    [
                        Set(resolver, "Barbell Deadlift", order++, 140 + add, 5, 3),
                        Set(resolver, "Barbell Deadlift", order++, 140 + add, 5, 3),
                        Set(resolver, "Standing Military Press", order++, 50 + add / 2, 6, 4),
                        Set(resolver, "Standing Military Press", order++, 50 + add / 2, 6, 3),
                        Set(resolver, "Pullups", order++, 0, 8, 2),
                        Set(resolver, "Seated Cable Rows", order++, 60 + add, 10, 2),
                    ],
                });
                order = 0;
                db.Sessions.Add(new SessionRow
                {
                    Date = monday.AddDays(4), DayType = "medium",
                    Sets =
                    [
                        Set(resolver, "Barbell Squat", order++, 90 + add, 8, 2),
                        Set(resolver, "Barbell Bench Press - Medium Grip", order++, 75 + add, 8, 2),
                        Set(resolver, "Seated Cable Rows", order++, 60 + add, 12, 1),
                        Set(resolver, "Leg Press", order++, 150 + 5 * week, 12, 2),
                        Set(resolver, "Leg Press", order++, 150 + 5 * week, 12, 1, failure: hardWeek),
                        Set(resolver, "Standing Military Press", order++, 45 + add / 2, 10, 2),
                    ],
                });
                for (var d = 0; d < 7; d++)
                {
                    // Ordinary days wobble by a point; week 7 is plainly bad (fatigue, sleep, mood, motivation).
                    var wobble = Wobble[(7 * week + d) % Wobble.Length];
                    var sour = week == 6 && d >= 1;
                    db.CheckIns.Add(new CheckInRow
                    {
                        Date = monday.AddDays(d), SleepHours = sour ? 5.5 : 7.5, SleepQuality = sour ? 2 : 4 - wobble,
                        Fatigue = sour ? 4 + wobble : 2 + wobble, Mood = sour ? 2 : 4 - (wobble + d) % 2, Soreness = 2,
                        Aches = sour ? 3 : 1 + (d + week) % 2, Motivation = sour ? 2 : 4 + wobble - (d % 3 == 0 ? 1 : 0),
                    });
                }
            }
            db.SaveChanges();
        }
    }

    private static void ShouldBeReadablePng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Length.ShouldBeGreaterThan(5 * 1024, $"{Path.GetFileName(path)} is suspiciously small");
        bytes.AsSpan(0, 8).ToArray().ShouldBe(PngSignature);
        // The IHDR chunk follows the signature: width and height, big-endian.
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        var height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        width.ShouldBe(ReportCharts.Width);
        height.ShouldBe(ReportCharts.Height);
    }

    private static XmlDocument ShouldBeSvg(string path)
    {
        var xml = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
            xml.Load(reader);
        xml.DocumentElement.ShouldNotBeNull();
        xml.DocumentElement.LocalName.ShouldBe("svg");
        return xml;
    }

    [Fact]
    public void Report_WithLog_WritesEveryChartAsPngAndSvg()
    {
        Seed();

        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--weeks", "9");

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        foreach (var name in ChartNames)
        {
            ShouldBeReadablePng(Path.Combine(OutDir, name + ".png"));
            var svg = ShouldBeSvg(Path.Combine(OutDir, name + ".svg"));
            svg.OuterXml.ShouldNotContain("no data");
            stdout.ShouldContain(name + ".png");
            stdout.ShouldContain(name + ".svg");
        }
        Directory.GetFiles(OutDir).Length.ShouldBe(2 * ChartNames.Length + 1);
        stdout.ShouldContain($"to {LastLogged:yyyy-MM-dd}");
        stdout.ShouldContain("24 session(s), 56 check-in(s)");
        stdout.ShouldContain("Barbell Squat");
        stdout.ShouldContain($"{2 * ChartNames.Length + 1} files written");
        stdout.ShouldContain("index.html");

        // index.html: one self-contained file with a summary and every chart, each with its text alternative.
        var html = File.ReadAllText(Path.Combine(OutDir, "index.html"));
        html.ShouldContain("<h2>At a glance</h2>");
        html.ShouldContain("Failure budget");
        // The warning days in short (the sour week): how many, and at most the latest three runs.
        var warnings = Regex.Match(html, "<dt>Warning days</dt><dd>([^<]*)</dd>").Groups[1].Value;
        warnings.ShouldMatch(@"^\d+ warning days? in 56 check-ins; ");
        warnings.Split(';').Length.ShouldBeLessThanOrEqualTo(4, warnings);
        html.ShouldContain("Barbell Squat: trend");
        Regex.Count(html, "<img src=\"data:image/png;base64,").ShouldBe(ChartNames.Length);
        Regex.Count(html, "<img [^>]*alt=\"[^\"]{20,}\"").ShouldBe(ChartNames.Length);
        // Nothing fetched from anywhere: no other src, href or url().
        Regex.Count(html, "(src|href)=\"(?!data:)").ShouldBe(0);
        html.ShouldNotContain("url(");
    }

    [Fact]
    public void Report_Json_ListsTheFilesWritten()
    {
        Seed();

        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--json");

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        var files = doc.RootElement.EnumerateArray().Select(f => f.GetString()!).ToList();
        files.Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
            ChartNames.SelectMany(n => new[] { n + ".png", n + ".svg" }).Append("index.html").Order(StringComparer.Ordinal));
        foreach (var f in files)
        {
            Path.IsPathRooted(f).ShouldBeTrue();
            File.Exists(f).ShouldBeTrue();
        }
    }

    [Fact]
    public void Report_EmptyLog_WritesEmptyChartsTitledNoData()
    {
        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", OutDir);

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("No sessions or check-ins logged");
        foreach (var name in ChartNames)
        {
            File.ReadAllBytes(Path.Combine(OutDir, name + ".png")).AsSpan(0, 8).ToArray().ShouldBe(PngSignature);
            ShouldBeSvg(Path.Combine(OutDir, name + ".svg")).OuterXml.ShouldContain("no data");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("521")]
    public void Report_WeeksOutOfRange_IsUsageError(string weeks)
    {
        var (code, _, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--weeks", weeks);

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("--weeks");
        Directory.Exists(OutDir).ShouldBeFalse();
    }

    [Fact]
    public void Report_Since_StartsThatDay()
    {
        Seed();

        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--since", $"{Start.AddDays(28):yyyy-MM-dd}");

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain($"Report {Start.AddDays(28):yyyy-MM-dd} to {LastLogged:yyyy-MM-dd}: 12 session(s), 28 check-in(s).");
    }

    [Fact]
    public void Report_DefaultWeeks_FitTheLog()
    {
        Seed();

        var (code, stdout, _) = Run("report", "--db", DbPath, "--out", OutDir);

        // Eight weeks logged: charted from their first Monday, not across the default 26 weeks.
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain($"Report {Start:yyyy-MM-dd} to {LastLogged:yyyy-MM-dd}");
    }

    [Theory]
    [InlineData(new[] { "--since", "2025-13-01" }, "--since: '2025-13-01' is not a date in the form yyyy-MM-dd")]
    [InlineData(new[] { "--since", "2025-03-01", "--weeks", "4" }, "--since: give either a number of weeks or a first day, not both")]
    [InlineData(new[] { "--since", "2099-01-01" }, "--since: 2099-01-01 is after the last day charted")]
    public void Report_BadSince_IsUsageError(string[] options, string message)
    {
        Seed();

        var (code, _, stderr) = Run(["report", "--db", DbPath, "--out", OutDir, .. options]);

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain(message);
        Directory.Exists(OutDir).ShouldBeFalse();
    }

    [Fact]
    public void Report_Lift_ChartsThePinnedLiftOnly()
    {
        Seed();

        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--lift", "leg extensions");

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("Leg Extensions: 8 sessions");
        stdout.ShouldNotContain("Barbell Squat:");
    }

    [Fact]
    public void Report_LiftsPinnedInTheProfile_ChartedUntilUnpinned_ReportLiftStillChooses()
    {
        Seed();

        var (pinCode, _, pinErr) = Run("init", "--db", DbPath, "--lift", "leg extensions");
        pinErr.ShouldBeEmpty();
        pinCode.ShouldBe(ExitCodes.Ok);
        var (code, stdout, _) = Run("report", "--db", DbPath, "--out", OutDir);
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("Leg Extensions: 8 sessions");
        stdout.ShouldNotContain("Barbell Squat:");

        // --lift chooses for one report; the pin stays.
        Run("report", "--db", DbPath, "--out", OutDir, "--lift", "squat").Out.ShouldContain("Barbell Squat:");
        Run("report", "--db", DbPath, "--out", OutDir).Out.ShouldNotContain("Barbell Squat:");

        // Unpinned: the main lifts again.
        Run("init", "--db", DbPath, "--lift", "none").Code.ShouldBe(ExitCodes.Ok);
        Run("report", "--db", DbPath, "--out", OutDir).Out.ShouldContain("Barbell Squat:");
    }

    [Theory]
    [InlineData("zzzz qqqq", "--lift: 'zzzz qqqq' is not an exercise")]
    [InlineData("squat,bench press,deadlift,barbell row,overhead press", "5 lifts given; at most 4")]
    public void Init_PinningAnUnknownLiftOrTooMany_IsAUsageErrorAndChangesNothing(string lifts, string message)
    {
        Seed();

        var (code, _, stderr) = Run(["init", "--db", DbPath, .. lifts.Split(',').SelectMany(l => new[] { "--lift", l })]);

        code.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain(message);
        var (db, _) = Database.Open(DbPath);
        using (db)
            db.MyProfile.Single().PinnedLifts.ShouldBeNull();
    }

    [Fact]
    public void Report_UnknownLift_IsInvalidInput()
    {
        Seed();

        var (code, _, stderr) = Run("report", "--db", DbPath, "--out", OutDir, "--lift", "zzzz qqqq");

        code.ShouldBe(ExitCodes.InvalidInput);
        stderr.ShouldContain("--lift: 'zzzz qqqq' is not an exercise");
    }

    [Fact]
    public void Report_OutIsAFile_IsInvalidInput()
    {
        var file = _temp.Write("not-a-folder", "x");

        var (code, stdout, stderr) = Run("report", "--db", DbPath, "--out", file);

        code.ShouldBe(ExitCodes.InvalidInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("cannot write the report");
    }
}
