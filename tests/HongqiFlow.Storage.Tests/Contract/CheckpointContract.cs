using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Cryptography;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>
/// Signed checkpoints of every case's head, on each SQL store: what a hand edit of whole rows (a case deleted, a case
/// rolled back, a checkpoint altered) does, which the per-case hash chain alone cannot see.
/// </summary>
public abstract class CheckpointContract : IAsyncLifetime
{
    private static readonly (string Private, string Public) Keys = Sm2.GenerateKeyPair();
    private static readonly DateTimeOffset Hour1 = T0.AddHours(1);

    private ICaseStore? _store;

    protected ICaseStore Store => _store ?? throw new InvalidOperationException("opened in InitializeAsync");

    private ICheckpointStore Checkpoints => (ICheckpointStore)Store;

    private static Sm2FileSigner Signer => new(Keys.Private);

    private static Sm2PublicKeyVerifier Verifier => new(Keys.Public);

    protected abstract Task<ICaseStore> OpenStoreAsync();

    /// <summary>Runs SQL behind the store's back, as an operator with database access could.</summary>
    protected abstract Task ExecuteAsync(string sql);

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task SeedAsync()
    {
        foreach (var id in new[] { "c-1", "c-2", "c-3" })
        {
            await Store.AppendAsync(Create(id));
            await Store.AppendAsync(Next(id, 1));
            await Store.AppendAsync(Next(id, 2));
        }
    }

