using HongqiFlow.Storage;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The snapshot a case serves is sealed to its history: a hand edit is refused on load and reported by the audit.</summary>
public abstract partial class CaseStoreContract
{
    /// <summary>Replaces a case's snapshot (and, when given, its status) behind the store's back, as an operator with database access could.</summary>
    protected abstract Task TamperWithSnapshotAsync(string caseId, string stateJson, string? status = null);

    [StoreFact]
    public async Task Load_SnapshotEditedByHand_IsRefusedAndTheAuditReportsTheCase()
    {
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1, "approve"));
        await Store.AppendAsync(Create("c-2"));

        await TamperWithSnapshotAsync("c-1", """{"state":"reject"}""");

        var refused = await Should.ThrowAsync<SnapshotTamperedException>(() => Store.LoadAsync("c-1"));
        (refused.CaseId, refused.Version).ShouldBe(("c-1", 2));
        (await Store.LoadAsync("c-2"))!.StateJson.ShouldBe("""{"state":"submitted"}""");
        (await Store.VerifyAuditAsync()).ShouldBe([new AuditFinding("c-1", 2, AuditFinding.SnapshotAltered(2))]);
    }

    [StoreFact]
    public async Task Load_StatusEditedByHand_IsRefused()
    {
        await Store.AppendAsync(Create("c-1"));

        await TamperWithSnapshotAsync("c-1", """{"state":"submitted"}""", "closed");

        await Should.ThrowAsync<SnapshotTamperedException>(() => Store.LoadAsync("c-1"));
        (await Store.VerifyAuditAsync()).Select(f => f.CaseId).ShouldBe(["c-1"]);
    }

    [StoreFact]
    public async Task Load_SnapshotWrittenByAppends_MatchesItsSealAfterEveryCommand()
    {
        await Store.AppendAsync(Create("c-1") with { Snapshot = new SnapshotRecord("""{"申请人":"张三","note":"𠀀"}""", "running") });
        await Store.AppendAsync(Next("c-1", 1));
        await Store.AppendAsync(Next("c-1", 2) with { Events = [] });

        (await Store.LoadAsync("c-1"))!.Version.ShouldBe(2);
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }
}
