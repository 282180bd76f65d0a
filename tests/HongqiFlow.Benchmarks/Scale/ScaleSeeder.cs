using System.Data.Common;
using System.Diagnostics;
using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Server;
using HongqiFlow.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HongqiFlow.Benchmarks.Scale;

/// <summary>
/// Fills a store fast with <c>count</c> demonstration cases: up to 1,000 real ones made by <see cref="DemoSeeder"/>
/// (every case real history), then copies of them under new case ids (receipt = case id, renamed inside the snapshot and
/// the events, the snapshot seal computed again) inserted in one transaction per copy, on SQLite or PostgreSQL. The
/// copies' event hash chains still name the original case, so <c>hongqi audit verify</c> reports them: a store for
/// measuring, never for anything else. Timers and outbox messages are not copied.
/// </summary>
public static class ScaleSeeder
{
    public const int Template = 1000;

    /// <summary>Seeds <paramref name="count"/> cases into the SQLite folder (or the PostgreSQL database when <paramref name="postgres"/> is set); returns the seconds it took.</summary>
    public static async Task<double> SeedAsync(string folder, string? postgres, int count, DateTimeOffset end, int template = Template)
    {
        var clock = Stopwatch.StartNew();
        var services = new ServiceCollection();
        ServerServices.Add(services, new ServerOptions { Data = folder, Store = postgres, Definitions = Repository.Path("definitions"), SupervisionWarmUp = false });
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.OpenHongqiFlowAsync();
            await new DemoSeeder(provider.GetRequiredService<ICaseStore>(), provider.GetRequiredService<DefinitionRegistry>())
                .SeedAsync(new DemoOptions { Cases = Math.Min(count, template), End = end });
        }

        if (count > template)
        {
            await using var connection = postgres is null ? (DbConnection)new SqliteConnection($"Data Source={Path.Combine(folder, "hongqi.db")}") : new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await CopyAsync(connection, count);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private sealed record CaseRow(string Id, string Definition, string Status, long Version, string Head, string State, long Created, long Updated, string Chain);

    private sealed record EventRow(string CaseId, long Version, string Type, string Payload, long At, string Hash, string Previous);

    private static async Task CopyAsync(DbConnection c, int count)
    {
        var cases = await QueryAsync(c, "SELECT case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at, chain_algorithm FROM cases ORDER BY case_id",
            r => new CaseRow(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt64(r.GetValue(3)), r.GetString(4), r.GetString(5), Convert.ToInt64(r.GetValue(6)), Convert.ToInt64(r.GetValue(7)), r.GetString(8)));
        var events = (await QueryAsync(c, "SELECT case_id, version, type, payload_json, occurred_at, hash, previous_hash FROM events",
            r => new EventRow(r.GetString(0), Convert.ToInt64(r.GetValue(1)), r.GetString(2), r.GetString(3), Convert.ToInt64(r.GetValue(4)), r.GetString(5), r.GetString(6))))
            .ToLookup(e => e.CaseId, StringComparer.Ordinal);
        var made = cases.Count;
        for (var copy = 1; made < count; copy++)
        {
            await using var tx = await c.BeginTransactionAsync();
            await using var insertCase = Command(c, tx, "INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at, snapshot_hash, chain_algorithm) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", 10);
            await using var insertEvent = Command(c, tx, "INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)", 7);
            foreach (var row in cases.Take(count - made))
            {
                var id = $"{row.Id}-{copy:D3}";
                string Rename(string json) => json.Replace($"\"{row.Id}\"", $"\"{id}\"", StringComparison.Ordinal);
                var state = Rename(row.State);
                var chain = row.Chain == "sm3" ? ChainAlgorithm.Sm3 : ChainAlgorithm.Sha256;
                await RunAsync(insertCase, id, row.Definition, row.Status, row.Version, row.Head, state, row.Created, row.Updated, SnapshotSeal.Compute(chain, id, row.Version, row.Head, row.Status, state), row.Chain);
                foreach (var e in events[row.Id])
                {
                    await RunAsync(insertEvent, id, e.Version, e.Type, Rename(e.Payload), e.At, e.Hash, e.Previous);
                }

                made++;
            }

            await tx.CommitAsync();
        }
    }

    private static DbCommand Command(DbConnection c, DbTransaction tx, string sql, int parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = $"p{i}";
            command.Parameters.Add(p);
        }

        return command;
    }

    private static async Task RunAsync(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, Func<DbDataReader, T> map)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
