namespace Failsafe.Server.Transfer;

public static class ExportEndpoints
{
    public static void MapExport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/export/{format}", Export).ForAthlete(Access.Read).WithTags("Import and export")
            .WithSummary("Download the log: csv (one row per set) or json (the evaluate contract's history shape, which evaluate accepts back).");
    }

    /// <summary>
    /// The export, streamed: rows go from the database to the response as they are read, so a log of any size costs
    /// the server the memory of one set (the read holds the request's database connection until the last byte is sent).
    /// </summary>
    public static IResult Export(string format, FailsafeDb db, AthleteAccess access, TimeProvider clock, CancellationToken cancel)
    {
        if (format is not ("csv" or "json"))
            return Problems.Invalid("format", $"'{format}' is not an export format (csv or json; the plan's calendar is /api/plans/active.ics)");
        var log = LogReader.For(db);
        var stamp = access.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (format == "json")
        {
            var custom = log.CustomExercises();
            return TypedResults.Stream(body => HistoryExport.WriteJsonAsync(log.EachSet(), custom, body, cancel),
                "application/json", $"failsafe-history-{stamp}.json");
        }
        return TypedResults.Stream(body => HistoryExport.WriteCsvAsync(log.EachSet(), body, cancel), "text/csv", $"failsafe-history-{stamp}.csv");
    }
}
