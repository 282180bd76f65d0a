using HongqiFlow.Diagnostics;

namespace HongqiFlow.Runtime;

/// <summary>
/// Why a command was refused, for the clerk in Chinese (<see cref="Reason"/>) and English (<see cref="ReasonEnglish"/>),
/// with a stable code (HQ6xxx, docs/diagnostics/runtime.md) and the events the caller may send now.
/// </summary>
public sealed record Rejection(string Code, string Reason, string ReasonEnglish, IReadOnlyList<PermittedEvent> Permitted)
{
    /// <summary>Where in the definition the cause is written (a guard that failed), when known.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public override string ToString() =>
        $"{Code}: {Reason} / {ReasonEnglish}" + (Permitted.Count == 0 ? string.Empty : $" (permitted: {string.Join(", ", Permitted)})");
}
