using HongqiFlow.Storage;
using HongqiFlow.Storage.PersonalData;

namespace HongqiFlow.Hosting;

/// <summary>The node's one store seen as its three contracts; the container disposes the store itself.</summary>
public sealed class HongqiStores(ICaseStore cases, IDefinitionStore definitions, IDeputyStore deputies, ProtectedCaseStore? personalData = null)
{
    public ICaseStore Cases { get; } = cases;

    public IDefinitionStore Definitions { get; } = definitions;

    /// <summary>Who deputises for whom (代理), read by the server's deputy registry.</summary>
    public IDeputyStore Deputies { get; } = deputies;

    /// <summary>The case store with personal data encrypted (the same object as <see cref="Cases"/>), when keys are configured.</summary>
    public ProtectedCaseStore? PersonalData { get; } = personalData;

    /// <summary>What opening the store did to personal data (cases encrypted, data keys re-wrapped); null without keys.</summary>
    public PersonalDataStartReport? PersonalDataStart { get; init; }
}
