using BenchmarkDotNet.Attributes;
using HongqiFlow.Storage.Postgres;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// Durable commands on PostgreSQL against a raw Npgsql upsert loop and the peer, Marten (an inline snapshot
/// projection, one session per append, default and quick append mode), at 1, 8 and 64 clients.
/// Target: at 8 and 64 clients at least the raw upsert's throughput (ratio ≤ 1.0).
/// Needs HONGQI_BENCH_PG: a connection string to an empty database the benchmark may fill.
/// With <c>--quick</c> (<see cref="RatioConfig"/>), a short job and 10 commands per client.
/// </summary>
[Config(typeof(RatioConfig))]
public class PostgresAppendBenchmarks
{
    private NpgsqlDataSource? _raw;
    private PostgresCaseStore? _store;
    private DocumentStore? _marten;
    private DocumentStore? _martenQuick;
    private int _round;

    /// <summary>An empty database to fill; HONGQI_BENCH_PG when not set (the quick test sets it).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Commands each client sends per invocation.</summary>
    public static int CommandsEach => RatioConfig.IsQuick ? 10 : 50;

    [Params(1, 8, 64)]
    public int Clients { get; set; }

    /// <summary>
    /// Part of every case id, stream id and idempotency key: a second run against the same database must write new cases,
    /// not repeat the first run's commands (the store would answer them as repeats, the peer refuse them).
    /// </summary>
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = ConnectionString ?? Environment.GetEnvironmentVariable("HONGQI_BENCH_PG")
            ?? throw new InvalidOperationException("set HONGQI_BENCH_PG to a PostgreSQL connection string (an empty database) to run the PostgreSQL benchmarks");
        _store = await PostgresCaseStore.OpenAsync(connectionString);
        _raw = NpgsqlDataSource.Create(connectionString);
        await using var create = _raw.CreateCommand("CREATE TABLE IF NOT EXISTS bench_rows (id text PRIMARY KEY, version bigint NOT NULL, payload text NOT NULL)");
        await create.ExecuteNonQueryAsync();
        _marten = await MartenPeer.OpenAsync(connectionString, EventAppendMode.Rich);
        _martenQuick = await MartenPeer.OpenAsync(connectionString, EventAppendMode.Quick);
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
                upsert.Parameters.Add(new NpgsqlParameter { Value = $"r{_run}-{round}-{s}" });
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
            var caseId = $"case-{_run}-{Clients}-{round}-{s}";
            for (var i = 0; i < CommandsEach; i++)
            {
                await _store!.AppendAsync(BenchmarkCommands.Command(caseId, i, $"{_run}-{Clients}-{round}-{s}-{i}"));
            }
        })));
    }

    /// <summary>The peer in its default (rich) append mode.</summary>
    [Benchmark]
    public Task MartenAppend() => RunMartenAsync(_marten!, "rich");

    /// <summary>The peer in its quick append mode.</summary>
    [Benchmark]
    public Task MartenAppendQuick() => RunMartenAsync(_martenQuick!, "quick");

    private Task RunMartenAsync(DocumentStore marten, string mode)
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(s => Task.Run(async () =>
        {
            var caseId = $"{mode}-{_run}-{Clients}-{round}-{s}";
            for (var i = 0; i < CommandsEach; i++)
            {
                await MartenPeer.AppendAsync(marten, caseId, i, $"{_run}-{Clients}-{round}-{s}-{i}");
            }
        })));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _marten?.Dispose();
        _martenQuick?.Dispose();
        await _store!.DisposeAsync();
        await _raw!.DisposeAsync();
    }
}
