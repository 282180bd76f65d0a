using System.Text;
using System.Text.Json;
using HongqiFlow.Storage;

namespace HongqiFlow.Notifications;

/// <summary>
/// Appends each message as one JSON line to a file: the default channel of an embedded installation, and an
/// audit trail of what was sent. At-least-once: a line may repeat after a crash; readers deduplicate by messageId.
/// </summary>
public sealed class FileOutboxChannel : IOutboxChannel, IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileOutboxChannel(string path, TimeProvider time, string name = "log")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _time = time;
        Name = name;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
    }

    public string Name { get; }

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", message.MessageId);
            json.WriteString("caseId", message.CaseId);
            json.WriteString("channel", message.Channel);
            json.WriteNumber("attempt", message.Attempt);
            json.WriteString("deliveredAt", _time.GetUtcNow());
            json.WritePropertyName("payload");
            json.WriteRawValue(message.PayloadJson);
            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(_path, line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
