using HongqiFlow.Definitions.Model;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// What the case endpoints share: the case with its compiled definition, which departments it involves, whether a
/// caller may see it, which actor a caller acts as for an event, and the response shape.
/// </summary>
public sealed class CaseDesk(CaseService cases, DefinitionRegistry registry, TimeProvider time, People.DeputyRegistry deputies)
{
    public People.DeputyRegistry Deputies => deputies;

    /// <summary>
    /// The engine actors a caller may act as on cases of <paramref name="definition"/>: <see cref="Caller.Actors"/>
    /// with each department user as a person (name, positions from the token, else from organization.yaml's people),
    /// then, for each person who named the caller their deputy (代理) now, the caller acting for them.
    /// </summary>
    public IReadOnlyList<Actor> ActorsFor(Caller caller, CompiledDefinition definition)
    {
        var list = new List<Actor>();
        foreach (var actor in caller.Actors(definition.Definition.Item.Lead))
        {
            list.Add(AsPerson(caller, definition, actor));
        }

        foreach (var deputy in deputies.PrincipalsOf(caller.UserId, time.GetUtcNow()))
        {
            foreach (var department in deputy.Departments.Where(caller.InDepartment))
            {
                var positions = deputy.Positions.Count > 0 ? deputy.Positions : definition.Department(department)?.Person(deputy.Principal)?.Positions.ToList() ?? [];
                list.Add(Actor.OfDepartment(department, caller.UserId) with
                {
                    Name = caller.Name ?? definition.Department(department)?.Person(caller.UserId)?.Name,
                    Positions = positions.Count > 0 ? new HongqiFlow.Definitions.Model.ValueList<string>(positions) : (HongqiFlow.Definitions.Model.ValueList<string>?)null,
                    OnBehalfOf = deputy.Principal,
                });
            }
        }

        return list;
    }

    /// <summary>A department actor as the person the caller is; other actors as they are.</summary>
    public static Actor AsPerson(Caller caller, CompiledDefinition definition, Actor actor)
    {
        if (actor.Role is not (ActorRole.Department or ActorRole.Lead) || actor.Department is not { } department)
        {
            return actor;
        }

        var listed = definition.Department(department)?.Person(caller.UserId);
        IReadOnlyList<string> positions = caller.Positions.Count > 0 ? caller.Positions : listed?.Positions.ToList() ?? [];
        var name = caller.Name ?? listed?.Name;
        return positions.Count == 0 && name is null
            ? actor
            : actor with { Name = name, Positions = positions.Count > 0 ? new HongqiFlow.Definitions.Model.ValueList<string>(positions) : (HongqiFlow.Definitions.Model.ValueList<string>?)null };
    }

    public CaseService Cases => cases;

    public DefinitionRegistry Registry => registry;

    public async Task<(CaseView View, CompiledDefinition Definition)> LoadAsync(string caseId, CancellationToken ct)
    {
        var view = await cases.GetAsync(caseId, null, ct);
        var definition = await registry.ForCaseAsync(view.DefinitionId, ct);
        return (view, definition);
    }

    /// <summary>The view of a state a command just produced, without reading the store again.</summary>
    public CaseView ViewOf(CaseState state, string definitionId, CompiledDefinition definition)
    {
        var now = time.GetUtcNow();
        return new CaseView(state, definitionId, Engine.Clock(definition, state, now), [.. state.Warnings], [.. state.Obligations.Where(o => o.IsOpen)], [], null, now);
    }

