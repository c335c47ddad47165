using Failsafe.Server.Athletes;
using Failsafe.Server.Web;
using Failsafe.Store.Catalog;
using Failsafe.Store.Data;
using Failsafe.Store.Training;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Server.Transfer;

public static class ExportEndpoints
{
    public static void MapExport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/export/{format}", Export).ForAthlete(Access.Read).WithTags("Import and export")
            .WithSummary("Download the log: csv (one row per set) or json (the evaluate contract's history shape, which evaluate accepts back).");
    }

    public static IResult Export(string format, FailsafeDb db, AthleteAccess access, TimeProvider clock)
    {
        if (format is not ("csv" or "json"))
            return Problems.Invalid("format", $"'{format}' is not an export format (csv or json; the plan's calendar is /api/plans/active.ics)");
        var log = LogReader.For(db);
        var sessions = log.Sessions();
        var stamp = access.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (format == "json")
        {
            var custom = log.CustomExercises();
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(HistoryExport.ToJson(sessions, CatalogLoader.Default, custom)), "application/json", $"failsafe-history-{stamp}.json");
        }
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        HistoryExport.ToCsv(sessions, writer);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", $"failsafe-history-{stamp}.csv");
    }
}
