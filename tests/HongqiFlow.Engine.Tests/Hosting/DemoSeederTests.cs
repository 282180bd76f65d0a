using System.Reflection;
using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;
using HongqiFlow.Testing;

namespace HongqiFlow.Tests.Hosting;

public sealed class DemoSeederTests : IAsyncLifetime
{
    // A Thursday evening, so the last days before it are working days on the cn-mainland calendar.
    private static readonly DateTimeOffset End = new(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8));
    private readonly InMemoryCaseStore _store = new();
    private DefinitionRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DefinitionRegistry.OpenAsync(_store, Repository.Path("definitions"), TimeProvider.System);

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _store.DisposeAsync();
    }

    private async Task<List<CaseState>> CasesAsync(string? status = null)
    {
        var cases = new CaseService(_store, _registry, TimeProvider.System);
        var states = new List<CaseState>();
        foreach (var row in await _store.ListCasesAsync(new CaseQuery(status, null, null, 500)))
        {
            states.Add((await cases.GetAsync(row.CaseId)).State);
        }

        return states;
    }

    [Fact]
    public async Task SeedAsync_FreshStore_MakesTheCasesWithinThePeriodEachReplayingToItsSnapshot()
    {
        var report = await new DemoSeeder(_store, _registry).SeedAsync(new DemoOptions { End = End, Cases = 60, Weeks = 3 });

        report.Cases.ShouldBe(60);
        (report.Finished + report.Running).ShouldBe(60);
        report.Finished.ShouldBeGreaterThan(40);
        report.From.ShouldBe(End.AddDays(-21));
        var cases = new CaseService(_store, _registry, TimeProvider.System);
        var states = await CasesAsync();
        states.Count.ShouldBe(60);
        foreach (var state in states)
        {
            var history = await cases.HistoryAsync(state.CaseId);
            history[0].At.ShouldBeGreaterThanOrEqualTo(report.From);
            history[^1].At.ShouldBeLessThanOrEqualTo(End);
            history.Select(e => e.At).ShouldBeInOrder();
            (await cases.ReplayAsync(state.CaseId)).ShouldBe(state);
        }
    }

    [Fact]
    public async Task SeedAsync_FreshStore_DrawsTheMixTheDashboardShows()
    {
        await new DemoSeeder(_store, _registry).SeedAsync(new DemoOptions { End = End, Cases = 120, Weeks = 4 });

        var states = await CasesAsync();
        states.Count(s => s.Materials.Tolerated.Count > 0).ShouldBeGreaterThan(0);
        states.Count(s => s.NoticeGiven).ShouldBeGreaterThan(0);
        states.Count(s => s.Assisted).ShouldBeGreaterThan(0);
        states.Count(s => s.Channel == Channel.Online).ShouldBeGreaterThan(0);
        states.Count(s => s.Rating is not null).ShouldBeGreaterThan(60);
        states.Count(s => s.Outcome == "approved").ShouldBeGreaterThan(60);
        states.ShouldAllBe(s => s.Applicant != null && s.Applicant.IdNumber != null && s.Applicant.IdNumber.Length == 18);
    }

    [Fact]
    public async Task SeedAsync_SameSeedTwice_GivesTheSameReceipts()
    {
        await new DemoSeeder(_store, _registry).SeedAsync(new DemoOptions { End = End, Cases = 20, Weeks = 2, Seed = 7 });
        await using var other = new InMemoryCaseStore();
        using var registry = await DefinitionRegistry.OpenAsync(other, Repository.Path("definitions"), TimeProvider.System);
        await new DemoSeeder(other, registry).SeedAsync(new DemoOptions { End = End, Cases = 20, Weeks = 2, Seed = 7 });

        var first = (await _store.ListCasesAsync(new CaseQuery(null, null, null, 100))).Select(c => c.CaseId).Order(StringComparer.Ordinal);
        var second = (await other.ListCasesAsync(new CaseQuery(null, null, null, 100))).Select(c => c.CaseId).Order(StringComparer.Ordinal);
        second.ShouldBe(first);
    }

    [Fact]
    public async Task SeedAsync_ServerSchedulerOnTheSameStore_CannotTakeBackATimerTheSeederFires()
    {
        // The simulated weeks lie behind the real clock, which a server's scheduler reads; a lease counted from the
        // simulated clock would already have run out for it.
        var real = new VirtualTimeProvider(End.AddDays(2));
        var watched = ClaimWatch.Over(_store);

        await new DemoSeeder(watched, _registry, real).SeedAsync(new DemoOptions { End = End, Cases = 30, Weeks = 2 });

        var claims = ((ClaimWatch)(object)watched).Claims;
        claims.ShouldNotBeEmpty("thirty cases over two weeks have timers to fire");
        claims.ShouldAllBe(c => c.LeaseUntil >= real.Now.AddMinutes(5));
    }

    /// <summary>Passes every call to the store and keeps the timers the seeder claims.</summary>
    public class ClaimWatch : DispatchProxy
    {
        private ICaseStore _inner = null!;

        public List<ClaimedTimer> Claims { get; } = [];

        public static ICaseStore Over(ICaseStore inner)
        {
            var proxy = Create<ICaseStore, ClaimWatch>();
            ((ClaimWatch)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            if (targetMethod.Name == nameof(ICaseStore.ClaimDueTimersAsync) && result is Task<IReadOnlyList<ClaimedTimer>> claimed)
            {
                return Keep(claimed);
            }

            return result;
        }

        private async Task<IReadOnlyList<ClaimedTimer>> Keep(Task<IReadOnlyList<ClaimedTimer>> claimed)
        {
            var timers = await claimed;
            Claims.AddRange(timers);
            return timers;
        }
    }

    [Fact]
    public async Task SeedAsync_StoreHoldsCases_RefusesUnlessForced()
    {
        var seeder = new DemoSeeder(_store, _registry);
        await seeder.SeedAsync(new DemoOptions { End = End, Cases = 5, Weeks = 1 });

        var refused = await Should.ThrowAsync<DemoStoreNotEmptyException>(() => seeder.SeedAsync(new DemoOptions { End = End, Cases = 5, Weeks = 1 }));
        refused.Message.ShouldBe("the store already holds cases; demonstration data goes only into a fresh store (use --force to add it anyway)");
        (await _store.ListCasesAsync(new CaseQuery(null, null, null, 100))).Count.ShouldBe(5);

        await seeder.SeedAsync(new DemoOptions { End = End, Cases = 5, Weeks = 1, Seed = 99, Force = true });
        (await _store.ListCasesAsync(new CaseQuery(null, null, null, 100))).Count.ShouldBe(10);
    }
}
