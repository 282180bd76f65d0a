using System.Text.Json;
using HongqiFlow.Storage;

namespace HongqiFlow.Notifications;

/// <summary>
/// Appends each message as one JSON line to a file: the default channel of an embedded installation, and an
/// audit trail of what was sent. A batch is written at once and flushed to disk once (fsync) before it counts as
/// delivered. At-least-once: a line may repeat after a crash; readers deduplicate by messageId.
/// </summary>
public sealed class FileOutboxChannel : IBatchOutboxChannel, IDisposable
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

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DeliverAsync([message], cancellationToken);
    }

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        var deliveredAt = _time.GetUtcNow();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("messageId", message.MessageId);
                json.WriteString("caseId", message.CaseId);
                json.WriteString("channel", message.Channel);
                json.WriteNumber("attempt", message.Attempt);
                json.WriteString("deliveredAt", deliveredAt);
                json.WritePropertyName("payload");
                json.WriteRawValue(message.PayloadJson);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
                json.Reset();
                buffer.WriteByte((byte)'\n');
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
            await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            // Durable before the store marks the batch delivered: one flush to disk per batch.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
