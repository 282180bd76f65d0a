using System.Collections.Frozen;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// A validated definition compiled once: regions configured, guards prepared, calendar resolved. Immutable and safe to
/// share between threads. Two compilations of the same definition on the same calendar are equal (equality is over
/// the definition's value, the calendar id and the organization directory; prepared guards are an implementation
/// detail of the same text).
/// </summary>
public sealed class CompiledDefinition : IEquatable<CompiledDefinition>
{
    private readonly FrozenDictionary<string, CompiledRegion> _regions;
    private readonly FrozenDictionary<string, ParallelDefinition> _parallels;
    private readonly FrozenDictionary<string, MaterialDefinition> _materials;
    private readonly FrozenDictionary<string, TemplateDefinition> _templates;
    private readonly FrozenSet<string> _events;

    private CompiledDefinition(ServiceItemDefinition definition, IWorkingCalendar calendar, GuardSet guards, OrganizationDirectory organization)
    {
        Definition = definition;
        Calendar = calendar;
        Guards = guards;
        Organization = organization;
        var fragments = definition.Fragments.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var regions = new List<CompiledRegion> { new(RegionState.Main, null, null, definition.States) };
        var parallels = new Dictionary<string, ParallelDefinition>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            if (state.Parallel is not { } parallel)
            {
                continue;
            }

            parallels[state.Name] = parallel;
            foreach (var branch in parallel.Branches)
            {
                var body = branch.Use is { } use && fragments.TryGetValue(use, out var fragment)
                    ? fragment.States
                    : branch.States;
                if (body.Count == 0)
                {
                    throw new DefinitionException([Diagnostic.Of("HQ6100", Severity.Error,
                        $"branch '{branch.Name}' of '{state.Name}' has no states (fragment '{branch.Use}' not found)", branch.At,
                        $"name an existing fragment in use:, or write the branch states inline")]);
                }

                regions.Add(new CompiledRegion($"{state.Name}/{branch.Name}", branch, state.Name, body));
            }
        }

        Regions = regions;
        _regions = regions.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _parallels = parallels.ToFrozenDictionary(StringComparer.Ordinal);
        _materials = definition.Materials.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        var templates = new Dictionary<string, TemplateDefinition>(StringComparer.Ordinal);
        foreach (var t in organization.Templates)
        {
            templates[t.Id] = t;
        }

