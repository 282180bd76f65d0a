using System.Data.Common;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>The definition statements shared by SQLite and PostgreSQL (tables of migration 2).</summary>
public static class SqlDefinitionOperations
{
    private const string VersionColumns = "code, version, author, published_at, source";

    /// <summary>Conditional writes only, so a concurrent save or publish fails cleanly instead of aborting the transaction.</summary>
    public static async Task<int> SaveDraftAsync(DbConnection c, DbTransaction tx, string code, string yaml, int baseRevision, string author, DateTimeOffset now, CancellationToken ct)
    {
        var written = baseRevision == 0
            ? await ExecuteAsync(c, tx, "INSERT INTO definition_drafts (code, yaml, revision, author, saved_at) VALUES (@c, @y, 1, @a, @n) ON CONFLICT (code) DO NOTHING", ct,
                ("c", code), ("y", yaml), ("a", author), ("n", Timestamps.ToMillis(now)))
            : await ExecuteAsync(c, tx, "UPDATE definition_drafts SET yaml = @y, revision = revision + 1, author = @a, saved_at = @n WHERE code = @c AND revision = @r", ct,
                ("c", code), ("y", yaml), ("a", author), ("n", Timestamps.ToMillis(now)), ("r", (long)baseRevision));
        if (written == 0)
        {
            var current = await QueryAsync(c, tx, "SELECT revision FROM definition_drafts WHERE code = @c", r => (int)Long(r, 0), ct, ("c", code));
            throw new DraftConflictException(code, baseRevision, current.Count == 0 ? 0 : current[0]);
        }

        return baseRevision + 1;
    }

    public static async Task<DefinitionDraft?> GetDraftAsync(DbConnection c, string code, CancellationToken ct) =>
        (await QueryAsync(c, null, "SELECT code, yaml, revision, author, saved_at FROM definition_drafts WHERE code = @c", ReadDraft, ct, ("c", code))).FirstOrDefault();

    public static async Task<IReadOnlyList<DefinitionDraft>> ListDraftsAsync(DbConnection c, CancellationToken ct) =>
        await QueryAsync(c, null, "SELECT code, yaml, revision, author, saved_at FROM definition_drafts ORDER BY code", ReadDraft, ct);

    public static async Task PublishAsync(DbConnection c, DbTransaction tx, PublishedDefinition d, CancellationToken ct)
    {
        if (await ExecuteAsync(c, tx,
                "INSERT INTO definition_versions (code, version, yaml, author, published_at, source) VALUES (@c, @v, @y, @a, @p, @s) ON CONFLICT (code, version) DO NOTHING", ct,
                ("c", d.Code), ("v", (long)d.Version), ("y", d.Yaml), ("a", d.Author), ("p", Timestamps.ToMillis(d.PublishedAt)), ("s", d.Source)) == 0)
        {
            throw new VersionAlreadyPublishedException(d.Code, d.Version);
        }
    }

    public static async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(DbConnection c, string code, CancellationToken ct) =>
        await QueryAsync(c, null, $"SELECT {VersionColumns} FROM definition_versions WHERE code = @c ORDER BY version", ReadInfo, ct, ("c", code));

    public static async Task<IReadOnlyList<DefinitionVersionInfo>> ListLatestAsync(DbConnection c, CancellationToken ct) =>
        await QueryAsync(c, null,
            $"SELECT {VersionColumns} FROM definition_versions d WHERE version = (SELECT max(version) FROM definition_versions x WHERE x.code = d.code) ORDER BY code",
            ReadInfo, ct);

    public static async Task<PublishedDefinition?> GetVersionAsync(DbConnection c, string code, int version, CancellationToken ct) =>
        (await QueryAsync(c, null, "SELECT code, version, yaml, author, published_at, source FROM definition_versions WHERE code = @c AND version = @v",
            r => new PublishedDefinition(r.GetString(0), (int)Long(r, 1), r.GetString(2), r.GetString(3), Timestamps.FromMillis(Long(r, 4)), r.GetString(5)),
            ct, ("c", code), ("v", (long)version))).FirstOrDefault();

    public static async Task<string?> GetLayoutAsync(DbConnection c, string code, CancellationToken ct) =>
        (await QueryAsync(c, null, "SELECT layout_json FROM definition_layouts WHERE code = @c", r => r.GetString(0), ct, ("c", code))).FirstOrDefault();

    public static Task<int> SaveLayoutAsync(DbConnection c, DbTransaction tx, string code, string layoutJson, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(c, tx,
            "INSERT INTO definition_layouts (code, layout_json, saved_at) VALUES (@c, @j, @n) ON CONFLICT (code) DO UPDATE SET layout_json = excluded.layout_json, saved_at = excluded.saved_at", ct,
            ("c", code), ("j", layoutJson), ("n", Timestamps.ToMillis(now)));

    private static DefinitionDraft ReadDraft(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), (int)Long(r, 2), r.GetString(3), Timestamps.FromMillis(Long(r, 4)));

    private static DefinitionVersionInfo ReadInfo(DbDataReader r) =>
        new(r.GetString(0), (int)Long(r, 1), r.GetString(2), Timestamps.FromMillis(Long(r, 3)), r.GetString(4));
}
