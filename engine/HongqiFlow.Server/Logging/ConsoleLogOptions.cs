using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Logging;

/// <summary>
/// How the server writes its console log, section <c>Hongqi:Log</c>: <see cref="Format"/> <c>auto</c> (the default)
/// writes readable coloured lines when standard output is a terminal and JSON lines otherwise (systemd's journal, a
/// pipe, a container's log); <c>text</c> or <c>json</c> force one. ID and phone numbers are masked in both.
/// </summary>
public sealed class ConsoleLogOptions
{
    public const string Section = "Hongqi:Log";
    public const string Auto = "auto";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary><c>auto</c>, <c>text</c> or <c>json</c>.</summary>
    public string Format { get; set; } = Auto;

    /// <summary>Colours in text lines: on a terminal unless the <c>NO_COLOR</c> environment variable is set; false turns them off.</summary>
    public bool Colors { get; set; } = true;

    /// <summary>The formatter in effect and whether it colours, for a standard output that is or is not a terminal.</summary>
    public (string Formatter, bool Colors) Choose(bool terminal, bool noColorSet)
    {
        var format = (Format ?? Auto).Trim().ToLowerInvariant();
        var text = format == Text || (format == Auto && terminal);
        return text
            ? (MaskedTextConsoleFormatter.FormatterName, Colors && terminal && !noColorSet)
            : (MaskedJsonConsoleFormatter.FormatterName, false);
    }

    /// <summary>The problem with <see cref="Format"/>, naming the setting, or null.</summary>
    public string? Problem() =>
        (Format ?? Auto).Trim().ToLowerInvariant() is Auto or Text or Json
            ? null
            : $"{Section}:Format is '{Format}'; use {Auto}, {Text} or {Json} (Hongqi__Log__Format)";
}

/// <summary>Registers the console log the <see cref="ConsoleLogOptions"/> of the configuration ask for.</summary>
public static class ConsoleLog
{
    public static void Add(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configuration.ServerSettings.Bind<ConsoleLogOptions>(builder.Configuration, ConsoleLogOptions.Section);
        if (options.Problem() is { } problem)
        {
            throw new Configuration.InvalidSettingsException(problem);
        }

        var (formatter, colors) = options.Choose(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 });
        builder.Services.AddSingleton(options);
        Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(builder.Logging, console => console.FormatterName = formatter);
        Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsoleFormatter<MaskedJsonConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>(builder.Logging);
        Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsoleFormatter<MaskedTextConsoleFormatter, TextLogOptions>(builder.Logging, text => text.Colors = colors);
    }
}
