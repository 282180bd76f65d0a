using HongqiFlow.Definitions.Model;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

public sealed class JavaScriptGuardCheckTests
{
    private readonly GuardCompiler _compiler = new();

    [Fact]
    public void Check_ValidGuard_ReportsNothing()
    {
        _compiler.Check([Guards.Js("missing.length === 0 && !obligations.open('supplement')")]).ShouldBeEmpty();
    }

    [Fact]
    public void Check_SyntaxErrorInPlainScalar_PointsAtTheTokenInTheYamlLine()
    {
        // when: missing.length === 0 &&& !applicant.badCredit     (code starts at column 52)
        var diagnostic = _compiler.Single(Guards.Js("missing.length === 0 &&& !applicant.badCredit"));

        diagnostic.Code.ShouldBe("HQ3002");
        diagnostic.Location.File.ShouldBe(Guards.File);
        diagnostic.Location.Line.ShouldBe(41);
        diagnostic.Location.Column.ShouldBe(52 + 23);
        diagnostic.Message.ShouldBe("the JavaScript guard does not parse: Unexpected token '&'");
    }

    [Fact]
    public void Check_SyntaxErrorInDoubleQuotedScalar_CountsEscapedQuotes()
    {
        // when: "applicant.kind === \"企业\" &&& true"   — two escaped quotes before the error take two extra columns
        var diagnostic = _compiler.Single(Guards.Js("applicant.kind === \"企业\" &&& true", quoting: ExpressionQuoting.DoubleQuoted));

        diagnostic.Code.ShouldBe("HQ3002");
        diagnostic.Location.Line.ShouldBe(41);
        diagnostic.Location.Column.ShouldBe(52 + 26 + 2);
    }

    [Fact]
    public void Check_SyntaxErrorOnSecondLineOfBlockScalar_UsesTheBlockIndent()
    {
        // when: |
        //   missing.length === 0 &&
        //     !obligations.open('supplement') )
        var code = "missing.length === 0 &&\n  !obligations.open('supplement') )\n";
        var diagnostic = _compiler.Single(Guards.Js(code, line: 42, column: 11, blockIndent: 11));

        diagnostic.Code.ShouldBe("HQ3002");
        diagnostic.Location.Line.ShouldBe(43);
        diagnostic.Location.Column.ShouldBe(11 + 34);
        diagnostic.Message.ShouldBe("the JavaScript guard does not parse: Unexpected token ')'");
    }

    [Fact]
    public void Check_UnexpectedEnd_PointsJustAfterTheLastCharacter()
    {
        var diagnostic = _compiler.Single(Guards.Js("missing.length ==="));

        diagnostic.Code.ShouldBe("HQ3002");
        diagnostic.Location.Column.ShouldBe(52 + 18);
    }

    [Fact]
    public void Check_MisspelledContextName_SuggestsTheRightOne()
    {
        var diagnostic = _compiler.Single(Guards.Js("submitted.length > 0 && mising.length === 0"));

        diagnostic.Code.ShouldBe("HQ3003");
        diagnostic.Location.Column.ShouldBe(52 + 24);
        diagnostic.Fix.ShouldBe("did you mean 'missing'?");
    }

    [Fact]
    public void Check_HostObjects_AreUnknownNames()
    {
        var diagnostic = _compiler.Single(Guards.Js("System.IO.File.ReadAllText('/etc/passwd') !== ''"));

        diagnostic.Code.ShouldBe("HQ3003");
        diagnostic.Location.Column.ShouldBe(52);
        diagnostic.Message.ShouldStartWith("a guard cannot see 'System'");
    }

    [Fact]
    public void Check_Date_IsWithheldBecauseReplayMustGiveTheSameAnswer()
    {
        var diagnostic = _compiler.Single(Guards.Js("Date.now() > 0"));

        diagnostic.Code.ShouldBe("HQ3003");
        diagnostic.Message.ShouldStartWith("'Date' is not available in a guard: a guard must give the same answer when a case is replayed");
    }

    [Fact]
    public void Check_EmptyGuard_IsReported()
    {
        _compiler.Single(Guards.Js("  ")).Code.ShouldBe("HQ3001");
    }

    [Fact]
    public void Check_SeveralBadGuards_ReportsEveryOneSortedByPosition()
    {
        var diagnostics = _compiler.Check(
        [
            Guards.Js("missing.length ===", line: 50),
            Guards.Js("missing.length === 0"),
            Guards.CSharp("Missing.Count ==", line: 45),
            Guards.Js("mising.length === 0", line: 30),
        ]);

        diagnostics.Select(d => (d.Code, d.Location.Line)).ShouldBe([("HQ3003", 30), ("HQ3004", 45), ("HQ3002", 50)]);
    }

    [Fact]
    public void Compile_BadGuard_ThrowsWithEveryDiagnostic()
    {
        var ex = Should.Throw<HongqiFlow.Diagnostics.DefinitionException>(() =>
            _compiler.Compile([Guards.Js("missing.length ==="), Guards.Js("mising.length === 0", line: 60)]));

        ex.Diagnostics.Select(d => d.Code).ShouldBe(["HQ3002", "HQ3003"]);
    }
}
