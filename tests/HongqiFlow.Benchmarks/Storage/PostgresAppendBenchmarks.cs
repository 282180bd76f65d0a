using BenchmarkDotNet.Attributes;
using HongqiFlow.Storage.Postgres;
using Npgsql;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// Durable commands on PostgreSQL against a raw Npgsql upsert loop, at 1, 8 and 64 clients. Target: ≥ 0.7×.
/// Needs HONGQI_BENCH_PG: a connection string to an empty database the benchmark may fill.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PostgresAppendBenchmarks
{
    private const int CommandsEach = 50;
    private NpgsqlDataSource? _raw;
    private PostgresCaseStore? _store;
    private int _round;

    [Params(1, 8, 64)]
    public int Clients { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("HONGQI_BENCH_PG")
            ?? throw new InvalidOperationException("set HONGQI_BENCH_PG to a PostgreSQL connection string (an empty database) to run the PostgreSQL benchmarks");
        _store = await PostgresCaseStore.OpenAsync(connectionString);
        _raw = NpgsqlDataSource.Create(connectionString);
        await using var create = _raw.CreateCommand("CREATE TABLE IF NOT EXISTS bench_rows (id text PRIMARY KEY, version bigint NOT NULL, payload text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [Benchmark(Baseline = true)]
    public Task RawUpsert()
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < CommandsEach; i++)
            {
                await using var upsert = _raw!.CreateCommand("INSERT INTO bench_rows (id, version, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET version = excluded.version, payload = excluded.payload");
                upsert.Parameters.Add(new NpgsqlParameter { Value = $"r{round}-{s}" });
                upsert.Parameters.Add(new NpgsqlParameter { Value = (long)i });
                upsert.Parameters.Add(new NpgsqlParameter { Value = BenchmarkCommands.RawPayload });
                await upsert.ExecuteNonQueryAsync();
            }
        })));
    }

    [Benchmark]
    public Task DurableCommand()
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(s => Task.Run(async () =>
        {
            var caseId = $"case-{Clients}-{round}-{s}";
            for (var i = 0; i < CommandsEach; i++)
            {
                await _store!.AppendAsync(BenchmarkCommands.Command(caseId, i, $"{Clients}-{round}-{s}-{i}"));
            }
        })));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store!.DisposeAsync();
        await _raw!.DisposeAsync();
    }
}
