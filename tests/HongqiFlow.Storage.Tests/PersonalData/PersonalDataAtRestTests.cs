using System.Data.Common;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Storage.PersonalData;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Postgres;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HongqiFlow.Storage.Tests.PersonalData;

/// <summary>
/// Cases run through a node with personal-data keys, then the store's raw rows read table by table: no ID or phone
/// number in plaintext anywhere, a decryption round trip, key rotation, a wrong key refused, and plaintext cases
/// written before encryption encrypted at the next start — on SQLite and on PostgreSQL.
/// </summary>
public abstract class PersonalDataAtRestTests : IAsyncLifetime
{
    protected const string IdNumber = "11010519491231002X";
    protected const string Phone = "13912345678";
    protected const string OtherIdNumber = "110101199003071233";
    protected const string OtherPhone = "+86 137-0000-1111";

    private static readonly byte[] Key1 = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Key2 = Enumerable.Range(101, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] LookupKey = Enumerable.Range(201, 32).Select(i => (byte)i).ToArray();

    protected static PersonalDataKeys Keys(string current, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current, LookupKey);

    protected static PersonalDataKeys K1 => Keys("k1", ("k1", Key1));

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Opens this test's store (the same one each time).</summary>
    protected abstract Task<ICaseStore> OpenRawStoreAsync(TimeProvider time, CancellationToken ct);

    protected abstract string DataFolder { get; }

    /// <summary>Every text value of every row of every table, with where it was.</summary>
    protected abstract Task<List<(string Table, string Column, string Value)>> RawTextAsync();

    protected abstract bool Skipped { get; }

    /// <summary>Runs one statement on the raw store.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    private async Task<ServiceProvider> NodeAsync(PersonalDataKeys? keys)
    {
        var services = new ServiceCollection();
        services.AddHongqiFlow(new HongqiHostOptions
        {
            DataFolder = DataFolder,
            DefinitionsFolder = Repository.Path("definitions"),
            RunBackgroundServices = false,
            PersonalData = keys,
            OpenStore = (_, time, ct) => OpenRawStoreAsync(time, ct),
        });
        var node = services.BuildServiceProvider();
        try
        {
            await node.OpenHongqiFlowAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    private static async Task RunCaseAsync(ServiceProvider node, string caseId, string idNumber, string phone, string name = "张三")
    {
        var cases = node.GetRequiredService<CaseService>();
        var window = Actor.Window("w-001");
        var start = new CaseStart
        {
            CaseId = caseId,
            Receipt = caseId,
            Applicant = new Applicant(name, idNumber, phone),
            Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
        };
        (await cases.StartAsync("enterprise-establishment", start, window, Channel.Window, "start-" + caseId)).IsAccepted.ShouldBeTrue();
        (await cases.SendAsync(caseId, Command.Send("accept", window, idempotencyKey: "accept-" + caseId))).IsAccepted.ShouldBeTrue();
        await cases.SendAsync(caseId, Command.Send("approve", Actor.OfDepartment("market-regulation", "m-001")));
    }

    private static async Task ShouldReadAsync(ServiceProvider node, string caseId, string idNumber, string phone)
    {
        var cases = node.GetRequiredService<CaseService>();
        var state = (await cases.GetAsync(caseId)).State;
        state.Applicant!.IdNumber.ShouldBe(idNumber);
        state.Applicant.Phone.ShouldBe(phone);
        (await cases.ReplayAsync(caseId)).ShouldBe(state);
    }

    private async Task ShouldHoldNoPlaintextAsync(params string[] secrets)
    {
        var raw = await RawTextAsync();
        raw.ShouldNotBeEmpty();
        var found = raw.Where(r => secrets.Any(s => r.Value.Contains(s, StringComparison.OrdinalIgnoreCase))).Select(r => $"{r.Table}.{r.Column}: {r.Value}").ToList();
        found.ShouldBeEmpty();
    }

    [Fact]
    public async Task RawRows_AfterCasesWithIdAndPhoneNumbers_HoldNoPlaintextIdOrPhoneAndReadBackExactly()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(K1))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone);
            await RunCaseAsync(node, "c-2", OtherIdNumber, OtherPhone);
            var store = node.GetRequiredService<ICaseStore>();
            // A message to the applicant's phone (an SMS channel) and a phone nested anywhere in a payload.
            await store.AppendAsync(new AppendRequest
            {
                CaseId = "c-9", ExpectedVersion = 0, DefinitionId = "QYKB-0001@1", Now = DateTimeOffset.UtcNow,
                Events = [new EventRecord("noted", $$$"""{"format":1,"sms":{"phone":"{{{Phone}}}"}}""", DateTimeOffset.UtcNow)],
                Snapshot = new SnapshotRecord($$$"""{"format":1,"contacts":[{"phone":"{{{OtherPhone}}}"}]}""", "running"),
                Outbox = [new OutboxRecord("sms-1", "sms", $$$"""{"recipient":{"phone":"{{{Phone}}}"},"text":"您的办件已受理"}""")],
            });

