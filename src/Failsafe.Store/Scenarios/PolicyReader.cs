using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failsafe.Store.Scenarios;

/// <summary>
/// Reads a coaching policy from JSON: any subset of <see cref="Policy"/>'s fields in camelCase
/// (e.g. {"failureSetsPerWindow": 2, "maxFailureShare": 0.1}); the rest keep their defaults.
/// Unknown fields, wrong types and values that make no sense are rejected with the field named.
/// </summary>
public static class PolicyReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static (Policy? Policy, InputError? Error) Read(ReadOnlySpan<byte> utf8Json)
    {
        Policy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<Policy>(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (null, new InputError(ex.Path is { Length: > 0 } p ? p : "$", cut > 0 ? message[..cut] : message));
        }
        if (policy is null)
            return (null, new InputError("$", "expected a JSON object of policy fields"));
        return policy.Validate() is { } problem
            ? (null, new InputError("$." + problem[..problem.IndexOf(':', StringComparison.Ordinal)], problem[(problem.IndexOf(':', StringComparison.Ordinal) + 2)..]))
            : (policy, null);
    }

    private static readonly JsonSerializerOptions WriteOptions = new(Options) { WriteIndented = true };

    /// <summary>The policy as JSON, every field written: a starting point for a coach's own file.</summary>
    public static string ToJson(Policy policy) => JsonSerializer.Serialize(policy, WriteOptions);
}
