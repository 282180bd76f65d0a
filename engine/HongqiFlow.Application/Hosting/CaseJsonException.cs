using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>A stored case document could not be read (broken text, unknown format).</summary>
public sealed class CaseJsonException : HongqiFlowException
{
    public CaseJsonException(string message) : base(message) { }

    public CaseJsonException(string message, Exception inner) : base(message, inner) { }
}
