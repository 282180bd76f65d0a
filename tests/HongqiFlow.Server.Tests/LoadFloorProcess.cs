using System.Diagnostics;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The framework floor of the load test (tests/HongqiFlow.LoadFloor): a minimal ASP.NET Core endpoint doing one SQLite
/// insert (WAL, <c>synchronous=FULL</c>) per request, started as its own process on a free loopback port.
/// </summary>
public sealed class LoadFloorProcess : IAsyncDisposable
{
    private readonly string _data;
    private readonly Process _process;

    private LoadFloorProcess(Process process, Uri baseAddress, string data)
    {
        _process = process;
        BaseAddress = baseAddress;
        _data = data;
    }

    public Uri BaseAddress { get; }

    public static async Task<LoadFloorProcess> StartAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Repository.Path("tests", "HongqiFlow.LoadFloor", "bin", configuration, "net10.0", "HongqiFlow.LoadFloor.dll");
        var baseAddress = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}/");
        var data = Path.Combine(Path.GetTempPath(), "hongqi-load-floor-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--data", data])
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the load floor exited early:\n" + string.Join("\n", output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new LoadFloorProcess(process, baseAddress, data);
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
