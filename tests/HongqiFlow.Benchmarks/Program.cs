using BenchmarkDotNet.Running;

namespace HongqiFlow.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/HongqiFlow.Benchmarks -- --filter '*'</c>; any BenchmarkDotNet option
    /// works. <c>--quick</c> switches the peer comparisons to a short job, <c>--in-process</c> runs them in this process
    /// (see <see cref="RatioConfig"/>). <c>scale</c> runs the scaling benchmark instead (<see cref="Scale.ScaleBenchmark"/>).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scale")
        {
            // How cost grows with the number of cases (Scale/ScaleBenchmark.cs): not a BenchmarkDotNet run.
            return Scale.ScaleBenchmark.MainAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Contains("--quick", StringComparer.Ordinal))
        {
            Environment.SetEnvironmentVariable(RatioConfig.QuickVariable, "1");
            args = [.. args.Where(a => a != "--quick")];
        }

        if (args.Contains("--in-process", StringComparer.Ordinal))
        {
            Environment.SetEnvironmentVariable(RatioConfig.InProcessVariable, "1");
            args = [.. args.Where(a => a != "--in-process")];
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
