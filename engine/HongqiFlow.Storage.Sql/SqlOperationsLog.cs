using System.Data.Common;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// The operations audit statements shared by SQLite and PostgreSQL (the tables of <see cref="StoreTables.Operations"/>).
/// Only INSERT touches <c>operations</c>; the head row is the one row that changes, under a row lock on PostgreSQL.
/// </summary>
public static class SqlOperationsLog
{
    private const string Columns = "sequence, occurred_at, actor, roles, address, operation, target, result, detail, hash, previous_hash";

    public static async Task<StoredOperation> AppendAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, OperationRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var lockClause = dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        var head = (await QueryAsync(c, tx, "SELECT sequence, hash FROM operations_head WHERE id = 1" + lockClause,
            r => (Sequence: Long(r, 0), Hash: r.GetString(1)), ct)).Single();
        var stored = OperationsChain.Next(head.Sequence, head.Hash, record);
        await ExecuteAsync(c, tx,
            $"INSERT INTO operations ({Columns}) VALUES (@s, @at, @actor, @roles, @address, @op, @target, @result, @detail, @hash, @previous)", ct,
            ("s", stored.Sequence), ("at", Timestamps.ToMillis(stored.At)), ("actor", stored.Actor), ("roles", stored.Roles), ("address", stored.Address),
            ("op", stored.Operation), ("target", stored.Target), ("result", stored.Result), ("detail", stored.Detail), ("hash", stored.Hash),
            ("previous", stored.PreviousHash));
        await ExecuteAsync(c, tx, "UPDATE operations_head SET sequence = @s, hash = @h WHERE id = 1", ct, ("s", stored.Sequence), ("h", stored.Hash));
        return stored;
    }

    public static async Task<OperationPage> SearchAsync(DbConnection c, OperationQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Filters are added only when set: PostgreSQL cannot type a parameter that is only compared with NULL.
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(string clause, string name, object value)
        {
            where.Add(clause);
            parameters.Add((name, value));
        }

        if (!string.IsNullOrEmpty(query.Actor))
        {
            Add("actor = @actor", "actor", query.Actor);
        }

        if (!string.IsNullOrEmpty(query.Operation))
        {
            Add("operation = @op", "op", query.Operation);
        }

        if (!string.IsNullOrEmpty(query.Result))
        {
            Add("result = @result", "result", query.Result);
        }

        if (query.From is { } from)
        {
            Add("occurred_at >= @from", "from", Timestamps.ToMillis(from));
        }

        if (query.To is { } to)
        {
            Add("occurred_at < @to", "to", Timestamps.ToMillis(to));
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            Add("(target LIKE @text ESCAPE '\\' OR detail LIKE @text ESCAPE '\\')", "text", "%" + Escape(query.Text) + "%");
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        var total = (await QueryAsync(c, null, "SELECT COUNT(*) FROM operations" + filter, r => Long(r, 0), ct, [.. parameters])).Single();
        var paged = new List<string>(where);
        var pageParameters = new List<(string, object?)>(parameters);
        if (query.Before is { } before)
        {
            paged.Add("sequence < @before");
            pageParameters.Add(("before", before));
        }

        pageParameters.Add(("limit", query.Limit));
        var rows = await QueryAsync(c, null,
            $"SELECT {Columns} FROM operations{(paged.Count == 0 ? "" : " WHERE " + string.Join(" AND ", paged))} ORDER BY sequence DESC LIMIT @limit",
            Read, ct, [.. pageParameters]);
        return new OperationPage(rows, total, rows.Count == query.Limit && rows.Count > 0 ? rows[^1].Sequence : null);
    }

    /// <summary>Streams every entry in sequence order, so a long log is verified in one pass.</summary>
    public static async Task<IReadOnlyList<OperationsFinding>> VerifyAsync(DbConnection c, CancellationToken ct)
    {
        var head = (await QueryAsync(c, null, "SELECT sequence, hash FROM operations_head WHERE id = 1", r => (Sequence: Long(r, 0), Hash: r.GetString(1)), ct))
            .SingleOrDefault();
        var verifier = new OperationsVerifier();
        await using (var command = Command(c, null, $"SELECT {Columns} FROM operations ORDER BY sequence"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct) && verifier.Finding is null)
            {
                verifier.Add(Read(reader));
            }
        }

        var finding = head.Hash is null
            ? verifier.Finding ?? new OperationsFinding(0, "the log's head row is missing")
            : verifier.Finish(head.Sequence, head.Hash);
        return finding is null ? [] : [finding];
    }

    private static StoredOperation Read(DbDataReader r) => new(
        Long(r, 0), Timestamps.FromMillis(Long(r, 1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetString(9), r.GetString(10));

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
