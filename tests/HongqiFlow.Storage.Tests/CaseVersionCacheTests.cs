using HongqiFlow.Storage;

namespace HongqiFlow.Storage.Tests;

public sealed class CaseVersionCacheTests
{
    [Fact]
    public void TryGet_OnlyTheRememberedVersion_Hits()
    {
        var cache = new CaseVersionCache<string>(10);
        cache.Remember("c-1", 3, "h3");

        cache.TryGet("c-1", 3, out var hit).ShouldBeTrue();
        hit.ShouldBe("h3");
        cache.TryGet("c-1", 2, out _).ShouldBeFalse();
        cache.TryGet("c-2", 3, out _).ShouldBeFalse();
    }

    [Fact]
    public void Remember_AnOlderVersionAfterANewer_KeepsTheNewer()
    {
        var cache = new CaseVersionCache<string>(10);
        cache.Remember("c-1", 5, "h5");
        cache.Remember("c-1", 4, "h4");

        cache.TryGet("c-1", 5, out var kept).ShouldBeTrue();
        kept.ShouldBe("h5");
        cache.Forget("c-1");
        cache.TryGet("c-1", 5, out _).ShouldBeFalse();
    }

    [Fact]
    public void Remember_BeyondTheCapacity_StartsAgainEmpty()
    {
        var cache = new CaseVersionCache<int>(2);
        cache.Remember("a", 1, 1);
        cache.Remember("b", 1, 1);
        cache.Remember("c", 1, 1);

        cache.Count.ShouldBe(1);
        cache.TryGet("c", 1, out _).ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => new CaseVersionCache<int>(0));
    }
}
