using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HongqiFlow.Benchmarks;
using HongqiFlow.Benchmarks.Runtime;

namespace HongqiFlow.Tests.Benchmarks;

/// <summary>
/// Runs each engine benchmark against its peer in its quick mode (<c>--quick --in-process</c>: 1 warmup, 3 iterations,
/// in this process), so a benchmark that no longer builds, sets up or reaches its final state fails here, not when
/// someone next measures. Timings on a shared machine say nothing and are not checked; what a case allocates is
/// deterministic and is (docs/benchmarks.md, "Engine against its peers").
/// </summary>
[Collection(nameof(RuntimeBenchmarkQuickTests))]
public sealed class RuntimeBenchmarkQuickTests
{
    [Fact]
    public void Transition_RunsBesideStatelessInQuickMode_AndAllocatesLessThanBefore()
    {
        var summary = RunQuick<TransitionBenchmarks>();

        // 1.66 KB per transition before the decision folded its events once (2026-12-07).
        AllocatedPerOperation(summary, nameof(TransitionBenchmarks.HongqiFlowDecide)).ShouldBeLessThan(1_500);
    }

    [Fact]
    public void StartToCompletion_RunsBesideWorkflowCoreInQuickMode_AndAllocatesLessThanBefore()
    {
        var summary = RunQuick<StartToCompletionBenchmarks>();

        // 5.43 KB per case before the decision folded its events once (2026-12-07).
        AllocatedPerOperation(summary, nameof(StartToCompletionBenchmarks.HongqiFlowDecideOneThread)).ShouldBeLessThan(4_600);
    }

    private static Summary RunQuick<T>()
    {
        Environment.SetEnvironmentVariable(RatioConfig.QuickVariable, "1");
        Environment.SetEnvironmentVariable(RatioConfig.InProcessVariable, "1");
        var config = ManualConfig.CreateMinimumViable()
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "hongqi-benchmark-quick", typeof(T).Name))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<T>(config);

        summary.HasCriticalValidationErrors.ShouldBeFalse(string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        summary.Reports.ShouldNotBeEmpty();
        summary.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name).ShouldBeEmpty();
        return summary;
    }

    private static double AllocatedPerOperation(Summary summary, string method)
    {
        var report = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        return report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? throw new InvalidOperationException($"{method}: no allocation measured");
    }
}
