using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server.Logging;

/// <summary>
/// Console logs for people at a terminal: <c>2026-12-07 20:47:08 warn  Category[1] message</c>, the level coloured
/// (ANSI) when <see cref="TextLogOptions.Colors"/> is on, an exception indented below. ID and phone numbers are masked
/// as in the JSON lines (<see cref="PersonalDataRedactor"/>).
/// </summary>
public sealed class MaskedTextConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "hongqi-text";

    private const string Reset = "\u001b[0m";
    private readonly TimeProvider _time;
    private readonly bool _colors;

    public MaskedTextConsoleFormatter(IOptionsMonitor<TextLogOptions>? options = null, TimeProvider? time = null)
        : base(FormatterName)
    {
        _colors = options?.CurrentValue.Colors ?? false;
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

        var (tag, color) = Level(logEntry.LogLevel);
        textWriter.Write(_time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(_colors ? color + tag + Reset : tag);
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        textWriter.Write(PersonalDataRedactor.Redact(message));
        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in PersonalDataRedactor.Redact(exception.ToString()).Split('\n'))
            {
                textWriter.Write("      ");
                textWriter.Write(line.TrimEnd('\r'));
                textWriter.Write(Environment.NewLine);
            }
        }
    }

    /// <summary>Formats one entry to a string (tests).</summary>
    public string Format(LogLevel level, string category, string message, Exception? exception = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        IReadOnlyList<KeyValuePair<string, object?>> state = [];
        Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, category, default, state, exception, (_, _) => message), null, writer);
        return writer.ToString();
    }

    private static (string Tag, string Color) Level(LogLevel level) => level switch
    {
        LogLevel.Trace => ("trce", "\u001b[90m"),
        LogLevel.Debug => ("dbug", "\u001b[90m"),
        LogLevel.Information => ("info", "\u001b[32m"),
        LogLevel.Warning => ("warn", "\u001b[1;33m"),
        LogLevel.Error => ("fail", "\u001b[1;31m"),
        LogLevel.Critical => ("crit", "\u001b[1;37;41m"),
        _ => ("    ", string.Empty),
    };
}

/// <summary>Options of <see cref="MaskedTextConsoleFormatter"/>: whether it colours the level.</summary>
public sealed class TextLogOptions : ConsoleFormatterOptions
{
    public bool Colors { get; set; }
}
