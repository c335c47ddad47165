using System.Collections.Concurrent;
using Failsafe.Store.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace Failsafe.Server.Training;

/// <summary>
/// Decisions for a stored day, keyed by athlete, date and the athlete's <see cref="ProfileRow.Revision"/>. Any
/// change to the log raises the revision in the database, so an entry is never served after a change made on any
/// instance: the cache only saves recomputing what the database says is unchanged.
/// </summary>
public sealed class TodayCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    /// <summary>Decisions being computed: a burst of requests for one stale entry computes it once, the rest wait for it.</summary>
    private readonly ConcurrentDictionary<(string, int, DateOnly, long), Lazy<byte[]>> _computing = new();

    public byte[] Get(string kind, int athlete, long revision, DateOnly date, Func<byte[]> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = (kind, athlete, date);
        if (_cache.TryGetValue(key, out (long Revision, byte[] Json) hit) && hit.Revision == revision)
            return hit.Json;
        var flight = (kind, athlete, date, revision);
        var lazy = _computing.GetOrAdd(flight, _ => new Lazy<byte[]>(compute, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var json = lazy.Value;
            _cache.Set(key, (revision, json), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
            return json;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<(string, int, DateOnly, long), Lazy<byte[]>>(flight, lazy));
        }
    }

    public void Dispose() => _cache.Dispose();
}

public static class TodayEndpoints
{
    public static void MapToday(this IEndpointRouteBuilder api)
    {
        api.MapGet("/today", Today).ForAthlete(Access.Read).WithTags("Today")
            .WithSummary("Today's session: every planned set's target RIR, failure allowed, load and reasons (the evaluate contract's output).");
        api.MapGet("/next", Next).ForAthlete(Access.Read).WithTags("Today")
            .WithSummary("The next set after what was logged today (S6, F1, R6, cut-the-day).");
        api.MapGet("/status", Status).ForAthlete(Access.Read).WithTags("Today")
            .WithSummary("Warnings, actions, failure budget, the 80/20 split of recent sets and e1RM trends.");
    }

    /// <summary>The request's training context, asked for only when the answer is not cached.</summary>
    private static FailsafeDb Db(HttpContext http) => http.RequestServices.GetRequiredService<FailsafeDb>();

    private static StoredDay.Day Decide(LogReader log, DateOnly day) =>
        StoredDay.Decide(log, Resolver(log), day);

    private static ExerciseResolver Resolver(LogReader log) => new(CatalogLoader.Default, log.CustomExercises());

    /// <summary>The request's log, read on its training context's connection.</summary>
    private static LogReader Log(HttpContext http) => LogReader.For(Db(http));

    /// <summary>The day's answer as JSON, from the cache while the athlete's log is unchanged; 400 for a bad date.</summary>
    private static IResult Cached(string kind, string? date, AthleteAccess access, TodayCache cache, TimeProvider clock, Func<DateOnly, byte[]> compute)
    {
        if (!Dates.TryDay(date, access.Today(clock), out var day, out var problem))
            return problem!;
        return TypedResults.Bytes(cache.Get(kind, access.AthleteId, access.Revision, day, () => compute(day)), "application/json");
    }

    /// <param name="date">The day (yyyy-MM-dd); today (UTC) when absent.</param>
    /// <param name="athlete">Whose log: an athlete id, or absent for your own.</param>
    public static IResult Today(string? date, HttpContext http, AthleteAccess access, TodayCache cache, TimeProvider clock) =>
        Cached("today", date, access, cache, clock, day =>
        {
            var log = Log(http);
            var d = Decide(log, day);
            var (_, evaluation) = StoredDay.AsChanged(d, log.SessionOn(day, SessionEndpoints.Source), Resolver(log));
            return EvaluationJson.WriteCompact(w =>
            {
                w.WriteStartObject();
                w.WriteString("date", Dates.Text(day));
                w.WriteString("dayType", d.Plan.Day.DayType is { } t ? Words.Of(t) : "rest");
                w.WriteString("template", d.Plan.Day.Template);
                w.WriteString("planNote", d.Plan.Note);
                w.WriteStrings("notes", d.Plan.Day.Notes);
                w.WritePropertyName("evaluation");
                EvaluationJson.Write(w, evaluation);
                w.WriteEndObject();
            });
        });

    public static IResult Next(string? date, HttpContext http, AthleteAccess access, TodayCache cache, TimeProvider clock) =>
        Cached("next", date, access, cache, clock, day =>
        {
            var log = Log(http);
            var d = Decide(log, day);
            return EvaluationJson.WriteCompact(w => PlanJson.Write(w, StoredDay.Next(d, log.SessionOn(day, SessionEndpoints.Source), Resolver(log))));
        });

    public static IResult Status(string? date, HttpContext http, AthleteAccess access, TodayCache cache, TimeProvider clock) =>
        Cached("status", date, access, cache, clock, day =>
            EvaluationJson.WriteCompact(w => StoredDay.WriteStatus(w, StoredDay.StatusOf(Decide(Log(http), day)))));
}
