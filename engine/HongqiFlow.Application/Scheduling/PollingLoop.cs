using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Scheduling;

/// <summary>
/// The loop every node runs for claimed work (due timers, outbox messages): poll once, and when the batch was not
/// full wait for the next poll on the injected clock; a failed poll is logged and retried, never fatal.
/// </summary>
public abstract class PollingLoop : BackgroundService
{
    private readonly string _name;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected PollingLoop(string name, TimeProvider time, ILogger logger)
    {
        _name = name;
        _time = time;
        _logger = logger;
    }

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims and handles one batch; returns how many were claimed.</summary>
    protected abstract Task<int> PollAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                StorageLog.LoopFailed(_logger, ex, _name);
            }

            // A full batch means more may be due now; otherwise wait for the next poll.
            if (claimed < BatchSize)
            {
                try
                {
                    await Task.Delay(PollInterval, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
