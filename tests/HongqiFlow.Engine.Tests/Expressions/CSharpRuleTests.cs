using System.Runtime.CompilerServices;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

public sealed class CSharpRuleTests
{
    private readonly GuardCompiler _compiler = new();

    [Theory]
    [InlineData(new string[0], new string[0], true)]
    [InlineData(new[] { "premises" }, new string[0], false)]
    [InlineData(new string[0], new[] { "supplement" }, false)]
    public void Evaluate_RealisticRule_FollowsTheContext(string[] missing, string[] open, bool expected)
    {
        var rule = Guards.CSharp("Missing.Count == 0 && !OpenObligations.Contains(\"supplement\")");

        _compiler.Evaluate(rule, Guards.Context(missing, open)).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_RuleOverDataWithLinqAndDecimal_SeesTheWholeContext()
    {
        var rule = Guards.CSharp(
            "(decimal)Data[\"capital\"] >= 100000m && Submitted.Any(m => m.StartsWith(\"art\", StringComparison.Ordinal))"
            + " && !(bool)Applicant[\"badCredit\"] && Event == \"accept\" && Role == \"window\" && Math.Max(1, 2) == 2");

        _compiler.Evaluate(rule, Guards.Context(data: new Dictionary<string, object?> { ["capital"] = 150000m })).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_RuleThrows_IsLocated()
    {
        var ex = Should.Throw<ExpressionException>(() => _compiler.Evaluate(Guards.CSharp("(decimal)Data[\"capital\"] > 0m"), Guards.Context()));

        ex.Location.Line.ShouldBe(41);
        ex.Location.Column.ShouldBe(52);
        ex.Message.ShouldStartWith("definitions/demo.yaml:41:52: the rule threw KeyNotFoundException");
    }

    [Fact]
    public void Check_SyntaxErrorInDoubleQuotedScalar_CountsEscapedQuotes()
    {
        // csharp: "Missing.Count == 0 && !OpenObligations.Contains(\"supplement\""
        var diagnostic = _compiler.Single(Guards.CSharp("Missing.Count == 0 && !OpenObligations.Contains(\"supplement\"", quoting: ExpressionQuoting.DoubleQuoted));

        diagnostic.Code.ShouldBe("HQ3004");
        diagnostic.Location.Line.ShouldBe(41);
        diagnostic.Location.Column.ShouldBe(52 + 62);
        diagnostic.Message.ShouldBe("the C# rule does not parse: ) expected (CS1026)");
    }

    [Fact]
    public void Check_SyntaxErrorInPlainScalar_PointsAtTheToken()
    {
        var diagnostic = _compiler.Single(Guards.CSharp("Missing.Count == 0 ; return true"));

        diagnostic.Code.ShouldBe("HQ3004");
        diagnostic.Location.Column.ShouldBe(52 + 19);
    }

    [Fact]
    public void Check_CompileErrorOnSecondLineOfBlockScalar_UsesTheBlockIndent()
    {
        // csharp: |
        //   Missing.Count == 0 &&
        //     Tolerated.Lenght == 0
        var diagnostic = _compiler.Single(Guards.CSharp("Missing.Count == 0 &&\n  Tolerated.Lenght == 0\n", line: 42, column: 11, blockIndent: 11));

        diagnostic.Code.ShouldBe("HQ3005");
        diagnostic.Location.Line.ShouldBe(43);
        diagnostic.Location.Column.ShouldBe(11 + 12);
        diagnostic.Message.ShouldContain("'Lenght'");
    }

    [Fact]
    public void Check_RuleThatIsNotBoolean_IsACompileError()
    {
        var diagnostic = _compiler.Single(Guards.CSharp("Missing.Count"));

        diagnostic.Code.ShouldBe("HQ3005");
        diagnostic.Message.ShouldContain("CS0029");
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\") == \"\"", 7, "'System.IO'")]
    [InlineData("typeof(string).Assembly != null", 0, "'typeof'")]
    [InlineData("\"\".GetType().Assembly != null", 3, "'object.GetType'")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\") != null", 7, "'System.Diagnostics'")]
    [InlineData("new System.Net.Http.HttpClient() != null", 11, "'System.Net'")]
    [InlineData("Missing.Count == 0 || Environment.Exit(1) == null", 22, "'System.Environment'")]
    [InlineData("Missing.Count == 0 && DateTimeOffset.Now.Year > 2000", 37, "'DateTimeOffset.Now'")]
    [InlineData("System.Threading.Thread.CurrentThread != null", 7, "'System.Threading'")]
    [InlineData("((System.Collections.Generic.Dictionary<string, object>)Data).Remove(\"x\")", 29, "'System.Collections.Generic.Dictionary<string, object>'")]
    public void Check_ForbiddenApi_IsRejectedWhereItIsWritten(string code, int column, string named)
    {
        var diagnostic = _compiler.Single(Guards.CSharp(code));

        diagnostic.Code.ShouldBe("HQ3006");
        diagnostic.Location.Line.ShouldBe(41);
        diagnostic.Location.Column.ShouldBe(52 + column);
        diagnostic.Message.ShouldContain(named);
    }

    [Fact]
    public void Check_RuleCannotEscapeItsMethod()
    {
        var diagnostic = _compiler.Single(Guards.CSharp("true); } public static void X() { System.IO.File.Delete(\"x\"); } static bool Y() { return (true"));

        diagnostic.Code.ShouldBe("HQ3004");
    }

    [Fact]
    public void Compile_ManyRules_CompiledOnceIntoOneSet()
    {
        var rules = Enumerable.Range(0, 5).Select(i => Guards.CSharp($"Missing.Count == {i}", line: 100 + i)).ToList();
        using var set = _compiler.Compile(rules);

        rules.Select(r => set.For(r).Evaluate(Guards.Context(["a", "b"]))).ShouldBe([false, false, true, false, false]);
    }

    [Fact]
    public void Dispose_CompiledRules_UnloadsTheirLoadContext()
    {
        var contexts = Enumerable.Range(0, 3).Select(CompileEvaluateAndDispose).ToList();

        for (var attempt = 0; attempt < 20 && contexts.Exists(c => c.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        contexts.ShouldAllBe(c => !c.IsAlive);
    }

    [Fact]
    public void Evaluate_AfterDispose_IsRefused()
    {
        var rule = Guards.CSharp("Missing.Count == 0");
        var set = _compiler.Compile([rule]);
        var guard = set.For(rule);
        set.Dispose();

        Should.Throw<ObjectDisposedException>(() => guard.Evaluate(Guards.Context()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference CompileEvaluateAndDispose(int version)
    {
        var rule = Guards.CSharp($"Missing.Count == {version}");
        var set = (PreparedGuardSet)_compiler.Compile([rule]);
        set.For(rule).Evaluate(Guards.Context()).ShouldBe(version == 0);
        var context = set.RulesLoadContext!;
        set.Dispose();
        return context;
    }
}
