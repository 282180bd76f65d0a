using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HongqiFlow.Server.Security;
using Npgsql;

namespace HongqiFlow.Benchmarks.Scale;

/// <summary>What <see cref="ScaleBenchmark"/> measures, by case count.</summary>
public sealed record ScaleOptions
{
    public IReadOnlyList<int> Counts { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>Requests per measure (the search by applicant and the cold metrics take fewer: see the table).</summary>
    public int Samples { get; init; } = 200;

    /// <summary>A PostgreSQL connection string (a database per count is made in it); SQLite when null.</summary>
    public string? Postgres { get; init; }

    /// <summary>The built <c>hongqi.dll</c> to run as the server.</summary>
    public required string Cli { get; init; }

    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>How many real demonstration cases the others are copied from (<see cref="ScaleSeeder"/>).</summary>
    public int Template { get; init; } = ScaleSeeder.Template;
}

/// <summary>One measure at one case count: a single value, or p50 and p99 in milliseconds.</summary>
public sealed record ScaleMeasure(string Name, string Unit, double P50, double? P99 = null);

/// <summary>
/// <c>dotnet run -c Release --project tests/HongqiFlow.Benchmarks -- scale [--quick] [--cases 1000,10000,100000] [--store &lt;PostgreSQL connection&gt;]</c>:
/// for each case count, seeds a store (<see cref="ScaleSeeder"/>), starts the real <c>hongqi serve</c> on it once
/// (the upgrade: the indicator projection is built from history), stops it, starts it again and measures: ready and
/// warm, memory, cold and warm metrics, the worklist, search by receipt and by applicant, case start and one event, the
/// store's size; after each count it prints one table per measure by case count so far.
/// </summary>
public static class ScaleBenchmark
{
    private const string Key = "hongqiflow-scale-benchmark-key-0123456789abcdef";

    public static async Task<int> MainAsync(string[] args)
    {
        var quick = args.Contains("--quick", StringComparer.Ordinal);
        var counts = Value(args, "--cases") is { } list ? list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList() : quick ? [1_000] : [1_000, 10_000, 100_000];
        var options = new ScaleOptions
        {
            Counts = counts,
            Samples = quick ? 30 : 200,
            Postgres = Value(args, "--store"),
            Cli = Repository.Path("engine", "HongqiFlow.Cli", "bin", "Release", "net10.0", "hongqi.dll"),
        };
        await RunAsync(options);
        return 0;
    }

