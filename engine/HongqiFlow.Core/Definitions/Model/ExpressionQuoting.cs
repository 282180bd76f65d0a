namespace HongqiFlow.Definitions.Model;

/// <summary>The YAML scalar style an expression was written in.</summary>
public enum ExpressionQuoting
{
    /// <summary>Plain (unquoted) or a block scalar (<c>|</c>): the code is the file's text.</summary>
    Plain,

    /// <summary><c>'...'</c>: a quote is written twice.</summary>
    SingleQuoted,

    /// <summary><c>"..."</c>: a quote, a backslash and control characters are written as escapes.</summary>
    DoubleQuoted,
}
