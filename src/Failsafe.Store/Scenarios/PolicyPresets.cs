using System.Reflection;

namespace Failsafe.Store.Scenarios;

/// <summary>
/// The named policies a lifter or coach picks (RULES "Presets"): conservative (the default), hit, competition and
/// endurance. Each is a policy file in <c>Scenarios/Presets/</c>, read like any coach's file (<see cref="PolicyReader"/>),
/// so it names only what it changes and everything else is the default policy.
/// </summary>
public static class PolicyPresets
{
    /// <summary>The presets' names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["conservative", "hit", "competition", "endurance"];

    /// <summary>The names as one phrase for messages: "conservative, hit, competition, endurance".</summary>
    public static string List => string.Join(", ", Names);

    private static readonly Dictionary<string, Policy> Loaded = Names.ToDictionary(n => n, Load, StringComparer.Ordinal);

    /// <summary>The preset called <paramref name="name"/> (lower case, as listed), or null when there is none.</summary>
    public static Policy? Get(string? name) => name is not null && Loaded.TryGetValue(name, out var p) ? p : null;

    /// <summary>The policy of a profile's <see cref="Data.ProfileRow.Preset"/>: the default when it names none.</summary>
    public static Policy Of(string? preset) => Get(preset) ?? Policy.Default;

    /// <summary>The name a profile's preset is shown by: the default's when it names none.</summary>
    public static string NameOf(string? preset) => Get(preset) is null ? Names[0] : preset!;

    /// <summary>Why <paramref name="name"/> cannot be used as a preset, listing the presets; null when it can.</summary>
    public static string? Problem(string name) => Get(name) is null ? $"'{name}' is not a preset; the presets are {List}" : null;

    private static Policy Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Failsafe.Store.Scenarios.Presets.{name}.json")
            ?? throw new InvalidOperationException($"The {name} policy preset is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var (policy, error) = PolicyReader.Read(buffer.ToArray());
        return policy ?? throw new InvalidOperationException($"The {name} policy preset is invalid at {error}.");
    }
}
