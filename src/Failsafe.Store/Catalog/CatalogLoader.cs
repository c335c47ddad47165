using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failsafe.Store.Catalog;

/// <summary>Loads the bundled exercise catalog (free-exercise-db) and alias table, classified and corrected.</summary>
public static class CatalogLoader
{
    private static readonly Lazy<ExerciseCatalog> Bundled = new(LoadBundled);

    /// <summary>The bundled catalog, loaded once per process.</summary>
    public static ExerciseCatalog Default => Bundled.Value;


    /// <summary>The source rows as shipped, before classification.</summary>
    public static ImmutableArray<CatalogEntry> LoadEntries()
    {
        using var stream = Open("exercises.json");
        var rows = JsonSerializer.Deserialize(stream, CatalogJson.Default.CatalogRowArray) ?? [];
        return [.. rows.Select(r => new CatalogEntry(
            r.Id, r.Name, r.Mechanic, r.Equipment, r.Force, r.Level, r.Category,
            [.. r.PrimaryMuscles ?? []], [.. r.SecondaryMuscles ?? []]))];
    }

    public static IReadOnlyDictionary<string, string> LoadAliases()
    {
        using var stream = Open("aliases.json");
        return JsonSerializer.Deserialize(stream, CatalogJson.Default.DictionaryStringString) ?? [];
    }

    private static ExerciseCatalog LoadBundled()
    {
        var overrides = CuratedOverrides.All.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var exercises = LoadEntries().Select(e => CuratedOverrides.Apply(e, overrides.GetValueOrDefault(e.Id)));
        return new ExerciseCatalog(exercises, LoadAliases());
    }

    private static Stream Open(string file) =>
        typeof(CatalogLoader).Assembly.GetManifestResourceStream($"Failsafe.Store.Catalog.{file}")
        ?? throw new InvalidOperationException($"The bundled catalog resource '{file}' is missing from the build.");
}

/// <summary>A row of exercises.json as shipped.</summary>
internal sealed record CatalogRow(
    string Id, string Name, string? Mechanic, string? Equipment, string? Force, string? Level, string? Category,
    string[]? PrimaryMuscles, string[]? SecondaryMuscles);

/// <summary>Source-generated JSON metadata: no reflection at start-up, which matters for a short CLI run.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CatalogRow[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CatalogJson : JsonSerializerContext;
