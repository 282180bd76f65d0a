using System.Data.Common;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>The deputy statements shared by SQLite and PostgreSQL (the table of <see cref="StoreTables.Deputies"/>).</summary>
public static class SqlDeputyOperations
{
    public static async Task<IReadOnlyList<StoredDeputy>> ListAsync(DbConnection c, CancellationToken ct) =>
        await QueryAsync(c, null, "SELECT principal, deputy_json, saved_at FROM deputies ORDER BY principal",
            r => new StoredDeputy(r.GetString(0), r.GetString(1), Timestamps.FromMillis(Long(r, 2))), ct);

    public static Task<int> SaveAsync(DbConnection c, DbTransaction tx, string principal, string deputyJson, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(c, tx,
            "INSERT INTO deputies (principal, deputy_json, saved_at) VALUES (@p, @j, @n) ON CONFLICT (principal) DO UPDATE SET deputy_json = excluded.deputy_json, saved_at = excluded.saved_at", ct,
            ("p", principal), ("j", deputyJson), ("n", Timestamps.ToMillis(now)));

    public static Task<int> RemoveAsync(DbConnection c, DbTransaction tx, string principal, CancellationToken ct) =>
        ExecuteAsync(c, tx, "DELETE FROM deputies WHERE principal = @p", ct, ("p", principal));
}
