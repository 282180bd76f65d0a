using System.Security.Claims;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using HongqiFlow.Server.Supervision;
using HongqiFlow.Storage;
using HongqiFlow.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Cases;

/// <summary>One task on a department's worklist: a branch (or a step) of a running case waiting on that department.</summary>
public sealed record WorkTask(
    string CaseId,
    string Receipt,
    string Item,
    string ItemName,
    string Department,
    string Region,
    string? Branch,
    string State,
    string Title,
    DateTimeOffset EnteredAt,
    DateTimeOffset? Due,
    double? RemainingHours,
    string Warning,
    IReadOnlyList<PermittedView> Permitted)
{
    /// <summary>The whole case's warning (none, yellow, red): the case past its promised time makes every task of it urgent.</summary>
    public string CaseWarning { get; init; } = "none";

    /// <summary>已办 only: when the department decided the step, and the event it sent (approve, reject…).</summary>
    public DateTimeOffset? HandledAt { get; init; }

    /// <summary>已办 only: the event the department sent on the step.</summary>
    public string? Decision { get; init; }
}

public sealed record WorklistPage(IReadOnlyList<WorkTask> Tasks, int Total, int Page, int PageSize);

/// <summary>GET /api/worklist: the tasks waiting on the caller's department(s), most urgent first, with filters and paging.</summary>
public static class WorklistEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/worklist", ListAsync).WithTags("worklist").RequireAuthorization(Policies.DepartmentWork)
            .WithSummary("tasks waiting on my department (view=todo, the default), or the steps it handled (view=handled, newest first): deadline, warning colour, permitted events; filters item, warning, receipt (part of the number); paging page, pageSize")
            .WithName("getWorklist");
    }

    /// <summary>
    /// The warnings of one task: its branch's (scope <c>approval/tax</c>) or its step's (<c>main:issuing</c>,
    /// <c>approval/tax:reviewing</c>); never another branch's or step's whose name merely contains this one's.
    /// </summary>
    /// <summary>The colour of the whole case's warnings (scope <c>case</c>): red over yellow, none when it has none.</summary>
    internal static string CaseColour(IEnumerable<CaseWarning> warnings)
    {
        var levels = warnings.Where(w => w.Scope == CaseWarning.CaseScope).Select(w => w.Level).ToList();
        return levels.Contains(WarningLevel.Red) ? "red" : levels.Count > 0 ? "yellow" : "none";
    }

    internal static IReadOnlyList<CaseWarning> WarningsOf(IEnumerable<CaseWarning> warnings, RegionState region) =>
        [.. warnings.Where(w => w.IsAbout(region.Region, region.State))];

    internal static async Task<Results<Ok<WorklistPage>, ValidationProblem, ProblemHttpResult>> ListAsync(string? department, string? item, string? warning, string? receipt, int? page, int? pageSize, string? view, CaseRecords records, CaseDesk desk, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        if (view is not (null or "todo" or "handled"))
        {
            return Problems.Field("view", "todo (the tasks waiting, the default) or handled (the steps the department decided)");
        }

        var caller = Caller.From(user);
        IReadOnlyList<string> departments;
        if (department is not null)
        {
            if (!caller.IsAdmin && !caller.InDepartment(department))
            {
                return Problems.Forbidden($"you see only the worklist of your own department(s): {string.Join(", ", caller.Departments)}", "只能查看本部门的待办任务");
            }

            departments = [department];
        }
        else
        {
            departments = caller.Departments;
        }

        if (departments.Count == 0)
        {
            return Problems.Field("department", "an admin names the department whose worklist to show");
        }

        if (warning is not null and not ("none" or "yellow" or "red"))
        {
            return Problems.Field("warning", "none, yellow or red");
        }

        var size = Math.Clamp(pageSize ?? 20, 1, 200);
        var number = Math.Max(1, page ?? 1);
        if (view == "handled")
        {
            var handled = await HandledAsync(departments, item, receipt, records, desk, ct);
            return TypedResults.Ok(new WorklistPage([.. handled.Skip((number - 1) * size).Take(size)], handled.Count, number, size));
        }

        var now = time.GetUtcNow();
        var tasks = new List<WorkTask>();
        foreach (var record in await records.ReadAsync("running", ct))
        {
            var (definition, state) = (record.Definition, record.State);
            if ((item is not null && definition.Code != item)
                || (!string.IsNullOrWhiteSpace(receipt) && !state.Receipt.Contains(receipt.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            foreach (var region in state.Regions)
            {
                var owner = CaseDesk.DepartmentOf(definition, region);
                var compiled = definition.Region(region.Region);
                if (owner is null || !departments.Contains(owner) || compiled is null || !compiled.HasState(region.State) || compiled.State(region.State).Final || compiled.State(region.State).IsParallel)
                {
                    continue;
                }

                var stateDefinition = compiled.State(region.State);
                var limit = compiled.Branch?.Limit ?? stateDefinition.Limit;
                DateTimeOffset? due = limit is { } l ? definition.Calendar.Due(region.EnteredAt, l, definition.DayCounting) : null;
                double? remaining = due is { } d ? Math.Round((d > now ? definition.Calendar.WorkingTimeBetween(now, d) : -definition.Calendar.WorkingTimeBetween(d, now)).TotalHours, 3) : null;
                var raised = WarningsOf(state.Warnings, region);
                var colour = raised.Any(w => w.Level == WarningLevel.Red) || remaining < 0 ? "red" : raised.Count > 0 ? "yellow" : "none";
                if (warning is not null && colour != warning)
                {
                    continue;
                }

                var actor = CaseDesk.AsPerson(caller, definition, Actor.OfDepartment(owner, caller.UserId));
                var permitted = Engine.PermittedEvents(definition, state, actor, now).Where(p => p.Region == region.Region).Select(PermittedView.From).ToList();
                tasks.Add(new WorkTask(state.CaseId, state.Receipt, definition.Code, definition.Definition.Item.Name, owner, region.Region, compiled.Branch?.Name,
                    region.State, stateDefinition.Title ?? region.State, region.EnteredAt, due, remaining, colour, permitted)
                {
                    CaseWarning = CaseColour(state.Warnings),
                });
            }
        }

        var ordered = tasks.OrderBy(t => t.Warning switch { "red" => 0, "yellow" => 1, _ => 2 }).ThenBy(t => t.Due ?? DateTimeOffset.MaxValue).ThenBy(t => t.EnteredAt).ToList();
        return TypedResults.Ok(new WorklistPage([.. ordered.Skip((number - 1) * size).Take(size)], ordered.Count, number, size));
    }

    /// <summary>
    /// 已办: every step a department of <paramref name="departments"/> decided — the events its people sent on a case,
    /// one row per case and step, the last decision on it — newest first, running and finished cases alike.
    /// </summary>
    private static async Task<List<WorkTask>> HandledAsync(IReadOnlyList<string> departments, string? item, string? receipt, CaseRecords records, CaseDesk desk, CancellationToken ct)
    {
        var rows = new List<WorkTask>();
        foreach (var record in await records.ReadAsync(null, ct))
        {
            var (definition, state) = (record.Definition, record.State);
            if ((item is not null && definition.Code != item)
                || (!string.IsNullOrWhiteSpace(receipt) && !state.Receipt.Contains(receipt.Trim(), StringComparison.OrdinalIgnoreCase))
                || !CaseDesk.Departments(definition).Any(departments.Contains))
            {
                continue;
            }

            var decided = new Dictionary<(string Region, string State), WorkTask>();
            IReadOnlyList<RegionState> before = [];
            foreach (var e in await desk.Cases.HistoryAsync(state.CaseId, ct))
            {
                var region = e.Region ?? RegionState.Main;
                if (e.Actor.Role is ActorRole.Department or ActorRole.Lead && e.Actor.Department is { } owner && departments.Contains(owner)
                    && (definition.DeclaresEvent(e.Type) || e.Type is BuiltInEvents.ProcedureStart or BuiltInEvents.ProcedureEnd or BuiltInEvents.Verify)
                    && definition.Region(region) is { } compiled)
                {
                    var step = before.FirstOrDefault(r => r.Region == region)?.State ?? string.Empty;
                    decided[(region, step)] = new WorkTask(state.CaseId, state.Receipt, definition.Code, definition.Definition.Item.Name, owner, region, compiled.Branch?.Name,
                        step, compiled.TitleOf(step), e.At, null, null, "none", [])
                    {
                        HandledAt = e.At,
                        Decision = e.Type,
                    };
                }

                before = e.Regions;
            }

            rows.AddRange(decided.Values);
        }

        return [.. rows.OrderByDescending(r => r.HandledAt).ThenBy(r => r.Receipt, StringComparer.Ordinal)];
    }
}
