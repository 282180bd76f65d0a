using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using HongqiFlow.Server.Security;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The real <c>hongqi serve</c> process (engine/HongqiFlow.Cli/bin/&lt;configuration&gt;/net10.0/hongqi.dll) on a free
/// loopback port over a temporary data folder, with its own signing key. Ready when it logs that it listens.
/// </summary>
public sealed class ServeProcess : IAsyncLifetime
{
    public const string Key = "hongqiflow-smoke-test-key-0123456789abcdef";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "hongqi-serve-" + Guid.NewGuid().ToString("N"));
    private ListeningProcess? _process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<string> Output => _process?.Output ?? [];

    public static string CliPath()
    {
        return Repository.Path("engine", "HongqiFlow.Cli", "bin", ListeningProcess.Configuration, "net10.0", "hongqi.dll");
    }

    /// <summary>Test keys for personal data: <c>hongqi serve</c> runs in Production here, which refuses to start without keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> PersonalDataKeys = new Dictionary<string, string>
    {
        ["Hongqi__PersonalData__Keys__test"] = Convert.ToBase64String(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()),
        ["Hongqi__PersonalData__LookupKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    };

    /// <summary>How to run the built <c>hongqi</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, both outputs captured.</summary>
    public static ProcessStartInfo Cli(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])[CliPath(), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in PersonalDataKeys)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = Cli(Path.GetTempPath(), "serve", "--urls", BaseAddress.ToString().TrimEnd('/'), "--data", _data, "--definitions", Repository.Path("definitions"), "--web", Path.Combine(_data, "no-web-app"));

        start.Environment["Hongqi__Jwt__Key"] = Key;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        _process = await ListeningProcess.StartAsync(start, "hongqi serve", _data);
    }

    public HttpClient Client(string? role, string user = "tester")
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                TokenIssuer.Mint(new JwtSettings(Key, false), user, [role], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ServeProcessCollection : ICollectionFixture<ServeProcess>
{
    public const string Name = "hongqi serve process";
}
