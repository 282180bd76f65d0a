using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>The node's one store seen as its three contracts; the container disposes the store itself.</summary>
public sealed class HongqiStores(ICaseStore cases, IDefinitionStore definitions, IDeputyStore deputies)
{
    public ICaseStore Cases { get; } = cases;

    public IDefinitionStore Definitions { get; } = definitions;

    /// <summary>Who deputises for whom (代理), read by the server's deputy registry.</summary>
    public IDeputyStore Deputies { get; } = deputies;
}
