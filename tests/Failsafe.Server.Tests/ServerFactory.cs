using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Failsafe.Server.Tests;

/// <summary>The databases every API test runs against.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real server in memory (WebApplicationFactory) on a real, fresh database of its own: a temporary SQLite file,
/// or a new PostgreSQL database created for it and dropped afterwards. PostgreSQL comes from
/// <c>FAILSAFE_TEST_POSTGRES</c> (a connection string whose role may create databases; `.ci/run` sets it). Without
/// it a PostgreSQL test skips with a message on a developer machine, and fails in CI (<c>CI=true</c>).
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "FAILSAFE_TEST_POSTGRES";

    private readonly string? _sqliteDir;
    private readonly string? _pgDatabase;
    private readonly string? _pgAdmin;

    public ServerFactory(Provider provider, IDictionary<string, string?>? settings = null, string? sharedConnectionString = null)
    {
        Provider = provider;
        Settings = new Dictionary<string, string?>
        {
            // Tests sign in far more often than a person; the limiter has its own test with a low limit.
            ["Failsafe:SignInPerMinute"] = "100000",
            // Hundreds of servers start and stop in a run: their log keeps to warnings, so that a failing test's
            // report is not buried. Left out: the routing middleware's note that the in-memory test server has no
            // Kestrel body size limit (the tests of the 413s, in ImportTests, run on Kestrel), and the
            // expected failed query of every new database (EF Core reads its migrations history before creating it).
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            Settings[key] = value;
        if (provider == Provider.Sqlite)
        {
            _sqliteDir = Path.Combine(Path.GetTempPath(), "failsafe-server-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_sqliteDir);
            Settings["FAILSAFE_DB"] = Path.Combine(_sqliteDir, "failsafe.db");
        }
        else if (sharedConnectionString is not null)
        {
            Settings["ConnectionStrings:Failsafe"] = sharedConnectionString;
        }
        else
        {
            (_pgAdmin, _pgDatabase, var cs) = CreatePostgresDatabase();
            Settings["ConnectionStrings:Failsafe"] = cs;
        }
    }

    public Provider Provider { get; }

    public Dictionary<string, string?> Settings { get; }

    public string ConnectionString => Settings.TryGetValue("ConnectionStrings:Failsafe", out var cs) && cs is not null ? cs : $"Data Source={Settings["FAILSAFE_DB"]}";

    /// <summary>The admin connection string, or a skip (developer machine) / failure (CI) when PostgreSQL is not configured or not reachable.</summary>
    public static string PostgresAdmin()
    {
        var cs = Environment.GetEnvironmentVariable(PostgresVariable);
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        const string how = "start PostgreSQL and set FAILSAFE_TEST_POSTGRES, e.g. `export FAILSAFE_TEST_POSTGRES=\"$(bash .ci/postgres.sh)\"` (it installs and starts a local server), or run `.ci/run`";
        if (string.IsNullOrEmpty(cs))
        {
            if (ci)
                Assert.Fail($"{PostgresVariable} is not set; in CI the PostgreSQL tests must run. {how}");
            Assert.Skip($"PostgreSQL tests skipped: {PostgresVariable} is not set. To run them: {how}.");
        }
        try
        {
            using var connection = new NpgsqlConnection(cs);
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            if (ci)
                Assert.Fail($"PostgreSQL at {PostgresVariable} is not reachable: {ex.Message}");
            Assert.Skip($"PostgreSQL tests skipped: {PostgresVariable} is set but not reachable ({ex.Message}). {how}.");
        }
        return cs!;
    }

    /// <summary>A new, empty database for one factory (or for two instances sharing it).</summary>
    public static (string Admin, string Database, string ConnectionString) CreatePostgresDatabase()
    {
        var admin = PostgresAdmin();
        var name = "failsafe_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        return (admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    /// <summary>
    /// Drops a test database, ending the sessions still on it. An autovacuum worker busy in it can only be ended by a
    /// member of pg_signal_backend (`.ci/postgres.sh` grants it); on a server where the role is not, the drop is
    /// tried again for a few seconds, until the worker is done.
    /// </summary>
    public static void DropPostgresDatabase(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }

    private bool _http2;

    /// <summary>
    /// Runs the app on Kestrel instead of the in-memory test server, for what only Kestrel does (its body size limit).
    /// HTTP/2 without TLS: a client still sending a body then reads the early answer (a 413), where HTTP/1.1 closes
    /// the connection under it. Call before the first client.
    /// </summary>
    public ServerFactory OnKestrel()
    {
        UseKestrel(o => o.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        _http2 = true;
        return this;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        if (_http2)
        {
            client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }

    /// <summary>The server's clock, when a test sets one before the server starts (the system's otherwise).</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (Clock is { } clock)
            builder.ConfigureServices(services => services.AddSingleton(clock));
    }

    /// <summary>Registers a new account and returns a client that sends its bearer token.</summary>
    public async Task<ApiUser> SignUp(string? email = null, string password = "lift heavy 9 times")
    {
        email ??= $"{Guid.NewGuid():N}@example.com";
        using var anonymous = CreateClient();
        var register = await anonymous.PostAsJsonAsync("/account/register", new { email, password });
        register.EnsureSuccessStatusCode();
        var login = await anonymous.PostAsJsonAsync("/account/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var tokens = await login.Content.ReadFromJsonAsync<Tokens>() ?? throw new InvalidOperationException("no tokens");
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await client.GetFromJsonAsync<Me>("/account/me") ?? throw new InvalidOperationException("no account");
        return new ApiUser(email, password, tokens.AccessToken, me.AthleteId, client);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        if (_pgDatabase is not null)
            DropPostgresDatabase(_pgAdmin!, _pgDatabase);
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDir, true);
            }
            catch (IOException)
            {
                // A file still open on some platform: the temp folder is cleaned later.
            }
        }
    }

    private sealed record Tokens(string AccessToken, string RefreshToken);

    private sealed record Me(string AccountId, string? Email, int AthleteId);
}

/// <summary>A signed-in account: its email, password, bearer token, athlete id and a client that sends the token.</summary>
public sealed record ApiUser(string Email, string Password, string Token, int AthleteId, HttpClient Client);
