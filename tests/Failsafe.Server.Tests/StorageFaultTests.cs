using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Failsafe.Store.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failsafe.Server.Tests;

/// <summary>
/// A database that cannot store answers 503 with Retry-After and says nothing was stored, and /readyz reports not
/// ready meanwhile; on PostgreSQL a read that meets a broken connection is run again. The faults are the exceptions
/// each provider throws (SQLite's error 13 and 8, PostgreSQL's 53100 and 25006, Npgsql's broken stream), raised by an
/// interceptor on the training context's commands.
/// </summary>
public sealed class StorageFaultTests
{
    /// <summary>Throws <see cref="Fault"/> for every write (or, with <see cref="Reads"/>, for that many reads).</summary>
    private sealed class Breaker : DbCommandInterceptor
    {
        public Exception? Fault { get; set; }

        public int Reads { get; set; }

        public int Attempts;

        private void Check(DbCommand command)
        {
            var text = command.CommandText.TrimStart();
            var write = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
            if (Fault is null)
                return;
            if (write && Reads == 0)
                throw Fault;
            if (!write && text.Contains("events", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Attempts);
                if (Reads > 0)
                {
                    Reads--;
                    throw Fault;
                }
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return base.NonQueryExecuting(command, eventData, result);
        }
    }

    private static WebApplicationFactory<Program> Start(ServerFactory server, Breaker breaker) =>
        server.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            if (server.Provider == Provider.Sqlite)
                s.ConfigureDbContext<FailsafeDb>((_, o) => o.AddInterceptors(breaker));
            else
                s.ConfigureDbContext<PostgresTrainingDb>((_, o) => o.AddInterceptors(breaker));
        }));

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_full_or_read_only_database_answers_503_with_retry_after_and_readyz_is_not_ready(Provider provider)
    {
        using var server = new ServerFactory(provider);
        var breaker = new Breaker();
        using var app = Start(server, breaker);
        var ann = await server.SignUp();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = Api.Bearer(ann.Token);
        (await client.GetAsync("/readyz", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Exception[] faults = provider == Provider.Sqlite
            ? [new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), new SqliteException("SQLite Error 8: 'attempt to write a readonly database'.", 8)]
            : [new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", PostgresErrorCodes.DiskFull),
               new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction)];
        foreach (var fault in faults)
        {
            breaker.Fault = fault;
            using var response = await client.PostAsJsonAsync("/api/events", new { date = "2026-06-01", name = "meet" }, Api.Cancel);
            var problem = await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, fault.Message);
            problem.Detail().ShouldContain("nothing of this request was stored");
            response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThan(0);
            using var ready = await client.GetAsync("/readyz", Api.Cancel);
            (await ready.ShouldBeProblem(HttpStatusCode.ServiceUnavailable)).Detail().ShouldContain("writes are failing");
        }
        breaker.Fault = null;
        (await (await client.GetAsync("/api/events", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_read_meeting_a_broken_postgres_connection_is_run_again()
    {
        using var server = new ServerFactory(Provider.Postgres);
        var breaker = new Breaker();
        using var app = Start(server, breaker);
        var ann = await server.SignUp();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = Api.Bearer(ann.Token);
        breaker.Reads = 2;
        breaker.Fault = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        using var response = await client.GetAsync("/api/events", Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Api.Cancel));
        breaker.Attempts.ShouldBe(3);
    }
}
