using System.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

public sealed class JavaScriptGuardEvaluationTests
{
    private readonly GuardCompiler _compiler = new();

    /// <summary>The default limits with a time limit no loaded machine reaches first, for the tests of the other limits.</summary>
    private readonly GuardCompiler _beforeTheTimeLimit = new(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(30) });

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "premises" }, false)]
    public void Evaluate_AcceptWhenNothingMissing_FollowsTheMaterials(string[] missing, bool expected)
    {
        _compiler.Evaluate(Guards.Js("missing.length === 0"), Guards.Context(missing)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "supplement" }, false)]
    public void Evaluate_IssueWhileSupplementOpen_IsBlocked(string[] open, bool expected)
    {
        _compiler.Evaluate(Guards.Js("!obligations.open('supplement')"), Guards.Context(open: open)).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_GuardOverDataApplicantAndStrings_SeesTheWholeContext()
    {
        var guard = Guards.Js("""
            data.company.capital >= 100000 && data.company.shareholders.length === 2
              && !applicant.badCredit && applicant.kind === 'enterprise'
              && event === 'accept' && role === 'window' && channel === 'online' && state === 'received'
              && submitted.includes('articles')
            """);
        var data = new Dictionary<string, object?>
        {
            ["company"] = new Dictionary<string, object?> { ["capital"] = 150000m, ["shareholders"] = new[] { "张三", "李四" } },
        };

        _compiler.Evaluate(guard, Guards.Context(data: data)).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_NonBoolean_FailsInsteadOfCoercing()
    {
        var ex = Should.Throw<ExpressionException>(() => _compiler.Evaluate(Guards.Js("missing.length"), Guards.Context()));

        ex.Location.Line.ShouldBe(41);
        ex.Location.Column.ShouldBe(52);
        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard gave the number 0, not true or false; guards are not converted to booleans, so write a condition such as \"missing.length === 0\"");
    }

    [Fact]
    public void Evaluate_GuardThrows_CarriesTheJavaScriptMessageAndPosition()
    {
        var ex = Should.Throw<ExpressionException>(() =>
            _compiler.Evaluate(Guards.Js("data.company.capital > 0"), Guards.Context()));

        ex.Message.ShouldStartWith("definitions/demo.yaml:41:");
        ex.Message.ShouldContain("the guard threw: ");
        ex.Message.ShouldContain("capital");
    }

    [Fact]
    public void Evaluate_EndlessLoop_FailsFastAtTheStatementLimit()
    {
        var watch = Stopwatch.StartNew();
        var ex = Should.Throw<ExpressionException>(() => _beforeTheTimeLimit.Evaluate(Guards.Js("while (true) {}"), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard ran more than 10000 statements (an endless loop?)");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Evaluate_EndlessLoopWithoutStatementLimit_StopsAtTheTimeout()
    {
        var compiler = new GuardCompiler(ExpressionLimits.Default with { MaxStatements = 0, Timeout = TimeSpan.FromMilliseconds(50) });
        var watch = Stopwatch.StartNew();

        var ex = Should.Throw<ExpressionException>(() => compiler.Evaluate(Guards.Js("while (true) {}"), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard ran longer than 50 ms");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Evaluate_DeepRecursion_FailsAtTheRecursionLimit()
    {
        var ex = Should.Throw<ExpressionException>(() =>
            _beforeTheTimeLimit.Evaluate(Guards.Js("(function down(n) { return down(n + 1); })(0)"), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard nested calls deeper than 64 (endless recursion?)");
    }

    [Theory]
    [InlineData("(() => { let s = 'x'; while (true) { s = s + s; } })()")]
    [InlineData("'x'.repeat(1e8).length > 0")]
    [InlineData("JSON.stringify(Array(1e6).fill('abcdef')).length > 0")]
    public void Evaluate_MemoryBomb_FailsAtTheMemoryLimit(string code)
    {
        // A generous time limit, so the memory limit is what stops the guard even on a busy machine.
        var compiler = new GuardCompiler(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(10) });

        var ex = Should.Throw<ExpressionException>(() => compiler.Evaluate(Guards.Js(code), Guards.Context()));

        ex.Message.ShouldBe("definitions/demo.yaml:41:52: the guard allocated more than 4096 KB");
    }

    [Fact]
    public void Evaluate_HostIsUnreachable_NoClrNoStringCompilation()
    {
        var context = Guards.Context();
        _compiler.Evaluate(
            Guards.Js("['Sys' + 'tem', 'importNamespace', 'host', 'clrHelper', 'Date'].every(n => globalThis[n] === undefined)"),
            context).ShouldBeTrue();

        var ex = Should.Throw<ExpressionException>(() =>
            _compiler.Evaluate(Guards.Js("[].constructor.constructor('return this')() !== null"), context));
        ex.Message.ShouldContain("String compilation has been disabled");
    }

    [Fact]
    public void Evaluate_MathRandom_IsRefusedSoReplayGivesTheSameAnswer()
    {
        var ex = Should.Throw<ExpressionException>(() => _compiler.Evaluate(Guards.Js("Math.random() < 2"), Guards.Context()));

        ex.Message.ShouldContain("Math.random is not available in a guard");
    }

    [Fact]
    public void Evaluate_GuardThatChangesGlobalsOrBuiltIns_LeavesNothingForTheNext()
    {
        var polluters = new[]
        {
            Guards.Js("(globalThis.leak = 1) === 1", line: 10),
            Guards.Js("(Array.prototype.includes = () => true) !== null", line: 11),
            Guards.Js("(obligations.open = () => true) !== null", line: 12),
        };
        var probe = Guards.Js("typeof globalThis.leak === 'undefined' && !missing.includes('x') && !obligations.open('supplement')", line: 13);
        var counter = Guards.Js("const n = missing.push('x'); n === 1", line: 14);
        using var set = _compiler.Compile([.. polluters, probe, counter]);
        var context = Guards.Context();

        foreach (var polluter in polluters)
        {
            Should.Throw<ExpressionException>(() => set.For(polluter).Evaluate(context)).Message.ShouldContain("read only");
        }

        set.For(counter).Evaluate(context).ShouldBeTrue();
        set.For(counter).Evaluate(context).ShouldBeTrue();
        set.For(probe).Evaluate(context).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_SameGuardOnManyThreads_EachSeesItsOwnContext()
    {
        var guard = Guards.Js("missing.length === 0 && data.n % 2 === 0");
        using var set = _compiler.Compile([guard]);
        var prepared = set.For(guard);
        var results = new bool[400];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var context = Guards.Context(
                missing: i % 3 == 0 ? ["premises"] : [],
                data: new Dictionary<string, object?> { ["n"] = i });
            results[i] = prepared.Evaluate(context);
        });

        results.Select((r, i) => r == (i % 3 != 0 && i % 2 == 0)).ShouldAllBe(ok => ok);
    }

    [Fact]
    public void Evaluate_FailedEvaluation_DoesNotCorruptTheNextOne()
    {
        var loop = Guards.Js("while (true) {}", line: 1);
        var ok = Guards.Js("missing.length === 0", line: 2);
        using var set = _compiler.Compile([loop, ok]);

        Should.Throw<ExpressionException>(() => set.For(loop).Evaluate(Guards.Context()));

        set.For(ok).Evaluate(Guards.Context()).ShouldBeTrue();
    }

    [Fact]
    public void For_ExpressionOfAnotherDefinition_IsRefused()
    {
        using var set = _compiler.Compile([Guards.Js("missing.length === 0")]);

        Should.Throw<ArgumentException>(() => set.For(Guards.Js("missing.length === 1")));
    }
}
