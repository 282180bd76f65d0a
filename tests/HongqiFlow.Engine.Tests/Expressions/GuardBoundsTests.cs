using System.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

/// <summary>A guard or rule ends within the sandbox's limits whatever it is written to do, and one that cannot is found at validation.</summary>
public sealed class GuardBoundsTests
{
    private const string CatastrophicRegex = "/^(a+)+$/.test('a'.repeat(34) + '!')";

    private readonly GuardCompiler _compiler = new();

    [Fact]
    public void Evaluate_CatastrophicRegularExpression_StopsAtTheGuardsTimeLimit()
    {
        var watch = Stopwatch.StartNew();

        var ex = Should.Throw<ExpressionException>(() => _compiler.Evaluate(Guards.Js(CatastrophicRegex), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard ran longer than 200 ms");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Evaluate_RegularExpressionBuiltAtRunTime_StopsAtTheGuardsTimeLimit()
    {
        var compiler = new GuardCompiler(ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) });
        var watch = Stopwatch.StartNew();

        var ex = Should.Throw<ExpressionException>(() =>
            compiler.Evaluate(Guards.Js("new RegExp('^(a|aa)+$').test('a'.repeat(60) + 'b')"), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard ran longer than 100 ms");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Evaluate_OrdinaryRegularExpression_StillWorks()
    {
        _compiler.Evaluate(Guards.Js("/^[0-9]{18}$/.test(data.id)"), Guards.Context(data: new() { ["id"] = "110101199003074518" })).ShouldBeTrue();
    }
}
