using HongqiFlow.Storage;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>
/// The operations audit part of the store contract (安全审计): an SM3 chain in sequence, searched newest first, and
/// every alteration or removal behind the store's back found by the verification.
/// </summary>
public abstract partial class CaseStoreContract
{
    private IOperationsLog Operations => (IOperationsLog)Store;

    /// <summary>Edits a recorded operation's detail behind the store's back (past the append-only triggers, as a database owner could).</summary>
    protected abstract Task TamperWithOperationAsync(long sequence, string detail);

    /// <summary>Removes a recorded operation behind the store's back.</summary>
    protected abstract Task RemoveOperationAsync(long sequence);

    private static OperationRecord Op(string actor, string operation, string target, string result = OperationResults.Success, int minutes = 0) =>
        new(Noon.AddMinutes(minutes), actor, "admin", "10.0.0.7", operation, target, result, """{"method":"POST"}""");

    [StoreFact]
    public async Task AppendOperation_ChainsEachEntryWithSm3FromTheGenesis()
    {
        var first = await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0201"));
        var second = await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionsExport, "catalog", minutes: 1));

        (first.Sequence, second.Sequence).ShouldBe((1L, 2L));
        first.PreviousHash.ShouldBe(OperationsChain.Genesis);
        second.PreviousHash.ShouldBe(first.Hash);
        first.Hash.Length.ShouldBe(Sm3.Length * 2);
        first.Hash.ShouldBe(OperationsChain.Hash(1, Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0201"), OperationsChain.Genesis));
        (await Operations.VerifyOperationsAsync()).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task QueryOperations_FiltersByWhoWhatResultAndTime_NewestFirstInPages()
    {
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0201"));
        await Operations.AppendOperationAsync(Op("anonymous", OperationKinds.Authentication, "/api/cases", OperationResults.Unauthenticated, 1));
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0305", minutes: 2));
        await Operations.AppendOperationAsync(Op("wang-wu", OperationKinds.Authorization, "/api/definitions/export", OperationResults.Denied, 3));

        var all = await Operations.QueryOperationsAsync(new OperationQuery(Limit: 3));
        all.Operations.Select(o => o.Sequence).ShouldBe([4L, 3L, 2L]);
        (all.Total, all.Next).ShouldBe((4L, 2L));
        var last = await Operations.QueryOperationsAsync(new OperationQuery(Before: all.Next, Limit: 3));
        last.Operations.Select(o => o.Sequence).ShouldBe([1L]);
        last.Next.ShouldBeNull();

        (await Operations.QueryOperationsAsync(new OperationQuery(Actor: "li-si"))).Operations.Select(o => o.Target).ShouldBe(["SBDJ-0305", "SBDJ-0201"]);
        (await Operations.QueryOperationsAsync(new OperationQuery(Result: OperationResults.Denied))).Operations.ShouldHaveSingleItem().Actor.ShouldBe("wang-wu");
        (await Operations.QueryOperationsAsync(new OperationQuery(Operation: OperationKinds.Authentication))).Total.ShouldBe(1);
        (await Operations.QueryOperationsAsync(new OperationQuery(From: Noon.AddMinutes(1), To: Noon.AddMinutes(3)))).Operations.Select(o => o.Sequence).ShouldBe([3L, 2L]);
        (await Operations.QueryOperationsAsync(new OperationQuery(Text: "0305"))).Operations.ShouldHaveSingleItem().Sequence.ShouldBe(3);
        (await Operations.QueryOperationsAsync(new OperationQuery(Text: "50%_"))).Total.ShouldBe(0);
    }

    [StoreFact]
    public async Task VerifyOperations_EntryAlteredBehindTheStore_NamesTheEntry()
    {
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0201"));
        await Operations.AppendOperationAsync(Op("wang-wu", OperationKinds.Authorization, "/api/definitions/export", OperationResults.Denied, 1));
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionsExport, "catalog", minutes: 2));

        await TamperWithOperationAsync(2, """{"method":"GET"}""");

        var finding = (await Operations.VerifyOperationsAsync()).ShouldHaveSingleItem();
        finding.Sequence.ShouldBe(2);
        finding.Reason.ShouldBe("entry 2 (authorization by wang-wu) was altered: its content no longer matches its SM3 hash");
    }

    [StoreFact]
    public async Task VerifyOperations_EntryRemovedBehindTheStore_SaysItIsMissing()
    {
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionPublish, "SBDJ-0201"));
        await Operations.AppendOperationAsync(Op("wang-wu", OperationKinds.Authorization, "/api/definitions/export", OperationResults.Denied, 1));
        await Operations.AppendOperationAsync(Op("li-si", OperationKinds.DefinitionsExport, "catalog", minutes: 2));

        await RemoveOperationAsync(2);

        (await Operations.VerifyOperationsAsync()).ShouldHaveSingleItem().Reason.ShouldBe("entry 2 is missing (the next stored entry is 3)");
    }

    [StoreFact]
    public async Task AppendOperation_FromTwoNodesAtOnce_ExtendsOneUnbrokenChain()
    {
        await using var second = await OpenSecondNodeAsync();
        var other = (IOperationsLog)second;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? Operations : other).AppendOperationAsync(Op("node-" + (i % 2), OperationKinds.MetricsExport, "metrics", minutes: i))));

        (await Operations.QueryOperationsAsync(new OperationQuery(Limit: 100))).Operations.Select(o => o.Sequence).ShouldBe(Enumerable.Range(1, 20).Select(i => (long)(21 - i)));
        (await other.VerifyOperationsAsync()).ShouldBeEmpty();
    }
}
