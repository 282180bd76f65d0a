using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Tests.Postgres;
using Npgsql;

namespace HongqiFlow.Storage.Tests.Contract;

[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseStoreTests(PostgresServer server) : CaseStoreContract
{
    private string? _connectionString;

    protected override async Task<ICaseStore> OpenStoreAsync()
    {
        if (PostgresAvailability.SkipReason is not null)
        {
            // Skipped tests are never run; this keeps the fixture from failing them before the skip is reported.
            return new InMemoryCaseStore();
        }

        _connectionString = await server.CreateDatabaseAsync();
        return await PostgresCaseStore.OpenAsync(_connectionString);
    }

    protected override async Task<ICaseStore> OpenSecondNodeAsync() => await PostgresCaseStore.OpenAsync(_connectionString!);

    protected override async Task TamperWithEventAsync(string caseId, long version, string payloadJson)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString!);
        await using var update = dataSource.CreateCommand("UPDATE events SET payload_json = $1 WHERE case_id = $2 AND version = $3");
        update.Parameters.Add(new NpgsqlParameter { Value = payloadJson });
        update.Parameters.Add(new NpgsqlParameter { Value = caseId });
        update.Parameters.Add(new NpgsqlParameter { Value = version });
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [PostgresFact]
    public async Task OpenAsync_TwoNodesAtOnce_ApplyEachMigrationOnce()
    {
        var nodes = await Task.WhenAll(PostgresCaseStore.OpenAsync(_connectionString!), PostgresCaseStore.OpenAsync(_connectionString!));

        (await nodes[0].SchemaVersionsAsync()).ShouldBe([1, 2]);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
