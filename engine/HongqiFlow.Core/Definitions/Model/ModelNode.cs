using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Model;

/// <summary>Every node of a parsed definition knows where it was written: file, line, column and document path.</summary>
public abstract record ModelNode
{
    public SourceLocation At { get; init; } = SourceLocation.None;
}
