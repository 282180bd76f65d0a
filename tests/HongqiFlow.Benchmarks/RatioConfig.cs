using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace HongqiFlow.Benchmarks;

/// <summary>
/// The job of the peer comparisons: enough iterations for the Ratio column to settle on a shared, noisy machine
/// (3 warmups, 10 measured iterations). With <c>--quick</c> (see <see cref="Program"/>) it becomes a ShortRun-style job
/// (1 warmup, 3 iterations) for checking that everything runs, not for numbers to record. With <c>--in-process</c> the
/// benchmarks run in the calling process instead of a generated and built one: on a loaded machine that build can time
/// out, and the tests that run each benchmark briefly (BenchmarkQuickTests) need no build at all.
/// </summary>
public sealed class RatioConfig : ManualConfig
{
    /// <summary>Set by <c>--quick</c>; read here and in the benchmark processes, which inherit the environment.</summary>
    public const string QuickVariable = "HONGQI_BENCH_QUICK";

    /// <summary>Set by <c>--in-process</c>.</summary>
    public const string InProcessVariable = "HONGQI_BENCH_IN_PROCESS";

    public RatioConfig()
    {
        AddJob(CreateJob());
    }

    public static bool IsQuick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    public static bool IsInProcess => Environment.GetEnvironmentVariable(InProcessVariable) == "1";

    public static Job CreateJob()
    {
        var job = IsQuick
            ? Job.ShortRun.WithId("Quick").WithWarmupCount(1).WithIterationCount(3)
            : Job.Default.WithId("Ratio").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
        return IsInProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;
    }
}
