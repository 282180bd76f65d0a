using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace HongqiFlow.Benchmarks;

/// <summary>
/// <see cref="RatioConfig"/>'s job with one invocation per iteration: each iteration gets a fresh host and store from
/// its iteration setup, so what one iteration leaves behind (completed instances) never slows the next.
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddJob(RatioConfig.CreateJob().WithInvocationCount(1).WithUnrollFactor(1));
    }
}
