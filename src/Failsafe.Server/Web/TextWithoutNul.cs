using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failsafe.Server.Web;

/// <summary>
/// Refuses a request whose bound values hold the NUL character (U+0000) in any text — a route or query value, or a
/// string anywhere in a JSON body (nested objects and lists included) — with a 400 that names the field (its JSON
/// name and path, such as <c>sets[2].notes</c>). PostgreSQL cannot store NUL in text (the request would fail inside
/// the database), and on SQLite it cuts the text short for most readers, so neither database ever receives one.
/// </summary>
/// <remarks>
/// An endpoint filter rather than a JSON converter: a custom converter for <see cref="string"/> makes the OpenAPI
/// document lose the type of every string. Bodies the endpoints read themselves (CSV imports) are checked by the
/// importer, which names the line and column. Only the request's own types are walked (types of the app and the
/// Identity API's requests), never services.
/// </remarks>
public static class TextWithoutNul
{
    public const string Problem = "holds the NUL character (U+0000), which cannot be stored; remove it";

    private const int MaxDepth = 16;

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Members = new();

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var arguments = context.Arguments;
        ParameterInfo[]? parameters = null;
        IServiceProviderIsService? services = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument is null || !Walked(argument.GetType()))
                continue;
            services ??= context.HttpContext.RequestServices.GetRequiredService<IServiceProviderIsService>();
            if (services.IsService(argument.GetType()))
                continue;
            parameters ??= context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
            var name = i < parameters.Length && parameters[i].Name is { } n && argument is string ? n : "";
            if (Find(argument, name, 0) is { } field)
                return Problems.Invalid(field.Length == 0 ? "body" : field, Problem);
        }
        return await next(context);
    }

    /// <summary>The path of the first text holding NUL in <paramref name="value"/>, or null.</summary>
    public static string? Find(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text.Contains('\0', StringComparison.Ordinal) ? path : null;
            case IDictionary dictionary when depth < MaxDepth:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var at = Join(path, Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    if (entry.Key is string key && key.Contains('\0', StringComparison.Ordinal))
                        return at;
                    if (Find(entry.Value, at, depth + 1) is { } found)
                        return found;
                }
                return null;
            case IEnumerable items when depth < MaxDepth && Walked(value.GetType()):
                var index = 0;
                foreach (var item in items)
                {
                    if (Find(item, $"{path}[{index++}]", depth + 1) is { } found)
                        return found;
                }
                return null;
            default:
                if (depth >= MaxDepth || !Walked(value.GetType()))
                    return null;
                foreach (var (name, property) in Members.GetOrAdd(value.GetType(), Describe))
                {
                    if (Find(property.GetValue(value), Join(path, name), depth + 1) is { } found)
                        return found;
                }
                return null;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static readonly ConcurrentDictionary<Type, bool> WalkedTypes = new();

    /// <summary>Text, collections, and the request types of the app and of the Identity API — nothing else (decided once per type: every request asks).</summary>
    private static bool Walked(Type type) => type == typeof(string) || WalkedTypes.GetOrAdd(type, IsWalked);

    private static bool IsWalked(Type type)
    {
        if (type == typeof(string))
            return true;
        if (type.IsArray)
            return Walked(type.GetElementType()!);
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            return type.GetGenericArguments().Any(Walked);
        var space = type.Namespace ?? "";
        return space.StartsWith("Failsafe.", StringComparison.Ordinal) && IsRecord(type)
            || space == "Microsoft.AspNetCore.Identity.Data";
    }

    /// <summary>The app's request bodies are records (the compiler gives every record class an EqualityContract).</summary>
    private static bool IsRecord(Type type) =>
        type.IsClass && type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static (string Name, PropertyInfo Property)[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p)),
    ];
}
