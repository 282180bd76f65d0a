using System.Globalization;
using System.Text.Json;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>One fetch the engine asked for: the case, the <c>fetch-requested</c> event's sequence and the data source.</summary>
public sealed record DataSharingRequest(string CaseId, long Sequence, string Source);

/// <summary>
/// Fetch requests as outbox messages of the <see cref="Channel"/> channel: written by <see cref="CaseService"/> in the
/// append that records <c>fetch-requested</c>, delivered by <see cref="DataSharingChannel"/>. The message id names the
/// request (<c>case:sequence:fetch</c>), so it is written once whatever retries the command had.
/// </summary>
public static class DataSharingRequests
{
    public const string Channel = "data-sharing";

    /// <summary>The outbox messages for the <c>fetch-requested</c> events among <paramref name="events"/>.</summary>
    public static IEnumerable<OutboxRecord> For(string caseId, IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (e.Type == CaseEventTypes.FetchRequested && e.Data.GetString("source") is { Length: > 0 } source)
            {
                yield return new OutboxRecord(
                    string.Create(CultureInfo.InvariantCulture, $"{caseId}:{e.Sequence}:fetch"), Channel, Payload(new DataSharingRequest(caseId, e.Sequence, source)));
            }
        }
    }

    public static string Payload(DataSharingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("caseId", request.CaseId);
            json.WriteNumber("sequence", request.Sequence);
            json.WriteString("source", request.Source);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a message written by <see cref="For"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static DataSharingRequest Parse(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            var root = document.RootElement;
            return new DataSharingRequest(
                root.GetProperty("caseId").GetString() ?? throw new FormatException("caseId is null"),
                root.GetProperty("sequence").GetInt64(),
                root.GetProperty("source").GetString() ?? throw new FormatException("source is null"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a data-sharing request: {ex.Message}", ex);
        }
    }
}
