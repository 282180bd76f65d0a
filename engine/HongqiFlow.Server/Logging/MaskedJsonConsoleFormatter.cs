using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server.Logging;

/// <summary>
/// Structured console logs, one JSON object a line (timestamp, level, category, event id, message, the message's
/// named values, exception), with ID and phone numbers masked in every string so no log line carries them in full.
/// </summary>
public sealed class MaskedJsonConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "hongqi-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TimeProvider _time;

    public MaskedJsonConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions>? options = null, TimeProvider? time = null)
        : base(FormatterName)
    {
        _ = options;
        _time = time ?? TimeProvider.System;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", PersonalDataRedactor.Redact(message));
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in values)
                {
                    if (key != "{OriginalFormat}")
                    {
                        json.WriteString(key, PersonalDataRedactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }

                json.WriteEndObject();
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", PersonalDataRedactor.Redact(exception.ToString()));
            }

            json.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>Formats one entry to a string (tests, and the file sink if one is added).</summary>
    public string Format(LogLevel level, string category, string message, IReadOnlyList<KeyValuePair<string, object?>>? values = null, Exception? exception = null)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<KeyValuePair<string, object?>> state = values ?? [];
        Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, category, default, state, exception, (_, _) => message), null, writer);
        return writer.ToString();
    }
}
