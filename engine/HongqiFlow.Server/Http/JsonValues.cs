using System.Text.Json;

namespace HongqiFlow.Server.Http;

/// <summary>JSON bodies' free-form objects (payloads, case data) as the plain values the engine's ValueMap takes.</summary>
public static class JsonValues
{
    public static IReadOnlyDictionary<string, object?> From(Dictionary<string, JsonElement>? values) =>
        values is null ? new Dictionary<string, object?>() : values.ToDictionary(kv => kv.Key, kv => Value(kv.Value), StringComparer.Ordinal);

    public static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
