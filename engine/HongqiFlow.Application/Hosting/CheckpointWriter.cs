using HongqiFlow.Storage;
using HongqiFlow.Storage.Checkpoints;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Hosting;

/// <summary>
/// Writes a signed checkpoint of every case's head once per <c>interval</c> (GB/T 39786-2021, docs/operations.md). Every
/// node runs one; the store lets one of them write per interval. Each checkpoint is also logged with its root, so a
/// copy leaves the database with the logs: a store rolled back as a whole, checkpoints included, no longer matches it.
/// </summary>
public sealed partial class CheckpointWriter(ICaseStore store, ICheckpointSigner signer, TimeSpan interval, TimeProvider time, ILogger<CheckpointWriter> log) : BackgroundService
{
    /// <summary>How often a node looks whether a checkpoint is due (at most the interval).</summary>
    private TimeSpan Poll => interval < TimeSpan.FromMinutes(1) ? interval : TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Find<ICheckpointStore>() is not { } checkpoints)
        {
            LogUnsupported(log, store.GetType().Name);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await checkpoints.WriteCheckpointAsync(signer, time.GetUtcNow(), interval, stoppingToken) is { } written)
                {
                    LogWritten(log, written.Checkpoint.Sequence, written.Checkpoint.CaseCount, written.Checkpoint.Root, written.Checkpoint.KeyId, written.Checkpoint.Signature);
                    foreach (var finding in written.Findings)
                    {
                        LogFinding(log, finding.CaseId ?? "-", finding.Reason);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }

            try
            {
                await Task.Delay(Poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Checkpoint {Sequence} of {Cases} case head(s): root {Root}, key {KeyId}, signature {Signature}")]
    private static partial void LogWritten(ILogger logger, long sequence, long cases, string root, string keyId, string signature);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Error, Message = "Checkpoint: case {CaseId}: {Reason}; its earlier head stays in the checkpoint")]
    private static partial void LogFinding(ILogger logger, string caseId, string reason);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "Checkpoint not written; the next attempt follows")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Warning, Message = "Checkpoints are configured but the store {Store} does not keep them")]
    private static partial void LogUnsupported(ILogger logger, string store);
}
