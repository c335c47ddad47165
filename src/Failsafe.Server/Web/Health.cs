using Failsafe.Server.Accounts;
using Failsafe.Server.Data;

namespace Failsafe.Server.Web;

public static class Health
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database is reachable, its schema current, and no write failed in the last <see cref="StorageFaults.Window"/>.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", async (FailsafeDb training, AccountsDb accounts, StorageFaults faults, CancellationToken cancel) =>
            (faults.NotReady() ?? await ServerDatabase.NotReady(training, accounts, cancel)) is { } problem
                ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: problem)
                : Results.Text("ready")).ExcludeFromDescription();
    }
}