        // Item templates override the organization's shared ones of the same id.
        foreach (var t in definition.Templates)
        {
            templates[t.Id] = t;
        }

        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        _events = regions.SelectMany(r => r.StateList).SelectMany(s => s.Transitions).Select(t => t.Event).ToFrozenSet(StringComparer.Ordinal);
        HasTasks = regions.SelectMany(r => r.StateList).Any(s => s.Task is not null);
    }

    /// <summary>Some step is a personal task (<c>task:</c>): the task operations apply and the case keeps <see cref="CaseState.People"/>.</summary>
    public bool HasTasks { get; }

    /// <summary>The department whose people hold a step of a region: the branch's, or the main state's own.</summary>
    public static string? DepartmentOf(CompiledRegion region, string state) =>
        region.Branch?.Department ?? (region.HasState(state) ? region.State(state).Department : null);

    public DepartmentDefinition? Department(string? id) => Organization.Departments.FirstOrDefault(d => d.Id == id);

    public ServiceItemDefinition Definition { get; }

    public IWorkingCalendar Calendar { get; }

    /// <summary>How limits in working days are counted: the item's <c>timeLimit.dayCounting</c>, else the calendar's.</summary>
    public DayCounting DayCounting => Definition.Item.TimeLimit?.DayCounting ?? Calendar.DayCounting;

    public OrganizationDirectory Organization { get; }

    internal GuardSet Guards { get; }

    /// <summary>The item code, e.g. QYKB-0001.</summary>
    public string Code => Definition.Item.Code;

    public int Version => Definition.Item.Version;

    /// <summary>Main first, then each branch of each parallel state in definition order.</summary>
    public IReadOnlyList<CompiledRegion> Regions { get; }

    public CompiledRegion Main => Regions[0];

    public CompiledRegion? Region(string name) => _regions.TryGetValue(name, out var r) ? r : null;

    /// <summary>The region a warning's scope is in (<c>approval/tax</c>, <c>main:issuing</c>); null for the whole case or a region this definition lacks.</summary>
    public CompiledRegion? RegionOfScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        return scope == CaseWarning.CaseScope ? null : Region(colon < 0 ? scope : scope[..colon]);
    }

    /// <summary>
    /// What people call a warning's scope (<see cref="CaseWarning.Scope"/>): null for the whole case, the branch's
    /// title for a branch (<c>approval/tax</c> → 发票与税控), the step's title for a step (<c>main:issuing</c> → 出证),
    /// with its branch's title for a step inside a branch, 法定时限 for the statutory limit, 特别程序 · NAME for a procedure
    /// that reached its max; a scope this definition does not know is returned as it is.
    /// </summary>
    public string? ScopeTitle(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope == CaseWarning.CaseScope)
        {
            return null;
        }

        if (scope == CaseWarning.StatutoryScope)
        {
            return "法定时限";
        }

        if (scope.StartsWith("procedure:", StringComparison.Ordinal))
        {
            var id = scope["procedure:".Length..];
            return $"特别程序 · {Definition.Item.SpecialProcedures.FirstOrDefault(p => p.Id == id)?.Name ?? id}";
        }

        if (scope.StartsWith("obligation:", StringComparison.Ordinal))
        {
            // An obligation past its due time (Decider.OverdueScope): 事后核查, or the item's own obligation's name.
            var id = scope["obligation:".Length..];
            return id == Obligation.VerificationId ? "事后核查" : Definition.Obligations.FirstOrDefault(o => o.Id == id)?.Name ?? id;
        }

        if (RegionOfScope(scope) is not { } region)
        {
            return scope;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        var branch = region.Branch is { } b ? b.Title ?? b.Name : null;
        if (colon < 0)
        {
            return branch ?? region.Name;
        }

        var step = region.TitleOf(scope[(colon + 1)..]);
        return branch is null ? step : $"{branch} · {step}";
    }

    public ParallelDefinition? Parallel(string state) => _parallels.TryGetValue(state, out var p) ? p : null;

    public MaterialDefinition? Material(string id) => _materials.TryGetValue(id, out var m) ? m : null;

    /// <summary>What people call a material (its name), or the id as written when the definition does not list it.</summary>
    public string MaterialName(string id) => Material(id)?.Name ?? id;

    public TemplateDefinition? Template(string id) => _templates.TryGetValue(id, out var t) ? t : null;

    /// <summary>True when some region of the definition declares the event.</summary>
    public bool DeclaresEvent(string name) => _events.Contains(name);

    /// <summary>Compiles a definition the validator has accepted. Guards come prepared from <see cref="GuardCompiler.Compile"/>.</summary>
    public static CompiledDefinition Compile(ServiceItemDefinition definition, IWorkingCalendar calendar, GuardSet guards, OrganizationDirectory? organization = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(guards);
        return new CompiledDefinition(definition, calendar, guards, organization ?? OrganizationDirectory.Empty);
    }

    /// <summary>Every guard expression of a definition (main flow, branches and fragments), for <see cref="GuardCompiler.Compile"/>.</summary>
    public static IReadOnlyList<ExpressionSource> Expressions(ServiceItemDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var states = definition.States
            .Concat(definition.States.Where(s => s.Parallel is not null).SelectMany(s => s.Parallel!.Branches).SelectMany(b => b.States))
            .Concat(definition.Fragments.SelectMany(f => f.States));
        return [.. states.SelectMany(s => s.Transitions).Select(t => t.When).OfType<ExpressionSource>().Distinct()];
    }

    public bool Equals(CompiledDefinition? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (Definition.Equals(other.Definition) && Calendar.Id == other.Calendar.Id && Organization.Equals(other.Organization)));

    public override bool Equals(object? obj) => obj is CompiledDefinition other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Code, Version, Calendar.Id);

    public override string ToString() => $"{Code}@{Version}";
}
