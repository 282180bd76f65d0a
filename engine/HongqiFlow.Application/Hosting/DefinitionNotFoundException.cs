using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>No published definition answers a reference such as <c>QYKB-0001</c> or <c>QYKB-0001@2</c> (HTTP 404).</summary>
public sealed class DefinitionNotFoundException(string reference, IEnumerable<string> known)
    : HongqiFlowException($"no published definition '{reference}'; known: {string.Join(", ", known)}")
{
    public string Reference { get; } = reference;
}
