using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

public sealed class SmokeTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SignUp_LogSet_TodayAndReady(Provider provider)
    {
        using var server = new ServerFactory(provider);
        using var anonymous = server.CreateClient();
        (await anonymous.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/today", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var ann = await server.SignUp();
        var logged = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" }, TestContext.Current.CancellationToken);
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var today = await ann.Client.GetStringAsync("/api/today?date=2026-03-04", TestContext.Current.CancellationToken);
        today.ShouldContain("\"evaluation\"");
        var sessions = await ann.Client.GetStringAsync("/api/sessions?from=2026-03-01&to=2026-03-05", TestContext.Current.CancellationToken);
        sessions.ShouldContain("Barbell_Bench_Press_-_Medium_Grip");
    }

    [Fact]
    public void A_new_SQLite_file_of_the_server_has_4_KiB_pages()
    {
        // Every logged set is a commit that writes whole pages to the WAL: the personal log's 16 KiB pages would
        // double the cost of each (Database.SmallCommitPageSize).
        using var server = new ServerFactory(Provider.Sqlite);
        _ = server.Server;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(server.ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(4096L);
    }
}
