using System.Diagnostics;
using HongqiFlow.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server.Tests;

/// <summary>Readable coloured lines on a terminal, JSON lines otherwise (or as configured); personal data masked in both.</summary>
public sealed class ConsoleLogTests
{
    [Theory]
    [InlineData("auto", true, false, MaskedTextConsoleFormatter.FormatterName, true)]
    [InlineData("auto", true, true, MaskedTextConsoleFormatter.FormatterName, false)]
    [InlineData("auto", false, false, MaskedJsonConsoleFormatter.FormatterName, false)]
    [InlineData("json", true, false, MaskedJsonConsoleFormatter.FormatterName, false)]
    [InlineData("text", false, false, MaskedTextConsoleFormatter.FormatterName, false)]
    [InlineData("Text", true, false, MaskedTextConsoleFormatter.FormatterName, true)]
    public void Choose_TextOnATerminal_JsonElsewhere_UnlessConfigured(string format, bool terminal, bool noColor, string formatter, bool colors) =>
        new ConsoleLogOptions { Format = format }.Choose(terminal, noColor).ShouldBe((formatter, colors));

    [Fact]
    public void Choose_ColorsOff_WritesPlainText() =>
        new ConsoleLogOptions { Colors = false }.Choose(terminal: true, noColorSet: false).ShouldBe((MaskedTextConsoleFormatter.FormatterName, false));

    [Fact]
    public void TextLine_IsReadable_Coloured_AndMasked()
    {
        var formatter = new MaskedTextConsoleFormatter(new Fixed(new TextLogOptions { Colors = true }));
        var text = formatter.Format(LogLevel.Warning, "HongqiFlow.Cases", "start for 11010519491231002X, phone 13812345678", new InvalidOperationException("id 11010519491231002X"));

        text.ShouldNotContain("11010519491231002X");
        text.ShouldNotContain("13812345678");
        var lines = text.Split(Environment.NewLine);
        lines[0].ShouldMatch(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \u001b\[1;33mwarn\u001b\[0m HongqiFlow\.Cases\[0\] start for 110105\*{8}002X, phone 138\*{4}5678$");
        lines[1].ShouldBe("      System.InvalidOperationException: id 110105********002X");
    }

    [Fact]
    public void TextLine_WithoutColors_HasNoEscapes()
    {
        var text = new MaskedTextConsoleFormatter().Format(LogLevel.Information, "c", "hello");
        text.ShouldNotContain("\u001b");
        text.ShouldContain(" info c[0] hello");
    }

    [Fact]
    public async Task Serve_OnATerminal_WritesColouredLines_AndJsonWhenPiped()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            return; // util-linux's script gives the server a terminal; without it only the piped half could run
        }

        var data = Directory.CreateTempSubdirectory("hongqi-tty-").FullName;
        try
        {
            // script(1) runs the server on a pseudo-terminal; its output comes back through the pipe.
            var command = $"dotnet '{ServeProcess.CliPath()}' serve --urls http://127.0.0.1:0 --data '{data}' --definitions '{Repository.Path("definitions")}' --web '{Path.Combine(data, "none")}'";
            var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-qefc", command, "/dev/null" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Remove("NO_COLOR");
            start.Environment["Logging__LogLevel__Default"] = "Information";
            foreach (var (name, value) in ServeProcess.PersonalDataKeys)
            {
                start.Environment[name] = value;
            }

            var lines = await ReadUntilListening(start);
            var listening = lines.Single(l => l.Contains("Now listening on", StringComparison.Ordinal));
            listening.ShouldContain("\u001b[32minfo\u001b[0m Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:");
            lines.ShouldNotContain(l => l.StartsWith('{'));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<List<string>> ReadUntilListening(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line.TrimEnd('\r'));
                if (line.Contains("Now listening on", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        return lines;
    }

    private sealed class Fixed(TextLogOptions value) : IOptionsMonitor<TextLogOptions>
    {
        public TextLogOptions CurrentValue => value;

        public TextLogOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TextLogOptions, string?> listener) => null;
    }
}
