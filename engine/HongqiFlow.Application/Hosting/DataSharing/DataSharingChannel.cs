using System.Globalization;
using HongqiFlow.Messages;
using HongqiFlow.Notifications;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HongqiFlow.Hosting;

/// <summary>
/// Delivers fetch requests (<see cref="DataSharingRequests"/>): asks the configured <see cref="IDataSharingConnector"/>
/// for the record and records the answer on the case as the system, through <see cref="CaseService"/> —
/// <c>data-shared</c> with the record, or <c>data-refused</c> with the reason when the source has no record, fails or
/// takes longer than <see cref="Timeout"/>. The answer's idempotency key names the request
/// (<see cref="DataSharing.AnswerKey"/>), so a delivery repeated after a crash records nothing twice; a repeat whose
/// answer differs from the recorded one is dropped (the first answer stands). A failure to record (the store is
/// down, the case stays busy) throws, and the outbox tries again later.
/// </summary>
public sealed partial class DataSharingChannel(CaseService cases, IDataSharingConnector connector, ILogger<DataSharingChannel>? logger = null) : IOutboxChannel
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public string Name => DataSharingRequests.Channel;

    /// <summary>The longest one fetch may take, retries included; past it the source counts as refused. Keep it below the outbox lease.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = DataSharingRequests.Parse(message.PayloadJson);
        CaseState state;
        try
        {
            state = (await cases.GetAsync(request.CaseId, cancellationToken: cancellationToken)).State;
        }
        catch (CaseNotFoundException)
        {
            LogDropped(_logger, request.Source, request.CaseId, "the case no longer exists");
            return;
        }

        var answer = await FetchAsync(request, state, cancellationToken);
        try
        {
            var result = await cases.SendAsync(request.CaseId, answer, cancellationToken);
            if (result.Rejection is { } rejection)
            {
                LogDropped(_logger, request.Source, request.CaseId, $"{rejection.Code} {rejection.ReasonEnglish}");
            }
            else
            {
                LogRecorded(_logger, answer.Event, request.Source, request.CaseId, request.Sequence);
            }
        }
        catch (IdempotencyKeyReusedException)
        {
            LogDropped(_logger, request.Source, request.CaseId, "another answer to this request is already recorded");
        }
        catch (CaseNotFoundException)
        {
            LogDropped(_logger, request.Source, request.CaseId, "the case no longer exists");
        }
    }

    private async Task<Command> FetchAsync(DataSharingRequest request, CaseState state, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            var record = await connector.FetchAsync(request.Source, state, limit.Token);
            return record is null
                ? DataSharing.Refused(request.Source, Message.Of("data-sharing.no-record", ("source", request.Source)).Chinese, request.Sequence)
                : DataSharing.Shared(record with { Source = request.Source }, request.Sequence);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return DataSharing.Refused(request.Source, Message.Of("data-sharing.timeout", ("source", request.Source), ("seconds", seconds)).Chinese, request.Sequence);
        }
        catch (DataSharingException ex)
        {
            return DataSharing.Refused(request.Source, ex.Message, request.Sequence);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            LogConnectorFailed(_logger, ex, request.Source, request.CaseId);
            return DataSharing.Refused(request.Source, Message.Of("data-sharing.failed", ("source", request.Source), ("error", ex.Message)).Chinese, request.Sequence);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "data sharing: {Event} from {Source} recorded on case {CaseId} (request #{Sequence})")]
    private static partial void LogRecorded(ILogger logger, string @event, string source, string caseId, long sequence);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "data sharing: the answer from {Source} to case {CaseId} was not recorded: {Reason}")]
    private static partial void LogDropped(ILogger logger, string source, string caseId, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "data sharing: the connector failed for {Source} on case {CaseId}; recorded as refused")]
    private static partial void LogConnectorFailed(ILogger logger, Exception exception, string source, string caseId);
}
