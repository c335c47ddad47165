using Failsafe.Catalog;
using Failsafe.Engine;
using Failsafe.Store.Scenarios;

namespace Failsafe.Store.Tests.Scenarios;

public sealed class WordsTests
{
    [Fact]
    public void Map_EveryValue_ByItsKebabWord()
    {
        var map = Words.Map<Split>();
        map.Count.ShouldBe(Enum.GetValues<Split>().Length);
        map["full-body"].ShouldBe(Split.FullBody);
        map.ShouldAllBe(e => Words.Of(e.Value) == e.Key);
    }

    [Fact]
    public void Map_CalledAgain_IsTheSameDictionary() =>
        Words.Map<FailureLevel>().ShouldBeSameAs(Words.Map<FailureLevel>());
}
