using System.Diagnostics;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The framework floor of the load test (tests/HongqiFlow.LoadFloor): a minimal ASP.NET Core endpoint doing one SQLite
/// insert (WAL, <c>synchronous=FULL</c>) per request, started as its own process on a free loopback port.
/// </summary>
public sealed class LoadFloorProcess : IAsyncDisposable
{
    private readonly ListeningProcess _process;

    private LoadFloorProcess(ListeningProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LoadFloorProcess> StartAsync()
    {
        var dll = Repository.Path("tests", "HongqiFlow.LoadFloor", "bin", ListeningProcess.Configuration, "net10.0", "HongqiFlow.LoadFloor.dll");
        var baseAddress = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}/");
        var data = Path.Combine(Path.GetTempPath(), "hongqi-load-floor-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in (string[])[dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--data", data])
        {
            start.ArgumentList.Add(argument);
        }

        return new LoadFloorProcess(await ListeningProcess.StartAsync(start, "the load floor", data), baseAddress);
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
