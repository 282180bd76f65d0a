using System.Diagnostics;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// A server process the tests start (<c>hongqi serve</c>, the load test's floor): both outputs captured, ready when it
/// logs that it listens, killed with its children and its data folder deleted when disposed.
/// </summary>
public sealed class ListeningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output;
    private readonly string? _data;

    private ListeningProcess(Process process, List<string> output, string? data)
    {
        _process = process;
        _output = output;
        _data = data;
    }

    /// <summary>The configuration the tests were built in (<c>Release</c> or <c>Debug</c>), which the started builds share.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts <paramref name="start"/> (outputs redirected here) and waits up to 60 s for "Now listening on".</summary>
    public static async Task<ListeningProcess> StartAsync(ProcessStartInfo start, string name, string? data)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new List<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new ListeningProcess(process, output, data);
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
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited early:\n" + string.Join("\n", started.Output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_data is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
