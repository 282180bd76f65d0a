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

    /// <summary>
    /// Claims one batch and tries each message once; returns how many were claimed. A channel that takes batches
    /// (<see cref="IBatchOutboxChannel"/>) gets its messages of the batch in one call; the delivered messages are
    /// acknowledged together in one store write at the end.
    /// </summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        await HongqiTelemetry.SampleBacklogAsync(_store, _backlog, _time.GetUtcNow(), cancellationToken);
        var claimed = await _store.ClaimOutboxAsync(_time.GetUtcNow(), _options.NodeId, _options.Lease, _options.BatchSize, cancellationToken);
        var delivered = new List<string>(claimed.Count);
        try
        {
            await DeliverAsync(claimed, delivered, cancellationToken);
        }
        finally
        {
            // One acknowledgement for the batch: what was delivered is marked in one store write, also when a later
            // message of the batch threw or the node is stopping (it would otherwise be sent again after its lease).
            await _store.MarkDeliveredAsync(delivered, _time.GetUtcNow(), CancellationToken.None);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(IReadOnlyList<OutboxMessage> claimed, List<string> delivered, CancellationToken cancellationToken)
    {
        foreach (var group in claimed.GroupBy(m => m.Channel, StringComparer.Ordinal))
        {
            var messages = group.ToList();
            if (!_channels.TryGetValue(group.Key, out var channel))
            {
                var error = $"no channel named '{group.Key}' is configured on node '{_options.NodeId}' (known: {string.Join(", ", _channels.Keys.Order(StringComparer.Ordinal))})";
                foreach (var message in messages)
                {
                    using var activity = HongqiTelemetry.DeliveryStarted(message);
                    await RecordFailureAsync(message, error, activity, cancellationToken);
                }

                continue;
            }

            if (channel is IBatchOutboxChannel batch)
            {
                string? failure = null;
                using (var activity = HongqiTelemetry.DeliveryStarted(messages[0]))
                {
                    try
                    {
                        await batch.DeliverAsync(messages, cancellationToken);
                        foreach (var message in messages)
                        {
                            delivered.Add(message.MessageId);
                            HongqiTelemetry.DeliveryAttempted(message, "delivered", activity);
                        }
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ex.Message;
                        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
                    }
                }

                if (failure is not null)
                {
                    foreach (var message in messages)
                    {
                        await RecordFailureAsync(message, failure, null, cancellationToken);
                    }
                }

                continue;
            }

            foreach (var message in messages)
            {
                using var activity = HongqiTelemetry.DeliveryStarted(message);
                try
                {
                    await channel.DeliverAsync(message, cancellationToken);
                    delivered.Add(message.MessageId);
                    HongqiTelemetry.DeliveryAttempted(message, "delivered", activity);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await RecordFailureAsync(message, ex.Message, activity, cancellationToken);
                }
            }
        }

    }

    private async Task RecordFailureAsync(OutboxMessage message, string error, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
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

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> PollAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);
}
