namespace HongqiFlow.Storage;

/// <summary>
/// Definitions as authors edit them: one draft per item code (YAML text with a revision that detects a second
/// editor's stale save), published versions that never change once written, and the designer's layout (node
/// positions, JSON) kept apart from the YAML. Validation is not the store's business: <c>DefinitionRegistry</c>
/// checks a draft before it calls <see cref="PublishAsync"/>.
/// </summary>
public interface IDefinitionStore
{
    /// <summary>
    /// Saves the draft of <paramref name="code"/> over revision <paramref name="baseRevision"/> (0 when there is no draft yet)
    /// and returns the new revision. Throws <see cref="DraftConflictException"/> when the draft is no longer at that revision.
    /// </summary>
    Task<int> SaveDraftAsync(string code, string yaml, int baseRevision, string author, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The draft of <paramref name="code"/>, or null when there is none.</summary>
    Task<DefinitionDraft?> GetDraftAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Every draft, by code (text included).</summary>
    Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes a published version; throws <see cref="VersionAlreadyPublishedException"/> when the code already has that version.</summary>
    Task PublishAsync(PublishedDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The published versions of <paramref name="code"/>, oldest first, without their text.</summary>
    Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The latest published version of every code, without text, ordered by code.</summary>
    Task<IReadOnlyList<DefinitionVersionInfo>> ListLatestAsync(CancellationToken cancellationToken = default);

    Task<PublishedDefinition?> GetVersionAsync(string code, int version, CancellationToken cancellationToken = default);

    /// <summary>The designer's layout of <paramref name="code"/> (JSON), or null when none was saved.</summary>
    Task<string?> GetLayoutAsync(string code, CancellationToken cancellationToken = default);

    Task SaveLayoutAsync(string code, string layoutJson, DateTimeOffset now, CancellationToken cancellationToken = default);
}
