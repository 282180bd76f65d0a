namespace HongqiFlow.Runtime;

/// <summary>Turns pending fetch requests into <c>data-shared</c> commands through a connector; runs at the edge.</summary>
public static class DataSharing
{
    public static Command ToCommand(SharedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Command.Send(BuiltInEvents.DataShared, Actor.System, Channel.Window,
            ValueMap.Of(("source", record.Source), ("record", record.Record)), idempotencyKey: "data-shared:" + record.Source);
    }

    /// <summary>
    /// The answer to the <c>fetch-requested</c> event at <paramref name="fetchSequence"/>: <c>data-shared</c> with the
    /// record. Its key names the request, so a retried fetch records at most one answer, whichever it was.
    /// </summary>
    public static Command Shared(SharedRecord record, long fetchSequence)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Command.Send(BuiltInEvents.DataShared, Actor.System, Channel.Window,
            ValueMap.Of(("source", record.Source), ("record", record.Record)), idempotencyKey: AnswerKey(record.Source, fetchSequence));
    }

    /// <summary>The answer to a fetch the source did not serve: <c>data-refused</c> with the reason; the material must then be submitted.</summary>
    public static Command Refused(string source, string reason, long fetchSequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return Command.Send(BuiltInEvents.DataRefused, Actor.System, Channel.Window,
            ValueMap.Of(("source", source), ("reason", reason)), idempotencyKey: AnswerKey(source, fetchSequence));
    }

    /// <summary>The idempotency key of the answer to one fetch request: <c>data-shared:source@sequence</c>.</summary>
    public static string AnswerKey(string source, long fetchSequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"data-shared:{source}@{fetchSequence}");

    /// <summary>Fetches every source requested by <paramref name="events"/> and returns the commands to send.</summary>
    public static async Task<IReadOnlyList<Command>> FetchRequestedAsync(
        IDataSharingConnector connector, CaseState state, IEnumerable<CaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(events);
        var commands = new List<Command>();
        foreach (var e in events)
        {
            if (e.Type != CaseEventTypes.FetchRequested || e.Data.GetString("source") is not { } source)
            {
                continue;
            }

            var record = await connector.FetchAsync(source, state, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                commands.Add(ToCommand(record));
            }
        }

        return commands;
    }
}
