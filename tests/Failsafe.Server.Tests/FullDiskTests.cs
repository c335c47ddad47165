using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>
/// A storage fault of <see cref="StorageFaultTests"/> for real, on SQLite: the database on a small tmpfs of its own
/// that fills up. (A read-only remount cannot be made under an open database — the kernel refuses it while a file is
/// open for writing — so the read-only case stays with the provider's own exception in StorageFaultTests.) Mounting needs root with CAP_SYS_ADMIN, which this project's machines
/// and CI have (CI runs .ci/run as root on the same kind of machine); elsewhere the test skips, and in CI it fails,
/// so a CI that lost the privilege is noticed.
/// </summary>
public sealed class FullDiskTests
{
    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in arguments)
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    private static async Task<HttpResponseMessage> AddSession(ApiUser user, int i) =>
        await user.Client.PostAsJsonAsync("/api/sessions", new { date = "2026-03-01", name = $"Session {i}", notes = new string('n', 2000) }, Api.Cancel);

    private static async Task ShouldBeUnavailable(HttpResponseMessage response, string context)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, context);
        problem.Detail().ShouldContain("nothing of this request was stored");
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_database_on_a_file_system_that_fills_up_answers_503_with_retry_after_until_there_is_room()
    {
        var mount = Path.Combine(Path.GetTempPath(), "failsafe-full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount);
        if (code != 0)
        {
            Directory.Delete(mount);
            var why = $"cannot mount a tmpfs here (root with CAP_SYS_ADMIN is needed): {output.Trim()}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(why);
            Assert.Skip(why);
        }
        try
        {
            using (var server = new ServerFactory(Provider.Sqlite))
            {
                server.Settings["FAILSAFE_DB"] = Path.Combine(mount, "failsafe.db");
                var ann = await server.SignUp();
                using (var first = await AddSession(ann, 0))
                    first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Api.Cancel));

                // Fill the file system, then write until the database cannot grow.
                var filler = Path.Combine(mount, "filler");
                try
                {
                    await using var fill = File.OpenWrite(filler);
                    var block = new byte[64 * 1024];
                    while (true)
                        await fill.WriteAsync(block, Api.Cancel);
                }
                catch (IOException)
                {
                    // No space left on device: what the test wanted.
                }
                HttpResponseMessage? refused = null;
                for (var i = 1; i <= 500 && refused is null; i++)
                {
                    var response = await AddSession(ann, i);
                    if (response.StatusCode == HttpStatusCode.Created)
                        response.Dispose();
                    else
                        refused = response;
                }
                using (refused.ShouldNotBeNull("500 sessions of 2 KB fitted on a full file system"))
                    await ShouldBeUnavailable(refused, "full");
                using (var ready = await ann.Client.GetAsync("/readyz", Api.Cancel))
                    (await ready.ShouldBeProblem(HttpStatusCode.ServiceUnavailable)).Detail().ShouldContain("writes are failing");

                using (var set = await ann.Client.PostAsJsonAsync("/api/sets", new { exercise = "squat", set = "100x5@8", date = "2026-03-02", notes = new string('n', 2000) }, Api.Cancel))
                    await ShouldBeUnavailable(set, "full, a set");
                using (var read = await ann.Client.GetAsync("/api/sessions?from=2026-03-01&to=2026-03-01", Api.Cancel))
                    read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync(Api.Cancel));

                // Room again: writes work again.
                File.Delete(filler);
                using (var again = await AddSession(ann, 1000))
                    again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Api.Cancel));

            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", mount);
            Directory.Delete(mount, true);
        }
    }
}