            await ShouldReadAsync(node, "c-1", IdNumber, Phone);
            await ShouldReadAsync(node, "c-2", OtherIdNumber, OtherPhone);
            (await store.QueryOutboxAsync(new OutboxQuery(CaseId: "c-9"))).Single().PayloadJson.ShouldBe($$$"""{"recipient":{"phone":"{{{Phone}}}"},"text":"您的办件已受理"}""");
            (await store.ReadHistoryAsync("c-9")).Single().PayloadJson.ShouldBe($$$"""{"format":1,"sms":{"phone":"{{{Phone}}}"}}""");
            (await store.LoadAsync("c-9"))!.StateJson.ShouldBe($$$"""{"format":1,"contacts":[{"phone":"{{{OtherPhone}}}"}]}""");
            (await store.VerifyAuditAsync()).ShouldBeEmpty();
        }

        await ShouldHoldNoPlaintextAsync(IdNumber, Phone, OtherIdNumber, "137-0000-1111", "13700001111");
        var raw = await RawTextAsync();
        raw.ShouldContain(r => r.Table == "events" && r.Value.Contains("\"idNumber\":\"pd1:sm4:", StringComparison.Ordinal));
        // The message lives in the outbox table, or (SQLite's one-row layout) in the column of its event that holds it.
        raw.ShouldContain(r => (r.Table == "outbox" || r.Column == "message_payload") && r.Value.Contains("\"phone\":\"pd1:sm4:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindByIdNumber_MatchesTheFullNumberByItsKeyedHashOnly()
    {
        if (Skipped) return;
        await using var node = await NodeAsync(K1);
        await RunCaseAsync(node, "c-1", IdNumber, Phone);
        await RunCaseAsync(node, "c-2", OtherIdNumber, OtherPhone);
        var personal = node.GetRequiredService<HongqiStores>().PersonalData!;

        (await personal.FindByIdNumberAsync(IdNumber.ToLowerInvariant())).ShouldBe(["c-1"]);
        (await personal.FindByIdNumberAsync(OtherIdNumber)).ShouldBe(["c-2"]);
        (await personal.FindByIdNumberAsync(IdNumber[..17])).ShouldBeEmpty();
        var lookups = (await RawTextAsync()).Where(r => r.Table == "case_data_keys" && r.Column == "id_lookup").Select(r => r.Value).ToList();
        lookups.ShouldBe([K1.IdNumberLookup(IdNumber), K1.IdNumberLookup(OtherIdNumber)], ignoreOrder: true);
    }

    [Fact]
    public async Task FindByName_MatchesNamePartsByTheirKeyedHashOnly_AndTheIndexHoldsNoNameText()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(K1))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone, "欧阳明月");
            await RunCaseAsync(node, "c-2", OtherIdNumber, OtherPhone, "张明");
            await RunCaseAsync(node, "c-3", OtherIdNumber, OtherPhone, "Ana María·López");
            var personal = node.GetRequiredService<HongqiStores>().PersonalData!;
            async Task<List<string>> Find(string part) => [.. (await personal.FindByNameAsync(part)).Select(m => m.CaseId)];

            (await Find("欧阳明月")).ShouldBe(["c-1"]);
            (await Find("欧阳")).ShouldBe(["c-1"]);
            (await Find("明月")).ShouldBe(["c-1"]);
            (await Find(" 明 ")).ShouldBe(["c-2", "c-1"]);
            (await Find("张明")).ShouldBe(["c-2"]);
            (await Find("lópez")).ShouldBe(["c-3"]);
            (await Find("MARÍA")).ShouldBe(["c-3"]);
            // Two parts together are neither the whole name nor one part: not found.
            (await Find("Ana María")).ShouldBeEmpty();
            (await Find("Ana María·López")).ShouldBe(["c-3"]);
            (await Find("李")).ShouldBeEmpty();
            (await Find("张明月")).ShouldBeEmpty();
            // Newest first, paged by case id.
            (await personal.FindByNameAsync("明", beforeCaseId: "c-2")).Select(m => m.CaseId).ShouldBe(["c-1"]);
            (await personal.FindByNameAsync("明", limit: 1)).Single().ShouldBe(new NameMatch("c-2", "QYKB-0001@1"));
        }

        var lookups = (await RawTextAsync()).Where(r => r.Table == "case_name_lookups").ToList();
        lookups.Where(r => r.Column == "lookup").Select(r => r.Value).ShouldBe(
            [.. K1.NameLookups("欧阳明月"), .. K1.NameLookups("张明"), .. K1.NameLookups("Ana María·López")], ignoreOrder: true);
        lookups.ShouldAllBe(r => r.Column == "case_id" || r.Value.Length == 64 && r.Value.All(char.IsAsciiHexDigitLower));
    }

    [Fact]
    public async Task KeysWrittenBeforeTheNameIndex_HaveTheirNamesIndexedAtTheNextStart()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(K1))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone, "欧阳明月");
            await RunCaseAsync(node, "c-2", OtherIdNumber, OtherPhone, "张明");
        }

        // As a store upgraded to the name index leaves the keys written before it.
        await ExecuteRawAsync("DELETE FROM case_name_lookups");
        await ExecuteRawAsync("UPDATE case_data_keys SET names_indexed = 0");
        await using (var node = await NodeAsync(K1))
        {
            var stores = node.GetRequiredService<HongqiStores>();
            stores.PersonalDataStart!.NamesIndexed.ShouldBe(2);
            (await stores.PersonalData!.FindByNameAsync("明")).Select(m => m.CaseId).ShouldBe(["c-2", "c-1"]);
            (await stores.PersonalData.FindByNameAsync("欧阳")).Select(m => m.CaseId).ShouldBe(["c-1"]);
        }

        await using var again = await NodeAsync(K1);
        again.GetRequiredService<HongqiStores>().PersonalDataStart!.NamesIndexed.ShouldBe(0);
    }

    [Fact]
    public async Task Rotation_OldCasesStayReadable_NewWritesUseTheNewKey_PayloadsUntouched_AuditStillVerifies()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(K1))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone);
        }

        var eventsBefore = (await RawTextAsync()).Where(r => r.Table == "events").ToList();
        await using (var node = await NodeAsync(Keys("k2", ("k1", Key1), ("k2", Key2))))
        {
            node.GetRequiredService<HongqiStores>().PersonalDataStart!.Rewrapped.ShouldBe(1);
            await ShouldReadAsync(node, "c-1", IdNumber, Phone);
            await RunCaseAsync(node, "c-2", OtherIdNumber, OtherPhone);
            (await node.GetRequiredService<ICaseStore>().VerifyAuditAsync()).ShouldBeEmpty();
        }

        var raw = await RawTextAsync();
        raw.Where(r => r.Table == "case_data_keys" && r.Column == "key_id").Select(r => r.Value).ShouldBe(["k2", "k2"]);
        var eventsAfter = raw.Where(r => r.Table == "events").ToHashSet();
        eventsBefore.Where(b => b.Column is "payload_json" or "hash").ShouldAllBe(b => eventsAfter.Contains(b));

        // The old master key can go once the rotation has run.
        await using (var node = await NodeAsync(Keys("k2", ("k2", Key2))))
        {
            await ShouldReadAsync(node, "c-1", IdNumber, Phone);
            await ShouldReadAsync(node, "c-2", OtherIdNumber, OtherPhone);
            (await node.GetRequiredService<HongqiStores>().PersonalData!.FindByIdNumberAsync(IdNumber)).ShouldBe(["c-1"]);
        }

        await ShouldHoldNoPlaintextAsync(IdNumber, Phone, OtherIdNumber);
    }

    [Fact]
    public async Task WrongOrMissingMasterKey_RefusesToStartWithTheKeyNamed_AndLeavesTheRowsAsTheyWere()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(K1))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone);
        }

        var before = await RawTextAsync();
        var wrong = await Should.ThrowAsync<PersonalDataKeyException>(() => NodeAsync(Keys("k1", ("k1", Key2))));
        wrong.Message.ShouldContain("master key 'k1' does not open the data key of case 'c-1'");
        var missing = await Should.ThrowAsync<PersonalDataKeyException>(() => NodeAsync(Keys("k2", ("k2", Key2))));
        missing.Message.ShouldContain("master key 'k1', which is not configured");

        (await RawTextAsync()).ShouldBe(before);
        await using var again = await NodeAsync(K1);
        await ShouldReadAsync(again, "c-1", IdNumber, Phone);
    }

    [Fact]
    public async Task CasesWrittenBeforeEncryption_AreEncryptedAndIndexedAtTheNextStart_AndTheirChainsVerify()
    {
        if (Skipped) return;
        await using (var node = await NodeAsync(null))
        {
            await RunCaseAsync(node, "c-1", IdNumber, Phone);
        }

        (await RawTextAsync()).ShouldContain(r => r.Value.Contains(IdNumber, StringComparison.Ordinal));
        await using (var node = await NodeAsync(K1))
        {
            node.GetRequiredService<HongqiStores>().PersonalDataStart.ShouldBe(new PersonalDataStartReport(1, 0, 0));
            await ShouldReadAsync(node, "c-1", IdNumber, Phone);
            (await node.GetRequiredService<HongqiStores>().PersonalData!.FindByIdNumberAsync(IdNumber)).ShouldBe(["c-1"]);
            (await node.GetRequiredService<ICaseStore>().VerifyAuditAsync()).ShouldBeEmpty();
            await node.GetRequiredService<CaseService>().SendAsync("c-1", Command.Send("approve", Actor.OfDepartment("public-security", "p-001")));
            (await node.GetRequiredService<ICaseStore>().VerifyAuditAsync()).ShouldBeEmpty();
        }

        await ShouldHoldNoPlaintextAsync(IdNumber, Phone);
    }
}

