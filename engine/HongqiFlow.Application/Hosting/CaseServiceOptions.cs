namespace HongqiFlow.Hosting;

/// <summary>How <see cref="CaseService"/> writes commands.</summary>
public sealed record CaseServiceOptions
{
    /// <summary>How often a command is decided again on the fresh state when another writer changed the case meanwhile.</summary>
    public int MaxConcurrencyRetries { get; init; } = 5;

    /// <summary>
    /// How long a command waits for the commands before it on the same case (on this node) before it is answered
    /// "busy, retry" (<see cref="CaseBusyException"/>) rather than left waiting.
    /// </summary>
    public TimeSpan CaseBusyWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The outbox channels every notification goes to (<c>log</c>, <c>webhook</c>). The first gets the notification's
    /// dedup key as its message id; the others get <c>key/channel</c>, so each channel deduplicates on its own.
    /// </summary>
    public IReadOnlyList<string> NotificationChannels { get; init; } = ["log"];

    /// <summary>
    /// Whether each <c>fetch-requested</c> event also writes an outbox message to the <c>data-sharing</c> channel
    /// (<see cref="DataSharingRequests"/>), in the same append: a node that stops between the request and the answer
    /// leaves it to be fetched again. Off when no connector is configured (the request then waits, as recorded).
    /// </summary>
    public bool DataSharing { get; init; }
}
