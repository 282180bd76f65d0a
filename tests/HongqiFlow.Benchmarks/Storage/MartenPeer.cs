using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// The peer of the PostgreSQL store: a Marten event store with an inline snapshot projection (the case's state is
/// written with every append, in the same transaction, as our snapshot is), one lightweight session per append.
/// Each append mode gets its own schema, created on open.
/// </summary>
internal static class MartenPeer
{
    public static async Task<DocumentStore> OpenAsync(string connectionString, EventAppendMode mode)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = mode == EventAppendMode.Quick ? "marten_quick" : "marten_rich";
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = mode;
            options.Projections.Snapshot<MartenCase>(SnapshotLifecycle.Inline);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>One command: one event on the case's stream with the expected version, its snapshot updated inline.</summary>
    public static async Task AppendAsync(IDocumentStore store, string caseId, long expectedVersion, string unique)
    {
        await using var session = store.LightweightSession();
        var step = new CaseStepped(unique, "窗口受理", "review");
        if (expectedVersion == 0)
        {
            session.Events.StartStream<MartenCase>(caseId, step);
        }
        else
        {
            session.Events.Append(caseId, expectedVersion + 1, step);
        }

        await session.SaveChangesAsync();
    }
}

/// <summary>The peer's event: about the size of the durable command's event.</summary>
public sealed record CaseStepped(string Command, string By, string State);

/// <summary>The peer's snapshot of a case, projected inline from its events.</summary>
public sealed class MartenCase
{
    public string Id { get; set; } = "";

    public string State { get; set; } = "";

    public int Steps { get; set; }

    public static MartenCase Create(CaseStepped stepped) => new() { State = stepped.State, Steps = 1 };

    public void Apply(CaseStepped stepped)
    {
        State = stepped.State;
        Steps++;
    }
}
