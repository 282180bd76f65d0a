using HongqiFlow.Storage;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The outbox part of the store contract for batches: claimed in due order, acknowledged together.</summary>
public abstract partial class CaseStoreContract
{
    [StoreFact]
    public async Task Outbox_BatchAcknowledged_MarksThePendingOnesDeliveredInOneCall()
    {
        await Store.AppendAsync(Create("c-1") with { Outbox = [.. Enumerable.Range(1, 600).Select(i => Message($"m-{i:D3}", "log"))] });
        var claimed = await Store.ClaimOutboxAsync(T0, "node-a", TimeSpan.FromMinutes(1), 1000);
        (await Store.MarkFailedAsync("m-002", "410 Gone", null)).ShouldBe(OutboxState.DeadLettered);

        // 600 ids take two statements of the SQL stores; the dead-lettered one and an unknown id are left as they are.
        await Store.MarkDeliveredAsync([.. claimed.Select(m => m.MessageId), "m-unknown"], T0.AddSeconds(2));

        claimed.Count.ShouldBe(600);
        var all = await Store.QueryOutboxAsync(new OutboxQuery(Limit: 1000));
        all.Count(o => o.State == OutboxState.Delivered && o.DeliveredAt == T0.AddSeconds(2)).ShouldBe(599);
        all.Single(o => o.MessageId == "m-002").State.ShouldBe(OutboxState.DeadLettered);
        (await Store.ClaimOutboxAsync(T0.AddHours(1), "node-a", TimeSpan.FromMinutes(1), 1000)).ShouldBeEmpty();
        await Store.MarkDeliveredAsync([], T0.AddSeconds(3));
    }

    [StoreFact]
    public async Task Outbox_Claim_TakesTheEarliestDueFirst_ARetryAfterWhatWasDueBeforeIt()
    {
        await Store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1"), Message("m-2")] });
        await Store.ClaimOutboxAsync(T0, "node-a", TimeSpan.FromMinutes(1), 1);
        await Store.MarkFailedAsync("m-1", "503 Service Unavailable", T0.AddMinutes(10));
        await Store.AppendAsync(Next("c-1", 1) with { Now = T0.AddMinutes(5), Outbox = [Message("m-3")] });

        (await Store.ClaimOutboxAsync(T0.AddMinutes(20), "node-a", TimeSpan.FromMinutes(1), 2)).Select(m => m.MessageId).ShouldBe(["m-2", "m-3"]);
        (await Store.ClaimOutboxAsync(T0.AddMinutes(20), "node-b", TimeSpan.FromMinutes(1), 10)).Select(m => m.MessageId).ShouldBe(["m-1"]);
    }
}
