using System.Collections.Immutable;

namespace HongqiFlow.Runtime;

/// <summary>
/// The declared part of a migration's state mapping: old state → new state, where names do not match. A key is a main
/// state (<c>received</c>) or a branch state with its old region (<c>approval/tax:reviewing</c>); the value is the state
/// of the corresponding region on the new version. States not named here map to the state of the same name.
/// </summary>
public sealed record StateMapping(ImmutableSortedDictionary<string, string> States)
{
    public static StateMapping Empty { get; } = new(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    public static StateMapping Of(IEnumerable<KeyValuePair<string, string>> states) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, states));

    /// <summary>The key for a state of a region: the bare state for main, <c>region:state</c> for a branch.</summary>
    public static string Key(string region, string state) => region == RegionState.Main ? state : $"{region}:{state}";

    /// <summary>Every declared entry that names a state the old version does not have or a new state the new version does not have.</summary>
    public IReadOnlyList<StateMappingError> Check(CompiledDefinition from, CompiledDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var errors = new List<StateMappingError>();
        foreach (var (key, target) in States)
        {
            var colon = key.LastIndexOf(':');
            var region = colon < 0 ? RegionState.Main : key[..colon];
            var state = colon < 0 ? key : key[(colon + 1)..];
            var old = from.Region(region);
            if (old is null || !old.HasState(state))
            {
                errors.Add(new StateMappingError(key,
                    old is null ? $"第 {from.Version} 版没有区域“{region}”。" : $"第 {from.Version} 版的{(region == RegionState.Main ? "主流程" : "分支 " + region)}没有状态“{state}”。",
                    old is null ? $"version {from.Version} has no region '{region}'" : $"version {from.Version} has no state '{state}' in {region}"));
                continue;
            }

            var newRegion = region == RegionState.Main ? RegionState.Main : NewRegion(region);
            var next = newRegion is null ? null : to.Region(newRegion);
            if (next is null || !next.HasState(target))
            {
                errors.Add(new StateMappingError(key,
                    $"第 {to.Version} 版的{(region == RegionState.Main ? "主流程" : "分支 " + (newRegion ?? region))}没有状态“{target}”。",
                    $"version {to.Version} has no state '{target}' in {newRegion ?? region}"));
            }
            else if (next.State(target).Final)
            {
                errors.Add(new StateMappingError(key,
                    $"不能映射到终态“{target}”：迁移不办结办件。",
                    $"'{target}' is a final state: a migration never finishes a case"));
            }
        }

        return errors;

        // A branch region follows its parallel state's mapping: approval/tax → review/tax when approval maps to review.
        string? NewRegion(string oldRegion)
        {
            var slash = oldRegion.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            var parallel = oldRegion[..slash];
            return $"{Target(RegionState.Main, parallel) ?? parallel}/{oldRegion[(slash + 1)..]}";
        }
    }

    /// <summary>The declared target of a state, or null when none is declared.</summary>
    public string? Target(string region, string state) => States.TryGetValue(Key(region, state), out var t) ? t : null;
}

/// <summary>A mapping entry that cannot be used: its key, and why (Chinese and English).</summary>
public sealed record StateMappingError(string Key, string Message, string MessageEnglish)
{
    public override string ToString() => $"{Key}: {MessageEnglish}";
}
