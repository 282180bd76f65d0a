namespace HongqiFlow.Storage.Sql;

/// <summary>
/// The tables of the SQL stores, described once; <see cref="DdlDialect"/> writes each dialect's DDL from it, and the
/// SQLite and PostgreSQL migrations take their table steps from here. Never edit a released step: add the next one.
/// </summary>
public static class StoreTables
{
    /// <summary>Migration 1 of both stores: cases, events, command results, timers, outbox.</summary>
    public static readonly SchemaStep Cases = new(
        [
            new("cases", [Id("case_id"), Text("definition_id"), Text("status"), Number("version"), Text("head_hash"), Text("state_json"), Number("created_at"), Number("updated_at")], ["case_id"]),
            new("events", [Id("case_id"), Number("version"), Text("type"), Text("payload_json"), Number("occurred_at"), Text("hash"), Text("previous_hash")], ["case_id", "version"], WithoutRowId: true),
            new("command_results", [Text("idempotency_key"), Text("case_id"), Number("version"), Text("result_json")], ["idempotency_key"]),
            new("timers", [Id("timer_id"), Id("case_id"), Text("kind"), Number("due_at"), Text("payload_json"), Number("state"), Text("lease_owner", true), Number("lease_until", true), Number("attempts")], ["timer_id"]),
            new("outbox",
                [new("sequence", ColumnType.Identity), new("message_id", ColumnType.Text, Unique: true), Id("case_id"), Text("channel"), Text("payload_json"), Number("state"), Number("attempts"),
                 Number("next_attempt_at"), Text("last_error", true), Number("created_at"), Number("delivered_at", true), Text("lease_owner", true), Number("lease_until", true)],
                ["sequence"]),
        ],
        [
            new("ix_cases_status", "cases", ["status", "case_id"]),
            new("ix_cases_definition", "cases", ["definition_id", "case_id"]),
            new("ix_timers_due", "timers", ["due_at"], PendingOnly: true),
            new("ix_timers_case", "timers", ["case_id"]),
            new("ix_outbox_pending", "outbox", ["next_attempt_at"], PendingOnly: true),
            new("ix_outbox_case", "outbox", ["case_id"]),
        ]);

    /// <summary>Migration 2 of both stores: definition drafts, published versions, designer layouts.</summary>
    public static readonly SchemaStep Definitions = new(
        [
            new("definition_drafts", [Id("code"), Text("yaml"), Number("revision"), Text("author"), Number("saved_at")], ["code"]),
            new("definition_versions", [Id("code"), Number("version"), Text("yaml"), Text("author"), Number("published_at"), Text("source")], ["code", "version"]),
            new("definition_layouts", [Id("code"), Text("layout_json"), Number("saved_at")], ["code"]),
        ],
        []);

    /// <summary>SQLite migration 4, PostgreSQL migration 5: each principal's deputy (代理) as JSON.</summary>
    public static readonly SchemaStep Deputies = new(
        [
            new("deputies", [Id("principal"), Text("deputy_json"), Number("saved_at")], ["principal"]),
        ],
        []);

    /// <summary>
    /// SQLite migration 6, PostgreSQL migration 7: signed checkpoints of every case's head, and the leaves of the latest
    /// one (one row per case it covers), from which its Merkle root is computed again when the store is verified.
    /// </summary>
    public static readonly SchemaStep Checkpoints = new(
        [
            new("checkpoints", [Number("sequence"), Number("created_at"), Number("case_count"), Text("root"), Text("previous_root"), Text("key_id"), Text("signature")], ["sequence"]),
            new("checkpoint_heads", [Id("case_id"), Number("version"), Text("head_hash")], ["case_id"]),
        ],
        []);

    /// <summary>
    /// The chain algorithm of each case (SQLite migration 5, PostgreSQL migration 6): cases written before it were chained
    /// with SHA-256 and keep it; the store names the algorithm of each new case (<see cref="ChainAlgorithm"/>).
    /// </summary>
    public static readonly (string Table, Column Column) ChainColumn = ("cases", Text("chain_algorithm"));

