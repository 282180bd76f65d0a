using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// Runs the <see cref="IndicatorProjection"/>: its catch-up once the store is open (at the upgrade that adds it, every
/// case from its history; after that only the cases changed while no node projected them), then the cases each stored
/// command names as they come, and a catch-up every <see cref="IndicatorProjection.CatchUpInterval"/>.
/// </summary>
internal sealed partial class IndicatorProjector(IndicatorProjection projection, ILogger<IndicatorProjector> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        try
        {
            var caught = await projection.CatchUpAsync(stoppingToken);
            LogCaughtUp(log, caught, (long)clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The indicators are then computed from every case, as before; the next catch-up tries again.
            LogFailed(log, ex);
        }

        var last = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await projection.WaitForChangeAsync(IndicatorProjection.CatchUpInterval, stoppingToken);
                await projection.DrainAsync(stoppingToken);
                if (last.Elapsed >= IndicatorProjection.CatchUpInterval)
                {
                    last.Restart();
                    await projection.CatchUpAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(log, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Indicator projection caught up: {Cases} cases projected in {Milliseconds} ms")]
    private static partial void LogCaughtUp(ILogger logger, int cases, long milliseconds);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Projecting the indicators failed; the cases stay pending and are projected again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
