using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Expressions;

/// <summary>Expressions as the parser produces them: code plus where its text starts in the YAML file.</summary>
internal static class Guards
{
    public const string File = "definitions/demo.yaml";

    public static ExpressionSource Js(string code, int line = 41, int column = 52, ExpressionQuoting quoting = ExpressionQuoting.Plain, int blockIndent = 0) =>
        Source(GuardLanguage.JavaScript, code, line, column, quoting, blockIndent);

    public static ExpressionSource CSharp(string code, int line = 41, int column = 52, ExpressionQuoting quoting = ExpressionQuoting.Plain, int blockIndent = 0) =>
        Source(GuardLanguage.CSharp, code, line, column, quoting, blockIndent);

    public static GuardContext Context(
        string[]? missing = null,
        string[]? open = null,
        Dictionary<string, object?>? data = null,
        Dictionary<string, object?>? applicant = null) => new()
    {
        Missing = missing ?? [],
        Submitted = ["application", "articles"],
        OpenObligations = open ?? [],
        Data = data ?? new Dictionary<string, object?>(),
        Applicant = applicant ?? new Dictionary<string, object?> { ["badCredit"] = false, ["kind"] = "enterprise" },
        Event = "accept",
        Role = "window",
        Channel = "online",
        State = "received",
    };

    public static bool Evaluate(this GuardCompiler compiler, ExpressionSource expression, GuardContext context)
    {
        using var set = compiler.Compile([expression]);
        return set.For(expression).Evaluate(context);
    }

    public static Diagnostic Single(this GuardCompiler compiler, ExpressionSource expression)
    {
        var diagnostics = compiler.Check([expression]);
        diagnostics.Count.ShouldBe(1, string.Join(Environment.NewLine, diagnostics));
        return diagnostics[0];
    }

    private static ExpressionSource Source(GuardLanguage language, string code, int line, int column, ExpressionQuoting quoting, int blockIndent) => new()
    {
        Language = language,
        Code = code,
        ContentLine = line,
        ContentColumn = column,
        Quoting = quoting,
        BlockIndentColumn = blockIndent,
        At = new SourceLocation(File, line, column, "/states/received/on/accept/when"),
    };
}
