using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sql;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>
/// Both SQL stores create their tables from one description (<see cref="StoreTables"/>): after the migrations, each
/// database holds exactly the described tables, columns in order, nullability, primary keys and indexes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreTablesTests(PostgresServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-tables-").FullName;

    /// <summary>table → (column, not null) in order; the seal and chain algorithm columns come last, added by later steps.</summary>
    private static readonly Dictionary<string, List<(string Column, bool NotNull)>> Described = Describe();

    private static readonly string[] Indexes = [.. StoreTables.Cases.Indexes.Concat(StoreTables.Definitions.Indexes).Concat(StoreTables.Deputies.Indexes).Concat(StoreTables.Checkpoints.Indexes).Concat(StoreTables.PersonalDataKeys.Indexes).Concat(StoreTables.Operations.Indexes).Concat(StoreTables.Indicators.Indexes).Concat(StoreTables.NameLookups.Indexes).Select(i => i.Name).Order(StringComparer.Ordinal)];

    /// <summary>SQLite migration 11 (the one-row layout): the event row's id, then its command's key, timer and message.</summary>
    private static readonly (string Column, bool NotNull)[] SqliteEventRowColumns =
    [
        ("seq", true), ("idempotency_key", false), ("result_json", false),
        ("timer_id", false), ("timer_kind", false), ("timer_due", false), ("timer_payload", false), ("timer_state", false), ("timer_lease_owner", false), ("timer_lease_until", false), ("timer_attempts", false),
        ("message_id", false), ("message_channel", false), ("message_payload", false), ("message_state", false), ("message_attempts", false), ("message_next_attempt", false),
        ("message_last_error", false), ("message_created", false), ("message_delivered", false), ("message_lease_owner", false), ("message_lease_until", false),
    ];

    private static readonly string[] SqliteEventRowIndexes = ["ix_events_message", "ix_events_message_due", "ix_events_timer", "ix_events_timer_due"];

    [Fact]
    public async Task Sqlite_HasTheDescribedTables()
    {
        await (await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder))).DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=false");
        await connection.OpenAsync();

        foreach (var (table, columns) in Described)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY cid";
            var found = new List<(string, bool)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // SQLite lets a single-column TEXT primary key hold NULL unless declared NOT NULL; the description keys it.
                found.Add((reader.GetString(0), reader.GetInt64(1) == 1 || reader.GetInt64(2) > 0));
            }

            found.ShouldBe(table == "events" ? [.. columns, .. SqliteEventRowColumns] : columns, table);
        }

        (await Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name"))
            .ShouldBe([.. Indexes.Concat(SqliteEventRowIndexes).Order(StringComparer.Ordinal)]);
    }

    [PostgresFact]
    public async Task Postgres_HasTheDescribedTables()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await (await PostgresCaseStore.OpenAsync(connectionString)).DisposeAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var (table, columns) in Described)
        {
            await using var command = new NpgsqlCommand(
                "SELECT column_name, is_nullable = 'NO' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                connection) { Parameters = { new() { Value = table } } };
            var found = new List<(string, bool)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add((reader.GetString(0), reader.GetBoolean(1)));
            }

            found.ShouldBe(columns, table);
        }

        await using var indexes = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'ix\\_%' ORDER BY indexname COLLATE \"C\"", connection);
        var names = new List<string>();
        await using var rows = await indexes.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            names.Add(rows.GetString(0));
        }

        names.ShouldBe(Indexes);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Dictionary<string, List<(string Column, bool NotNull)>> Describe()
    {
        var tables = StoreTables.Cases.Tables.Concat(StoreTables.Definitions.Tables).Concat(StoreTables.Deputies.Tables).Concat(StoreTables.Checkpoints.Tables).Concat(StoreTables.PersonalDataKeys.Tables).Concat(StoreTables.Operations.Tables).Concat(StoreTables.Indicators.Tables).Concat(StoreTables.NameLookups.Tables)
            .ToDictionary(t => t.Name, t => t.Columns.Select(c => (c.Name, !c.Nullable)).ToList(), StringComparer.Ordinal);
        tables[StoreTables.SealColumn.Table].Add((StoreTables.SealColumn.Column.Name, !StoreTables.SealColumn.Column.Nullable));
        tables[StoreTables.ChainColumn.Table].Add((StoreTables.ChainColumn.Column.Name, !StoreTables.ChainColumn.Column.Nullable));
        tables[StoreTables.NamesIndexed.Table].Add((StoreTables.NamesIndexed.Column.Name, !StoreTables.NamesIndexed.Column.Nullable));
        return tables;
    }

    private static async Task<List<string>> Strings(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
