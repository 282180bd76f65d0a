using HongqiFlow.Storage;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>The durable command the store benchmarks write: one event, a snapshot, a timer and an outbox message.</summary>
internal static class BenchmarkCommands
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static AppendRequest Command(string caseId, long expectedVersion, string unique) => new()
    {
        CaseId = caseId,
        ExpectedVersion = expectedVersion,
        DefinitionId = "enterprise-establishment",
        Events = [new EventRecord("step", $$"""{"command":"{{unique}}","by":"窗口受理"}""", T0)],
        Snapshot = new SnapshotRecord($$"""{"state":"review","version":{{expectedVersion + 1}}}""", "running"),
        TimersToSchedule = [new TimerRecord($"tm-{unique}", "deadline", T0.AddDays(5), "{}")],
        Outbox = [new OutboxRecord($"msg-{unique}", "log", """{"notice":"accepted"}""")],
        IdempotencyKey = $"cmd-{unique}",
        Now = T0,
    };

    /// <summary>The raw baseline's row: about the size of the durable command's event.</summary>
    public const string RawPayload = """{"command":"x","by":"窗口受理","state":"review"}""";
}
