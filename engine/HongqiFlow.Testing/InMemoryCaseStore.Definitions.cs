using HongqiFlow.Storage;

namespace HongqiFlow.Testing;

/// <summary>Definition drafts, versions and layouts in memory, under the same lock as the cases.</summary>
public sealed partial class InMemoryCaseStore
{
    private readonly Dictionary<string, DefinitionDraft> _drafts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Code, int Version), PublishedDefinition> _versions = [];
    private readonly Dictionary<string, string> _layouts = new(StringComparer.Ordinal);

    public Task<int> SaveDraftAsync(string code, string yaml, int baseRevision, string author, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(yaml);
        lock (_gate)
        {
            var current = _drafts.TryGetValue(code, out var draft) ? draft.Revision : 0;
            if (current != baseRevision)
            {
                throw new DraftConflictException(code, baseRevision, current);
            }

            _drafts[code] = new DefinitionDraft(code, yaml, current + 1, author, Timestamps.Truncate(now));
            return Task.FromResult(current + 1);
        }
    }

    public Task<DefinitionDraft?> GetDraftAsync(string code, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_drafts.GetValueOrDefault(code));
        }
    }

    public Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DefinitionDraft> drafts = [.. _drafts.Values.OrderBy(d => d.Code, StringComparer.Ordinal)];
            return Task.FromResult(drafts);
        }
    }

    public Task PublishAsync(PublishedDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (!_versions.TryAdd((definition.Code, definition.Version), definition with { PublishedAt = Timestamps.Truncate(definition.PublishedAt) }))
            {
                throw new VersionAlreadyPublishedException(definition.Code, definition.Version);
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string code, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DefinitionVersionInfo> versions = [.. _versions.Values.Where(v => v.Code == code).OrderBy(v => v.Version).Select(Info)];
            return Task.FromResult(versions);
        }
    }

    public Task<IReadOnlyList<DefinitionVersionInfo>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DefinitionVersionInfo> latest = [.. _versions.Values
                .GroupBy(v => v.Code, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Info(g.MaxBy(v => v.Version)!))];
            return Task.FromResult(latest);
        }
    }

    public Task<PublishedDefinition?> GetVersionAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault((code, version)));
        }
    }

    public Task<string?> GetLayoutAsync(string code, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_layouts.GetValueOrDefault(code));
        }
    }

    public Task SaveLayoutAsync(string code, string layoutJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(layoutJson);
        lock (_gate)
        {
            _layouts[code] = layoutJson;
            return Task.CompletedTask;
        }
    }

    private static DefinitionVersionInfo Info(PublishedDefinition v) => new(v.Code, v.Version, v.Author, v.PublishedAt, v.Source);
}
