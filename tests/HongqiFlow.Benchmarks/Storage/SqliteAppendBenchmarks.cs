using BenchmarkDotNet.Attributes;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// One submitter: a durable command (event + snapshot + timer + outbox, hash-chained, one transaction) against a
/// raw loop inserting one row per transaction with the same pragmas (WAL, synchronous=FULL). Target: ≥ 0.6×.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SqliteAppendBenchmarks
{
    private const int Commands = 200;
    private string _folder = "";
    private SqliteCaseStore? _store;
    private SqliteConnection? _raw;
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("hongqi-bench-").FullName;
        _store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")}");
        _raw.Open();
        using var setup = _raw.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL);";
        setup.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public void RawSingleRowInsertPerTransaction()
    {
        var round = Interlocked.Increment(ref _round);
        for (var i = 0; i < Commands; i++)
        {
            using var tx = _raw!.BeginTransaction();
            using var insert = _raw.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO rows (id, payload) VALUES ($id, $p)";
            insert.Parameters.AddWithValue("$id", $"r{round}-{i}");
            insert.Parameters.AddWithValue("$p", BenchmarkCommands.RawPayload);
            insert.ExecuteNonQuery();
            tx.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public async Task DurableCommand()
    {
        var round = Interlocked.Increment(ref _round);
        var caseId = $"case-{round}";
        await _store!.AppendAsync(BenchmarkCommands.Command(caseId, 0, $"{round}-0"));
        for (var i = 1; i < Commands; i++)
        {
            await _store.AppendAsync(BenchmarkCommands.Command(caseId, i, $"{round}-{i}"));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store!.DisposeAsync();
        await _raw!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
