using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

internal enum RegionKind
{
    MainFlow,
    Branch,
    Fragment,
}

/// <summary>
/// One state machine of the item: the main flow, an inline branch body or a fragment. Names and targets resolve
/// inside a region only, so a branch state may share its name with a main-flow state.
/// </summary>
internal sealed record Region(RegionKind Kind, string Name, IReadOnlyList<StateDefinition> States, SourceLocation At)
{
    /// <summary>How messages name the region: "the main flow", "branch 'tax'", "fragment 'review'".</summary>
    public FormattableString Describe() => Kind switch
    {
        RegionKind.MainFlow => $"the main flow",
        RegionKind.Branch => $"branch '{Name}'",
        _ => $"fragment '{Name}'",
    };

    /// <summary>Branch bodies (inline or fragments) may use the role <c>department</c>: the branch's own department.</summary>
    public bool IsBranchBody => Kind != RegionKind.MainFlow;

    public IEnumerable<string> StateNames => States.Select(s => s.Name);

    public StateDefinition? Find(string name) => States.FirstOrDefault(s => s.Name == name);
}
