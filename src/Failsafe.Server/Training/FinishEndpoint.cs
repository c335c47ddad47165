namespace Failsafe.Server.Training;

/// <summary>The body of <c>POST /api/sessions/{id}/finish</c>: the session RPE (1–10) and the feeling (better, same, worse); either may be left out.</summary>
public sealed record FinishInput(double? Rpe, string? Feeling);

/// <summary>What a finished session holds.</summary>
public sealed record FinishView(long Id, DateOnly Date, DateTime? FinishedAt, double? Rpe, string? Feeling);

/// <summary><c>POST /api/sessions/{id}/finish</c>: the same finish as <c>failsafe finish</c> (<see cref="SessionFinish"/>).</summary>
public static class FinishEndpoint
{
    public static async Task<IResult> Finish(long id, FinishInput input, FailsafeDb db, TimeProvider clock, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "an object with rpe and feeling is required");
        var row = await db.Mine<SessionRow>().FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such session");
        if (SessionFinish.Apply(row, input.Rpe, input.Feeling, clock.GetUtcNow().UtcDateTime) is { } problem)
            return Problems.Invalid(input.Feeling is not null && problem.StartsWith("feeling", StringComparison.Ordinal) ? "feeling" : "rpe", problem);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("The session was changed by another request at the same moment; try again.");
        }
        return TypedResults.Ok(new FinishView(row.Id, row.Date, row.FinishedAt, row.SessionRpe, row.Feeling));
    }
}
