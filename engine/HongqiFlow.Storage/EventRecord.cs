namespace HongqiFlow.Storage;

/// <summary>An event to append: the store knows its type and JSON payload, never the engine type behind it.</summary>
/// <param name="Type">The event type name, e.g. <c>accepted</c>.</param>
/// <param name="PayloadJson">The serialised event; stored and hashed byte for byte as given.</param>
/// <param name="OccurredAt">When the event happened; kept to the millisecond.</param>
public sealed record EventRecord(string Type, string PayloadJson, DateTimeOffset OccurredAt);
