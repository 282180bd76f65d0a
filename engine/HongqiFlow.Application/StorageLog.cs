using Microsoft.Extensions.Logging;

namespace HongqiFlow;

/// <summary>The scheduler's and the outbox dispatcher's log messages.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Warning, "timer {TimerId} of case {CaseId} failed on node {NodeId}; it fires again when the lease runs out")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string timerId, string caseId, string nodeId);

    [LoggerMessage(2, LogLevel.Information, "timer {TimerId} was taken over by another node; skipped here")]
    public static partial void TimerClaimLost(ILogger logger, string timerId);

    [LoggerMessage(3, LogLevel.Warning, "outbox message {MessageId} on channel {Channel} failed (attempt {Attempt}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string messageId, string channel, int attempt, string error);

    [LoggerMessage(4, LogLevel.Error, "outbox message {MessageId} on channel {Channel} dead-lettered after {Attempt} attempts: {Error}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string channel, int attempt, string error);

    [LoggerMessage(5, LogLevel.Error, "the {Loop} loop failed; retrying after the poll interval")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);
}
