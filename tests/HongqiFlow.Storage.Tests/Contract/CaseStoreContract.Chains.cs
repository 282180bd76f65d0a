using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The chain algorithm recorded with each case: SHA-256 cases keep verifying next to SM3 cases.</summary>
public abstract partial class CaseStoreContract
{
    private ChainAlgorithm NewCaseChains
    {
        set => ((IChainAlgorithmChoice)Store).NewCaseChains = value;
    }

    [StoreFact]
    public async Task Append_NewCase_IsChainedWithSm3ByDefault()
    {
        ((IChainAlgorithmChoice)Store).NewCaseChains.ShouldBe(ChainAlgorithm.Sm3);
        await Store.AppendAsync(Create("c-1"));

        var first = (await Store.ReadHistoryAsync("c-1"))[0];

        first.Hash.ShouldBe(AuditChain.Hash("c-1", 1, first.Type, first.OccurredAt, first.PayloadJson, AuditChain.Genesis, ChainAlgorithm.Sm3));
        first.Hash.ShouldNotBe(AuditChain.Hash("c-1", 1, first.Type, first.OccurredAt, first.PayloadJson, AuditChain.Genesis, ChainAlgorithm.Sha256));
    }

    [StoreFact]
    public async Task VerifyAudit_MixedStore_Sha256CasesKeepTheirAlgorithmAndBothVerify()
    {
        NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("old-1"));
        await Store.AppendAsync(Next("old-1", 1));
        NewCaseChains = ChainAlgorithm.Sm3;
        await Store.AppendAsync(Create("new-1"));
        await Store.AppendAsync(Next("new-1", 1));

        // The old case goes on with SHA-256 after the store chose SM3 for new cases.
        await Store.AppendAsync(Next("old-1", 2));
        (await Store.LoadAsync("old-1"))!.Version.ShouldBe(3);

        var old = await Store.ReadHistoryAsync("old-1");
        old[2].Hash.ShouldBe(AuditChain.Hash("old-1", 3, old[2].Type, old[2].OccurredAt, old[2].PayloadJson, old[1].Hash, ChainAlgorithm.Sha256));
        var sm3 = await Store.ReadHistoryAsync("new-1");
        sm3[1].Hash.ShouldBe(AuditChain.Hash("new-1", 2, sm3[1].Type, sm3[1].OccurredAt, sm3[1].PayloadJson, sm3[0].Hash, ChainAlgorithm.Sm3));
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task VerifyAudit_MixedStore_TamperingIsFoundUnderBothAlgorithms()
    {
        NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("old-1"));
        await Store.AppendAsync(Next("old-1", 1));
        NewCaseChains = ChainAlgorithm.Sm3;
        await Store.AppendAsync(Create("new-1"));
        await Store.AppendAsync(Next("new-1", 1));
        await Store.AppendAsync(Create("new-2"));

        await TamperWithEventAsync("old-1", 2, """{"edited":true}""");
        await TamperWithEventAsync("new-1", 1, """{"edited":true}""");

        var findings = await Store.VerifyAuditAsync();

        findings.Select(f => (f.CaseId, f.Version)).ShouldBe([("new-1", 1L), ("old-1", 2L)]);
        findings.ShouldAllBe(f => f.Reason.Contains("altered", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Load_Sm3CaseWithEditedSnapshot_IsRefusedLikeASha256Case()
    {
        NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("old-1"));
        NewCaseChains = ChainAlgorithm.Sm3;
        await Store.AppendAsync(Create("new-1"));
        (await Store.LoadAsync("new-1")).ShouldNotBeNull();
        (await Store.LoadAsync("old-1")).ShouldNotBeNull();

        await TamperWithSnapshotAsync("new-1", """{"state":"approved"}""");
        await TamperWithSnapshotAsync("old-1", """{"state":"approved"}""");

        await Should.ThrowAsync<SnapshotTamperedException>(() => Store.LoadAsync("new-1"));
        await Should.ThrowAsync<SnapshotTamperedException>(() => Store.LoadAsync("old-1"));
        (await Store.VerifyAuditAsync()).Select(f => f.CaseId).ShouldBe(["new-1", "old-1"]);
    }
}
