namespace HongqiFlow.Storage;

/// <summary>The outcome of an append.</summary>
/// <param name="Version">The case version after the append (or after the first append, for a repeat).</param>
/// <param name="ResultJson">The stored result of the command.</param>
/// <param name="IsRepeat">True when the idempotency key had been seen and nothing was written.</param>
/// <param name="Events">The events written, with their hashes; empty for a repeat.</param>
public sealed record AppendResult(long Version, string ResultJson, bool IsRepeat, IReadOnlyList<StoredEvent> Events);
