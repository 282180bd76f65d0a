using System.Data.Common;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>Applies the missing migrations in order, each in its own transaction with its version row.</summary>
public static class SchemaMigrator
{
    /// <param name="serialize">Run first in each transaction so nodes starting together migrate one at a time (PostgreSQL: an advisory lock).</param>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection c, IReadOnlyList<SchemaMigration> migrations, string? serialize, DateTimeOffset now, CancellationToken ct)
    {
        await ExecuteAsync(c, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)", ct);
        var applied = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            if (serialize is not null)
            {
                await ExecuteAsync(c, tx, serialize, ct);
            }

            var done = await QueryAsync(c, tx, "SELECT count(*) FROM schema_migrations WHERE version = @v", r => Long(r, 0), ct, ("v", (long)migration.Version));
            if (done[0] > 0)
            {
                await tx.RollbackAsync(ct);
                continue;
            }

            await ExecuteAsync(c, tx, migration.Sql, ct);
            await ExecuteAsync(c, tx, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @n)", ct,
                ("v", (long)migration.Version), ("d", migration.Description), ("n", Timestamps.ToMillis(now)));
            await tx.CommitAsync(ct);
            applied.Add(migration.Version);
        }

        return applied;
    }

    public static async Task<IReadOnlyList<int>> AppliedVersionsAsync(DbConnection c, CancellationToken ct) =>
        [.. await QueryAsync(c, null, "SELECT version FROM schema_migrations ORDER BY version", r => (int)Long(r, 0), ct)];
}
