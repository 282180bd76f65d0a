using System.Text.Json;
using HongqiFlow.Server.Logging;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Tests;

public sealed class LoggingTests
{
    [Theory]
    [InlineData("applicant 11010519491231002X called", "applicant 110105********002X called")]
    [InlineData("phone 13812345678.", "phone 138****5678.")]
    [InlineData("order 123456789012345678901 stays", "order 123456789012345678901 stays")]
    [InlineData("no personal data", "no personal data")]
    public void Redact_MasksIdAndPhoneNumbersOnly(string text, string expected) =>
        PersonalDataRedactor.Redact(text).ShouldBe(expected);

    [Fact]
    public void Format_WritesOneJsonLine_WithMessageAndValuesMasked()
    {
        var formatter = new MaskedJsonConsoleFormatter();
        var line = formatter.Format(LogLevel.Warning, "Cases", "start for 11010519491231002X", [new("Phone", "13812345678"), new("{OriginalFormat}", "start for {Id}")], new InvalidOperationException("id 11010519491231002X"));
        line.ShouldNotContain("11010519491231002X");
        line.ShouldNotContain("13812345678");
        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("level").GetString().ShouldBe("Warning");
        json.GetProperty("message").GetString().ShouldBe("start for 110105********002X");
        json.GetProperty("state").GetProperty("Phone").GetString().ShouldBe("138****5678");
        json.GetProperty("state").TryGetProperty("{OriginalFormat}", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Serve_WithABrokenCatalogFile_SaysSoInItsLog()
    {
        var root = Directory.CreateTempSubdirectory("hongqi-catalog-").FullName;
        try
        {
            var catalog = Directory.CreateDirectory(Path.Combine(root, "definitions")).FullName;
            foreach (var file in Directory.EnumerateFiles(Repository.Path("definitions", "calendars"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(catalog, Path.GetRelativePath(Repository.Path("definitions"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.Copy(Repository.Path("definitions", "organization.yaml"), Path.Combine(catalog, "organization.yaml"));
            File.Copy(Repository.Path("definitions", "enterprise-establishment.yaml"), Path.Combine(catalog, "enterprise-establishment.yaml"));
            File.WriteAllText(Path.Combine(catalog, "residence-permit.yaml"),
                File.ReadAllText(Repository.Path("definitions", "residence-permit.yaml")).Replace("to: issued", "to: nowhere", StringComparison.Ordinal));

            using var process = System.Diagnostics.Process.Start(ServeProcess.Cli(root,
                "serve", "--urls", "http://127.0.0.1:0", "--data", Path.Combine(root, "data"), "--definitions", catalog, "--web", Path.Combine(root, "no-web")))!;
            _ = process.StandardError.ReadToEndAsync();
            var lines = new List<string>();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    lines.Add(line);
                    if (line.Contains("\"eventId\":5", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
            }

            var summary = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(j => j.GetProperty("eventId").GetInt32() == 4);
            summary.GetProperty("message").GetString().ShouldBe($"Catalog {catalog}: 1 item version(s) published now, 0 already in the store, 0 drifted, 1 error(s)");
            var broken = JsonDocument.Parse(lines[^1]).RootElement;
            broken.GetProperty("level").GetString().ShouldBe("Warning");
            broken.GetProperty("message").GetString()!.ShouldStartWith($"Catalog file not loaded: {Path.Combine(catalog, "residence-permit.yaml")}:");
            broken.GetProperty("message").GetString()!.ShouldContain("HQ2001");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
