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
}
