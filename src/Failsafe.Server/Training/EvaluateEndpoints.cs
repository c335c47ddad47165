using Microsoft.AspNetCore.Mvc;

namespace Failsafe.Server.Training;

public static class EvaluateEndpoints
{
    public static void MapEvaluate(this IEndpointRouteBuilder api)
    {
        api.MapPost("/evaluate", Evaluate).WithTags("Evaluate")
            .Accepts<object>("application/json")
            .WithSummary("Evaluate a scenario in the evaluate contract's shape (lifter, history, wellness, session) — nothing is stored. " +
                "?policy=conservative|hit|competition|endurance picks a preset (default: conservative).");
    }

    /// <summary>
    /// The body is a scenario document; the answer is the contract's evaluation, or a 400 naming the JSON path at fault.
    /// <paramref name="policy"/> names a preset (RULES "Presets"), as <c>--policy NAME</c> does on the command line.
    /// </summary>
    public static async Task<IResult> Evaluate(HttpRequest request, [FromQuery] string? policy, CancellationToken cancel)
    {
        if (policy is not null && PolicyPresets.Problem(policy) is { } problem)
            return Problems.Invalid("policy", problem);
        var chosen = PolicyPresets.Of(policy);
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the scenario as application/json.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancel);
        if (buffer.Length == 0)
            return Problems.Invalid("body", "a scenario document is required (see the evaluate contract)");
        var (scenario, error) = new ScenarioReader(CatalogLoader.Default).Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (error is not null)
            return Problems.Invalid(error.Path.Length == 0 ? "body" : error.Path, error.Problem);
        var evaluation = Evaluator.Evaluate(scenario!, chosen);
        return TypedResults.Text(EvaluationJson.ToJson(evaluation), "application/json");
    }
}
