using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>
/// An idempotency key that already answered a different request (another body, another kind of command), or a key
/// of the engine's own namespaces (<c>start:</c>, <c>timer:</c>, <c>data-shared:</c>) sent with an event (HTTP 422).
/// Nothing was written.
/// </summary>
public sealed class IdempotencyKeyReusedException(string key, string reason)
    : HongqiFlowException($"the idempotency key '{key}' {reason}")
{
    public string Key { get; } = key;
}
