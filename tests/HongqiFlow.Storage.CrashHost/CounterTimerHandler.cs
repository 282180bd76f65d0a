using HongqiFlow.Scheduling;
using HongqiFlow.Storage;

namespace HongqiFlow.Storage.CrashHost;

/// <summary>Fires a crash-test timer: one "timer-fired" event, appended together with the timer's completion.</summary>
public sealed class CounterTimerHandler(ICaseStore store, TimeProvider time, Action<string> fired) : ITimerHandler
{
    public async Task HandleAsync(ClaimedTimer timer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await store.LoadAsync(timer.CaseId, cancellationToken) ?? throw new InvalidOperationException($"timer {timer.TimerId} names missing case {timer.CaseId}");
            var payload = $$"""{"timer":"{{timer.TimerId}}"}""";
            try
            {
                await store.AppendAsync(new AppendRequest
                {
                    CaseId = timer.CaseId,
                    ExpectedVersion = current.Version,
                    Events = [new EventRecord("timer-fired", payload, time.GetUtcNow())],
                    Snapshot = new SnapshotRecord(CounterState.Parse(current.StateJson).Apply("timer-fired", payload).ToJson(), "running"),
                    CompletesTimer = new TimerCompletion(timer.TimerId, timer.NodeId),
                    Now = time.GetUtcNow(),
                }, cancellationToken);
                fired(timer.TimerId);
                return;
            }
            catch (ConcurrencyException)
            {
                // Another command moved the case on; decide again on the new version.
            }
        }
    }
}
