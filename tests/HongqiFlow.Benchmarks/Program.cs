using BenchmarkDotNet.Running;

namespace HongqiFlow.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/HongqiFlow.Benchmarks -- --filter '*'</c>; any BenchmarkDotNet option
    /// works. <c>--quick</c> switches the peer comparisons to a short job, <c>--in-process</c> runs them in this process
    /// (see <see cref="RatioConfig"/>).
    /// </summary>
    public static void Main(string[] args)
    {
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
    }
}
