using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// A bounded loopback load test against the real process: concurrent clients alternate procedure-start and
/// procedure-end (特别程序, the clock pauses and resumes) on many accepted cases for a fixed time. Zero errors are
/// allowed, and every case's history holds exactly one command event per acknowledged command. 10 s by default;
/// HONGQI_LOAD_SECONDS sets another duration (docs/benchmarks.md records a 30 s run), HONGQI_LOAD_CLIENTS the clients.
/// </summary>
[Collection(ServeProcessCollection.Name)]
public sealed class ServeLoadTests(ServeProcess serve, ITestOutputHelper output)
{
    [Fact]
    public async Task Load_ConcurrentClients_ZeroErrorsAndHistoryMatchesAcknowledgements()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HONGQI_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;
        var clients = int.TryParse(Environment.GetEnvironmentVariable("HONGQI_LOAD_CLIENTS"), CultureInfo.InvariantCulture, out var c) ? c : 32;
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

        var acknowledged = new int[cases.Count];
        var errors = new List<string>();
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            latencies[client] = [];
            // A special procedure is the lead's (or the current step's department's): market regulation leads 企业开办.
            using var http = serve.Client("department:market-regulation", $"load-{client}");
            var paused = new bool[CasesPerClient];
            for (var n = 0; clock.Elapsed < deadline; n++)
            {
                var slot = n % CasesPerClient;
                var index = client * CasesPerClient + slot;
                object body = paused[slot] ? new { @event = "procedure-end" } : new { @event = "procedure-start", payload = new { procedure = "name-verification" } };
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostJson($"/api/cases/{cases[index]}/events", body, $"load-{client}-{n}");
                latencies[client].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[index]++;
                    paused[slot] = !paused[slot];
                }
                else
                {
                    var text = await response.Content.ReadAsStringAsync();
                    lock (errors)
                    {
                        errors.Add($"{cases[index]}: {(int)response.StatusCode} {text}");
                    }
                }
            }
        }));
        var elapsed = clock.Elapsed;

        errors.ShouldBeEmpty();
        for (var i = 0; i < cases.Count; i++)
        {
            var history = await (await window.GetAsync($"/api/cases/{cases[i]}/history")).Json();
            var commands = history.EnumerateArray().Count(e => e.GetProperty("type").GetString() is "procedure-start" or "procedure-end");
            commands.ShouldBe(acknowledged[i], $"case {cases[i]}");
        }

        var all = latencies.SelectMany(l => l).Order().ToList();
        var total = acknowledged.Sum();
        total.ShouldBeGreaterThan(0);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"clients {clients}, cases {cases.Count}, {elapsed.TotalSeconds:0.0} s, commands {total}, {total / elapsed.TotalSeconds:0} commands/s, p50 {Percentile(all, 0.50):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "hongqi-server-load.txt"), report + Environment.NewLine);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
