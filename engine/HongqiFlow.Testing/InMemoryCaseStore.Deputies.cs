using HongqiFlow.Storage;

namespace HongqiFlow.Testing;

/// <summary>Deputies (代理) in memory, under the same lock as the cases.</summary>
public sealed partial class InMemoryCaseStore : IDeputyStore
{
    private readonly Dictionary<string, StoredDeputy> _deputies = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StoredDeputy>> ListDeputiesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredDeputy> deputies = [.. _deputies.Values.OrderBy(d => d.Principal, StringComparer.Ordinal)];
            return Task.FromResult(deputies);
        }
    }

    public Task SaveDeputyAsync(string principal, string deputyJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentNullException.ThrowIfNull(deputyJson);
        lock (_gate)
        {
            _deputies[principal] = new StoredDeputy(principal, deputyJson, Timestamps.Truncate(now));
            return Task.CompletedTask;
        }
    }

    public Task<bool> RemoveDeputyAsync(string principal, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_deputies.Remove(principal));
        }
    }
}
