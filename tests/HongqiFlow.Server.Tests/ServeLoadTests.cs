using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// A bounded loopback load test against the real process: concurrent clients alternate procedure-start and
/// procedure-end (特别程序, the clock pauses and resumes) on many accepted cases for a fixed time. Zero errors are
/// allowed, and every case's history holds exactly one command event per acknowledged command. In the same run and
/// with the same clients, the framework floor (tests/HongqiFlow.LoadFloor: one SQLite insert per request, also
/// <c>synchronous=FULL</c>) is loaded first, and HongqiFlow is reported as a ratio of it. 10 s each and 64 clients by
/// default; HONGQI_LOAD_SECONDS sets another duration, HONGQI_LOAD_CLIENTS the clients (docs/benchmarks.md).
/// </summary>
[Collection(ServeProcessCollection.Name)]
public sealed class ServeLoadTests(ServeProcess serve, ITestOutputHelper output)
{
    [Fact]
    public async Task Load_ConcurrentClients_ZeroErrorsAndHistoryMatchesAcknowledgements()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HONGQI_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;
        var clients = int.TryParse(Environment.GetEnvironmentVariable("HONGQI_LOAD_CLIENTS"), CultureInfo.InvariantCulture, out var c) ? c : 64;
        var duration = TimeSpan.FromSeconds(seconds);
        const int CasesPerClient = 4;
        using var window = serve.Client("window", "load-window");
        var cases = new List<string>();
        for (var i = 0; i < clients * CasesPerClient; i++)
        {
            var started = await window.PostJson("/api/cases", new
            {
                item = "QYKB-0001",
                applicant = new { name = "压测申请人" },
                submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
            }, $"load-{Guid.NewGuid():N}");
            started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            var caseId = (await started.Json()).GetProperty("caseId").GetString()!;
            (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            cases.Add(caseId);
        }

        // The floor first, with the same number of clients, each with its own connection, for the same time.
        Run floor;
        await using (var floorProcess = await LoadFloorProcess.StartAsync())
        {
            var floorClients = Enumerable.Range(0, clients).Select(_ => floorProcess.Client()).ToArray();
            floor = await RunAsync(clients, duration, async (client, n) =>
            {
                using var response = await floorClients[client].PostJson($"/rows/floor-{client}-{n}", new { @event = "procedure-start", payload = new { procedure = "name-verification" } });
                return response.StatusCode == HttpStatusCode.OK ? null : $"floor: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            });
            using var count = await floorClients[0].GetAsync("/rows");
            (await count.Json()).GetProperty("row").GetInt64().ShouldBe(floor.Acknowledged);
            foreach (var client in floorClients)
            {
                client.Dispose();
            }
        }

        var acknowledged = new int[cases.Count];
        var http = Enumerable.Range(0, clients).Select(client => serve.Client("department:market-regulation", $"load-{client}")).ToArray();
        var paused = new bool[cases.Count];
        // A special procedure is the lead's (or the current step's department's): market regulation leads 企业开办.
        var hongqi = await RunAsync(clients, duration, async (client, n) =>
        {
            var index = client * CasesPerClient + n % CasesPerClient;
            object body = paused[index] ? new { @event = "procedure-end" } : new { @event = "procedure-start", payload = new { procedure = "name-verification" } };
            using var response = await http[client].PostJson($"/api/cases/{cases[index]}/events", body, $"load-{client}-{n}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"{cases[index]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            acknowledged[index]++;
            paused[index] = !paused[index];
            return null;
        });
        foreach (var client in http)
        {
            client.Dispose();
        }

        floor.Errors.ShouldBeEmpty();
        hongqi.Errors.ShouldBeEmpty();
        for (var i = 0; i < cases.Count; i++)
        {
            var history = await (await window.GetAsync($"/api/cases/{cases[i]}/history")).Json();
            var commands = history.EnumerateArray().Count(e => e.GetProperty("type").GetString() is "procedure-start" or "procedure-end");
            commands.ShouldBe(acknowledged[i], $"case {cases[i]}");
        }

        hongqi.Acknowledged.ShouldBe(acknowledged.Sum());
        hongqi.Acknowledged.ShouldBeGreaterThan(0);
        floor.Acknowledged.ShouldBeGreaterThan(0);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"clients {clients}, cases {cases.Count}, {seconds} s each; floor (one SQLite insert per request): {floor.Describe()}; " +
            $"HongqiFlow: {hongqi.Describe()}; HongqiFlow / floor: throughput {hongqi.PerSecond / floor.PerSecond:0.00}×, p50 {hongqi.P50 / floor.P50:0.00}×, p99 {hongqi.P99 / floor.P99:0.00}×; " +
            $"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "hongqi-server-load.txt"), report + Environment.NewLine);
    }

    /// <summary>
    /// <paramref name="clients"/> loops, each sending its next request when the last was answered, until
    /// <paramref name="duration"/> has passed; <paramref name="send"/> returns null when the request was acknowledged.
    /// </summary>
    private static async Task<Run> RunAsync(int clients, TimeSpan duration, Func<int, int, Task<string?>> send)
    {
        var errors = new List<string>();
        var latencies = new List<double>[clients];
        var acknowledged = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            await Task.Yield();
            latencies[client] = [];
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                var error = await send(client, n);
                latencies[client].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (error is null)
                {
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    lock (errors)
                    {
                        errors.Add(error);
                    }
                }
            }
        }));
        var elapsed = clock.Elapsed;
        return new Run(acknowledged, elapsed, [.. latencies.SelectMany(l => l).Order()], errors);
    }

    private sealed record Run(int Acknowledged, TimeSpan Elapsed, List<double> Latencies, List<string> Errors)
    {
        public double PerSecond => Acknowledged / Elapsed.TotalSeconds;

        public double P50 => Percentile(0.50);

        public double P99 => Percentile(0.99);

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Acknowledged} commands in {Elapsed.TotalSeconds:0.0} s, {PerSecond:0} commands/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, errors {Errors.Count}");

        private double Percentile(double p) => Latencies.Count == 0 ? 0 : Latencies[Math.Min(Latencies.Count - 1, (int)Math.Ceiling(p * Latencies.Count) - 1)];
    }
}
