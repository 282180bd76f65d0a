using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>No case has this id (HTTP 404).</summary>
public sealed class CaseNotFoundException(string caseId)
    : HongqiFlowException($"no case '{caseId}' exists")
{
    public string CaseId { get; } = caseId;
}