    private static string? Value(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>Every measure at every count.</summary>
    public static async Task<IReadOnlyList<(int Cases, IReadOnlyList<ScaleMeasure> Measures)>> RunAsync(ScaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<(int, IReadOnlyList<ScaleMeasure>)>();
        foreach (var count in options.Counts)
        {
            var folder = Directory.CreateTempSubdirectory("hongqi-scale-").FullName;
            string? store = null;
            try
            {
                if (options.Postgres is { } pg)
                {
                    store = await NewDatabaseAsync(pg, count);
                }

                var seeded = await ScaleSeeder.SeedAsync(folder, store, count, DateTimeOffset.UtcNow, options.Template);
                options.Out.WriteLine($"{count} cases seeded in {seeded:F1} s (load {Load()})");
                double upgrade;
                await using (var first = await ServerRun.StartAsync(options.Cli, folder, store))
                {
                    upgrade = first.Warm.TotalSeconds;
                }

                // What the restart finds to do besides reading: notifications not yet delivered and timers already due.
                var pendingOutbox = await CountAsync(folder, store, "SELECT count(*) FROM outbox WHERE state = 0");
                var dueTimers = await CountAsync(folder, store, $"SELECT count(*) FROM timers WHERE state = 0 AND due_at <= {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                // The same start over an empty store just before: what a start costs on this machine now, whatever the cases.
                TimeSpan empty;
                var emptyFolder = Directory.CreateTempSubdirectory("hongqi-scale-empty-").FullName;
                try
                {
                    await using var baseline = await ServerRun.StartAsync(options.Cli, emptyFolder, null);
                    empty = baseline.Warm;
                }
                finally
                {
                    Directory.Delete(emptyFolder, recursive: true);
                }

                await using var server = await ServerRun.StartAsync(options.Cli, folder, store);
                var measures = new List<ScaleMeasure>
                {
                    new("first start over the seeded store (upgrade: projection built)", "s", Math.Round(upgrade, 2)),
                    new("ready and warm", "s", Math.Round(server.Warm.TotalSeconds, 2)),
                    new("restart: /health/ready answers", "s", Math.Round(server.Ready.TotalSeconds, 2)),
                    new("restart: running cases' records read (logged at)", "s", Math.Round(server.RecordsRead.At.TotalSeconds, 2)),
                    new("restart: reading the running cases (its own time)", "ms (logged)", server.RecordsRead.Took),
                    new("restart: indicator projection caught up (logged at)", "s", Math.Round(server.ProjectionCaughtUp.At.TotalSeconds, 2)),
                    new("restart: the projection's catch-up (its own time)", "ms (logged)", server.ProjectionCaughtUp.Took),
                    new("baseline: ready and warm over an empty store", "s", Math.Round(empty.TotalSeconds, 2)),
                    new("restart: notifications pending at the restart", "messages", pendingOutbox),
                    new("restart: timers due at the restart", "timers", dueTimers),
                    new("memory after start", "MB", server.ResidentMegabytes()),
                };
                measures.Add(new("metrics, cold (first request)", "ms", await server.TimeAsync("supervisor", "/api/metrics")));
                measures.Add(await server.SampleAsync("metrics, warm", options.Samples, _ => server.TimeAsync("supervisor", "/api/metrics")));
                measures.Add(await server.SampleAsync("worklist (market-regulation)", options.Samples, _ => server.TimeAsync("department:market-regulation", "/api/worklist?department=market-regulation")));
                var receipts = await server.ReceiptsAsync(options.Samples);
                measures.Add(await server.SampleAsync("search by receipt", options.Samples, i => server.TimeAsync("window", "/api/cases/search?q=" + Uri.EscapeDataString(receipts[i % receipts.Count]))));
                measures.Add(await server.SampleAsync("search by applicant (name)", Math.Max(5, options.Samples / 10), _ => server.TimeAsync("window", "/api/cases/search?q=" + Uri.EscapeDataString("张"))));
                var started = new List<string>();
                measures.Add(await server.SampleAsync("case start", options.Samples, async _ =>
                {
                    var (ms, id) = await server.StartCaseAsync();
                    started.Add(id);
                    return ms;
                }));
                measures.Add(await server.SampleAsync("one event (accept)", options.Samples, i => server.EventAsync(started[i % started.Count])));
                measures.Add(await server.SampleAsync("metrics, warm after the commands", Math.Max(5, options.Samples / 10), _ => server.TimeAsync("supervisor", "/api/metrics")));
                measures.Add(new("memory after the measures", "MB", server.ResidentMegabytes()));
                measures.Add(new("store size", "MB", Math.Round(await SizeAsync(folder, store) / 1048576.0, 1)));
                measures.Add(new("store size per case", "KB", Math.Round(await SizeAsync(folder, store) / 1024.0 / count, 1)));
                options.Out.WriteLine($"{count} cases measured (load {Load()})");
                results.Add((count, measures));

                // The table so far, so a long run that is stopped still leaves its smaller counts.
                Print(options.Out, results);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return results;
    }

    public static void Print(TextWriter output, IReadOnlyList<(int Cases, IReadOnlyList<ScaleMeasure> Measures)> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"| measure | unit | {string.Join(" | ", results.Select(r => r.Cases.ToString("N0", CultureInfo.InvariantCulture) + " cases"))} |");
        output.WriteLine($"|---|---|{string.Concat(results.Select(_ => "---|"))}");
        foreach (var name in results[0].Measures.Select(m => m.Name))
        {
            var cells = results.Select(r => r.Measures.First(m => m.Name == name)).ToList();
            var unit = cells[0].P99 is null ? cells[0].Unit : cells[0].Unit + " p50 / p99";
            output.WriteLine($"| {name} | {unit} | {string.Join(" | ", cells.Select(c => c.P99 is { } p99 ? $"{c.P50:F1} / {p99:F1}" : c.P50.ToString("0.##", CultureInfo.InvariantCulture)))} |");
        }

        output.WriteLine($"load average at the end: {Load()}");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<string> NewDatabaseAsync(string admin, int count)
    {
        var name = $"hongqi_scale_{count}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var source = NpgsqlDataSource.Create(admin);
        await using var command = source.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<long> CountAsync(string folder, string? store, string sql)
    {
        if (store is null)
        {
            await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "hongqi.db")};Mode=ReadOnly;Pooling=False");
            await c.OpenAsync();
            await using var count = c.CreateCommand();
            count.CommandText = sql;
            return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        await using var source = NpgsqlDataSource.Create(store);
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<long> SizeAsync(string folder, string? store)
    {
        if (store is null)
        {
            return Directory.GetFiles(folder, "hongqi.db*").Sum(f => new FileInfo(f).Length);
        }

        await using var source = NpgsqlDataSource.Create(store);
        await using var command = source.CreateCommand("SELECT pg_database_size(current_database())");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The real <c>hongqi serve</c> over the seeded store.</summary>
    private sealed class ServerRun : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;
        private readonly JwtSettings _jwt = new(Key, false);

        private ServerRun(Process process, HttpClient http)
        {
            _process = process;
            _http = http;
        }

        /// <summary>From the process start until it is ready and has read what it reads at start.</summary>
        public TimeSpan Warm { get; private set; }

        /// <summary>From the process start until <c>/health/ready</c> answered.</summary>
        public TimeSpan Ready { get; private set; }

        /// <summary>From the process start until the log said the running cases' records were read, and the reading's own time (ms, logged).</summary>
        public (TimeSpan At, double Took) RecordsRead { get; private set; }

        /// <summary>From the process start until the log said the indicator projection had caught up, and the catch-up's own time (ms, logged).</summary>
        public (TimeSpan At, double Took) ProjectionCaughtUp { get; private set; }

        /// <summary>The <c>in N ms</c> of a start-up log line.</summary>
        private static double LoggedMilliseconds(string line) =>
            System.Text.RegularExpressions.Regex.Match(line, @"in (\d+) ms") is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

        public static async Task<ServerRun> StartAsync(string cli, string folder, string? store)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])[cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", folder, "--definitions", Repository.Path("definitions"), "--web", Path.Combine(folder, "no-web-app")])
            {
                start.ArgumentList.Add(argument);
            }

            if (store is not null)
            {
                start.Environment["Hongqi__Store"] = store;
            }

            start.Environment["Hongqi__Jwt__Key"] = Key;
            start.Environment["Hongqi__PersonalData__Keys__scale"] = Convert.ToBase64String([.. Enumerable.Range(1, 16).Select(i => (byte)i)]);
            start.Environment["Hongqi__PersonalData__LookupKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
            start.Environment["Hongqi__ProgressPermitsPerMinute"] = "100000";
            start.Environment["Logging__LogLevel__Default"] = "Information";
            var clock = Stopwatch.StartNew();
            var (records, projection) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var process = new Process { StartInfo = start };
            var output = new StringBuilder();
            ServerRun? run = null;
            void Line(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }

                if (line.Contains("Supervision records read", StringComparison.Ordinal) && records.TrySetResult())
                {
                    run!.RecordsRead = (clock.Elapsed, LoggedMilliseconds(line));
                }

                if (line.Contains("Indicator projection caught up", StringComparison.Ordinal) && projection.TrySetResult())
                {
                    run!.ProjectionCaughtUp = (clock.Elapsed, LoggedMilliseconds(line));
                }
            }

            process.OutputDataReceived += (_, e) => Line(e.Data);
            process.ErrorDataReceived += (_, e) => Line(e.Data);
            run = new ServerRun(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(10) });
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var ready = false;
            while (!ready)
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(60))
                {
                    throw new InvalidOperationException("hongqi serve did not get ready:\n" + output);
                }

                try
                {
                    ready = (await run._http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }

                if (!ready)
                {
                    await Task.Delay(50);
                }
            }

            run.Ready = clock.Elapsed;
            await Task.WhenAll(records.Task, projection.Task).WaitAsync(TimeSpan.FromMinutes(60));
            run.Warm = clock.Elapsed;
            return run;
        }

        public double ResidentMegabytes()
        {
            _process.Refresh();
            return Math.Round(_process.WorkingSet64 / 1048576.0, 1);
        }

        private HttpRequestMessage Request(HttpMethod method, string role, string url)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenIssuer.Mint(_jwt, "scale", [role], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
            return request;
        }

        public async Task<double> TimeAsync(string role, string url)
        {
            using var request = Request(HttpMethod.Get, role, url);
            var clock = Stopwatch.StartNew();
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            Check(response, url);
            return ms;
        }

        public async Task<List<string>> ReceiptsAsync(int max)
        {
            using var request = Request(HttpMethod.Get, "admin", $"api/cases?limit={Math.Min(max, 200)}");
            using var response = await _http.SendAsync(request);
            Check(response, "api/cases");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var rows = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("cases");
            return [.. rows.EnumerateArray().Select(r => r.GetProperty("caseId").GetString()!)];
        }

        public async Task<(double Ms, string CaseId)> StartCaseAsync()
        {
            using var request = Request(HttpMethod.Post, "window", "api/cases");
            request.Content = JsonContent.Create(new { item = "QYKB-0001", applicant = new { name = "张三" }, submitted = new[] { "application", "articles", "premises", "shareholder-resolution" }, channel = "window" });
            var clock = Stopwatch.StartNew();
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            Check(response, "api/cases");
            return (ms, JsonDocument.Parse(text).RootElement.GetProperty("caseId").GetString()!);
        }

        public async Task<double> EventAsync(string caseId)
        {
            using var request = Request(HttpMethod.Post, "window", $"api/cases/{caseId}/events");
            request.Content = JsonContent.Create(new { @event = "accept" });
            request.Headers.Add("Idempotency-Key", "accept-" + caseId);
            var clock = Stopwatch.StartNew();
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            Check(response, "events");
            return ms;
        }

        public async Task<ScaleMeasure> SampleAsync(string name, int samples, Func<int, Task<double>> once)
        {
            var times = new List<double>(samples);
            for (var i = 0; i < samples; i++)
            {
                times.Add(await once(i));
            }

            times.Sort();
            return new ScaleMeasure(name, "ms", Math.Round(Percentile(times, 0.50), 1), Math.Round(Percentile(times, 0.99), 1));
        }

        private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

        private static void Check(HttpResponseMessage response, string what)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what}: {(int)response.StatusCode}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
