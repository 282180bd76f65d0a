using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

/// <summary>Allocation per evaluation is deterministic enough to assert; time belongs to the benchmarks project.</summary>
public sealed class GuardCostTests
{
    private const int Evaluations = 200;

    [Fact]
    public void Evaluate_SimpleJavaScriptGuardOnAReusedEngine_AllocatesUnderTwoKilobytes()
    {
        var guard = Guards.Js("missing.length === 0");
        using var set = new GuardCompiler().Compile([guard]);

        AllocatedPerEvaluation(set.For(guard)).ShouldBeLessThan(2048);
    }

    [Fact]
    public void Evaluate_CSharpRule_AllocatesNothing()
    {
        var rule = Guards.CSharp("Missing.Count == 0 && !OpenObligations.Contains(\"supplement\")");
        using var set = new GuardCompiler().Compile([rule]);

        AllocatedPerEvaluation(set.For(rule)).ShouldBe(0);
    }

    private static long AllocatedPerEvaluation(IGuard guard)
    {
        var context = Guards.Context();
        for (var i = 0; i < 20; i++)
        {
            guard.Evaluate(context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Evaluations; i++)
        {
            guard.Evaluate(context);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Evaluations;
    }
}