    [StoreFact]
    public async Task Write_ThenVerify_SignedRootCoversEveryCase()
    {
        await SeedAsync();

        var written = (await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1)))!;
        var report = await Checkpoints.VerifyCheckpointsAsync(Verifier);

        written.Findings.ShouldBeEmpty();
        written.Checkpoint.Sequence.ShouldBe(1);
        written.Checkpoint.CaseCount.ShouldBe(3);
        written.Checkpoint.CreatedAt.ShouldBe(Hour1);
        written.Checkpoint.PreviousRoot.ShouldBe(MerkleRoot.Empty);
        var heads = new List<CheckpointLeaf>();
        foreach (var id in new[] { "c-3", "c-1", "c-2" })
        {
            heads.Add(new CheckpointLeaf(id, 3, (await Store.ReadHistoryAsync(id))[^1].Hash));
        }

        written.Checkpoint.Root.ShouldBe(MerkleRoot.Compute(heads));
        Sm2.Verify(Sm2.ReadPublicKey(Keys.Public), written.Checkpoint.SignedBytes(), Convert.FromBase64String(written.Checkpoint.Signature)).ShouldBeTrue();
        report.Latest.ShouldBe(written.Checkpoint);
        (report.Checkpoints, report.SignaturesChecked).ShouldBe((1L, true));
        report.Findings.ShouldBeEmpty();
        report.Uncovered.ShouldBeEmpty();
    }

    [StoreFact]
    public async Task Write_LatestYoungerThanTheInterval_WritesNothing_ThenTheNextLinksToIt()
    {
        await SeedAsync();
        var first = (await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1)))!.Checkpoint;

        (await Checkpoints.WriteCheckpointAsync(Signer, Hour1.AddMinutes(59), TimeSpan.FromHours(1))).ShouldBeNull();
        await Store.AppendAsync(Next("c-2", 3));
        await Store.AppendAsync(Create("c-4"));
        var between = await Checkpoints.VerifyCheckpointsAsync(Verifier);
        var second = (await Checkpoints.WriteCheckpointAsync(Signer, Hour1.AddHours(1), TimeSpan.FromHours(1)))!.Checkpoint;

        between.Findings.ShouldBeEmpty();
        between.Uncovered.ShouldBe(["c-2", "c-4"], "changed or created since the checkpoint: covered by the next");
        (second.Sequence, second.CaseCount, second.PreviousRoot).ShouldBe((2L, 4L, first.Root));
        var after = await Checkpoints.VerifyCheckpointsAsync(Verifier);
        after.Findings.ShouldBeEmpty();
        after.Uncovered.ShouldBeEmpty();
        after.Checkpoints.ShouldBe(2);
    }

    [StoreFact]
    public async Task Verify_CaseDeleted_ReportsItMissing_WhichTheChainsAloneDoNotSee()
    {
        await SeedAsync();
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1));

        await ExecuteAsync("DELETE FROM events WHERE case_id = 'c-2'");
        await ExecuteAsync("DELETE FROM cases WHERE case_id = 'c-2'");

        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
        var report = await Checkpoints.VerifyCheckpointsAsync(Verifier);
        report.Findings.ShouldBe([new CheckpointFinding("c-2", "the case is missing: checkpoint 1 covers it at version 3")]);

        // The next checkpoint does not cover the deletion up: it keeps the leaf and says so.
        var next = (await Checkpoints.WriteCheckpointAsync(Signer, Hour1.AddHours(1), TimeSpan.FromHours(1)))!;
        next.Findings.Select(f => f.CaseId).ShouldBe(["c-2"]);
        next.Checkpoint.CaseCount.ShouldBe(3);
        (await Checkpoints.VerifyCheckpointsAsync(Verifier)).Findings.ShouldBe([new CheckpointFinding("c-2", "the case is missing: checkpoint 2 covers it at version 3")]);
    }

    [StoreFact]
    public async Task Verify_CaseRolledBackToAnOlderHead_IsReported()
    {
        await SeedAsync();
        var history = await Store.ReadHistoryAsync("c-1");
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1));

        // A restore of an older copy of one case: its last event gone and its row back at version 2, consistently.
        await ExecuteAsync("DELETE FROM events WHERE case_id = 'c-1' AND version = 3");
        await ExecuteAsync($"UPDATE cases SET version = 2, head_hash = '{history[1].Hash}' WHERE case_id = 'c-1'");

        var report = await Checkpoints.VerifyCheckpointsAsync(Verifier);

        report.Findings.ShouldBe([new CheckpointFinding("c-1", "the case was rolled back: it is at version 2, checkpoint 1 covers version 3")]);
    }

    [StoreFact]
    public async Task Verify_HistoryRewrittenPastTheCheckpoint_IsReported()
    {
        await SeedAsync();
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1));
        await Store.AppendAsync(Next("c-3", 3));

        await ExecuteAsync($"UPDATE events SET hash = '{new string('e', 64)}' WHERE case_id = 'c-3' AND version = 3");

        (await Checkpoints.VerifyCheckpointsAsync(Verifier)).Findings
            .ShouldBe([new CheckpointFinding("c-3", "event 3 is no longer the head checkpoint 1 covers: the history was rewritten")]);
    }

    [StoreFact]
    public async Task Verify_CheckpointsAlteredDeletedOrSignedByAnotherKey_AreReported()
    {
        await SeedAsync();
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1, TimeSpan.FromHours(1));
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1.AddHours(1), TimeSpan.FromHours(1));
        await Checkpoints.WriteCheckpointAsync(Signer, Hour1.AddHours(2), TimeSpan.FromHours(1));

        await ExecuteAsync("UPDATE checkpoints SET case_count = 2 WHERE sequence = 3");
        await ExecuteAsync("DELETE FROM checkpoints WHERE sequence = 1");
        await ExecuteAsync("DELETE FROM checkpoint_heads WHERE case_id = 'c-3'");

        var report = await Checkpoints.VerifyCheckpointsAsync(Verifier);
        report.Findings.Select(f => f.Reason).ShouldBe([
            "checkpoint 1 is missing",
            "the signature of checkpoint 3 does not verify: the checkpoint was altered",
            "the checkpointed heads (2 case(s)) no longer give the root of checkpoint 3 (2 case(s)): they were altered",
        ]);
        report.Uncovered.ShouldBe(["c-3"]);

        var other = new Sm2PublicKeyVerifier(Sm2.GenerateKeyPair().PublicKeyPem);
        (await Checkpoints.VerifyCheckpointsAsync(other)).Findings.Count(f => f.Reason.Contains("signed by another key", StringComparison.Ordinal)).ShouldBe(2);
        var unsigned = await Checkpoints.VerifyCheckpointsAsync(null);
        unsigned.SignaturesChecked.ShouldBeFalse();
        unsigned.Findings.Count.ShouldBe(2);
    }

    [StoreFact]
    public async Task Verify_NoCheckpointYet_ReportsNothingMissingAndEveryCaseUncovered()
    {
        await SeedAsync();

        var report = await Checkpoints.VerifyCheckpointsAsync(Verifier);

        report.Latest.ShouldBeNull();
        report.Findings.ShouldBeEmpty();
        report.Uncovered.ShouldBe(["c-1", "c-2", "c-3"]);
    }
}
