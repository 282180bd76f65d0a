namespace HongqiFlow.Storage;

/// <summary>A principal's deputy record (JSON) as the store keeps it, with when it was last saved.</summary>
public sealed record StoredDeputy(string Principal, string DeputyJson, DateTimeOffset SavedAt);