public sealed class SqlitePersonalDataAtRestTests : PersonalDataAtRestTests
{
    private readonly string _data = Directory.CreateTempSubdirectory("hongqi-pii-").FullName;

    protected override string DataFolder => _data;

    protected override bool Skipped => false;

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<ICaseStore> OpenRawStoreAsync(TimeProvider time, CancellationToken ct) =>
        await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_data), time, ct);

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, "hongqi.db"), Pooling = false }.ToString());
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<List<(string Table, string Column, string Value)>> RawTextAsync()
    {
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, "hongqi.db"), Pooling = false }.ToString());
        await c.OpenAsync();
        var tables = await Strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        return await RawRows.ReadAsync(c, tables);
    }

    private static async Task<List<string>> Strings(DbConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPersonalDataAtRestTests(PostgresServer server) : PersonalDataAtRestTests
{
    private readonly string _data = Directory.CreateTempSubdirectory("hongqi-pii-pg-").FullName;
    private string _connectionString = "";

    protected override string DataFolder => _data;

    protected override bool Skipped => PostgresAvailability.SkipReason is not null;

    public override async Task InitializeAsync()
    {
        if (!Skipped)
        {
            _connectionString = await server.CreateDatabaseAsync();
        }
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<ICaseStore> OpenRawStoreAsync(TimeProvider time, CancellationToken ct) =>
        await PostgresCaseStore.OpenAsync(_connectionString, time, ct);

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_connectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<List<(string Table, string Column, string Value)>> RawTextAsync()
    {
        await using var c = new NpgsqlConnection(_connectionString);
        await c.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", c))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return await RawRows.ReadAsync(c, tables);
    }
}

/// <summary>Reads every text value of the named tables, in a stable order.</summary>
internal static class RawRows
{
    public static async Task<List<(string Table, string Column, string Value)>> ReadAsync(DbConnection c, IEnumerable<string> tables)
    {
        var values = new List<(string, string, string)>();
        foreach (var table in tables)
        {
            await using var command = c.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string, string, string)>();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string text)
                    {
                        rows.Add((table, reader.GetName(i), text));
                    }
                }
            }

            values.AddRange(rows.OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.Item3, StringComparer.Ordinal));
        }

        return values;
    }
}
