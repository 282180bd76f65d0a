namespace HongqiFlow.Runtime;

/// <summary>
/// A request to advance a case: the event name (a definition event such as <c>accept</c>, or a built-in one from
/// <see cref="BuiltInEvents"/>), who sends it, from which channel, its payload and an idempotency key. A command
/// sent twice with the same key is accepted once; the second time nothing happens.
/// </summary>
public sealed record Command
{
    public required string Event { get; init; }

    public required Actor Actor { get; init; }

    public Channel Channel { get; init; } = Channel.Window;

    public ValueMap Payload { get; init; } = ValueMap.Empty;

    /// <summary>Empty means "no deduplication".</summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>For branch events: the branch name (e.g. <c>tax</c>). When null the engine picks the actor's own branch.</summary>
    public string? Branch { get; init; }

    /// <summary>Set only on the <c>start</c> command.</summary>
    public CaseStart? Start { get; init; }

    public static Command StartCase(CaseStart start, Actor actor, Channel channel = Channel.Window, string idempotencyKey = "") => new()
    {
        Event = BuiltInEvents.Start,
        Actor = actor,
        Channel = channel,
        Start = start,
        IdempotencyKey = idempotencyKey,
    };

    public static Command Send(string @event, Actor actor, Channel channel = Channel.Window, ValueMap? payload = null, string? branch = null, string idempotencyKey = "") => new()
    {
        Event = @event,
        Actor = actor,
        Channel = channel,
        Payload = payload ?? ValueMap.Empty,
        Branch = branch,
        IdempotencyKey = idempotencyKey,
    };

    /// <summary>The scheduler's command when a due time arrives.</summary>
    public static Command FireTimer(string timerId) => new()
    {
        Event = BuiltInEvents.Timer,
        Actor = Actor.System,
        Channel = Channel.Window,
        Payload = ValueMap.Of(("id", timerId)),
        IdempotencyKey = "timer:" + timerId,
    };
}
