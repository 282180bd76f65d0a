namespace HongqiFlow.Storage;

/// <summary>Filters for <see cref="ICaseStore.QueryOutboxAsync"/>; results are ordered by creation, then message id.</summary>
public sealed record OutboxQuery(OutboxState? State = null, string? CaseId = null, int Limit = 100);
