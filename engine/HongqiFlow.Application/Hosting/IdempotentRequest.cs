using System.Security.Cryptography;
using System.Text.Json;
using HongqiFlow.Hosting.Json;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// What an idempotency key is bound to: the SHA-256 of the command's canonical form (event, branch, channel, payload
/// with its keys sorted; for a start the item and the application without the date-bound case id and receipt, the
/// materials sorted). Who sends it is not part of it: the same request from another clerk is a retry. Stored in the
/// key's result (<c>"request"</c>), so a different request with the same key is told, never answered with the first.
/// </summary>
internal static class IdempotentRequest
{
    /// <summary>The key prefixes the engine uses itself; an event from outside may not use them.</summary>
    public const string StartPrefix = "start:";

    public static string Hash(Command command, string? item)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", command.Event);
            json.WriteString("branch", command.Branch);
            json.WriteString("channel", command.Channel.ToString());
            json.WritePropertyName("payload");
            JsonSerializer.Serialize(json, command.Payload, CaseJsonContext.Default.ValueMap);
            if (command.Start is { } start)
            {
                json.WriteString("item", item);
                json.WritePropertyName("start");
                var canonical = start with
                {
                    CaseId = string.Empty,
                    Receipt = string.Empty,
                    Submitted = new Definitions.Model.ValueList<string>(start.Submitted.Order(StringComparer.Ordinal)),
                };
                JsonSerializer.Serialize(json, canonical, CaseJsonContext.Default.CaseStart);
            }

            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Refuses an event whose key is in one of the engine's own namespaces (it would answer, or block, theirs).</summary>
    public static void CheckEventKey(Command command)
    {
        var key = command.IdempotencyKey;
        var refused = key.StartsWith(StartPrefix, StringComparison.Ordinal)
            || (key.StartsWith("timer:", StringComparison.Ordinal) && command.Event != BuiltInEvents.Timer)
            || (key.StartsWith("data-shared:", StringComparison.Ordinal) && command.Event is not (BuiltInEvents.DataShared or BuiltInEvents.DataRefused));
        if (refused)
        {
            throw new IdempotencyKeyReusedException(key, "is reserved: keys starting with start:, timer: or data-shared: belong to the engine's own commands");
        }
    }
}