    /// <summary>Adds <see cref="ChainColumn"/> (the same SQL in both dialects): the rows already there get <c>sha256</c>.</summary>
    public static readonly string ChainAlgorithmColumn = $"ALTER TABLE {ChainColumn.Table} ADD COLUMN {ChainColumn.Column.Name} TEXT NOT NULL DEFAULT 'sha256';\n";

    /// <summary>
    /// SQLite migration 7, PostgreSQL migration 8: each case's data key, wrapped with a master key named by id, and the
    /// keyed hash (HMAC-SM3) of its applicant's ID number, by which a case is found without storing the number.
    /// </summary>
    public static readonly SchemaStep PersonalDataKeys = new(
        [
            new("case_data_keys", [Id("case_id"), Text("key_id"), Text("wrapped_key"), Text("id_lookup", true), Number("created_at")], ["case_id"]),
        ],
        [
            new("ix_case_data_keys_lookup", "case_data_keys", ["id_lookup"]),
            new("ix_case_data_keys_key", "case_data_keys", ["key_id", "case_id"]),
        ]);

    /// <summary>
    /// SQLite migration 8, PostgreSQL migration 9: the operations audit (安全审计), an SM3 hash-chained log, and its head
    /// (the last entry's sequence and hash, one row). Each dialect adds the triggers that refuse UPDATE and DELETE.
    /// </summary>
    public static readonly SchemaStep Operations = new(
        [
            new("operations",
                [Number("sequence"), Number("occurred_at"), Text("actor"), Text("roles"), Text("address"), Text("operation"), Text("target"), Text("result"), Text("detail"),
                 Text("hash"), Text("previous_hash")],
                ["sequence"]),
            new("operations_head", [Number("id"), Number("sequence"), Text("hash")], ["id"]),
        ],
        [
            new("ix_operations_at", "operations", ["occurred_at"]),
            new("ix_operations_actor", "operations", ["actor", "sequence"]),
            new("ix_operations_operation", "operations", ["operation", "sequence"]),
        ]);

    /// <summary>
    /// SQLite and PostgreSQL migration 10: the indicator projection — each case's counts
    /// and the scopes it counts in, with the version they were worked out at, and the running totals per UTC day and scope.
    /// </summary>
    public static readonly SchemaStep Indicators = new(
        [
            new("indicator_cases",
                [Id("case_id"), Number("version"), Number("started_at"), Text("scopes"), Text("counts"), Number("promised_from", true), Number("statutory_from", true), Number("running")],
                ["case_id"]),
            new("indicator_totals", [Number("day"), Id("scope"), Text("counts")], ["day", "scope"]),
        ],
        [
            new("ix_indicator_cases_started", "indicator_cases", ["started_at"]),
            new("ix_indicator_cases_running", "indicator_cases", ["running"]),
        ]);

    /// <summary>
    /// SQLite migration 12, PostgreSQL migration 11: the keyed hashes of each applicant's name parts, by
    /// which the window's search finds a case by name without reading any case; a data key written before them is
    /// marked unindexed (<see cref="NamesIndexedColumn"/>) and indexed at the next start.
    /// </summary>
    public static readonly SchemaStep NameLookups = new(
        [
            new("case_name_lookups", [Id("lookup"), Id("case_id")], ["lookup", "case_id"]),
        ],
        [
            new("ix_case_name_lookups_case", "case_name_lookups", ["case_id"]),
        ]);

    /// <summary>Whether a data key's case has its name look-ups (1) or still needs them (0): every key before that migration.</summary>
    public static readonly (string Table, Column Column) NamesIndexed = ("case_data_keys", Number("names_indexed"));

    /// <summary>Adds <see cref="NamesIndexed"/>, 0 for the keys already written.</summary>
    public static readonly string NamesIndexedColumn = $"ALTER TABLE {NamesIndexed.Table} ADD COLUMN {NamesIndexed.Column.Name} INTEGER NOT NULL DEFAULT 0;\n";

    /// <summary>The head row written with the tables: no entry yet, the genesis hash.</summary>
    public const string OperationsGenesisRow = "INSERT INTO operations_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');\n";

