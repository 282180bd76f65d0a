using BenchmarkDotNet.Attributes;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// 64 concurrent submitters: durable commands through the store's group commit against one row per transaction
/// (each submitter on its own connection, BEGIN IMMEDIATE, same pragmas). Target: ≥ 10× the rate.
/// <c>--quick</c>: a short job (<see cref="RatioConfig"/>).
/// </summary>
[Config(typeof(RatioConfig))]
public class SqliteGroupCommitBenchmarks
{
    private const int Submitters = 64;
    private const int CommandsEach = 20;
    private string _folder = "";
    private string _rawConnectionString = "";
    private SqliteCaseStore? _store;
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("hongqi-bench-").FullName;
        _store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        _rawConnectionString = $"Data Source={Path.Combine(_folder, "raw.db")};Default Timeout=60";
        await using var c = new SqliteConnection(_rawConnectionString);
        c.Open();
        await using var setup = c.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL);";
        setup.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Submitters * CommandsEach)]
    public Task OneRowPerTransaction()
    {
        var round = Interlocked.Increment(ref _round);
        // Each submitter blocks in SQLite, so each gets its own thread: on the thread pool only a few would run at
        // once (the pool grows slowly), and the baseline would measure a handful of submitters, not 64.
        return Task.WhenAll(Enumerable.Range(0, Submitters).Select(s => Task.Factory.StartNew(() =>
        {
            using var c = new SqliteConnection(_rawConnectionString);
            c.Open();
            using (var pragma = c.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 60000;";
                pragma.ExecuteNonQuery();
            }

            for (var i = 0; i < CommandsEach; i++)
            {
                using var tx = c.BeginTransaction();
                using var insert = c.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO rows (id, payload) VALUES ($id, $p)";
                insert.Parameters.AddWithValue("$id", $"r{round}-{s}-{i}");
                insert.Parameters.AddWithValue("$p", BenchmarkCommands.RawPayload);
                insert.ExecuteNonQuery();
                tx.Commit();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    [Benchmark(OperationsPerInvoke = Submitters * CommandsEach)]
    public Task GroupCommit()
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Submitters).Select(s => Task.Run(async () =>
        {
            var caseId = $"case-{round}-{s}";
            for (var i = 0; i < CommandsEach; i++)
            {
                await _store!.AppendAsync(BenchmarkCommands.Command(caseId, i, $"{round}-{s}-{i}"));
            }
        })));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
