using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Failsafe.Server.Tests;

/// <summary>
/// The most sets an account may hold (<c>Failsafe:Limits:SetsPerAccount</c>) holds for every writer: a logged set as an
/// import, two imports sent at once, and two servers sharing one database.
/// </summary>
public sealed class AccountCapTests
{
    private const string Header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n";

    private const string Limit = "Failsafe:Limits:SetsPerAccount";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary><paramref name="count"/> squat sets, one workout a day from 2026-01-01 on, <paramref name="perDay"/> a workout.</summary>
    private static string Sets(int count, int perDay = 10, string workout = "Leg") => Header + string.Concat(Enumerable.Range(0, count).Select(i =>
        $"{new DateOnly(2026, 1, 1).AddDays(i / perDay):yyyy-MM-dd} 12:00:00;\"{workout}\";\"Squat (Barbell)\";{i % perDay + 1};100;kg;5;;\"\";\"\"\n"));

    private static Task<HttpResponseMessage> Log(ApiUser user, string date = "2026-03-01") =>
        user.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", set = "100x5@8", date }, Api.Cancel);

    private static async Task ShouldBeRefusedAtTheCap(HttpResponseMessage response, int most, int held)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        problem.Detail().ShouldBe($"an account may hold at most {most} sets ({Limit}) and this one holds {held}; nothing was stored");
        problem.GetProperty("limit").GetString().ShouldBe(Limit);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_logged_set_counts_against_the_sets_an_account_may_hold(Provider provider)
    {
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { [Limit] = "8" });
        var ann = await server.SignUp();
        using (var import = await ann.Client.PostAsync("/api/import/strong", Csv(Sets(5)), Api.Cancel))
            import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync(Api.Cancel));
        for (var i = 0; i < 3; i++)
        {
            using var logged = await Log(ann);
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Api.Cancel));
        }
        using (var over = await Log(ann))
            await ShouldBeRefusedAtTheCap(over, 8, 8);
        using (var over = await Log(ann, "2026-03-02"))
            await ShouldBeRefusedAtTheCap(over, 8, 8);
        var sets = await ann.Sets("1900-01-01", "2200-12-31");
        sets.Count.ShouldBe(8);

        // A deleted set frees its place; the next one takes it, and the one after is refused again.
        (await ann.Client.DeleteAsync($"/api/sets/{sets[^1].Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var logged = await Log(ann))
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Api.Cancel));
        using (var over = await Log(ann))
            await ShouldBeRefusedAtTheCap(over, 8, 8);

        // Another account is not affected.
        var bob = await server.SignUp();
        using (var logged = await Log(bob))
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Api.Cancel));
    }

    /// <summary>Every list an account writes one request at a time, with what writes one more and how to read it back.</summary>
    public static TheoryData<Provider, string> Lists()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var list in new[] { "Sessions", "Events", "Injuries", "Plans", "Notes", "ProfileChanges", "Invitations" })
                data.Add(provider, list);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_an_account_writes_has_a_cap_refused_with_nothing_stored(Provider provider, string list)
    {
        var setting = $"Failsafe:Limits:{list}Per{(list == "Invitations" ? "Coach" : "Account")}";
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { [setting] = "2" });
        var ann = await server.SignUp();
        var n = 0;
        Task<HttpResponseMessage> Write()
        {
            n++;
            return list switch
            {
                "Sessions" => ann.Client.PostAsJsonAsync("/api/sessions", new { date = $"2026-03-0{n}", name = "Legs" }, Api.Cancel),
                "Events" => ann.Client.PostAsJsonAsync("/api/events", new { date = $"2026-06-0{n}", name = "meet" }, Api.Cancel),
                "Injuries" => ann.Client.PostAsJsonAsync("/api/injuries", new { description = $"shoulder {n}", since = "2026-02-01" }, Api.Cancel),
                "Plans" => ann.Client.PostAsJsonAsync("/api/plans", new { start = "2026-03-02", weeks = 4 }, Api.Cancel),
                "Notes" => ann.Client.PostAsJsonAsync("/api/notes", new { text = $"note {n}", date = "2026-03-02" }, Api.Cancel),
                "ProfileChanges" => ann.Client.PutAsJsonAsync("/api/profile", new { bodyweightKg = 80 + n }, Api.Cancel),
                _ => ann.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = $"athlete{n}@example.com" }, Api.Cancel),
            };
        }
        async Task<string> Read() => list switch
        {
            "Sessions" => (await ann.Client.GetStringAsync("/api/sessions?from=2026-01-01&to=2026-12-31", Api.Cancel)),
            "Events" => await ann.Client.GetStringAsync("/api/events", Api.Cancel),
            "Injuries" => await ann.Client.GetStringAsync("/api/injuries", Api.Cancel),
            "Plans" => await ann.Client.GetStringAsync("/api/plans/active", Api.Cancel),
            "Notes" => await ann.Client.GetStringAsync("/api/notes?from=2026-01-01&to=2026-12-31", Api.Cancel),
            "ProfileChanges" => await ann.Client.GetStringAsync("/api/profile", Api.Cancel),
            _ => await ann.Client.GetStringAsync("/api/coaching/invitations/sent", Api.Cancel),
        };
        for (var i = 0; i < 2; i++)
        {
            using var written = await Write();
            written.IsSuccessStatusCode.ShouldBeTrue(await written.Content.ReadAsStringAsync(Api.Cancel));
        }
        var before = await Read();
        using (var over = await Write())
        {
            var problem = await over.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldEndWith($"({setting}) and this one holds 2; nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe(setting);
        }
        (await Read()).ShouldBe(before);

        // Another account is not affected.
        ann = await server.SignUp();
        n = 0;
        using var other = await Write();
        other.IsSuccessStatusCode.ShouldBeTrue(await other.Content.ReadAsStringAsync(Api.Cancel));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task One_account_has_a_bounded_share_of_requests_in_progress_and_others_are_served_meanwhile(Provider provider)
    {
        using var server = new ServerFactory(provider, new Dictionary<string, string?>
        {
            ["Failsafe:Limits:RequestsInFlightPerAccount"] = "1", ["Failsafe:Limits:RequestsQueuedPerAccount"] = "0",
        });
        var ann = await server.SignUp();
        var bob = await server.SignUp();
        // Another writer holds Ann's profile row (on SQLite, the file), so her logged set stays in progress ...
        var database = server.Services.GetRequiredService<System.Data.Common.DbDataSource>();
        await using var holder = await database.OpenConnectionAsync(Api.Cancel);
        await using var hold = await holder.BeginTransactionAsync(Api.Cancel);
        await using (var touch = holder.CreateCommand())
        {
            touch.Transaction = hold;
            touch.CommandText = $"UPDATE \"profiles\" SET \"Revision\" = \"Revision\" WHERE \"Id\" = {ann.AthleteId}";
            await touch.ExecuteNonQueryAsync(Api.Cancel);
        }
        var logged = Log(ann);
        // ... so, once the server has it, her next request is refused at once, with when to try again; Bob is served.
        // (Until then a probe may itself hold her one place, and the set is the one refused: it is sent again.)
        HttpResponseMessage refused;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((refused = await ann.Client.GetAsync("/api/profile", Api.Cancel)).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            refused.Dispose();
            if (logged.IsCompleted)
            {
                using var early = await logged;
                early.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, await early.Content.ReadAsStringAsync(Api.Cancel));
                logged = Log(ann);
            }
            await Task.Delay(20, Api.Cancel);
        }
        using (refused)
        {
            var problem = await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests);
            problem.Detail().ShouldBe("This account has 1 requests in progress or waiting; wait for them to finish and try again.");
            refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
        }
        (await bob.Client.GetAsync("/api/profile", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await hold.RollbackAsync(Api.Cancel);
        using (var done = await logged)
            done.StatusCode.ShouldBe(HttpStatusCode.Created, await done.Content.ReadAsStringAsync(Api.Cancel));
        (await ann.Client.GetAsync("/api/profile", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_session_holds_at_most_500_sets_whoever_writes_them(Provider provider)
    {
        using var server = new ServerFactory(provider);
        var ann = await server.SignUp();

        // An import: a workout of 501 sets is refused whole, by its line; one of 500 is taken.
        using (var over = await ann.Client.PostAsync("/api/import/strong", Csv(Sets(501, perDay: 501)), Api.Cancel))
        {
            var problem = await over.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.Detail().ShouldBe("line 502, column Workout Name: workout 'Leg' of 2026-01-01 has 501 sets; a session holds at most 500");
        }
        (await ann.Sets("1900-01-01", "2200-12-31")).Count.ShouldBe(0);
        using (var fits = await ann.Client.PostAsync("/api/import/strong", Csv(Sets(500, perDay: 500)), Api.Cancel))
            fits.StatusCode.ShouldBe(HttpStatusCode.OK, await fits.Content.ReadAsStringAsync(Api.Cancel));

        // Logged sets: the day's session takes its 500th set, not a 501st; another day is not affected.
        for (var i = 0; i < 500; i++)
        {
            using var logged = await Log(ann);
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Api.Cancel));
        }
        using (var over = await Log(ann))
        {
            var problem = await over.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.Detail().ShouldBe("the session of 2026-03-01 holds 500 sets and a session holds at most 500; nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe("sets per session");
        }
        using (var other = await Log(ann, "2026-03-02"))
            other.StatusCode.ShouldBe(HttpStatusCode.Created, await other.Content.ReadAsStringAsync(Api.Cancel));
        (await ann.Sets("1900-01-01", "2200-12-31")).Count.ShouldBe(1001);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Two_imports_sent_at_once_cannot_together_take_an_account_over_its_cap(Provider provider)
    {
        // Each file alone fits (3,000 of 5,000); both would not. Each is big enough that both have passed the early
        // check before either commits.
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { [Limit] = "5000" });
        var ann = await server.SignUp();
        var first = ann.Client.PostAsync("/api/import/strong", Csv(Sets(3000, workout: "A")), Api.Cancel);
        var second = ann.Client.PostAsync("/api/import/strong", Csv(Sets(3000, workout: "B")), Api.Cancel);
        using var a = await first;
        using var b = await second;
        var answers = new[] { a, b };
        var texts = await Task.WhenAll(answers.Select(r => r.Content.ReadAsStringAsync(Api.Cancel)));
        answers.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", texts));
        var refused = answers.Single(r => r.StatusCode != HttpStatusCode.OK);
        var problem = await refused.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("limit").GetString().ShouldBe(Limit);
        problem.Detail().ShouldEndWith($"an account may hold at most 5,000 sets ({Limit}) and this one holds 3,000; nothing was stored");
        (await ann.Sets("1900-01-01", "2200-12-31")).Count.ShouldBe(3000);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Custom_exercises_typed_or_imported_count_against_the_most_an_account_may_hold(Provider provider)
    {
        const string customLimit = "Failsafe:Limits:CustomExercisesPerAccount";
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { [customLimit] = "3" });
        var ann = await server.SignUp();
        foreach (var name in new[] { "Glorp Press", "Glorp Row" })
        {
            using var created = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name, like = "Leg Press" }, Api.Cancel);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Api.Cancel));
        }
        static string Names(params string[] names) => Header + string.Concat(names.Select((n, i) => $"2026-01-01 12:00:00;\"Leg\";\"{n}\";{i + 1};100;kg;5;;\"\";\"\"\n"));
        using (var over = await ann.Client.PostAsync("/api/import/strong", Csv(Names("Glorp Curl", "Glorp Fly")), Api.Cancel))
        {
            var problem = await over.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldBe($"line 3, column Exercise Name: 'Glorp Fly' would be a 2nd new custom exercise; an account may hold at most 3 custom exercises ({customLimit}) and this one holds 2; nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe(customLimit);
        }
        using (var fits = await ann.Client.PostAsync("/api/import/strong", Csv(Names("Glorp Curl", "Glorp Press")), Api.Cancel))
            fits.StatusCode.ShouldBe(HttpStatusCode.OK, await fits.Content.ReadAsStringAsync(Api.Cancel));
        using (var full = await ann.Client.PostAsJsonAsync("/api/exercises/custom", new { name = "Glorp Fly", like = "Leg Press" }, Api.Cancel))
        {
            var problem = await full.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            problem.Detail().ShouldBe($"an account may hold at most 3 custom exercises ({customLimit}) and this one holds 3; nothing was stored");
            problem.GetProperty("limit").GetString().ShouldBe(customLimit);
        }
        (await (await ann.Client.GetAsync("/api/exercises/custom", Api.Cancel)).Json()).GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Two_servers_on_one_database_keep_the_cap_between_them()
    {
        var (admin, database, connectionString) = ServerFactory.CreatePostgresDatabase();
        try
        {
            var settings = new Dictionary<string, string?> { [Limit] = "3" };
            using var a = new ServerFactory(Provider.Postgres, settings, connectionString);
            using var b = new ServerFactory(Provider.Postgres, settings, connectionString);
            var ann = await a.SignUp();
            using var annOnB = b.CreateClient();
            annOnB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ann.Token);
            for (var i = 0; i < 2; i++)
            {
                using var logged = await Log(ann);
                logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Api.Cancel));
            }
            // B writes the third; A, which counted two, must not write a fourth.
            using (var third = await annOnB.PostAsJsonAsync("/api/sets", new { exercise = "squat", set = "100x5@8", date = "2026-03-01" }, Api.Cancel))
                third.StatusCode.ShouldBe(HttpStatusCode.Created, await third.Content.ReadAsStringAsync(Api.Cancel));
            using (var over = await Log(ann))
                await ShouldBeRefusedAtTheCap(over, 3, 3);
            (await ann.Sets("1900-01-01", "2200-12-31")).Count.ShouldBe(3);
        }
        finally
        {
            ServerFactory.DropPostgresDatabase(admin, database);
        }
    }
}
