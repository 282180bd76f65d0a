using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>The SQLite schema, as numbered migrations. Never edit a released step: add the next one.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, "cases, events, command results, timers, outbox", DdlDialect.Sqlite.Write(StoreTables.Cases)),
        new(2, "definition drafts, published versions, designer layouts", DdlDialect.Sqlite.Write(StoreTables.Definitions)),
        new(3, "snapshot seals: a hash of each case's snapshot bound to its head event", DdlDialect.Sqlite.AddColumn(StoreTables.SealColumn.Table, StoreTables.SealColumn.Column) + """
            UPDATE cases SET snapshot_hash = hongqi_snapshot_seal(case_id, version, head_hash, status, state_json);
            """),
        new(4, "deputies (代理), one per principal", DdlDialect.Sqlite.Write(StoreTables.Deputies)),
        new(5, "the chain algorithm of each case (sha256 before, sm3 by default since)", StoreTables.ChainAlgorithmColumn),
        new(6, "signed checkpoints of every case's head", DdlDialect.Sqlite.Write(StoreTables.Checkpoints)),
        new(7, "personal data: each case's wrapped data key and the keyed hash of its ID number", DdlDialect.Sqlite.Write(StoreTables.PersonalDataKeys)),
        new(8, "the operations audit (安全审计): an append-only SM3 hash chain", DdlDialect.Sqlite.Write(StoreTables.Operations) + StoreTables.OperationsGenesisRow + """
            CREATE TRIGGER operations_no_update BEFORE UPDATE ON operations BEGIN SELECT RAISE(ABORT, 'the operations audit is append-only'); END;
            CREATE TRIGGER operations_no_delete BEFORE DELETE ON operations BEGIN SELECT RAISE(ABORT, 'the operations audit is append-only'); END;
            """),
        new(9, "the indicator projection: each case's counts and the totals per day and scope", DdlDialect.Sqlite.Write(StoreTables.Indicators)),
    ];

    /// <summary>
    /// Gives the connection the SQL function <c>hongqi_snapshot_seal</c> (<see cref="SnapshotSeal.Compute"/>), with which
    /// migration 3 seals the cases written before seals existed, as they stand at the upgrade.
    /// </summary>
    public static void AddFunctions(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        connection.CreateFunction<string, long, string, string, string, string>(
            "hongqi_snapshot_seal", (caseId, version, head, status, state) => SnapshotSeal.Compute(caseId, version, head, status, state), isDeterministic: true);
}
