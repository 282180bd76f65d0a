namespace HongqiFlow.Hosting;

/// <summary>
/// One gate per case, striped: commands on one case run one after another on this node, so they never race each
/// other's version check; commands on other cases mostly pass other gates (two cases share a stripe now and then,
/// which only orders them). A fixed array: no per-case state to grow or clean up.
/// </summary>
internal sealed class CaseGates
{
    private const int Stripes = 1024;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public SemaphoreSlim For(string caseId) => _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(caseId) % Stripes)];
}
