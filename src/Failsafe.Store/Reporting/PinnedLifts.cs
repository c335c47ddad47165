using System.Text.Json;
using Failsafe.Store.Training;

namespace Failsafe.Store.Reporting;

/// <summary>
/// The lifts a lifter pins for the e1RM charts (the profile's <c>PinnedLifts</c>): stored exercise ids (a catalog id or
/// <c>custom:Name</c>) as a JSON array, at most <see cref="Lifting.MaxMainLifts"/>, in the order given. None pinned: the
/// charts show the main lifts. <c>report --lift</c> and the Progress page's picker choose for one report without
/// changing them.
/// </summary>
public static class PinnedLifts
{
    /// <summary>The ids stored in <paramref name="json"/> (none for null or empty).</summary>
    public static IReadOnlyList<string> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json)?.Where(id => !string.IsNullOrWhiteSpace(id)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>What the profile stores for <paramref name="ids"/>: null when none are pinned.</summary>
    public static string? Write(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? null : JsonSerializer.Serialize(ids);
    }

    /// <summary>
    /// The ids of <paramref name="lifts"/> (names as a lifter writes them, or ids), duplicates dropped; null with the
    /// problem (too many, or a name no exercise goes by, with the catalog's suggestions).
    /// </summary>
    public static IReadOnlyList<string>? Resolve(IEnumerable<string> lifts, ExerciseResolver resolver, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(lifts);
        ArgumentNullException.ThrowIfNull(resolver);
        var given = lifts.Select(l => l?.Trim() ?? "").Where(l => l.Length > 0).ToList();
        // Bounded before any name is looked up: a list of thousands costs nothing.
        if (given.Count > 4 * Lifting.MaxMainLifts)
        {
            problem = $"{given.Count} lifts given; at most {Lifting.MaxMainLifts}";
            return null;
        }
        var ids = new List<string>();
        foreach (var lift in given)
        {
            var (id, _, match) = resolver.Resolve(lift.StartsWith("custom:", StringComparison.Ordinal) ? lift["custom:".Length..] : lift);
            if (id is null)
            {
                problem = $"'{lift}' is not an exercise in the catalog or among your own" +
                    (match.Suggestions.IsEmpty ? "" : $" (did you mean {string.Join(", ", match.Suggestions.Take(3))}?)");
                return null;
            }
            if (!ids.Contains(id))
                ids.Add(id);
        }
        if (ids.Count > Lifting.MaxMainLifts)
        {
            problem = $"{ids.Count} lifts given; at most {Lifting.MaxMainLifts}";
            return null;
        }
        problem = null;
        return ids;
    }

    /// <summary>An id's exercise name as the lifter reads it (the id itself when it is no longer known).</summary>
    public static string Name(string id, ExerciseResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(resolver);
        return resolver.Resolve(id.StartsWith("custom:", StringComparison.Ordinal) ? id["custom:".Length..] : id).Exercise?.Name ?? id;
    }
}
