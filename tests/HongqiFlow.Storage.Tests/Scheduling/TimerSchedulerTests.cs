using System.Collections.Concurrent;
using HongqiFlow.Scheduling;
using HongqiFlow.Testing;
using Microsoft.Extensions.Time.Testing;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Scheduling;

public sealed class TimerSchedulerTests
{
    private readonly InMemoryCaseStore _store = new();
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task PollOnce_AfterDowntime_FiresPastDueTimersInDueOrder()
    {
        await _store.AppendAsync(Create("c-1") with
        {
            TimersToSchedule = [Timer("t-3", T0.AddHours(3)), Timer("t-1", T0.AddHours(1)), Timer("t-2", T0.AddHours(2)), Timer("t-next-week", T0.AddDays(7))],
        });
        var handler = new RecordingHandler(_store);
        var scheduler = new TimerScheduler(_store, handler, new TimerSchedulerOptions { NodeId = "node-a" }, _time);

        (await scheduler.PollOnceAsync()).ShouldBe(0);
        _time.Advance(TimeSpan.FromDays(1));
        (await scheduler.PollOnceAsync()).ShouldBe(3);
        (await scheduler.PollOnceAsync()).ShouldBe(0);

        handler.Fired.ShouldBe(["t-1", "t-2", "t-3"]);
        (await _store.ReadHistoryAsync("c-1")).Select(e => e.Type).ShouldBe(["submitted", "fired:t-1", "fired:t-2", "fired:t-3"]);
    }

    [Fact]
    public async Task PollOnce_HandlerFails_TimerFiresAgainOnlyAfterTheLeaseRunsOut()
    {
        await _store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-1", T0)] });
        var handler = new RecordingHandler(_store) { FailuresLeft = 1 };
        var scheduler = new TimerScheduler(_store, handler, new TimerSchedulerOptions { NodeId = "node-a", Lease = TimeSpan.FromSeconds(30) }, _time);

        await scheduler.PollOnceAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        (await scheduler.PollOnceAsync()).ShouldBe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await scheduler.PollOnceAsync()).ShouldBe(1);

        handler.Fired.ShouldBe(["t-1"]);
        (await _store.ListTimersAsync("c-1")).Single().State.ShouldBe(TimerState.Fired);
    }

    [Fact]
    public async Task RunAsHostedService_UsesTheInjectedClock_FiresWhenTimeAdvances()
    {
        await _store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-1", T0.AddMinutes(10))] });
        var handler = new RecordingHandler(_store);
        using var scheduler = new TimerScheduler(_store, handler, new TimerSchedulerOptions { NodeId = "node-a", PollInterval = TimeSpan.FromMinutes(1) }, _time);

        await scheduler.StartAsync(CancellationToken.None);
        for (var minute = 0; minute < 11 && handler.Fired.IsEmpty; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await handler.WaitForPollAsync();
        }

        await scheduler.StopAsync(CancellationToken.None);
        handler.Fired.ShouldBe(["t-1"]);
    }

    private sealed class RecordingHandler(ICaseStore store) : ITimerHandler
    {
        private TaskCompletionSource _handled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Fired { get; } = new();

        public int FailuresLeft { get; set; }

        public async Task HandleAsync(ClaimedTimer timer, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("the handler failed");
            }

            var current = (await store.LoadAsync(timer.CaseId, cancellationToken))!;
            await store.AppendAsync(new AppendRequest
            {
                CaseId = timer.CaseId,
                ExpectedVersion = current.Version,
                Events = [new EventRecord($"fired:{timer.TimerId}", "{}", timer.DueAt)],
                Snapshot = new SnapshotRecord("{}", "running"),
                CompletesTimer = new TimerCompletion(timer.TimerId, timer.NodeId),
                Now = timer.DueAt,
            }, cancellationToken);
            Fired.Enqueue(timer.TimerId);
            _handled.TrySetResult();
        }

        /// <summary>Waits until the timer fired or a short bound passed, so the loop gets a turn after each clock step.</summary>
        public async Task WaitForPollAsync()
        {
            await Task.WhenAny(_handled.Task, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }
    }
}
