using System.Data.Common;
using HongqiFlow.Storage.PersonalData;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>The data-key statements shared by SQLite and PostgreSQL (the table of <see cref="StoreTables.PersonalDataKeys"/>).</summary>
public static class SqlPersonalDataOperations
{
    private const string KeyColumns = "case_id, key_id, wrapped_key, id_lookup, created_at";
    private const string InsertKey =
        "INSERT INTO case_data_keys (case_id, key_id, wrapped_key, id_lookup, created_at, names_indexed) VALUES (@c, @k, @w, @l, @n, @x) ON CONFLICT (case_id) DO NOTHING";

    public static async Task<CaseDataKey?> FindAsync(DbConnection c, DbTransaction? tx, string caseId, CancellationToken ct) =>
        (await QueryAsync(c, tx, $"SELECT {KeyColumns} FROM case_data_keys WHERE case_id = @c", ReadKey, ct, ("c", caseId))).FirstOrDefault();

    public static async Task<CaseDataKey> AddAsync(DbConnection c, DbTransaction tx, CaseDataKey key, CancellationToken ct)
    {
        await Insert(c, tx, key, ct);
        return (await FindAsync(c, tx, key.CaseId, ct))!;
    }

    public static async Task<IReadOnlyList<CaseDataKey>> ListNotUnderAsync(DbConnection c, string masterKeyId, int limit, CancellationToken ct) =>
        await QueryAsync(c, null, $"SELECT {KeyColumns} FROM case_data_keys WHERE key_id <> @k ORDER BY case_id LIMIT @l", ReadKey, ct, ("k", masterKeyId), ("l", (long)limit));

    public static async Task<bool> RewrapAsync(DbConnection c, DbTransaction tx, string caseId, string fromKeyId, string toKeyId, string wrapped, CancellationToken ct) =>
        await ExecuteAsync(c, tx, "UPDATE case_data_keys SET key_id = @t, wrapped_key = @w WHERE case_id = @c AND key_id = @f", ct,
            ("t", toKeyId), ("w", wrapped), ("c", caseId), ("f", fromKeyId)) == 1;

    public static async Task<IReadOnlyList<CaseDataKey>> SampleAsync(DbConnection c, CancellationToken ct) =>
        await QueryAsync(c, null,
            $"SELECT {KeyColumns} FROM case_data_keys WHERE case_id IN (SELECT min(case_id) FROM case_data_keys GROUP BY key_id) ORDER BY case_id", ReadKey, ct);

    public static async Task<IReadOnlyList<string>> FindByLookupAsync(DbConnection c, string lookup, int limit, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT k.case_id FROM case_data_keys k JOIN cases s ON s.case_id = k.case_id WHERE k.id_lookup = @h ORDER BY k.case_id LIMIT @l",
            r => r.GetString(0), ct, ("h", lookup), ("l", (long)limit));

    public static async Task<IReadOnlyList<NameMatch>> FindByNameLookupAsync(DbConnection c, string lookup, string? beforeCaseId, int limit, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT n.case_id, s.definition_id FROM case_name_lookups n JOIN cases s ON s.case_id = n.case_id WHERE n.lookup = @h" +
            (beforeCaseId is null ? "" : " AND n.case_id < @b") + " ORDER BY n.case_id DESC LIMIT @l",
            r => new NameMatch(r.GetString(0), r.GetString(1)), ct,
            beforeCaseId is null ? [("h", lookup), ("l", (long)limit)] : [("h", lookup), ("b", beforeCaseId), ("l", (long)limit)]);

    public static async Task<IReadOnlyList<UnindexedCase>> ListWithoutNamesAsync(DbConnection c, string? afterCaseId, int limit, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT k.case_id, s.state_json FROM case_data_keys k JOIN cases s ON s.case_id = k.case_id WHERE k.names_indexed = 0" +
            (afterCaseId is null ? "" : " AND k.case_id > @a") + " ORDER BY k.case_id LIMIT @l",
            r => new UnindexedCase(r.GetString(0), r.GetString(1)), ct, afterCaseId is null ? [("l", (long)limit)] : [("a", afterCaseId), ("l", (long)limit)]);

    public static async Task IndexNamesAsync(DbConnection c, DbTransaction tx, IReadOnlyList<CaseNameLookups> cases, CancellationToken ct)
    {
        foreach (var names in cases)
        {
            if (await ExecuteAsync(c, tx, "UPDATE case_data_keys SET names_indexed = 1 WHERE case_id = @c AND names_indexed = 0", ct, ("c", names.CaseId)) == 1)
            {
                await InsertNamesAsync(c, tx, names.CaseId, names.Lookups, ct);
            }
        }
    }

