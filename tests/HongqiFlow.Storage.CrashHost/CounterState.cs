using System.Text.Json;
using HongqiFlow.Storage;

namespace HongqiFlow.Storage.CrashHost;

/// <summary>
/// The deterministic fold of the crash test's cases: "added" events add their amount, "timer-fired" events count.
/// The host stores it as the snapshot; the test replays the history with the same fold and compares.
/// </summary>
public sealed record CounterState(int Count, long Sum, int Fired)
{
    public static readonly CounterState Empty = new(0, 0, 0);

    public static CounterState Parse(string json) => JsonSerializer.Deserialize<CounterState>(json) ?? Empty;

    public static CounterState Replay(IEnumerable<StoredEvent> history) =>
        history.Aggregate(Empty, (state, e) => state.Apply(e.Type, e.PayloadJson));

    public CounterState Apply(string type, string payloadJson) => type switch
    {
        "added" => this with { Count = Count + 1, Sum = Sum + JsonDocument.Parse(payloadJson).RootElement.GetProperty("amount").GetInt64() },
        "timer-fired" => this with { Fired = Fired + 1 },
        _ => this,
    };

    public string ToJson() => JsonSerializer.Serialize(this);
}
