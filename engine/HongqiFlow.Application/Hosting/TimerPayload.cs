using System.Text.Json;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// How an engine <see cref="DueTimer"/> is kept in the store's timer table: the store id is unique across cases
/// (<c>caseId/timerId</c>), the payload carries the engine's own id for <see cref="Command.FireTimer"/>.
/// </summary>
internal static class TimerPayload
{
    public static string StoreId(string caseId, string timerId) => $"{caseId}/{timerId}";

    public static TimerRecord Record(string caseId, DueTimer timer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", timer.Id);
            json.WriteString("region", timer.Region);
            json.WriteString("state", timer.State);
            json.WriteString("target", timer.Target);
            json.WriteEndObject();
        }

        return new TimerRecord(StoreId(caseId, timer.Id), timer.Kind.ToString(), timer.Due, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The engine's id of a claimed timer: from the payload, else from the store id.</summary>
    public static string EngineId(ClaimedTimer timer)
    {
        try
        {
            using var payload = JsonDocument.Parse(timer.PayloadJson);
            if (payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Fall through to the id's own form.
        }

        var prefix = timer.CaseId + "/";
        return timer.TimerId.StartsWith(prefix, StringComparison.Ordinal) ? timer.TimerId[prefix.Length..] : timer.TimerId;
    }
}
