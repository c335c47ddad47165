using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Failsafe.Server.Transfer;

namespace Failsafe.Server.Tests;

/// <summary>Import by upload (whole or nothing, errors with line and column, again adds nothing) and the size limits on bodies.</summary>
public sealed class ImportTests(Servers servers) : IClassFixture<Servers>
{
    /// <summary>A Strong export (the semicolon layout with a unit column): two workouts, six sets, one exercise the catalog does not know.</summary>
    private const string Strong =
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";W;60;kg;5;;;;0;\"\";\"\";1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";1;140;kg;5;8;;;0;\"\";\"\";1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Squat (Barbell)\";1;225;lbs;5;;;;0;;;1h 2m\n" +
        "2026-01-11 12:31:54;\"Leg\";\"Glorp Machine Kickback\";1;30;kg;12;;;;0;;;1h 2m\n" +
        "2026-01-14 18:00:00;\"Upper\";\"Bench Press (Barbell)\";1;80,5;kg;6;;;;0;;;45m\n" +
        "2026-01-14 18:00:00;\"Upper\";\"Bench Press (Barbell)\";D;60;kg;10;;;;0;;;45m\n";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static MultipartFormDataContent Form(string text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "strong.csv");
        return form;
    }

    private static async Task ShouldImportAll(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var summary = await response.Json();
        summary.GetProperty("source").GetString().ShouldBe("strong");
        summary.GetProperty("dryRun").GetBoolean().ShouldBeFalse();
        summary.GetProperty("workouts").GetInt32().ShouldBe(2, text);
        summary.GetProperty("sets").GetInt64().ShouldBe(6, text);
        summary.GetProperty("duplicateSets").GetInt64().ShouldBe(0, text);
        summary.GetProperty("unmatched").GetArrayLength().ShouldBe(1, text);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_strong_export_sent_as_csv_imports_and_again_adds_nothing(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using (var dry = await ann.Client.PostAsync("/api/import/strong?dryRun=true", Csv(Strong), Api.Cancel))
        {
            var text = await dry.Content.ReadAsStringAsync(Api.Cancel);
            dry.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            (await dry.Json()).GetProperty("dryRun").GetBoolean().ShouldBeTrue();
            (await dry.Json()).GetProperty("sets").GetInt64().ShouldBe(6, text);
        }
        (await ann.Sets("2026-01-01", "2026-01-31")).ShouldBeEmpty();
        (await ann.Client.GetStringAsync("/api/exercises/custom", Api.Cancel)).ShouldBe("[]");

        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Strong), Api.Cancel))
            await ShouldImportAll(response);
        (await ann.Sets("2026-01-01", "2026-01-31")).Count.ShouldBe(6);
        (await ann.Client.GetStringAsync("/api/exercises/custom", Api.Cancel)).ShouldContain("Glorp Machine Kickback");

        using (var again = await ann.Client.PostAsync("/api/import/strong", Csv(Strong), Api.Cancel))
        {
            var text = await again.Content.ReadAsStringAsync(Api.Cancel);
            again.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            var summary = await again.Json();
            summary.GetProperty("workouts").GetInt32().ShouldBe(0, text);
            summary.GetProperty("sets").GetInt64().ShouldBe(0, text);
            summary.GetProperty("duplicateWorkouts").GetInt32().ShouldBe(2, text);
        }
        (await ann.Sets("2026-01-01", "2026-01-31")).Count.ShouldBe(6);
        (await (await ann.Client.GetAsync("/api/sessions?from=2026-01-01&to=2026-01-31", Api.Cancel)).Json()).GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_strong_export_sent_as_a_form_file_imports_and_again_adds_nothing(Provider provider)
    {
        var server = servers.For(provider);
        var bob = await server.SignUp();
        using (var form = Form(Strong))
        using (var response = await bob.Client.PostAsync("/api/import/strong", form, Api.Cancel))
            await ShouldImportAll(response);
        (await bob.Sets("2026-01-01", "2026-01-31")).Count.ShouldBe(6);

        using (var form = Form(Strong))
        using (var again = await bob.Client.PostAsync("/api/import/strong", form, Api.Cancel))
        {
            var text = await again.Content.ReadAsStringAsync(Api.Cancel);
            again.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            (await again.Json()).GetProperty("sets").GetInt64().ShouldBe(0, text);
        }
        (await bob.Sets("2026-01-01", "2026-01-31")).Count.ShouldBe(6);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_file_with_a_nul_character_in_a_text_is_refused_naming_line_and_column(Provider provider)
    {
        // PostgreSQL cannot store U+0000 in text: refused by the importer, not failed by the database.
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var bad = Strong + "2026-01-15 18:00:00;\"Upper\";\"Bench Press (Barbell)\";2;80;kg;5;;;;0;\"left\u0000shoulder\";;45m\n";
        using var response = await ann.Client.PostAsync("/api/import/strong", Csv(bad), Api.Cancel);
        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.Detail().ShouldBe("line 8, column Notes: holds the NUL character (U+0000), which cannot be stored; remove it");
        (await ann.Sets("2026-01-01", "2026-01-31")).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_malformed_file_is_refused_naming_line_and_column_and_stores_nothing(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        await ann.LogSet("2026-01-02");
        // Good rows first, then a bad one: nothing of the file may be stored.
        var bad = Strong + "2026-01-15 18:00:00;\"Upper\";\"Bench Press (Barbell)\";2;80;kg;five;;;;0;;;45m\n";
        using var response = await ann.Client.PostAsync("/api/import/strong", Csv(bad), Api.Cancel);
        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.Detail().ShouldBe("line 8, column Reps: 'five' is not a whole number");
        problem.GetProperty("line").GetInt64().ShouldBe(8);
        problem.GetProperty("column").GetString().ShouldBe("Reps");
        (await ann.Sets("2026-01-01", "2026-01-31")).Count.ShouldBe(1);
        (await ann.Client.GetStringAsync("/api/exercises/custom", Api.Cancel)).ShouldBe("[]");

        using var empty = await ann.Client.PostAsync("/api/import/strong", Csv(""), Api.Cancel);
        await empty.ShouldBeProblem(HttpStatusCode.BadRequest);
        using var unknown = await ann.Client.PostAsync("/api/import/fitbit", Csv(Strong), Api.Cancel);
        (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldContain("'fitbit' is not an app to import from");
        using var other = await ann.Client.PostAsync("/api/import?from=fitbod", Csv(Strong), Api.Cancel);
        (await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail().ShouldContain("looks like a Strong export: use --from strong");
    }

    /// <summary>Every layout's sample, sent without saying its app: (sample, app, workouts, sets).</summary>
    public static TheoryData<Provider, string, string, int, int> Samples()
    {
        var data = new TheoryData<Provider, string, string, int, int>();
        foreach (var p in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(p, "strong-2025.csv", "strong", 2, 7);
            data.Add(p, "hevy-resaved.csv", "hevy", 3, 5);
            data.Add(p, "fitnotes.csv", "fitnotes", 2, 5);
            data.Add(p, "fitbod.csv", "fitbod", 2, 4);
            data.Add(p, "liftosaur.csv", "liftosaur", 1, 3);
            data.Add(p, "stronglifts.csv", "stronglifts", 2, 11);
            data.Add(p, "jefit.csv", "jefit", 2, 8);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_apps_export_is_detected_imported_and_again_adds_nothing(Provider provider, string sample, string app, int workouts, int sets)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var text = await File.ReadAllTextAsync(Path.Combine(Samples(sample)), Api.Cancel);

        using (var dry = await ann.Client.PostAsync("/api/import?dryRun=true", Csv(text), Api.Cancel))
        {
            var body = await dry.Content.ReadAsStringAsync(Api.Cancel);
            dry.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            (await dry.Json()).GetProperty("sets").GetInt64().ShouldBe(sets, body);
        }
        using (var response = await ann.Client.PostAsync("/api/import", Csv(text), Api.Cancel))
        {
            var body = await response.Content.ReadAsStringAsync(Api.Cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var summary = await response.Json();
            summary.GetProperty("source").GetString().ShouldBe(app);
            (summary.GetProperty("workouts").GetInt32(), summary.GetProperty("sets").GetInt64()).ShouldBe((workouts, sets), body);
        }
        using (var again = await ann.Client.PostAsync($"/api/import?from={app}", Csv(text), Api.Cancel))
        {
            var summary = await again.Json();
            (summary.GetProperty("sets").GetInt64(), summary.GetProperty("duplicateSets").GetInt64()).ShouldBe((0, sets));
        }
    }

    private static string Samples(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failsafe.slnx")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "Failsafe.Store.Tests", "Importing", "samples", name);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_file_that_is_no_export_says_what_it_is_and_what_is_supported(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var response = await ann.Client.PostAsync("/api/import", Csv("When,What\n2024-01-01,Squat\n"), Api.Cancel);

        var detail = (await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail();
        detail.ShouldContain("the file's layout is not recognised: its header has 2 columns separated by ',' ('When', 'What')");
        detail.ShouldContain("Supported: Strong, Hevy, FitNotes, Fitbod, JEFIT, Liftosaur and StrongLifts exports");
        using var backup = await ann.Client.PostAsync("/api/import", Csv("{\"format\":\"failsafe-backup\"}"), Api.Cancel);
        (await backup.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail().ShouldContain("this is a Failsafe backup");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_over_the_limit_is_refused_with_413(bool declareLength)
    {
        using var server = Kestrel();
        var ann = await server.SignUp();
        using var body = new FillContent(ImportEndpoints.MaxUpload + 1, declareLength, "text/csv");
        using var response = await ann.Client.PostAsync("/api/import/strong", body, Api.Cancel);
        var detail = (await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge)).Detail();
        detail.ShouldContain("104,857,600");
        // A declared length is refused before anything is read; a chunked body when it passes the limit.
        if (declareLength)
            detail.ShouldContain("104,857,601 bytes");
        (await ann.Sets("1900-01-01", "2200-01-01")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_json_body_over_the_limit_is_refused_with_413(bool declareLength)
    {
        using var server = Kestrel();
        var ann = await server.SignUp();
        using var body = new FillContent(ServerApp.MaxJsonBody + 1, declareLength, "application/json",
            "{\"exercise\":\"bench press\",\"set\":\"100x8@8\",\"notes\":\"", (byte)'a', "\"}");
        using var response = await ann.Client.PostAsync("/api/sets", body, Api.Cancel);
        (await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge)).Detail().ShouldContain("8,388,608");
        (await ann.Sets("1900-01-01", "2200-01-01")).ShouldBeEmpty();
    }

    /// <summary>The body size limits are Kestrel's (the in-memory test server has none): these tests run on Kestrel.</summary>
    private static ServerFactory Kestrel() => new ServerFactory(Provider.Sqlite).OnKestrel();
}

/// <summary>
/// What one import may hold and add: the same limits as the API's on every field (a name, a note, a date, a number),
/// and caps on the sets an import adds, the sets an account holds and the custom exercises an import creates, each
/// refused whole with a problem that names the line, the field or the limit.
/// </summary>
public sealed class ImportLimitTests(Servers servers) : IClassFixture<Servers>
{
    private const string Header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Row(string date = "2026-01-11 12:00:00", string workout = "Leg", string exercise = "Squat (Barbell)", string weight = "100", string reps = "5", string notes = "", string workoutNotes = "") =>
        $"{date};\"{workout}\";\"{exercise}\";1;{weight};kg;{reps};;\"{notes}\";\"{workoutNotes}\"\n";

    public static TheoryData<Provider, string, string, string> FieldsOverTheApisLimits()
    {
        var data = new TheoryData<Provider, string, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, Row(workout: new string('w', 201)), "Workout Name", "longer than 200 characters");
            data.Add(provider, Row(exercise: new string('x', 201)), "Exercise Name", "longer than 200 characters");
            data.Add(provider, Row(notes: new string('n', 2001)), "Notes", "longer than 2000 characters");
            data.Add(provider, Row(workoutNotes: new string('n', 2001)), "Workout Notes", "longer than 2000 characters");
            data.Add(provider, Row(date: "0001-01-01 00:00:00"), "Date", "0001-01-01 is out of range (1900-01-01 to 2200-12-31)");
            data.Add(provider, Row(date: "9999-12-31 23:59:59"), "Date", "9999-12-31 is out of range (1900-01-01 to 2200-12-31)");
            data.Add(provider, Row(weight: "1501"), "Weight", "1501 is out of range (0–1500)");
            data.Add(provider, Row(reps: "1001"), "Reps", "1001 is out of range (0–1000)");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FieldsOverTheApisLimits))]
    public async Task A_field_the_api_refuses_is_refused_by_the_import_naming_line_and_column(Provider provider, string row, string column, string problem)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Row(date: "2026-01-10 12:00:00") + row), Api.Cancel);
        var refused = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.Detail().ShouldBe($"line 3, column {column}: {problem}");
        refused.GetProperty("column").GetString().ShouldBe(column);
        (await ann.Sets("1900-01-01", "2200-12-31")).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_api_and_the_import_refuse_the_same_at_the_edges(Provider provider)
    {
        // The largest of each is taken by both.
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var edge = Row(date: "2200-12-31 12:00:00", workout: new string('w', 200), exercise: new string('x', 200), weight: "1500", reps: "1000", notes: new string('n', 2000), workoutNotes: new string('n', 2000));
        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + edge), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        using var api = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", weight = 1500, unit = "kg", reps = 1000, date = "2026-01-10", notes = new string('n', 2000) }, Api.Cancel);
        api.StatusCode.ShouldBe(HttpStatusCode.Created, await api.Content.ReadAsStringAsync(Api.Cancel));
        using var over = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", weight = 1501, unit = "kg", reps = 1001, date = "1899-12-31", notes = new string('n', 2001) }, Api.Cancel);
        var problem = (await over.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
        problem.GetProperty("weight")[0].GetString().ShouldBe("1501 is out of range (0–1500)");
        problem.GetProperty("reps")[0].GetString().ShouldBe("1001 is out of range (0–1000)");
        problem.GetProperty("notes")[0].GetString().ShouldBe("longer than 2000 characters");
        problem.GetProperty("date")[0].GetString().ShouldBe("1899-12-31 is out of range (1900-01-01 to 2200-12-31)");
    }

    /// <summary>A server of the test's own with low limits.</summary>
    private static ServerFactory Limited(Provider provider) => new(provider, new Dictionary<string, string?>
    {
        ["Failsafe:Limits:SetsPerImport"] = "5",
        ["Failsafe:Limits:SetsPerAccount"] = "8",
        ["Failsafe:Limits:NewExercisesPerImport"] = "2",
    });

    private static string Sets(int count, int day, params string[] exercises) =>
        string.Concat(Enumerable.Range(0, count).Select(i => Row(date: $"2026-02-{day:00} 12:00:00", exercise: exercises.Length == 0 ? "Squat (Barbell)" : exercises[i % exercises.Length])));

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_import_over_the_sets_an_import_or_an_account_may_hold_is_refused_with_413_naming_the_limit(Provider provider)
    {
        using var server = Limited(provider);
        var ann = await server.SignUp();

        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(6, 1)), Api.Cancel))
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldBe("line 7: one import may add at most 5 sets (Failsafe:Limits:SetsPerImport); nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe("Failsafe:Limits:SetsPerImport");
        }
        (await ann.Sets("1900-01-01", "2200-12-31")).ShouldBeEmpty();

        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(5, 1)), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        using (var response = await ann.Client.PostAsync("/api/import/strong?dryRun=true", Csv(Header + Sets(4, 2)), Api.Cancel))
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldBe("line 5: an account may hold at most 8 sets (Failsafe:Limits:SetsPerAccount) and this one holds 5; nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe("Failsafe:Limits:SetsPerAccount");
        }
        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(3, 2)), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        (await ann.Sets("1900-01-01", "2200-12-31")).Count.ShouldBe(8);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_import_over_the_new_custom_exercises_an_import_may_create_is_refused_naming_the_cap(Provider provider)
    {
        using var server = Limited(provider);
        var ann = await server.SignUp();

        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(3, 1, "Glorp A", "Glorp B", "Glorp C")), Api.Cancel))
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldBe("line 4, column Exercise Name: 'Glorp C' would be a 3rd new custom exercise; one import may create at most 2 (Failsafe:Limits:NewExercisesPerImport); nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe("Failsafe:Limits:NewExercisesPerImport");
        }
        (await ann.Client.GetStringAsync("/api/exercises/custom", Api.Cancel)).ShouldBe("[]");

        // Names already stored as custom exercises are not new: the next file may use them and add two more.
        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(2, 1, "Glorp A", "Glorp B")), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(Header + Sets(4, 2, "glorp a", "Glorp B", "Glorp C", "Glorp D")), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        var custom = await (await ann.Client.GetAsync("/api/exercises/custom", Api.Cancel)).Json();
        custom.GetArrayLength().ShouldBe(4);
    }
}

/// <summary>A row far longer than any valid one is refused before it is read whole (a 60,000,000-character name took the server to 600 MB).</summary>
public sealed class ImportRowSizeTests(Servers servers) : IClassFixture<Servers>
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_row_longer_than_any_valid_one_is_refused_naming_its_line(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n" +
            "2026-01-10 12:00:00;Leg;Squat (Barbell);1;100;kg;5;;;\n" +
            $"2026-01-11 12:00:00;{new string('w', 1_000_000)};Squat (Barbell);1;100;kg;5;;;\n";
        using var response = await ann.Client.PostAsync("/api/import/strong", new StringContent(csv, Encoding.UTF8, "text/csv"), Api.Cancel);
        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.Detail().ShouldStartWith("line 3: ");
        problem.Detail().ShouldContain("65,536 bytes");
        (await ann.Sets("1900-01-01", "2200-12-31")).ShouldBeEmpty();
    }
}
