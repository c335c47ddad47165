using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Failsafe.Server.Data;

/// <summary>
/// A database that cannot store (a full disk, a read-only file system or database, a PostgreSQL server restarting)
/// is answered with 503, <c>Retry-After</c> and a problem that says nothing was stored — a failed statement rolls its
/// transaction back — instead of a 500; and <c>/readyz</c> reports not ready for <see cref="Window"/> after each such
/// fault (<see cref="NotReady"/>), so a load balancer sends the traffic elsewhere while writes fail. Readiness comes
/// back by itself: the next request after the window either succeeds or renews it.
/// </summary>
public sealed class StorageFaults(IProblemDetailsService problems, TimeProvider clock, ILogger<StorageFaults> logger) : IExceptionHandler
{
    /// <summary>How long after a fault the server reports not ready, and asks clients to wait (Retry-After).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private long _lastFault = long.MinValue;
    private string? _what;

    /// <summary>Why the database cannot store right now, or null when it faulted longer than <see cref="Window"/> ago (or never).</summary>
    public string? NotReady()
    {
        var last = Interlocked.Read(ref _lastFault);
        return last != long.MinValue && clock.GetUtcNow().UtcTicks - last < Window.Ticks ? $"writes are failing: {_what}" : null;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Fault(exception) is not { } what || httpContext.Response.HasStarted)
            return false;
        _what = what;
        Interlocked.Exchange(ref _lastFault, clock.GetUtcNow().UtcTicks);
        Log.StorageFault(logger, what, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Cannot store right now",
                Detail = $"The server cannot use its database right now ({what}); nothing of this request was stored. Try again in {Window.TotalSeconds:0} seconds.",
            },
        });
    }

    /// <summary>What is wrong with the storage, when <paramref name="exception"/> (or one inside it) says the database cannot store or be reached.</summary>
    public static string? Fault(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 13 }:
                    return "the disk is full";
                case SqliteException { SqliteErrorCode: 8 }:
                    return "the database is read-only";
                case SqliteException { SqliteErrorCode: 10 or 14 }:
                    return "the database file cannot be written";
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                    return "the disk is full";
                case PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }:
                    return "the database is read-only";
                case PostgresException { SqlState: var state } when state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal):
                    return "the database is out of resources or restarting";
                case NpgsqlException { IsTransient: true }:
                    return "the database cannot be reached";
            }
        }
        return null;
    }

    /// <summary>Whether a failure may pass if the request is run again: the connection failed, not the statement.</summary>
    public static bool Transient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown })
                return true;
        }
        return false;
    }
}

/// <summary>
/// Runs a GET or HEAD again, up to <see cref="Attempts"/> times with a growing pause (0.1, 0.2, 0.4, 0.8 s), when it
/// fails with a transient connection failure before its answer started (PostgreSQL restarting: Npgsql's pooled
/// connections break all at once). The pool is cleared first, so the retry opens new connections. Reads are safe to
/// run twice; writes are not retried here — they answer 503 (<see cref="StorageFaults"/>) and a client retries them
/// with its Idempotency-Key.
/// </summary>
public sealed class RetryReads(RequestDelegate next, DbDataSource source, ILogger<RetryReads> logger)
{
    public const int Attempts = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) || source is not NpgsqlDataSource pool)
        {
            await next(context);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && !context.Response.HasStarted && StorageFaults.Transient(ex) && !context.RequestAborted.IsCancellationRequested)
            {
                Log.RetryingRead(logger, attempt, ex.Message);
                pool.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (attempt - 1)), context.RequestAborted);
                context.Response.Clear();
            }
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The database cannot store right now: {What}")]
    public static partial void StorageFault(ILogger logger, string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A read failed on a broken connection (attempt {Attempt}), running it again: {Message}")]
    public static partial void RetryingRead(ILogger logger, int attempt, string message);
}
