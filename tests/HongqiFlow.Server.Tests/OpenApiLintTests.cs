using System.Diagnostics;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Lints the served /openapi/v1.json with Redocly CLI, pinned in tests/contract/package.json (installed with
/// <c>npm ci</c> on first run), against tests/contract/redocly.yaml: no error and no warning. Needs Node.js and npm,
/// which the web app's build needs too; without them the test fails and says so.
/// </summary>
public sealed class OpenApiLintTests
{
    private static readonly string Folder = Repository.Path("tests", "contract");

    [Fact]
    public async Task Document_PassesRedoclyLintWithoutErrorsOrWarnings()
    {
        var cli = await InstallAsync();
        var file = Path.Combine(Path.GetTempPath(), $"hongqi-openapi-{Guid.NewGuid():N}.json");
        try
        {
            using (var server = new ServerFixture())
            {
                await File.WriteAllTextAsync(file, await server.As(null).GetStringAsync("/openapi/v1.json"));
            }

            var (exit, output, error) = await RunAsync("node", [cli, "lint", file, "--config", Path.Combine(Folder, "redocly.yaml"), "--format", "json"], TimeSpan.FromMinutes(2));
            var start = output.IndexOf('{', StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, $"redocly lint printed no JSON report (exit {exit}): {output} {error}");
            var report = JsonDocument.Parse(output[start..]).RootElement;
            var problems = report.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            problems.ShouldBeEmpty();
            (report.GetProperty("totals").GetProperty("errors").GetInt32(), report.GetProperty("totals").GetProperty("warnings").GetInt32()).ShouldBe((0, 0));
            exit.ShouldBe(0, error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The pinned Redocly CLI's entry point, installed with <c>npm ci</c> when missing or of another version.</summary>
    private static async Task<string> InstallAsync()
    {
        foreach (var tool in new[] { "node", "npm" })
        {
            OnPath(tool).ShouldBeTrue($"'{tool}' is not on the PATH: the OpenAPI lint needs Node.js (20.19 or later) and npm — install them (e.g. apt-get install nodejs npm) and run again");
        }

        var pinned = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "package.json"))).RootElement
            .GetProperty("devDependencies").GetProperty("@redocly/cli").GetString();
        var installed = Path.Combine(Folder, "node_modules", "@redocly", "cli", "package.json");
        var version = File.Exists(installed) ? JsonDocument.Parse(await File.ReadAllTextAsync(installed)).RootElement.GetProperty("version").GetString() : null;
        if (version != pinned)
        {
            var (exit, output, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            exit.ShouldBe(0, $"npm ci in {Folder} failed: {output} {error}");
        }

        return Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)) || File.Exists(Path.Combine(dir, tool + ".cmd")) || File.Exists(Path.Combine(dir, tool + ".exe")));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, await output, await error);
    }
}
