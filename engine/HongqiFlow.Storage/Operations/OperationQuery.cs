namespace HongqiFlow.Storage;

/// <summary>
/// A search of the operations audit, newest first. Every filter is optional; <see cref="Before"/> pages (the last
/// sequence of the previous page).
/// </summary>
/// <param name="Text">A part of the target or the detail.</param>
/// <param name="From">Operations at or after this instant.</param>
/// <param name="To">Operations before this instant.</param>
public sealed record OperationQuery(
    string? Actor = null, string? Operation = null, string? Result = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Text = null, long? Before = null, int Limit = 50);

/// <summary>One page of operations, newest first, and how many match the filters in all.</summary>
/// <param name="Next">The sequence to pass as <see cref="OperationQuery.Before"/> for the next page; null on the last.</param>
public sealed record OperationPage(IReadOnlyList<StoredOperation> Operations, long Total, long? Next);

/// <summary>Where the operations log's chain broke, and why.</summary>
public sealed record OperationsFinding(long Sequence, string Reason);