    /// <summary>The snapshot seal column (SQLite migration 3, PostgreSQL migration 4), before each dialect's backfill.</summary>
    public static readonly (string Table, Column Column) SealColumn = ("cases", Text("snapshot_hash", true));

    private static Column Id(string name) => new(name, ColumnType.Id);

    private static Column Text(string name, bool nullable = false) => new(name, ColumnType.Text, nullable);

    private static Column Number(string name, bool nullable = false) => new(name, ColumnType.Integer, nullable);
}

/// <summary>What a column holds; each dialect names its own type for it.</summary>
public enum ColumnType
{
    /// <summary>An id that pages in byte order (PostgreSQL: the "C" collation).</summary>
    Id,
    Text,
    /// <summary>A 64-bit integer (times are Unix milliseconds).</summary>
    Integer,
    /// <summary>The row's sequence number, given by the database; the primary key.</summary>
    Identity,
}

public sealed record Column(string Name, ColumnType Type, bool Nullable = false, bool Unique = false);

/// <param name="WithoutRowId">SQLite keeps the rows in the primary key's b-tree (no effect on PostgreSQL).</param>
public sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<string> Key, bool WithoutRowId = false);

/// <param name="PendingOnly">Serves the queries for pending rows (<c>state = 0</c>).</param>
public sealed record TableIndex(string Name, string Table, IReadOnlyList<string> Columns, bool PendingOnly = false);

/// <summary>The tables one migration creates, then their indexes.</summary>
public sealed record SchemaStep(IReadOnlyList<Table> Tables, IReadOnlyList<TableIndex> Indexes);

/// <summary>Writes a <see cref="SchemaStep"/> as one dialect's DDL.</summary>
public sealed record DdlDialect(string Id, string Text, string Integer, string Identity, bool IsSqlite)
{
    public static readonly DdlDialect Sqlite = new("TEXT", "TEXT", "INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", IsSqlite: true);

    public static readonly DdlDialect Postgres = new("text COLLATE \"C\"", "text", "bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", IsSqlite: false);

    public string Write(SchemaStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return string.Join("\n", step.Tables.Select(Create).Concat(step.Indexes.Select(Create))) + "\n";
    }

    public string AddColumn(string table, Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return $"ALTER TABLE {table} ADD COLUMN {Definition(column, singleKey: false)};\n";
    }

    private string Create(Table table)
    {
        var singleKey = table.Key.Count == 1;
        var lines = table.Columns.Select(c => "    " + Definition(c, singleKey && c.Name == table.Key[0])).ToList();
        if (!singleKey)
        {
            lines.Add($"    PRIMARY KEY ({string.Join(", ", table.Key)})");
        }

        var rowId = table.WithoutRowId && IsSqlite ? " WITHOUT ROWID" : "";
        return $"CREATE TABLE {table.Name} (\n{string.Join(",\n", lines)}){rowId};";
    }

    /// <summary>
    /// A pending-only index: PostgreSQL indexes the pending rows alone (a partial index); SQLite leads with the state.
    /// </summary>
    private string Create(TableIndex index) => index.PendingOnly switch
    {
        true when IsSqlite => $"CREATE INDEX {index.Name} ON {index.Table} (state, {string.Join(", ", index.Columns)});",
        true => $"CREATE INDEX {index.Name} ON {index.Table} ({string.Join(", ", index.Columns)}) WHERE state = 0;",
        false => $"CREATE INDEX {index.Name} ON {index.Table} ({string.Join(", ", index.Columns)});",
    };

    private string Definition(Column column, bool singleKey)
    {
        if (column.Type == ColumnType.Identity)
        {
            return $"{column.Name} {Identity}";
        }

        var type = column.Type switch { ColumnType.Id => Id, ColumnType.Text => Text, _ => Integer };
        return column.Name + " " + type + (singleKey ? " PRIMARY KEY" : column.Nullable ? "" : " NOT NULL") + (column.Unique ? " UNIQUE" : "");
    }
}
