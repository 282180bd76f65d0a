using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// Reads the running cases into <see cref="CaseRecords"/> once the server has started (<c>Hongqi:SupervisionWarmUp</c>, on
/// by default), so the first worklist after a restart does not wait for their histories to be read. Finished cases are
/// not read: the dashboard's indicators come from the <see cref="IndicatorProjection"/>, so start-up does not grow with history.
/// </summary>
internal sealed partial class SupervisionWarmUp(CaseRecords records, IHostApplicationLifetime lifetime, ILogger<SupervisionWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var cases = await records.WarmUpAsync(stoppingToken);
            LogWarmedUp(log, cases, Math.Min(cases, records.Capacity), (long)clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Nothing is lost: requests read what the warm-up did not.
            LogWarmUpFailed(log, ex);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Supervision records read: {Cases} running cases ({Kept} kept) in {Milliseconds} ms")]
    private static partial void LogWarmedUp(ILogger logger, int cases, int kept, long milliseconds);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Reading the supervision records at start failed; requests will read them")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
