using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>The kinds of sender a built-in event may come from (<see cref="BuiltInAuthority"/>).</summary>
[Flags]
internal enum Senders
{
    None = 0,

    /// <summary>窗口人员.</summary>
    Window = 1,

    /// <summary>申请人 (the portal, or the window on their behalf where <see cref="Window"/> is also listed).</summary>
    Applicant = 2,

    /// <summary>The engine: scheduler, data-sharing connectors.</summary>
    System = 4,

    /// <summary>监督人员.</summary>
    Supervisor = 8,

    /// <summary>The item's lead department (牵头部门).</summary>
    Lead = 16,

    /// <summary>Any department the item names: the lead, a state's <c>department:</c>, a branch's, a <c>by: department:X</c>.</summary>
    ItemDepartment = 32,

    /// <summary>A department owning a step the case is in now: the main state's <c>department:</c> or an open branch's.</summary>
    StepDepartment = 64,
}

/// <summary>
/// Who may send each built-in event: the one table <see cref="Decider"/> checks and <see cref="Permissions"/> lists
/// from (docs/engine.md, "Who may send a built-in event"). A department the item does not name, or one the organization
/// does not know, never sends a built-in event except where the table says so (it never does).
/// </summary>
internal static class BuiltInAuthority
{
    private static readonly ConditionalWeakTable<CompiledDefinition, FrozenSet<string>> ItemDepartmentsCache = [];

