using HongqiFlow.Benchmarks.Storage;
using HongqiFlow.Storage.Tests.Postgres;

namespace HongqiFlow.Storage.Tests.Benchmarks;

/// <summary>
/// The storage benchmarks' quick mode, so none rots: each class's setup, every benchmark method once and its cleanup,
/// as BenchmarkDotNet would run them (docs/benchmarks.md lists the command that measures them properly).
/// </summary>
public sealed class StorageBenchmarkQuickTests
{
    [Fact]
    public async Task SqliteAppend_RunsEveryMethod_AndCountsWalPagesPerCommand()
    {
        var benchmark = new SqliteAppendBenchmarks();
        await benchmark.SetupAsync();
        try
        {
            benchmark.RawSingleRowInsertPerTransaction();
            await benchmark.DurableCommand();

            // A one-row insert changes its table's page (and the b-tree's root now and then); a durable command writes
            // the event row (carrying its key, timer and outbox message), its (case, version) index entry, the case row and
            // the partial indexes of the key, timer and message: 8.2 since migration 11 (the one-row layout), 11.4 with
            // migration 9, 14–15.5 before it (docs/benchmarks.md). The target is at most 9.
            benchmark.RawPages.ShouldBeInRange(1.0, 3.0);
            benchmark.DurablePages.ShouldBeInRange(5.0, 9.0);
        }
        finally
        {
            await benchmark.CleanupAsync();
        }
    }

    [Fact]
    public async Task SqliteGroupCommit_RunsEveryMethod()
    {
        var benchmark = new SqliteGroupCommitBenchmarks();
        await benchmark.SetupAsync();
        try
        {
            await benchmark.OneRowPerTransaction();
            await benchmark.GroupCommit();
        }
        finally
        {
            await benchmark.CleanupAsync();
        }
    }
}

/// <summary>The PostgreSQL benchmark's quick mode: HongqiFlow, the raw upsert and the peer (Marten, both append modes).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBenchmarkQuickTests(PostgresServer server)
{
    [PostgresFact]
    public async Task PostgresAppend_RunsEveryMethod_AtEightClients()
    {
        var benchmark = new PostgresAppendBenchmarks { ConnectionString = await server.CreateDatabaseAsync(), Clients = 8 };
        await benchmark.SetupAsync();
        try
        {
            await benchmark.RawUpsert();
            await benchmark.DurableCommand();
            await benchmark.MartenAppend();
            await benchmark.MartenAppendQuick();
        }
        finally
        {
            await benchmark.CleanupAsync();
        }
    }
}
