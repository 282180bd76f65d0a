namespace HongqiFlow.Diagnostics;

/// <summary>The root of the library's own exceptions. Caller misuse gets the standard CLR exceptions instead.</summary>
public class HongqiFlowException : Exception
{
    public HongqiFlowException(string message) : base(message) { }

    public HongqiFlowException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A definition, calendar or sample could not be loaded; carries every diagnostic found.</summary>
public sealed class DefinitionException : HongqiFlowException
{
    public DefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base(diagnostics.Count == 0 ? "invalid definition" : string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
