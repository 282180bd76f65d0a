using HongqiFlow.Storage;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>Builds appends for tests: a counter case whose snapshot is the sum of its events.</summary>
internal static class Requests
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static AppendRequest Create(string caseId, string? key = null) => new()
    {
        CaseId = caseId,
        ExpectedVersion = 0,
        DefinitionId = "enterprise-establishment",
        Events = [new EventRecord("submitted", """{"applicant":"张三"}""", T0)],
        Snapshot = new SnapshotRecord("""{"state":"submitted"}""", "running"),
        IdempotencyKey = key,
        ResultJson = $$"""{"case":"{{caseId}}"}""",
        Now = T0,
    };

    public static AppendRequest Next(string caseId, long expectedVersion, string type = "step", string? key = null) => new()
    {
        CaseId = caseId,
        ExpectedVersion = expectedVersion,
        Events = [new EventRecord(type, $$"""{"n":{{expectedVersion + 1}}}""", T0.AddMinutes(expectedVersion))],
        Snapshot = new SnapshotRecord($$"""{"state":"{{type}}"}""", "running"),
        IdempotencyKey = key,
        ResultJson = $$"""{"version":{{expectedVersion + 1}}}""",
        Now = T0.AddMinutes(expectedVersion),
    };

    public static TimerRecord Timer(string id, DateTimeOffset due) => new(id, "deadline", due, $$"""{"timer":"{{id}}"}""");

    public static OutboxRecord Message(string id, string channel = "webhook") => new(id, channel, $$"""{"notice":"{{id}}"}""");
}
