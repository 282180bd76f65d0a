using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Upgrade;

/// <summary>
/// The SQLite migration that rebuilds the key, timer and outbox tables so a command writes fewer pages keeps every row
/// of a released store (the schema-4 fixture), keeps the outbox's order, and leaves no AUTOINCREMENT counter behind.
/// </summary>
public sealed class SqliteFewerPagesMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-pages-").FullName;

    private string StoreFile => Path.Combine(_folder, "hongqi.db");

    [Fact]
    public async Task ReleasedStore_Migrated_KeepsEveryKeyTimerAndMessage_InTheirOrder()
    {
        File.Copy(Repository.Path("tests", "fixtures", "stores", "sqlite-schema-4.db"), StoreFile);
        var before = await ReadAsync();

        await using (var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder)))
        {
            (await ReadAsync()).ShouldBe(before);

            // A message written after the upgrade comes after every message written before it.
            await store.AppendAsync(new AppendRequest
            {
                CaseId = "after-upgrade",
                ExpectedVersion = 0,
                DefinitionId = "enterprise-establishment",
                Events = [new EventRecord("started", "{}", T0)],
                Snapshot = new SnapshotRecord("{}", "running"),
                TimersToSchedule = [new TimerRecord("after-upgrade-timer", "deadline", T0.AddDays(1), "{}")],
                Outbox = [new OutboxRecord("after-upgrade-message", "log", "{}")],
                IdempotencyKey = "after-upgrade-key",
                Now = T0,
            });
            var messages = await store.QueryOutboxAsync(new OutboxQuery(Limit: 1000));
            messages[^1].MessageId.ShouldBe("after-upgrade-message");
            messages.Count.ShouldBe(before.Outbox.Count + 1);
            (await store.FindResultAsync("after-upgrade-key"))!.Version.ShouldBe(1);
            (await store.ListTimersAsync("after-upgrade")).Single().TimerId.ShouldBe("after-upgrade-timer");
        }

        await using var c = await OpenAsync();
        (await ScalarAsync(c, "SELECT count(*) FROM sqlite_sequence WHERE name = 'outbox'")).ShouldBe("0");
        foreach (var table in new[] { "command_results", "timers" })
        {
            (await ScalarAsync(c, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'")).ShouldEndWith("WITHOUT ROWID");
        }

        (await ScalarAsync(c, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('timers', 'outbox') AND name LIKE 'ix_%' ORDER BY name)"))
            .ShouldBe("ix_outbox_case,ix_outbox_pending,ix_timers_case,ix_timers_due");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Rows> ReadAsync()
    {
        await using var c = await OpenAsync();
        return new Rows(
            await ListAsync(c, "SELECT idempotency_key || '|' || case_id || '|' || version || '|' || result_json FROM command_results ORDER BY idempotency_key"),
            await ListAsync(c, "SELECT timer_id || '|' || case_id || '|' || kind || '|' || due_at || '|' || payload_json || '|' || state || '|' || coalesce(lease_owner, '') || '|' || attempts FROM timers ORDER BY timer_id"),
            await ListAsync(c, "SELECT sequence || '|' || message_id || '|' || case_id || '|' || channel || '|' || payload_json || '|' || state || '|' || attempts || '|' || created_at FROM outbox ORDER BY sequence"));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var c = new SqliteConnection($"Data Source={StoreFile};Pooling=False");
        await c.OpenAsync();
        return c;
    }

    private static async Task<string> ScalarAsync(SqliteConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<List<string>> ListAsync(SqliteConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private sealed record Rows(List<string> Keys, List<string> Timers, List<string> Outbox)
    {
        public bool Equals(Rows? other) => other is not null && Keys.SequenceEqual(other.Keys) && Timers.SequenceEqual(other.Timers) && Outbox.SequenceEqual(other.Outbox);

        public override int GetHashCode() => HashCode.Combine(Keys.Count, Timers.Count, Outbox.Count);
    }
}
