using HongqiFlow.Hosting;
using HongqiFlow.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HongqiFlow.Scheduling;

/// <summary>
/// Claims due timers and hands them to the <see cref="ITimerHandler"/> one by one in due order, so after downtime
/// the past-due timers fire in the order they fell due. Every node runs one; leases keep them from firing one
/// timer twice. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TimerScheduler : PollingLoop
{
    private readonly ICaseStore _store;
    private readonly ITimerHandler _handler;
    private readonly TimerSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TimerScheduler(ICaseStore store, ITimerHandler handler, TimerSchedulerOptions options, TimeProvider time, ILogger<TimerScheduler>? logger = null)
        : base("timer", time, (ILogger?)logger ?? NullLogger<TimerScheduler>.Instance)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeId, "options.NodeId");
        _store = store;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<TimerScheduler>.Instance;
    }

    /// <summary>Claims one batch of due timers and handles them in due order; returns how many were claimed.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await _store.ClaimDueTimersAsync(_time.GetUtcNow(), _options.NodeId, _options.Lease, _options.BatchSize, cancellationToken);
        foreach (var timer in claimed)
        {
            using var activity = HongqiTelemetry.TimerClaimed(timer, _time.GetUtcNow());
            try
            {
                await _handler.HandleAsync(timer, cancellationToken);
                HongqiTelemetry.TimerHandled(timer, "fired", activity);
            }
            catch (TimerClaimLostException)
            {
                HongqiTelemetry.TimerHandled(timer, "claim_lost", activity);
                StorageLog.TimerClaimLost(_logger, timer.TimerId);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                HongqiTelemetry.TimerHandled(timer, "failed", activity);
                StorageLog.TimerFailed(_logger, ex, timer.TimerId, timer.CaseId, _options.NodeId);
            }
        }

        return claimed.Count;
    }

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> PollAsync(CancellationToken cancellationToken) => PollOnceAsync(cancellationToken);
}
