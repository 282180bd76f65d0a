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
