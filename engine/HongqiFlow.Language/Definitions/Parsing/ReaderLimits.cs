namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// Bounds that keep a hostile or broken file from exhausting the reader: size, nesting, and how many nodes
/// aliases may add (a "billion laughs" document multiplies nodes through nested aliases).
/// </summary>
public sealed record ReaderLimits
{
    public static ReaderLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes of UTF-8. 1 MiB is far above any real service item.</summary>
    public long MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of maps and lists; real definitions stay under 12.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes that alias references may add to the document once expanded.</summary>
    public long MaxAliasNodes { get; init; } = 10_000;
}
