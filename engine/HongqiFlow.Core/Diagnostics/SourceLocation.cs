namespace HongqiFlow.Diagnostics;

/// <summary>Where a node of a definition stands in its file: 1-based line and column, and its path in the document.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column, string Path)
{
    public static readonly SourceLocation None = new(string.Empty, 0, 0, string.Empty);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}
