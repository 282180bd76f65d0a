using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>An expression failed at run time (limit exceeded, error thrown, not a boolean); says where it was written.</summary>
public sealed class ExpressionException : HongqiFlowException
{
    public ExpressionException(string message, SourceLocation location, Exception? inner = null)
        : base($"{location}: {message}", inner ?? new InvalidOperationException(message))
    {
        Location = location;
    }

    public SourceLocation Location { get; }
}
