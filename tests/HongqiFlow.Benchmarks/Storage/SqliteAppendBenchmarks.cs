using BenchmarkDotNet.Attributes;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// One submitter: a durable command (event + snapshot + timer + outbox, hash-chained, one transaction) against a
/// raw loop inserting one row per transaction with the same pragmas (WAL, synchronous=FULL). Targets: within 1.25× the
/// floor script's time for the rows a command writes (docs/measurements/sqlite-floor.py), and at most 9 WAL pages per
/// command, shown beside the time (<see cref="WalPagesColumn"/>). <c>--quick</c>: a short job (<see cref="RatioConfig"/>).
/// </summary>
[Config(typeof(RatioConfig))]
[WalPagesColumn]
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
        RawPages = await WalPages.PerCommandAsync(Path.Combine(_folder, "raw.db"), i =>
        {
            InsertRaw("pages", i);
            return Task.CompletedTask;
        });
        DurablePages = await CountDurablePagesAsync(_store, _folder);
        WalPages.Record(nameof(SqliteAppendBenchmarks), nameof(RawSingleRowInsertPerTransaction), RawPages);
        WalPages.Record(nameof(SqliteAppendBenchmarks), nameof(DurableCommand), DurablePages);
    }

    /// <summary>WAL pages per raw insert, counted at setup.</summary>
    public double RawPages { get; private set; }

    /// <summary>
    /// WAL pages per durable command, counted at setup on a case that already exists (as most commands are), after 200
    /// commands on ten other cases: on an empty file every b-tree is one page, and the count would come out about one
    /// page lower than on a store with a history.
    /// </summary>
    public double DurablePages { get; private set; }

    /// <summary>Counts the durable command's pages on <paramref name="store"/>, whose file is in <paramref name="folder"/>.</summary>
    public static async Task<double> CountDurablePagesAsync(SqliteCaseStore store, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var i = 0; i < 200; i++)
        {
            await store.AppendAsync(BenchmarkCommands.Command($"case-history-{i % 10}", i / 10, $"history-{i}"));
        }

        await store.AppendAsync(BenchmarkCommands.Command("case-pages", 0, "pages-0"));
        return await WalPages.PerCommandAsync(Path.Combine(folder, "hongqi.db"),
            i => store.AppendAsync(BenchmarkCommands.Command("case-pages", i + 1, $"pages-{i + 1}")));
    }

    private void InsertRaw(object round, int i)
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public void RawSingleRowInsertPerTransaction()
    {
        var round = Interlocked.Increment(ref _round);
        for (var i = 0; i < Commands; i++)
        {
            InsertRaw(round, i);
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
