using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Failsafe.Server.Web;

namespace Failsafe.Server.Tests;

/// <summary>The JSON contract's check for NUL, on shapes the API's own requests do not have yet: nesting, lists, top-level lists.</summary>
public sealed class TextWithoutNulTests
{
    public sealed record Item(string? Notes, IReadOnlyList<string>? Tags);

    public sealed record Outer(string? Name, IReadOnlyList<Item>? Sets);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(TextWithoutNul.Refuse),
    };

    [Theory]
    [InlineData("{\"name\":\"a\\u0000\"}", "name")]
    [InlineData("{\"sets\":[{\"notes\":\"ok\"},{\"notes\":\"ok\"},{\"notes\":\"x\\u0000y\"}]}", "sets[2].notes")]
    [InlineData("{\"sets\":[{\"tags\":[\"ok\",\"\\u0000\"]}]}", "sets[0].tags")]
    public void Read_TextWithNul_NamesTheField(string json, string field)
    {
        var refused = Should.Throw<TextWithoutNul.NulException>(() => JsonSerializer.Deserialize<Outer>(json, Options));
        refused.Field.ShouldBe(field);
    }

    [Fact]
    public void Read_ListOfObjects_NamesTheItem() =>
        Should.Throw<TextWithoutNul.NulException>(() => JsonSerializer.Deserialize<List<Item>>("[{\"notes\":\"a\"},{\"notes\":\"\\u0000\"}]", Options))
            .Field.ShouldBe("[1].notes");

    [Fact]
    public void Read_TextWithoutNul_IsRead() =>
        JsonSerializer.Deserialize<Outer>("{\"name\":\"bench \\u00e9\",\"sets\":[{\"notes\":\"fine\",\"tags\":[\"a\"]}]}", Options)!.Sets![0].Notes.ShouldBe("fine");

    /// <summary>A list of text may hold nulls (found by the write endpoints' fuzz test: it answered 500); they hold no NUL.</summary>
    [Fact]
    public void Read_ListWithNulls_IsRead() =>
        JsonSerializer.Deserialize<Outer>("{\"sets\":[{\"tags\":[null,\"a\",null]}]}", Options)!.Sets![0].Tags!.Count.ShouldBe(3);
}
