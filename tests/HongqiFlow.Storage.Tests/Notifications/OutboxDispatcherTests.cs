using System.Net;
using System.Text.Json;
using HongqiFlow.Notifications;
using HongqiFlow.Storage.Tests.Contract;
using HongqiFlow.Testing;
using Microsoft.Extensions.Time.Testing;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Notifications;

public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly InMemoryCaseStore _store = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly HttpClient _http = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-outbox-").FullName;

    private static OutboxDispatcherOptions Options => new() { NodeId = "node-a", MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task DispatchOnce_Webhook_PostsPayloadWithIdempotencyKeyAndMarksDelivered()
    {
        using var receiver = new LoopbackReceiver();
        await _store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1")] });
        var dispatcher = new OutboxDispatcher(_store, [new WebhookOutboxChannel(_http, receiver.Endpoint)], Options, _time);

        (await dispatcher.DispatchOnceAsync()).ShouldBe(1);

        receiver.Requests.ShouldBe([("m-1", """{"notice":"m-1"}""", "1", "c-1")]);
        (await _store.QueryOutboxAsync(new OutboxQuery())).Select(o => (o.MessageId, o.State, o.DeliveredAt)).ShouldBe([("m-1", OutboxState.Delivered, (DateTimeOffset?)T0)]);
    }

    [Fact]
    public async Task DispatchOnce_ReceiverFailsTwice_RetriesAfterDoublingBackoffThenDelivers()
    {
        using var receiver = new LoopbackReceiver((_, n) => n <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        await _store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1")] });
        var dispatcher = new OutboxDispatcher(_store, [new WebhookOutboxChannel(_http, receiver.Endpoint)], Options with { MaxAttempts = 5 }, _time);

        await dispatcher.DispatchOnceAsync();
        var afterFirst = (await _store.QueryOutboxAsync(new OutboxQuery())).Single();
        _time.Advance(TimeSpan.FromSeconds(4));
        (await dispatcher.DispatchOnceAsync()).ShouldBe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.DispatchOnceAsync()).ShouldBe(1);
        var afterSecond = (await _store.QueryOutboxAsync(new OutboxQuery())).Single();
        _time.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.DispatchOnceAsync();

        (afterFirst.State, afterFirst.Attempts, afterFirst.NextAttemptAt).ShouldBe((OutboxState.Pending, 1, T0.AddSeconds(5)));
        afterFirst.LastError.ShouldBe($"{receiver.Endpoint} answered 503 Service Unavailable");
        afterSecond.NextAttemptAt.ShouldBe(T0.AddSeconds(15));
        receiver.RequestsFor("m-1").ShouldBe(3);
        receiver.Requests.Select(r => r.Attempt).ShouldBe(["1", "2", "3"]);
        (await _store.QueryOutboxAsync(new OutboxQuery())).Single().State.ShouldBe(OutboxState.Delivered);
    }

    [Fact]
    public async Task DispatchOnce_ReceiverAlwaysFails_DeadLettersAfterMaxAttempts()
    {
        using var receiver = new LoopbackReceiver((_, _) => HttpStatusCode.InternalServerError);
        await _store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1")] });
        var dispatcher = new OutboxDispatcher(_store, [new WebhookOutboxChannel(_http, receiver.Endpoint)], Options, _time);

        for (var i = 0; i < 5; i++)
        {
            await dispatcher.DispatchOnceAsync();
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        receiver.RequestsFor("m-1").ShouldBe(3);
        var dead = (await _store.QueryOutboxAsync(new OutboxQuery(State: OutboxState.DeadLettered))).Single();
        (dead.MessageId, dead.Attempts, dead.LastError).ShouldBe(("m-1", 3, $"{receiver.Endpoint} answered 500 Internal Server Error"));
    }

    [Fact]
    public async Task DispatchOnce_UnknownChannel_CountsAsFailedAttemptNamingTheKnownChannels()
    {
        await _store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1", "sms")] });
        using var log = new FileOutboxChannel(Path.Combine(_folder, "outbox.jsonl"), _time);
        var dispatcher = new OutboxDispatcher(_store, [log], Options, _time);

        await dispatcher.DispatchOnceAsync();

        (await _store.QueryOutboxAsync(new OutboxQuery())).Single().LastError.ShouldBe("no channel named 'sms' is configured on node 'node-a' (known: log)");
    }

    [Fact]
    public async Task DispatchOnce_LogChannel_AppendsOneJsonLinePerMessage()
    {
        await _store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1", "log"), Message("m-2", "log")] });
        var path = Path.Combine(_folder, "outbox.jsonl");
        using var log = new FileOutboxChannel(path, _time);

        await new OutboxDispatcher(_store, [log], Options, _time).DispatchOnceAsync();

        var lines = await File.ReadAllLinesAsync(path);
        lines.Length.ShouldBe(2);
        using var first = JsonDocument.Parse(lines[0]);
        first.RootElement.GetProperty("messageId").GetString().ShouldBe("m-1");
        first.RootElement.GetProperty("caseId").GetString().ShouldBe("c-1");
        first.RootElement.GetProperty("payload").GetProperty("notice").GetString().ShouldBe("m-1");
        first.RootElement.GetProperty("deliveredAt").GetDateTimeOffset().ShouldBe(T0);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 60)]
    public void Backoff_DoublesPerFailure_UpToTheCap(int failures, int seconds) =>
        OutboxDispatcher.Backoff(failures, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)).ShouldBe(TimeSpan.FromSeconds(seconds));

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
