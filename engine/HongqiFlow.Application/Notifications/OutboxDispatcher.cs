using HongqiFlow.Hosting;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HongqiFlow.Notifications;

/// <summary>
/// Delivers the outbox at least once: claims pending messages, hands each to the channel of its name, marks it
/// delivered, or records the failure with an exponential back-off and dead-letters it after
/// <see cref="OutboxDispatcherOptions.MaxAttempts"/>. Retry times live in the store, so they survive a restart.
/// </summary>
public sealed class OutboxDispatcher : PollingLoop
{
    private readonly ICaseStore _store;
    private readonly Dictionary<string, IOutboxChannel> _channels;
    private readonly OutboxDispatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HongqiTelemetry.BacklogClock _backlog = new();

    public OutboxDispatcher(ICaseStore store, IEnumerable<IOutboxChannel> channels, OutboxDispatcherOptions options, TimeProvider time, ILogger<OutboxDispatcher>? logger = null)
        : base("outbox", time, (ILogger?)logger ?? NullLogger<OutboxDispatcher>.Instance)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeId, "options.NodeId");
        _store = store;
        _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<OutboxDispatcher>.Instance;
    }

    /// <summary>The wait before the attempt after <paramref name="failedAttempts"/> failures: base × 2^(n−1), capped.</summary>
    public static TimeSpan Backoff(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(baseDelay.TotalMilliseconds * factor);
        return delay > maxDelay ? maxDelay : delay;
    }

    /// <summary>Claims one batch and tries each message once; returns how many were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        await HongqiTelemetry.SampleBacklogAsync(_store, _backlog, _time.GetUtcNow(), cancellationToken);
        var claimed = await _store.ClaimOutboxAsync(_time.GetUtcNow(), _options.NodeId, _options.Lease, _options.BatchSize, cancellationToken);
        foreach (var message in claimed)
        {
            using var activity = HongqiTelemetry.DeliveryStarted(message);
            string error;
            try
            {
                if (_channels.TryGetValue(message.Channel, out var channel))
                {
                    await channel.DeliverAsync(message, cancellationToken);
                    await _store.MarkDeliveredAsync(message.MessageId, _time.GetUtcNow(), cancellationToken);
                    HongqiTelemetry.DeliveryAttempted(message, "delivered", activity);
                    continue;
                }

                error = $"no channel named '{message.Channel}' is configured on node '{_options.NodeId}' (known: {string.Join(", ", _channels.Keys.Order(StringComparer.Ordinal))})";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = ex.Message;
            }

            if (message.Attempt >= _options.MaxAttempts)
            {
                await _store.MarkFailedAsync(message.MessageId, error, null, cancellationToken);
                HongqiTelemetry.DeliveryAttempted(message, "dead_lettered", activity);
                StorageLog.DeadLettered(_logger, message.MessageId, message.Channel, message.Attempt, error);
            }
            else
            {
                var retryAt = _time.GetUtcNow() + Backoff(message.Attempt, _options.BaseDelay, _options.MaxDelay);
                await _store.MarkFailedAsync(message.MessageId, error, retryAt, cancellationToken);
                HongqiTelemetry.DeliveryAttempted(message, "failed", activity);
                StorageLog.DeliveryFailed(_logger, message.MessageId, message.Channel, message.Attempt, error);
            }
        }

        return claimed.Count;
    }

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> PollAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);
}
