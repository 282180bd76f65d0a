using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Catalog;

/// <summary>One item file after reading and validation: the model when it read cleanly, and every diagnostic.</summary>
public sealed record CheckedDefinition(string File, string Text, ServiceItemDefinition? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    public bool IsValid => Model is not null && !HasErrors;
}
