using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Where one document path was written: its key (for list items and the root, the value itself) and its value.</summary>
public readonly record struct SourceMapEntry(SourceLocation Key, SourceLocation Value);
