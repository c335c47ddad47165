using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Failsafe.Server.Web;

/// <summary>
/// Text without the NUL character (U+0000): PostgreSQL cannot store it (the request would fail inside the database),
/// and on SQLite it cuts the text short for most readers, so neither database ever receives one.
/// </summary>
/// <remarks>
/// A JSON body is checked as it is read: <see cref="Refuse"/>, added to the API's JSON contract, has every object
/// the body holds (nested ones and list items too) look at its text members once read, and refuse one holding NUL;
/// <see cref="BadRequests"/> answers with a 400 naming the field by its JSON path (<c>sets[2].notes</c>). It does
/// not touch how strings are read or described, so the OpenAPI document keeps their types (a converter for
/// <see cref="string"/> would lose them). Route and query values are checked by <see cref="Filter"/> on /api and
/// /account. Bodies the endpoints read themselves (CSV imports) are checked by the importer, which names the line
/// and column.
/// </remarks>
public static class TextWithoutNul
{
    public const string Problem = "holds the NUL character (U+0000), which cannot be stored; remove it";

    /// <summary>A modifier of the JSON contract: an object refuses NUL in its text members (strings and lists of strings) once read.</summary>
    public static void Refuse(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        var texts = type.Properties
            .Where(p => p.Get is not null && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
        if (texts.Length == 0)
            return;
        var then = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var property in texts)
            {
                var held = property.Get!(value);
                if (held is string text ? HasNul(text) : held is IEnumerable<string?> list && list.Any(t => t is not null && HasNul(t)))
                    throw new NulException(property.Name);
            }
            then?.Invoke(value);
        };
    }

    /// <summary>A member of an object in the body holds NUL: the member's JSON name, and the object's place in <see cref="JsonException.Path"/>.</summary>
    public sealed class NulException : JsonException
    {
        public NulException() : base(Problem) => Member = "";

        public NulException(string member) : base(Problem) => Member = member;

        public NulException(string message, Exception innerException) : base(message, innerException) => Member = "";

        public string Member { get; }

        /// <summary>The field as the client wrote it: the member <c>notes</c> of the object at <c>$.sets[2]</c> → <c>sets[2].notes</c>.</summary>
        public string Field => Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $"{path[2..]}.{Member}"
            : Path is { Length: > 1 } item && item.StartsWith("$[", StringComparison.Ordinal) ? $"{item[1..]}.{Member}"
            : Member;
    }

    /// <summary>Refuses a route or query value holding NUL with a 400 naming it.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && HasNul(text))
                return Problems.Invalid(name, Problem);
        }
        foreach (var (name, values) in request.Query)
        {
            if (HasNul(name) || values.Any(v => v is not null && HasNul(v)))
                return Problems.Invalid(name, Problem);
        }
        return await next(context);
    }

    private static bool HasNul(string text) => text.Contains('\0', StringComparison.Ordinal);
}
