using System.Diagnostics;

namespace HongqiFlow.Browser.Tests;

/// <summary>The web app's vitest suite (YAML patching, graph mapping, undo, console helpers) runs under dotnet test too.</summary>
public sealed class DesignerUnitTests
{
    [Fact]
    public async Task Vitest_AllPass()
    {
        var designer = Path.Combine(DesignerServer.RepositoryRoot, "designer");
        if (!Directory.Exists(Path.Combine(designer, "node_modules")))
        {
            // The server's build (designer/designer.targets) installs them; this project builds the server first.
            throw new InvalidOperationException("designer/node_modules is missing: build engine/HongqiFlow.Server first");
        }

        var start = new ProcessStartInfo("npm", "test")
        {
            WorkingDirectory = designer,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output + await error;
        process.ExitCode.ShouldBe(0, text);
        text.ShouldContain(" passed");
        text.ShouldNotContain(" failed");
    }
}