    /// <summary>The departments with a branch or a step in the definition.</summary>
    public static IReadOnlyList<string> Departments(CompiledDefinition definition) =>
        [.. definition.Regions.Select(r => r.Branch?.Department).OfType<string>()
            .Concat(definition.Definition.States.Select(s => s.Department).OfType<string>())
            .Append(definition.Definition.Item.Lead)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The department that owns a region: the branch's department, or the main state's own department.</summary>
    public static string? DepartmentOf(CompiledDefinition definition, RegionState region)
    {
        var compiled = definition.Region(region.Region);
        if (compiled?.Branch is { } branch)
        {
            return branch.Department;
        }

        return compiled is not null && compiled.HasState(region.State) ? compiled.State(region.State).Department : null;
    }

    /// <summary>Window, supervisor and admin see every case; a department only cases it takes part in.</summary>
    public static bool MaySee(Caller caller, CompiledDefinition definition) =>
        caller.IsAdmin || caller.IsWindow || caller.IsSupervisor || Departments(definition).Any(caller.InDepartment);

    /// <summary>The first of the caller's actors the engine permits the event for (in the branch, when named); else the first actor.</summary>
    public Actor ActorFor(Caller caller, CompiledDefinition definition, CaseState state, string @event, string? branch)
    {
        var actors = ActorsFor(caller, definition);
        var now = time.GetUtcNow();
        foreach (var actor in actors)
        {
            if (Engine.PermittedEvents(definition, state, actor, now).Any(p => p.Event == @event && (branch is null || p.Region.EndsWith("/" + branch, StringComparison.Ordinal))))
            {
                return actor;
            }
        }

        return actors.Count > 0 ? actors[0] : Actor.Window(caller.UserId);
    }

    public IReadOnlyList<PermittedView> PermittedFor(Caller caller, CompiledDefinition definition, CaseState state)
    {
        var now = time.GetUtcNow();
        return [.. ActorsFor(caller, definition)
            .SelectMany(a => Engine.PermittedEvents(definition, state, a, now))
            .Where(p => !caller.Departments.Any() || caller.IsAdmin || caller.IsWindow || p.Region == RegionState.Main || OwnBranch(caller, definition, p.Region))
            .Where(p => p.Event != BuiltInEvents.Rate)
            .Distinct()
            .Select(PermittedView.From)];
    }

    /// <summary>
    /// Whether the caller reads a case as a department only (no window, supervisor or admin role): then the case view
    /// shows its own branches in detail and not the other departments' (<see cref="OthersBranch"/>).
    /// </summary>
    public static bool DepartmentOnly(Caller caller) =>
        caller.Departments.Count > 0 && !caller.IsAdmin && !caller.IsWindow && !caller.IsSupervisor;

    /// <summary>A branch region of another department than the caller's (the main region and unknown regions are nobody's branch).</summary>
    public static bool OthersBranch(Caller caller, CompiledDefinition definition, string? region) =>
        region is not null && definition.Region(region)?.Branch is { } branch && !caller.InDepartment(branch.Department);

    /// <summary>A warning about another department's branch or a step of it (scope <c>approval/tax</c>, <c>approval/tax:reviewing</c>).</summary>
    public static bool OthersWarning(Caller caller, CompiledDefinition definition, string scope) =>
        definition.RegionOfScope(scope)?.Branch is { } branch && !caller.InDepartment(branch.Department);

    /// <summary>
    /// The case view as a department reads it: its own branches, the main flow and the whole case; another department's
    /// branch — where it is, its timers and warnings — is left out (docs/console.md, "Department worklist").
    /// </summary>
    public static CaseResponse ForDepartment(CaseResponse response, Caller caller, CompiledDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response with
        {
            Regions = [.. response.Regions.Where(r => !OthersBranch(caller, definition, r.Region))],
            Warnings = [.. response.Warnings.Where(w => !OthersWarning(caller, definition, w.Scope))],
        };
    }

    public static bool OwnBranch(Caller caller, CompiledDefinition definition, string region) =>
        definition.Region(region)?.Branch is { } branch && caller.InDepartment(branch.Department);

    public CaseResponse Response(CaseView view, CompiledDefinition definition, IReadOnlyList<PermittedView> permitted, bool masked)
    {
        var state = view.State;
        var regions = state.Regions.Select(r =>
        {
            var compiled = definition.Region(r.Region);
            var stateDefinition = compiled is not null && compiled.HasState(r.State) ? compiled.State(r.State) : null;
            return new RegionView(r.Region, r.State, stateDefinition?.Title ?? r.State, DepartmentOf(definition, r), r.EnteredAt, stateDefinition?.Final ?? false);
        }).ToList();
        return new CaseResponse(
            state.CaseId,
            state.Receipt,
            view.DefinitionId,
            definition.Code,
            definition.Definition.Item.Name,
            state.MainState,
            regions,
            state.Outcome,
            state.Suspended,
            ApplicantView.From(state.Applicant, masked),
            state.Channel.ToString().ToLowerInvariant(),
            state.Assisted,
            MaterialsView.From(state.Materials, masked),
            ClockView.From(view.Clock),
            [.. view.Warnings.Select(w => WarningView.From(w, definition))],
            [.. view.OpenObligations.Select(ObligationView.From)],
            permitted,
            RatingView.From(state.Rating, masked, state.Applicant?.Name),
            state.Version);
    }

    public static IEnumerable<MaterialDefinition> Materials(CompiledDefinition definition, IEnumerable<string> ids) =>
        ids.Select(definition.Material).OfType<MaterialDefinition>();
}
