using System.Collections.Immutable;
using HongqiFlow.Messages;

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
                errors.Add(new StateMappingError(key, old is null
                    ? Message.Of("migration.mapping.no-region", ("version", from.Version), ("region", region))
                    : Message.Of("migration.mapping.no-state", ("version", from.Version), ("region", RegionName(region)), ("state", state))));
                continue;
            }

            var newRegion = region == RegionState.Main ? RegionState.Main : NewRegion(region);
            var next = newRegion is null ? null : to.Region(newRegion);
            if (next is null || !next.HasState(target))
            {
                errors.Add(new StateMappingError(key,
                    Message.Of("migration.mapping.no-state", ("version", to.Version), ("region", RegionName(newRegion ?? region)), ("state", target))));
            }
            else if (next.State(target).Final)
            {
                errors.Add(new StateMappingError(key, Message.Of("migration.mapping.final", ("state", target))));
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

    /// <summary>A region as a message says it: 主流程 / main, or 分支 approval/tax / approval/tax.</summary>
    public static Message RegionName(string region) =>
        region == RegionState.Main ? Message.Of("migration.main") : Message.Of("migration.branch", ("branch", region));

    /// <summary>The declared target of a state, or null when none is declared.</summary>
    public string? Target(string region, string state) => States.TryGetValue(Key(region, state), out var t) ? t : null;
}

/// <summary>A mapping entry that cannot be used: its key, and why (a <c>migration.mapping.*</c> message).</summary>
public sealed record StateMappingError(string Key, HongqiFlow.Messages.Message Why)
{
    public string Message => Why.Chinese;

    public string MessageEnglish => Why.English;

    public override string ToString() => $"{Key}: {MessageEnglish}";
}