    public static FrozenDictionary<string, Senders> Table { get; } = new Dictionary<string, Senders>(StringComparer.Ordinal)
    {
        // 收件: at the window; an online application (网上申报) by the applicant; a case handed over by another platform by the system.
        [BuiltInEvents.Start] = Senders.Window | Senders.Applicant | Senders.System,
        // 补齐/补正材料: the applicant, or the window receiving them.
        [BuiltInEvents.Supplement] = Senders.Applicant | Senders.Window,
        // 事后核查: the approving authority verifies its own decision (行政许可法 第六十一条); never the window, never another department.
        [BuiltInEvents.Verify] = Senders.Lead | Senders.ItemDepartment,
        // 特别程序 (听证、专家评审、现场勘验…) pause the statutory clock: only the lead or the department handling the step now.
        [BuiltInEvents.ProcedureStart] = Senders.Lead | Senders.StepDepartment,
        [BuiltInEvents.ProcedureEnd] = Senders.Lead | Senders.StepDepartment,
        // 好差评: the applicant, or the window entering it on their behalf.
        [BuiltInEvents.Rate] = Senders.Applicant | Senders.Window,
        // 差评整改: the service centre (window, supervision) and the item's departments; 回访反馈 likewise.
        [BuiltInEvents.Rectify] = Senders.Window | Senders.Supervisor | Senders.Lead | Senders.ItemDepartment,
        [BuiltInEvents.Feedback] = Senders.Window | Senders.Supervisor | Senders.Lead | Senders.ItemDepartment,
        // 差评核实: the service centre's supervision or the item's departments establish whether a bad rating is founded.
        [BuiltInEvents.VerifyRating] = Senders.Supervisor | Senders.Lead | Senders.ItemDepartment,
        // 电子证照: the applicant shows one (亮证), the window enters one, a data-sharing connector returns one.
        [BuiltInEvents.Certificate] = Senders.Applicant | Senders.Window | Senders.System,
        // 中止后恢复: the lead coordinates the parallel approval.
        [BuiltInEvents.ReopenBranches] = Senders.Lead,
        // Data sharing and due times are the engine's own.
        [BuiltInEvents.DataShared] = Senders.System,
        [BuiltInEvents.DataRefused] = Senders.System,
        [BuiltInEvents.Timer] = Senders.System,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="actor"/> may send the built-in event <paramref name="event"/> on this case now.</summary>
    public static bool Allows(CompiledDefinition definition, CaseState state, Actor actor, string @event)
    {
        if (!Table.TryGetValue(@event, out var senders))
        {
            return false;
        }

        return actor.Role switch
        {
            ActorRole.Window => senders.HasFlag(Senders.Window),
            ActorRole.Applicant => senders.HasFlag(Senders.Applicant),
            ActorRole.System => senders.HasFlag(Senders.System),
            ActorRole.Supervisor => senders.HasFlag(Senders.Supervisor),
            _ => DepartmentAllowed(definition, state, actor, senders),
        };
    }

    private static bool DepartmentAllowed(CompiledDefinition definition, CaseState state, Actor actor, Senders senders)
    {
        if (actor.Department is not { } department || !ItemDepartments(definition).Contains(department))
        {
            return false;
        }

        return (senders.HasFlag(Senders.Lead) && Roles.IsLead(definition, actor))
            || senders.HasFlag(Senders.ItemDepartment)
            || (senders.HasFlag(Senders.StepDepartment) && StepDepartments(definition, state).Contains(department));
    }

    /// <summary>Every department the item names: its lead, states' and branches' departments, and <c>by: department:X</c>.</summary>
    public static FrozenSet<string> ItemDepartments(CompiledDefinition definition) =>
        ItemDepartmentsCache.GetValue(definition, static d =>
        {
            var set = new HashSet<string>(StringComparer.Ordinal) { d.Definition.Item.Lead };
            foreach (var region in d.Regions)
            {
                if (region.Branch is { } branch)
                {
                    set.Add(branch.Department);
                }

                foreach (var s in region.StateList)
                {
                    if (s.Department is { } sd)
                    {
                        set.Add(sd);
                    }

                    foreach (var by in s.Transitions.SelectMany(t => t.By))
                    {
                        if (by.StartsWith("department:", StringComparison.Ordinal))
                        {
                            set.Add(by["department:".Length..]);
                        }
                    }
                }
            }

            return set.ToFrozenSet(StringComparer.Ordinal);
        });

    /// <summary>The departments owning a step the case is in now: the main state's, and each open branch's.</summary>
    public static List<string> StepDepartments(CompiledDefinition definition, CaseState state)
    {
        var list = new List<string>();
        foreach (var r in state.Regions)
        {
            var region = definition.Region(r.Region);
            if (region is null || !region.HasState(r.State) || region.State(r.State).Final)
            {
                continue;
            }

            var owner = region.Branch?.Department ?? region.State(r.State).Department;
            if (owner is not null && !list.Contains(owner))
            {
                list.Add(owner);
            }
        }

        return list;
    }

    /// <summary>
    /// Who may send <paramref name="event"/> here, as a value of a rejection's message: each sender is a message of the
    /// catalog (<c>sender.*</c>), joined with the catalog's <c>sender.or</c> in each language.
    /// </summary>
    public static Localized Describe(CompiledDefinition definition, CaseState state, string @event)
    {
        var senders = Table.GetValueOrDefault(@event);
        var who = new List<Message>();
        Localized Department(string id) => new(definition.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id, id);
        if (senders.HasFlag(Senders.Applicant))
        {
            who.Add(Message.Of("sender.applicant"));
        }

        if (senders.HasFlag(Senders.Window))
        {
            who.Add(Message.Of("sender.window"));
        }

        if (senders.HasFlag(Senders.Lead))
        {
            who.Add(Message.Of("sender.lead", ("department", Department(definition.Definition.Item.Lead))));
        }

        if (senders.HasFlag(Senders.ItemDepartment))
        {
            who.Add(Message.Of("sender.item-department", ("departments", ItemDepartments(definition).Order(StringComparer.Ordinal).Select(Department).ToList())));
        }

        if (senders.HasFlag(Senders.StepDepartment))
        {
            var step = StepDepartments(definition, state);
            who.Add(step.Count == 0 ? Message.Of("sender.step-department.none") : Message.Of("sender.step-department", ("departments", step.Select(Department).ToList())));
        }

        if (senders.HasFlag(Senders.Supervisor))
        {
            who.Add(Message.Of("sender.supervisor"));
        }

        if (senders.HasFlag(Senders.System))
        {
            who.Add(Message.Of("sender.system"));
        }

        var or = Message.Of("sender.or");
        return new Localized(string.Join(or.Chinese, who.Select(m => m.Chinese)), string.Join(or.English, who.Select(m => m.English)));
    }

    /// <summary>Whether the actor is a department (or lead) user of a department the item does not name.</summary>
    public static bool IsOutsider(CompiledDefinition definition, Actor actor) =>
        actor.Role is ActorRole.Department or ActorRole.Lead && (actor.Department is null || !ItemDepartments(definition).Contains(actor.Department));
}
