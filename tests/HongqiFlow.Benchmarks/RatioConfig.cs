using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace HongqiFlow.Benchmarks;

/// <summary>
/// The job of the peer comparisons: enough iterations for the Ratio column to settle on a shared, noisy machine
/// (3 warmups, 10 measured iterations). With <c>--quick</c> (see <see cref="Program"/>) it becomes a ShortRun-style job
/// (1 warmup, 3 iterations) for checking that everything runs, not for numbers to record.
/// </summary>
public sealed class RatioConfig : ManualConfig
{
    /// <summary>Set by <c>--quick</c>; read here and in the benchmark processes, which inherit the environment.</summary>
    public const string QuickVariable = "HONGQI_BENCH_QUICK";

    public RatioConfig()
    {
        AddJob(CreateJob());
    }

    public static bool IsQuick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    public static Job CreateJob() => IsQuick
        ? Job.ShortRun.WithId("Quick").WithWarmupCount(1).WithIterationCount(3)
        : Job.Default.WithId("Ratio").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
}
