using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Postgres;
using HongqiFlow.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HongqiFlow.Storage.Tests.Contract;

public sealed class SqliteCheckpointTests : CheckpointContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-checkpoint-").FullName;

    private string FilePath => Path.Combine(_folder, "hongqi.db");

    protected override async Task<ICaseStore> OpenStoreAsync() => await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));

    protected override async Task ExecuteAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointTests(PostgresServer server) : CheckpointContract
{
    private string? _connectionString;

    protected override async Task<ICaseStore> OpenStoreAsync()
    {
        if (PostgresAvailability.SkipReason is not null)
        {
            return new InMemoryCaseStore();
        }

        _connectionString = await server.CreateDatabaseAsync();
        return await PostgresCaseStore.OpenAsync(_connectionString);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString!);
        await using var command = dataSource.CreateCommand(sql);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }
}
