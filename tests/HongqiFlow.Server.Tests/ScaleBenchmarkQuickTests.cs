using HongqiFlow.Benchmarks.Scale;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The scaling benchmark's quick run (docs/benchmarks.md § Scale): a small store seeded (real demonstration cases and
/// copies of them), the real <c>hongqi serve</c> started twice over it, every measure taken and printed.
/// </summary>
public sealed class ScaleBenchmarkQuickTests
{
    [Fact]
    public async Task ScaleBenchmark_QuickRun_MeasuresEveryRowAndPrintsTheTable()
    {
        var output = new StringWriter();
        var options = new ScaleOptions { Counts = [160], Template = 60, Samples = 5, Cli = ServeProcess.CliPath(), Out = output };

        var results = await ScaleBenchmark.RunAsync(options);
        ScaleBenchmark.Print(output, results);

        var measures = results.ShouldHaveSingleItem().Measures;
        measures.Select(m => m.Name).ShouldBe(
        [
            "first start over the seeded store (upgrade: projection built)", "ready and warm",
            "restart: /health/ready answers", "restart: running cases' records read (logged at)", "restart: reading the running cases (its own time)",
            "restart: indicator projection caught up (logged at)", "restart: the projection's catch-up (its own time)", "baseline: ready and warm over an empty store",
            "restart: notifications pending at the restart", "restart: timers due at the restart", "memory after start", "metrics, cold (first request)", "metrics, warm",
            "worklist (market-regulation)", "search by receipt", "search by applicant (name)", "case start", "one event (accept)", "metrics, warm after the commands",
            "memory after the measures", "store size", "store size per case",
        ]);
        // What the restart finds pending may be nothing; everything else is a time or a size.
        measures.Where(m => m.Unit is not ("messages" or "timers" or "ms (logged)")).ShouldAllBe(m => m.P50 > 0);
        measures.Where(m => m.Unit is "messages" or "timers" or "ms (logged)").ShouldAllBe(m => m.P50 >= 0);
        output.ToString().ShouldContain("| measure | unit | 160 cases |");
    }
}
