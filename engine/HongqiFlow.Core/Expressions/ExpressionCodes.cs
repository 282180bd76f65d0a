namespace HongqiFlow.Expressions;

/// <summary>Stable diagnostic codes of expressions, documented in docs/diagnostics/expressions.md.</summary>
internal static class ExpressionCodes
{
    /// <summary>A guard has no code.</summary>
    public const string Empty = "HQ3001";

    /// <summary>A JavaScript guard does not parse.</summary>
    public const string JavaScriptSyntax = "HQ3002";

    /// <summary>A JavaScript guard names something a guard cannot see.</summary>
    public const string JavaScriptUnknownName = "HQ3003";

    /// <summary>A C# rule does not parse as one expression.</summary>
    public const string CSharpSyntax = "HQ3004";

    /// <summary>A C# rule does not compile (unknown member, wrong type, not a bool).</summary>
    public const string CSharpCompile = "HQ3005";

    /// <summary>A C# rule uses an API outside the allow-list.</summary>
    public const string CSharpForbidden = "HQ3006";

    /// <summary>A guard cannot finish within the sandbox's limits even on an empty case (found by running it once at validation).</summary>
    public const string CannotFinish = "HQ3007";
}
