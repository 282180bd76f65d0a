using System.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

/// <summary>A guard or rule ends within the sandbox's limits whatever it is written to do, and one that cannot is found at validation.</summary>
public sealed class GuardBoundsTests
{
    private const string CatastrophicRegex = "/^(a+)+$/.test('a'.repeat(34) + '!')";

    private readonly GuardCompiler _compiler = new();

    /// <summary>The default limits with a time limit no loaded machine reaches first, for the tests of the other limits.</summary>
    private readonly GuardCompiler _beforeTheTimeLimit = new(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(30) });

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

    [Theory]
    [InlineData("Enumerable.Range(0, int.MaxValue).Count() > 0", 11, "'Enumerable.Range'")]
    [InlineData("Enumerable.Repeat(\"a\", int.MaxValue).Any(x => x == \"b\")", 11, "'Enumerable.Repeat'")]
    [InlineData("\"a\".PadLeft(int.MaxValue).Length > 0", 4, "'string.PadLeft'")]
    [InlineData("new string('a', int.MaxValue).Length > 0", 4, "'new string(…)'")]
    [InlineData("new int[Missing.Count * 1000000].Any()", 0, "'new T[n]'")]
    [InlineData("Missing.Any(m => { while (true) { } })", 12, "a lambda in a rule is one expression")]
    [InlineData("Missing.Any(delegate (string m) { for (;;) { } })", 12, "a lambda in a rule is one expression")]
    public void Check_UnboundedSourceOrLoop_IsRefusedWhereItIsWritten(string code, int column, string named)
    {
        var diagnostic = _compiler.Single(Guards.CSharp(code));

        diagnostic.Code.ShouldBe("HQ3006");
        diagnostic.Location.Column.ShouldBe(52 + column);
        diagnostic.Message.ShouldContain(named);
    }

    [Theory]
    [InlineData("((Func<object, bool>)(f => ((Func<object, bool>)f)(f)))((Func<object, bool>)(f => ((Func<object, bool>)f)(f)))")]
    [InlineData("Data[\"f\"] is Func<object, bool> f && f(f)")]
    [InlineData("new object[] { 1 }.OfType<Func<object, bool>>().Any(f => new object[] { f }.Any(f))")]
    public void Check_FunctionValueThatCouldCallItself_IsRefused(string code)
    {
        var diagnostics = _compiler.Check([Guards.CSharp(code)]);

        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.Code == "HQ3006");
        diagnostics.ShouldContain(d => d.Message.Contains("function value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Missing.Count == 0 && Submitted.All(s => s.Length > 0)", true)]
    [InlineData("(from s in Submitted where s.StartsWith(\"a\") select s.ToUpperInvariant()).Contains(\"APPLICATION\")", true)]
    [InlineData("Submitted.Select(s => s?.Trim()).OrderBy(s => s).First() == \"application\"", true)]
    [InlineData("int.TryParse(\"12\", out var n) && n == 12", true)]
    [InlineData("Submitted.Select(s => new { s, s.Length }).Sum(x => x.Length) == 19", true)]
    [InlineData("Submitted.Any(s => s == null)", false)]
    public void Evaluate_OrdinaryRules_StillWorkUnderTheBudget(string code, bool expected)
    {
        _compiler.Evaluate(Guards.CSharp(code), Guards.Context()).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_RuleWhoseWorkExplodesOverTheContext_StopsAtTheTimeLimit()
    {
        // 300⁴ tuples: hours of work without the limit. Only the rule's run is timed, not its compilation.
        var items = Enumerable.Range(0, 300).Select(i => (object?)("m" + i)).ToList();
        var context = Guards.Context(data: new() { ["items"] = items });
        var rule = Guards.CSharp(
            "((IEnumerable<object>)Data[\"items\"]).SelectMany(a => ((IEnumerable<object>)Data[\"items\"]).SelectMany(b => ((IEnumerable<object>)Data[\"items\"]).SelectMany(c => ((IEnumerable<object>)Data[\"items\"]).Select(d => (a, b, c, d))))).Count(t => t.a == t.d) < 0");
        var compiler = new GuardCompiler(ExpressionLimits.Default with { MaxStatements = 0 });
        using var set = compiler.Compile([rule]);
        var guard = set.For(rule);
        var watch = Stopwatch.StartNew();

        var ex = Should.Throw<ExpressionException>(() => guard.Evaluate(context));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the rule ran longer than 200 ms");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Evaluate_RuleOverItsSteps_StopsAtTheStepLimit()
    {
        var items = Enumerable.Range(0, 200).Select(i => (object?)i).ToList();
        var context = Guards.Context(data: new() { ["items"] = items });
        var rule = Guards.CSharp("((IEnumerable<object>)Data[\"items\"]).SelectMany(a => ((IEnumerable<object>)Data[\"items\"]).Select(b => a)).Count() < 0");
        var compiler = new GuardCompiler(ExpressionLimits.Default with { MaxStatements = 100, Timeout = TimeSpan.FromSeconds(10) });

        var ex = Should.Throw<ExpressionException>(() => compiler.Evaluate(rule, context));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the rule took more than 10000 steps");
    }

    [Fact]
    public void Evaluate_RuleThatAllocatesBeyondTheLimit_StopsAtTheMemoryLimit()
    {
        var items = Enumerable.Range(0, 600).Select(i => (object?)("m" + i)).ToList();
        var context = Guards.Context(data: new() { ["items"] = items });
        var rule = Guards.CSharp(
            "((IEnumerable<object>)Data[\"items\"]).SelectMany(a => ((IEnumerable<object>)Data[\"items\"]).Select(b => a.ToString() + b.ToString())).ToArray().Count() < 0");
        var compiler = new GuardCompiler(ExpressionLimits.Default with { MaxStatements = 0, Timeout = TimeSpan.FromSeconds(10) });

        var ex = Should.Throw<ExpressionException>(() => compiler.Evaluate(rule, context));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the rule allocated more than 4096 KB");
    }

    [Theory]
    [InlineData(CatastrophicRegex, "runs longer than 200 ms")]
    [InlineData("(() => { while (true) {} })()", "runs more than 10000 statements")]
    [InlineData("(function down(n) { return down(n + 1); })(0)", "nests calls deeper than 64")]
    [InlineData("'x'.repeat(1e8).length > 0", "allocates more than 4096 KB")]
    public void Check_GuardThatCannotFinish_IsReportedAtValidation(string code, string reason)
    {
        var compiler = reason.EndsWith(" ms", StringComparison.Ordinal) ? _compiler : _beforeTheTimeLimit;
        var diagnostic = compiler.Single(Guards.Js(code));

        diagnostic.Code.ShouldBe("HQ3007");
        diagnostic.Severity.ShouldBe(HongqiFlow.Diagnostics.Severity.Error);
        diagnostic.Location.Line.ShouldBe(41);
        diagnostic.Location.Column.ShouldBe(52);
        diagnostic.Message.ShouldBe($"the guard cannot finish within the sandbox's limits: on an empty case it {reason}");
        diagnostic.MessageZh.ShouldNotBeNull().ShouldStartWith("条件无法在沙箱限制内完成");
    }

    [Theory]
    [InlineData("data.company.capital > 100000")]
    [InlineData("missing.length === 0 && !obligations.open('supplement')")]
    public void Check_GuardThatNeedsACasesData_IsNotAFinding(string code)
    {
        _compiler.Check([Guards.Js(code)]).ShouldBeEmpty();
    }
}
