using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Http;

namespace HongqiFlow.Server.People;

/// <summary>One signer of a signing step (会签/或签/依次/票签) and their decision: <c>approve</c>, <c>refuse</c>, or null while pending.</summary>
public sealed record SignerView(string Slot, string? SlotName, string? Person, string? Name, string? Decision, DateTimeOffset? At, string? Note);

/// <summary>
/// An open personal task of a case: the step, its department, who holds it (null: 待签收), who held it before, the
/// delegate, the signers with their decisions, where it came from (whom 撤回 is open to), the steps it may send the
/// case back to, and counts of urges and transfers.
/// </summary>
public sealed record TaskView(
    string Region,
    string? Branch,
    string State,
    string Title,
    string Department,
    string DepartmentName,
    string? Position,
    string? PositionName,
    string? Holder,
    string? HolderName,
    string? Delegate,
    string? DelegateName,
    IReadOnlyList<string> Previous,
    string Signing,
    int? PassCount,
    decimal? PassRatio,
    IReadOnlyList<SignerView> Signers,
    DateTimeOffset CreatedAt,
    string? CameFrom,
    string? CameFromPerson,
    bool Acted,
    IReadOnlyList<string> Returns,
    bool TransferToDepartment,
    int Urges,
    int Transfers)
{
    public static TaskView From(CaseTask task, CompiledDefinition definition, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var region = definition.Region(task.Region);
        var rule = region is not null && region.HasState(task.State) ? region.State(task.State).Task : null;
        var department = definition.Department(task.Department);
        var returns = rule is null ? [] : rule.ReturnsAny
            ? state.People?.Done.Where(d => d.Region == task.Region && d.State != task.State).Select(d => d.State).Distinct(StringComparer.Ordinal).ToList() ?? []
            : rule.Returns.ToList();
        return new TaskView(
            task.Region,
            region?.Branch?.Name,
            task.State,
            region?.TitleOf(task.State) ?? task.State,
            task.Department,
            department?.Name ?? task.Department,
            rule?.Position,
            rule?.Position is { } p ? department?.Position(p)?.Name ?? p : null,
            task.Holder,
            task.HolderName,
            task.Delegate,
            task.DelegateName,
            [.. task.Previous],
            (rule?.Signing ?? SigningMode.Single).ToString().ToLowerInvariant(),
            rule?.PassCount,
            rule?.PassRatio,
            [.. task.Signers.Select(s => new SignerView(s.Slot, s.Person is null ? department?.Position(s.Slot)?.Name ?? s.Slot : department?.Person(s.Person)?.Name,
                s.Person, s.Name ?? (s.Person is { } who ? department?.Person(who)?.Name : null), s.Decision, s.At, s.Note))],
            task.CreatedAt,
            task.From,
            task.FromPerson,
            task.Acted,
            returns,
            rule?.Transfer ?? false,
            task.Urges,
            task.Transfers);
    }
}

/// <summary>A step a person did (已办): who, which event, when, since when the task was open, and whether it was later sent back.</summary>
public sealed record StepDoneView(string Region, string State, string Title, string Person, string? Name, string Event, DateTimeOffset At, DateTimeOffset? Since, bool Returned, long Sequence)
{
    public static StepDoneView From(StepDone d, CompiledDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(definition);
        return new(d.Region, d.State, definition.Region(d.Region)?.TitleOf(d.State) ?? d.State, d.Person, d.Name, d.Event, d.At, d.Since, d.Returned, d.Sequence);
    }
}

/// <summary>抄送: to whom (<c>person:ID</c> or <c>department:ID</c>), by whom, when, the note, and when it was read.</summary>
public sealed record CopyView(string Recipient, string By, DateTimeOffset At, string? Note, DateTimeOffset? ReadAt, string? ReadBy)
{
    public static CopyView From(CaseCopy c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Recipient, c.By, c.At, c.Note, c.ReadAt, c.ReadBy);
    }
}

/// <summary>GET /api/cases/{id}/tasks: the case's open tasks with their signers, every step done by a person, the copies, and what the caller may do now.</summary>
public sealed record CaseTasksResponse(string CaseId, string Receipt, IReadOnlyList<TaskView> Tasks, IReadOnlyList<StepDoneView> Done, IReadOnlyList<CopyView> Copies, IReadOnlyList<PermittedView> Permitted);

/// <summary>
/// One row of a personal worklist: the case, the task (for 待签收, 我的待办, 我委派的), or the step done (已办), or the
/// copy (抄送我的); the step's clock (due, remaining working hours, warning colour), the case's clock and warning,
/// the person acted for when the caller is a deputy, and the operations the caller may send now.
/// </summary>
public sealed record PersonalTask(
    string CaseId,
    string Receipt,
    string Item,
    string ItemName,
    string View,
    string MainState,
    string? Outcome,
    TaskView? Task,
    StepDoneView? Done,
    CopyView? Copy,
    DateTimeOffset? Due,
    double? RemainingHours,
    string Warning,
    string CaseWarning,
    double? CaseRemainingHours,
    IReadOnlyList<WarningView> Warnings,
    string? OnBehalfOf,
    IReadOnlyList<PermittedView> Permitted);

public sealed record PersonalWorklistPage(string View, IReadOnlyList<PersonalTask> Tasks, int Total, int Page, int PageSize);

/// <summary>A department's positions and people (for the assign, transfer, delegate and add-signer pickers).</summary>
public sealed record DepartmentPeopleView(string Id, string Name, IReadOnlyList<PositionView> Positions, IReadOnlyList<PersonView> People);

public sealed record PositionView(string Id, string Name, bool Assigns);

public sealed record PersonView(string Id, string Name, IReadOnlyList<string> Positions);

/// <summary>GET /api/people/me: who the token says I am, my deputy, and whom I deputise for now.</summary>
public sealed record MeView(string Id, string? Name, IReadOnlyList<string> Departments, IReadOnlyList<string> Positions, DeputyView? Deputy, IReadOnlyList<DeputyView> ActingFor);

public sealed record DeputyView(string Principal, string? PrincipalName, string Deputy, DateTimeOffset From, DateTimeOffset Until, bool Active)
{
    public static DeputyView Of(Deputy d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Principal, d.PrincipalName, d.DeputyId, d.From, d.Until, d.ActiveAt(now));
    }
}

/// <summary>PUT /api/people/me/deputy: the deputy's person id and the period (from defaults to now).</summary>
public sealed record DeputyRequest(string? Deputy, DateTimeOffset? From, DateTimeOffset? Until);

/// <summary>Workload and handling of one person or one position (per department).</summary>
public sealed record PeopleMetric(
    string Key,
    string? Name,
    string Department,
    int OpenTasks,
    int Done,
    double? AverageHandlingHours,
    int Returned,
    double? ReturnRate,
    int Transfers,
    int Urged);

/// <summary>GET /api/supervision/people: per person and per position, over the cases started in the period.</summary>
public sealed record PeopleMetricsResponse(DateTimeOffset? From, DateTimeOffset? To, int Cases, IReadOnlyList<PeopleMetric> People, IReadOnlyList<PeopleMetric> Positions);
