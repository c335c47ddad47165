using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Failsafe.Server.Tests;

/// <summary>
/// The exports (<c>/api/export/csv</c>, <c>/api/export/json</c>, <c>/account/export</c>, and a coach's <c>?athlete=</c>):
/// streamed from the database to the response, never built whole in memory first; and CSV cells a spreadsheet would
/// run as a formula are neutralised.
/// </summary>
public sealed class ExportTests(Servers servers) : IClassFixture<Servers>
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>A coach linked to <paramref name="athlete"/> (invited and accepted).</summary>
    private static async Task<ApiUser> CoachOf(ServerFactory server, ApiUser athlete)
    {
        var coach = await server.SignUp();
        (await coach.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = athlete.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var invitation = (await (await athlete.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single();
        (await athlete.Client.PostAsync($"/api/coaching/invitations/{invitation.Id()}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return coach;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_export_is_streamed_without_a_length_known_in_advance_and_holds_the_whole_log(Provider provider)
    {
        // A response whose length is known before it is sent was built whole in memory first (1.2 M sets took the
        // server to 6.8 GB); a streamed one is sent as it is read, without a Content-Length.
        var server = servers.For(provider);
        var ann = await server.SignUp();
        for (var day = 2; day <= 6; day++)
            await ann.LogSet($"2026-03-0{day}", notes: $"day-{day}");
        var coach = await CoachOf(server, ann);

        foreach (var (client, path) in new[]
        {
            (ann.Client, "/api/export/csv"), (ann.Client, "/api/export/json"), (ann.Client, "/account/export"),
            (coach.Client, $"/api/export/csv?athlete={ann.AthleteId}"), (coach.Client, $"/api/export/json?athlete={ann.AthleteId}"),
        })
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Api.Cancel);
            // Asked before the body is read: HttpClient computes the length of a body it has read.
            var length = response.Content.Headers.ContentLength;
            var text = await response.Content.ReadAsStringAsync(Api.Cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {text}");
            length.ShouldBeNull($"{path} was built in memory before it was sent");
            response.Content.Headers.ContentDisposition!.FileName.ShouldNotBeNullOrEmpty(path);
            for (var day = 2; day <= 6; day++)
                text.ShouldContain($"day-{day}", customMessage: path);
        }

        var csv = await ann.Client.GetStringAsync("/api/export/csv", Api.Cancel);
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 5);
        var json = await (await ann.Client.GetAsync("/api/export/json", Api.Cancel)).Json();
        json.GetProperty("history").GetArrayLength().ShouldBe(5);
        var account = await (await ann.Client.GetAsync("/account/export", Api.Cancel)).Json();
        account.GetProperty("sessions").EnumerateArray().SelectMany(s => s.GetProperty("sets").EnumerateArray()).Count().ShouldBe(5);
        account.GetProperty("account").GetProperty("email").GetString().ShouldBe(ann.Email);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Csv_cells_a_spreadsheet_would_run_as_a_formula_are_neutralised(Provider provider)
    {
        // OWASP's CSV injection advice: a cell beginning with =, +, -, @, tab or carriage return gets a leading
        // apostrophe, so a spreadsheet shows it as text instead of running it.
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var import =
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Notes;Workout Notes\n" +
            "2026-01-11 12:00:00;\"-2+3\";\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\";1;60;kg;5;;\"@SUM(A1)\";\n" +
            "2026-01-11 12:00:00;\"-2+3\";\"Bench Press (Barbell)\";1;80;kg;5;;\"+1\";\n" +
            "2026-01-11 12:00:00;\"-2+3\";\"Bench Press (Barbell)\";3;80;kg;5;;\"plain = fine\";\n";
        using (var response = await ann.Client.PostAsync("/api/import/strong", Csv(import), Api.Cancel))
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        // Through the API, which keeps leading white space: a session named with a carriage return, a note with a tab.
        (await ann.Client.PostAsJsonAsync("/api/sessions", new { date = "2026-01-12", name = "\rreturn" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ann.LogSet("2026-01-12", notes: "\tpadded");
        var coach = await CoachOf(server, ann);

        foreach (var client in new[] { ann.Client, coach.Client })
        {
            var csv = await client.GetStringAsync(client == ann.Client ? "/api/export/csv" : $"/api/export/csv?athlete={ann.AthleteId}", Api.Cancel);
            var cells = Cells(csv);
            cells.ShouldNotContain(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal), csv);
            cells.ShouldContain("'=HYPERLINK(\"http://evil.example\",\"x\")");
            cells.ShouldContain("custom:=HYPERLINK(\"http://evil.example\",\"x\")");
            cells.ShouldContain("'-2+3");
            cells.ShouldContain("'@SUM(A1)");
            cells.ShouldContain("'+1");
            cells.ShouldContain("'\tpadded");
            cells.ShouldContain("'\rreturn");
            cells.ShouldContain("plain = fine");
        }
    }

    /// <summary>The cells of a CSV text (RFC 4180: quotes around a cell, doubled inside it).</summary>
    private static List<string> Cells(string csv)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c is ',' or '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        if (cell.Length > 0)
            cells.Add(cell.ToString());
        return cells;
    }
}
