using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>The node's one store seen as its two contracts; the container disposes the store itself.</summary>
public sealed class HongqiStores(ICaseStore cases, IDefinitionStore definitions)
{
    public ICaseStore Cases { get; } = cases;

    public IDefinitionStore Definitions { get; } = definitions;
}