    public static async Task<IReadOnlyList<string>> ListWithoutKeyAsync(DbConnection c, string? afterCaseId, int limit, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT s.case_id FROM cases s LEFT JOIN case_data_keys k ON k.case_id = s.case_id WHERE k.case_id IS NULL" +
            (afterCaseId is null ? "" : " AND s.case_id > @a") + " ORDER BY s.case_id LIMIT @l",
            r => r.GetString(0), ct, afterCaseId is null ? [("l", (long)limit)] : [("a", afterCaseId), ("l", (long)limit)]);

    /// <param name="outboxOfCase">The query of the case's outbox payloads in order, when the store keeps messages elsewhere too (SQLite's one-row layout).</param>
    public static async Task<StoredCaseRows?> ReadRowsAsync(DbConnection c, string caseId, CancellationToken ct, string? outboxOfCase = null)
    {
        var head = (await QueryAsync(c, null, "SELECT version, head_hash, status, state_json, chain_algorithm FROM cases WHERE case_id = @c",
            r => (Version: Long(r, 0), Head: r.GetString(1), Status: r.GetString(2), State: r.GetString(3), Algorithm: ChainAlgorithms.Parse(r.GetString(4))), ct, ("c", caseId))).FirstOrDefault();
        if (head.Head is null)
        {
            return null;
        }

        var events = await SqlCaseOperations.ReadHistoryAsync(c, caseId, ct);
        var outbox = await QueryAsync(c, null, outboxOfCase ?? "SELECT message_id, payload_json FROM outbox WHERE case_id = @c ORDER BY sequence",
            r => new OutboxPayload(r.GetString(0), r.GetString(1)), ct, ("c", caseId));
        return new StoredCaseRows(caseId, head.Version, head.Head, head.Status, head.State, events, outbox, head.Algorithm);
    }

    /// <summary>Writes the encrypted rows; false (and nothing changed) when the case moved on or got a key meanwhile.</summary>
    /// <param name="updateOutbox">The statement that rewrites one message's payload (@p, @m), when the store keeps messages elsewhere too.</param>
    public static async Task<bool> ProtectRowsAsync(DbConnection c, DbTransaction tx, CaseRowsProtection p, CancellationToken ct, string? updateOutbox = null)
    {
        var caseId = p.Key.CaseId;
        var seal = SnapshotSeal.Compute(p.Algorithm, caseId, p.Version, p.Head, p.Status, p.StateJson);
        if (await ExecuteAsync(c, tx, "UPDATE cases SET head_hash = @h, state_json = @j, snapshot_hash = @sh WHERE case_id = @c AND version = @v AND head_hash = @oh", ct,
                ("h", p.Head), ("j", p.StateJson), ("sh", seal), ("c", caseId), ("v", p.Version), ("oh", p.PreviousHead)) == 0)
        {
            return false;
        }

        if (await Insert(c, tx, p.Key, ct) == 0)
        {
            // The case has a key already; the rows just written were sealed with another one, so they must not stay.
            throw new ConcurrencyException(caseId, p.Version, p.Version);
        }

        foreach (var e in p.Events)
        {
            await ExecuteAsync(c, tx, "UPDATE events SET payload_json = @p, hash = @h, previous_hash = @ph WHERE case_id = @c AND version = @v", ct,
                ("p", e.PayloadJson), ("h", e.Hash), ("ph", e.PreviousHash), ("c", caseId), ("v", e.Version));
        }

        foreach (var o in p.Outbox)
        {
            await ExecuteAsync(c, tx, updateOutbox ?? "UPDATE outbox SET payload_json = @p WHERE message_id = @m", ct, ("p", o.PayloadJson), ("m", o.MessageId));
        }

        return true;
    }

    /// <summary>Writes the key (unless the case has one) and, when it carries them, its name look-ups with it; 1 when written.</summary>
    private static async Task<int> Insert(DbConnection c, DbTransaction tx, CaseDataKey key, CancellationToken ct)
    {
        var written = await ExecuteAsync(c, tx, InsertKey, ct, ("c", key.CaseId), ("k", key.KeyId), ("w", key.WrappedKey), ("l", key.IdLookup), ("n", Timestamps.ToMillis(key.CreatedAt)),
            ("x", key.NameLookups is null ? 0L : 1L));
        if (written == 1 && key.NameLookups is { } names)
        {
            await InsertNamesAsync(c, tx, key.CaseId, names, ct);
        }

        return written;
    }

    private static async Task InsertNamesAsync(DbConnection c, DbTransaction tx, string caseId, IReadOnlyList<string> lookups, CancellationToken ct)
    {
        foreach (var lookup in lookups.Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync(c, tx, "INSERT INTO case_name_lookups (lookup, case_id) VALUES (@h, @c) ON CONFLICT DO NOTHING", ct, ("h", lookup), ("c", caseId));
        }
    }

    private static CaseDataKey ReadKey(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), Timestamps.FromMillis(Long(r, 4)));
}
