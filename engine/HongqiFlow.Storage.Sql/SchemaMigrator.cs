using System.Data.Common;
using HongqiFlow.Progress;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// Applies the missing migrations in order, each in its own transaction with its version row. Migrations only go
/// forward: a store that records a version higher than any this build knows was written by a newer build and is
/// refused (<see cref="StoreSchemaTooNewException"/>) before anything is written.
/// </summary>
public static class SchemaMigrator
{
    /// <param name="serialize">Run first in each transaction so nodes starting together migrate one at a time (PostgreSQL: an advisory lock).</param>
    public static Task<IReadOnlyList<int>> ApplyAsync(DbConnection c, IReadOnlyList<SchemaMigration> migrations, string? serialize, DateTimeOffset now, CancellationToken ct) =>
        ApplyAsync(c, migrations, serialize, now, "the store", OperationProgress.None, ct);

    /// <param name="store">Names the store in a refusal (its file, or the database).</param>
    /// <param name="progress">Counts the migrations applied (only when some are missing).</param>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection c, IReadOnlyList<SchemaMigration> migrations, string? serialize, DateTimeOffset now,
        string store, IOperationProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(progress);
        await ExecuteAsync(c, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)", ct);
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        var before = await AppliedVersionsAsync(c, ct);
        RefuseNewer(before, known, store);

        var missing = migrations.Where(m => !before.Contains(m.Version)).OrderBy(m => m.Version).ToList();
        var applied = new List<int>();
        if (missing.Count == 0)
        {
            return applied;
        }

        using var counter = progress.Start("migrations", missing.Count, "steps");
        foreach (var migration in missing)
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            if (serialize is not null)
            {
                await ExecuteAsync(c, tx, serialize, ct);
            }

            var versions = await QueryAsync(c, tx, "SELECT version FROM schema_migrations", r => (int)Long(r, 0), ct);
            // Another node that started together may have gone further, with a newer build.
            RefuseNewer(versions, known, store);
            if (versions.Contains(migration.Version))
            {
                await tx.RollbackAsync(ct);
                counter.Advance();
                continue;
            }

            await ExecuteAsync(c, tx, migration.Sql, ct);
            await ExecuteAsync(c, tx, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @n)", ct,
                ("v", (long)migration.Version), ("d", migration.Description), ("n", Timestamps.ToMillis(now)));
            await tx.CommitAsync(ct);
            applied.Add(migration.Version);
            counter.Advance();
        }

        return applied;
    }

    public static async Task<IReadOnlyList<int>> AppliedVersionsAsync(DbConnection c, CancellationToken ct) =>
        [.. await QueryAsync(c, null, "SELECT version FROM schema_migrations ORDER BY version", r => (int)Long(r, 0), ct)];

    private static void RefuseNewer(IReadOnlyCollection<int> recorded, int known, string store)
    {
        if (recorded.Count > 0 && recorded.Max() is var found && found > known)
        {
            throw new StoreSchemaTooNewException(store, found, known);
        }
    }
}
