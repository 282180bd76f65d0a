using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The indicator projection: a case's counts move between days and scopes as its row changes; an older row never overwrites a newer one.</summary>
public abstract partial class CaseStoreContract
{
    private const long Day = 86_400_000;

    [StoreFact]
    public async Task ApplyIndicators_RowChanges_MoveItsCountsBetweenTotals()
    {
        if (Store is not IIndicatorStore indicators)
        {
            return;
        }

        var day = T0.ToUnixTimeMilliseconds() / Day;
        await indicators.ApplyIndicatorsAsync([Row("c-1", 1, T0, [1, 0, 2], "item:A", "department:tax"), Row("c-2", 1, T0, [1, 1, 0], "item:A")]);
        (await Totals(indicators, day)).ShouldBe(["department:tax 1,0,2", "item:A 2,1,2"]);

        // The case moves on (and to the next day's scope list): its old counts leave, its new ones arrive; an older row is ignored.
        (await indicators.ApplyIndicatorsAsync([Row("c-1", 3, T0.AddDays(1), [1, 1, 5], "item:A")])).ShouldBe(1);
        (await indicators.ApplyIndicatorsAsync([Row("c-1", 2, T0, [9, 9, 9], "item:B")])).ShouldBe(0);
        (await Totals(indicators, day)).ShouldBe(["department:tax 0,0,0", "item:A 1,1,0"]);
        (await Totals(indicators, day + 1)).ShouldBe(["item:A 1,1,5"]);

        var running = Row("c-2", 2, T0, [1, 0, 0], "item:A") with { PromisedOverdueFrom = T0.AddHours(5) };
        await indicators.ApplyIndicatorsAsync([running]);
        var read = (await indicators.ReadRunningIndicatorRowsAsync()).ShouldHaveSingleItem();
        (read.CaseId, read.Version, read.StartedAt, read.PromisedOverdueFrom, read.StatutoryOverdueFrom).ShouldBe(("c-2", 2L, T0, T0.AddHours(5), (DateTimeOffset?)null));
        (string.Join(',', read.Scopes), string.Join(',', read.Counts)).ShouldBe(("item:A", "1,0,0"));
        (await indicators.ReadIndicatorRowsAsync(T0, T0.AddMilliseconds(1))).Select(r => r.CaseId).ShouldBe(["c-2"]);
    }

    [StoreFact]
    public async Task ListIndicatorLag_CasesWithoutOrOlderThanTheirRow_AreListed()
    {
        if (Store is not IIndicatorStore indicators)
        {
            return;
        }

        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Create("c-2"));
        await Store.AppendAsync(Create("c-3"));
        (await indicators.ListIndicatorLagAsync(null, 10)).Select(l => (l.CaseId, l.Version)).ShouldBe([("c-1", 1L), ("c-2", 1L), ("c-3", 1L)]);

        await indicators.ApplyIndicatorsAsync([Row("c-1", 1, T0, [1], "item:A"), Row("c-2", 1, T0, [1], "item:A")]);
        await Store.AppendAsync(Next("c-2", 1));
        (await indicators.ListIndicatorLagAsync(null, 10)).Select(l => l.CaseId).ShouldBe(["c-2", "c-3"]);
        (await indicators.ListIndicatorLagAsync("c-2", 10)).Select(l => l.CaseId).ShouldBe(["c-3"]);
    }

    private static IndicatorRow Row(string caseId, long version, DateTimeOffset started, long[] counts, params string[] scopes) =>
        new(caseId, version, started, scopes, counts, null, null);

    private static async Task<List<string>> Totals(IIndicatorStore store, long day) =>
        [.. (await store.ReadIndicatorTotalsAsync(day, day + 1)).OrderBy(t => t.Scope, StringComparer.Ordinal).Select(t => $"{t.Scope} {string.Join(',', t.Counts)}")];
}
