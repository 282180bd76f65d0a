using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>
/// Why a command was refused: a stable code (HQ6xxx, docs/diagnostics/runtime.md), the <see cref="Message"/> that says
/// why (an id in the message catalog and its named values) and the events the caller may send now. The decision writes
/// no sentence; the clerk reads <see cref="Reason"/> (Chinese) and <see cref="ReasonEnglish"/>, written from the catalog.
/// </summary>
public sealed record Rejection(string Code, Message Message, IReadOnlyList<PermittedEvent> Permitted)
{
    /// <summary>Why, in Simplified Chinese, from the message catalog.</summary>
    public string Reason => Message.Chinese;

    /// <summary>Why, in English, from the message catalog.</summary>
    public string ReasonEnglish => Message.English;

    /// <summary>Where in the definition the cause is written (a guard that failed), when known.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public override string ToString() =>
        $"{Code}: {Reason} / {ReasonEnglish}" + (Permitted.Count == 0 ? string.Empty : $" (permitted: {string.Join(", ", Permitted)})");
}
