namespace HongqiFlow.Storage;

/// <summary>
/// Who deputises for whom (代理): one record per principal, kept as JSON the server writes and reads (the store does
/// not look inside it), so every node of a cluster and a restarted node see the same deputies.
/// </summary>
public interface IDeputyStore
{
    /// <summary>Every principal's deputy record, by principal.</summary>
    Task<IReadOnlyList<StoredDeputy>> ListDeputiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the deputy record of <paramref name="principal"/>, replacing one named before.</summary>
    Task SaveDeputyAsync(string principal, string deputyJson, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes the deputy record of <paramref name="principal"/>; false when there was none.</summary>
    Task<bool> RemoveDeputyAsync(string principal, CancellationToken cancellationToken = default);
}
