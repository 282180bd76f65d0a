using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>Definition drafts, versions and layouts in the same file; writes go through the one writer like appends.</summary>
public sealed partial class SqliteCaseStore
{
    public Task<int> SaveDraftAsync(string code, string yaml, int baseRevision, string author, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(yaml);
        return WriteAsync((c, tx) => SqlDefinitionOperations.SaveDraftAsync(c, tx, code, yaml, baseRevision, author, now, CancellationToken.None), cancellationToken);
    }

    public async Task<DefinitionDraft?> GetDraftAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.GetDraftAsync(c, code, cancellationToken);
    }

    public async Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.ListDraftsAsync(c, cancellationToken);
    }

    public Task PublishAsync(PublishedDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return WriteAsync(async (c, tx) =>
        {
            await SqlDefinitionOperations.PublishAsync(c, tx, definition, CancellationToken.None);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.ListVersionsAsync(c, code, cancellationToken);
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.ListLatestAsync(c, cancellationToken);
    }

    public async Task<PublishedDefinition?> GetVersionAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.GetVersionAsync(c, code, version, cancellationToken);
    }

    public async Task<string?> GetLayoutAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDefinitionOperations.GetLayoutAsync(c, code, cancellationToken);
    }

    public Task SaveLayoutAsync(string code, string layoutJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(layoutJson);
        return WriteAsync((c, tx) => SqlDefinitionOperations.SaveLayoutAsync(c, tx, code, layoutJson, now, CancellationToken.None), cancellationToken);
    }
}
