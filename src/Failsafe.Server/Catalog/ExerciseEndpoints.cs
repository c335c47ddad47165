using Failsafe.Catalog;

namespace Failsafe.Server.Catalog;

public sealed record ExerciseView(string Id, string Name, string? Mechanic, string Equipment, string MaxFailure, string MaxFailureWithSpotter, string CnsDemand, IReadOnlyList<string> PrimaryMuscles, string Why);

public sealed record ClassifyInput(string? Mechanic, string? Equipment, string? MaxFailure, string? MaxFailureWithSpotter, string? CnsDemand, string? PrimaryMuscles);

/// <param name="Like">A catalog exercise it moves like: its classification is copied (the other fields are then ignored).</param>
public sealed record CustomExerciseInput(string? Name, string? Like, string? Mechanic, string? Equipment, string? MaxFailure, string? MaxFailureWithSpotter, string? CnsDemand, string? PrimaryMuscles);

public sealed record CustomExerciseView(int Id, string Name, bool Classified, string Mechanic, string Equipment, string MaxFailure, string MaxFailureWithSpotter, string CnsDemand, string PrimaryMuscles);

public static class ExerciseEndpoints
{
    public static void MapExercises(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/exercises").WithTags("Exercises");
        g.MapGet("/", Search).ForAthlete(Access.Read).WithSummary("Find exercises by name or alias (the catalog and the athlete's own), with how far each may go to failure.");
        g.MapGet("/custom", Custom).ForAthlete(Access.Read).WithSummary("The athlete's custom exercises (from imports or typed); unclassified ones never go to failure.");
        g.MapPost("/custom", Create).ForAthlete(Access.Plan).ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces<CustomExerciseView>(StatusCodes.Status201Created)
            .WithSummary("Create a custom exercise, classified like a catalog exercise (like) or by its fields.");
        g.MapPut("/custom/{id:int}", Classify).ForAthlete(Access.Plan).WithSummary("Classify a custom exercise.");
    }

    internal static ExerciseView View(Exercise e) => new(
        e.Id, e.Name, e.Mechanic == Mechanic.Unknown ? null : Words.Of(e.Mechanic), e.Equipment, Words.Of(e.MaxFailure), Words.Of(e.MaxFailureWithSpotter),
        Words.Of(e.Cns), e.PrimaryMuscles, e.ClassificationReason);

    private static CustomExerciseView View(CustomExerciseRow c) => new(c.Id, c.Name, c.Classified, c.Mechanic, c.Equipment, c.MaxFailure, c.MaxFailureWithSpotter, c.CnsDemand, c.PrimaryMuscles);

    /// <param name="q">A name or part of one.</param>
    /// <param name="limit">At most this many (1–100, default 20).</param>
    public static IResult Search(string? q, int? limit, FailsafeDb db)
    {
        var n = limit ?? 20;
        if (n is < 1 or > 100)
            return Problems.Invalid("limit", $"{n} is out of range (1–100)");
        if (q is { Length: > 200 })
            return Problems.Invalid("q", "longer than 200 characters");
        var resolver = new ExerciseResolver(CatalogLoader.Default, db);
        var results = new List<ExerciseView>();
        if (string.IsNullOrWhiteSpace(q))
            return TypedResults.Ok(CatalogLoader.Default.All.Take(n).Select(View).ToList());
        var (_, exact, match) = resolver.Resolve(q);
        if (exact is not null)
            results.Add(View(exact));
        foreach (var e in CatalogLoader.Default.All.Where(e => e.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            if (results.Count >= n)
                break;
            if (results.All(r => r.Id != e.Id))
                results.Add(View(e));
        }
        foreach (var s in match.Suggestions)
        {
            if (results.Count >= n)
                break;
            if (CatalogLoader.Default.Resolve(s).Exercise is { } e && results.All(r => r.Id != e.Id))
                results.Add(View(e));
        }
        return TypedResults.Ok(results);
    }

    public static async Task<IResult> Custom(FailsafeDb db, CancellationToken cancel) =>
        TypedResults.Ok((await db.Mine<CustomExerciseRow>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancel)).Select(View).ToList());

    public static async Task<IResult> Classify(int id, ClassifyInput input, FailsafeDb db, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a classification object is required");
        var row = await db.Mine<CustomExerciseRow>().FirstOrDefaultAsync(c => c.Id == id, cancel);
        if (row is null)
            return Problems.NotFound("such custom exercise");
        var errors = CustomExercises.Classify(row, Of(input));
        if (errors.Count > 0)
            return Problems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(View(row));
    }

    /// <summary>A new custom exercise: <c>like</c> copies a catalog exercise's classification, else the fields classify it (unclassified when none is given).</summary>
    public static async Task<IResult> Create(CustomExerciseInput input, FailsafeDb db, IConfiguration settings, CancellationToken cancel)
    {
        if (input is null)
            return Problems.Invalid("body", "a custom exercise object is required");
        if (await ListCap.CustomExercises.Refuses(db.Mine<CustomExerciseRow>(), settings, cancel) is { } full)
            return full;
        var resolver = new ExerciseResolver(CatalogLoader.Default, db);
        if (CustomExercises.CheckName(input.Name, resolver) is { } problem)
            return Problems.Invalid("name", problem);
        CustomExerciseRow row;
        if (input.Like is { } like)
        {
            if (CatalogLoader.Default.Resolve(like).Exercise is not { } model)
                return Problems.Invalid("like", $"'{like}' is not an exercise in the catalog");
            row = CustomExercises.Like(input.Name!, model);
        }
        else
        {
            row = new CustomExerciseRow { Name = input.Name!.Trim() };
            var given = new Classification(input.Mechanic, input.Equipment, input.MaxFailure, input.MaxFailureWithSpotter, input.CnsDemand, input.PrimaryMuscles);
            if (given != new Classification(null, null, null, null, null, null))
            {
                var errors = CustomExercises.Classify(row, given);
                if (errors.Count > 0)
                    return Problems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
            }
        }
        db.CustomExercises.Add(row);
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created($"/api/exercises/custom/{row.Id}", View(row));
    }

    private static Classification Of(ClassifyInput input) =>
        new(input.Mechanic, input.Equipment, input.MaxFailure, input.MaxFailureWithSpotter, input.CnsDemand, input.PrimaryMuscles);
}
