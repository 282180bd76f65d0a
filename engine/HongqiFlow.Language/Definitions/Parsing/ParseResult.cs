using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// What reading a file gave: the model (null when the structure is too broken to build one), every diagnostic
/// found, and where each document path was written.
/// </summary>
public sealed record ParseResult<T>(T? Model, IReadOnlyList<Diagnostic> Diagnostics, SourceMap SourceMap)
    where T : class
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The model when reading found no error; otherwise a <see cref="DefinitionException"/> with every diagnostic.</summary>
    public T ModelOrThrow() => !HasErrors && Model is not null ? Model : throw new DefinitionException(Diagnostics);
}
