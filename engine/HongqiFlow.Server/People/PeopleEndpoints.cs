using System.Security.Claims;
using HongqiFlow.Hosting;
using HongqiFlow.Messages;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using HongqiFlow.Server.Supervision;
using HongqiFlow.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.People;

/// <summary>
/// People and personal tasks: the directory (positions, people), who I am and my deputy (代理), my worklists (待签收,
/// 我的待办, 已办, 抄送我的, 我委派的), a case's tasks and signers, and per-person metrics. The task operations
/// themselves (claim, transfer, send-back…) are events: POST /api/cases/{id}/events.
/// </summary>
public static class PeopleEndpoints
{
    public static readonly string[] Views = ["pool", "mine", "done", "copied", "delegated"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people", Directory).WithTags("people").RequireAuthorization(Policies.Reading)
            .WithSummary("the departments' positions and people (organization.yaml), for the assign, transfer, delegate and add-signer pickers")
            .WithName("listPeople");
        app.MapGet("/api/people/me", Me).WithTags("people").RequireAuthorization(Policies.Reading)
            .WithSummary("who the token says I am (person id, name, departments, positions), my deputy and whom I act for now")
            .WithName("getMe");
        app.MapPut("/api/people/me/deputy", NameDeputyAsync).WithTags("people").RequireAuthorization(Policies.DepartmentWork)
            .WithSummary("name my deputy (代理) for a period: my tasks route to them and the history says so")
            .WithName("setDeputy");
        app.MapDelete("/api/people/me/deputy", RemoveDeputyAsync).WithTags("people").RequireAuthorization(Policies.DepartmentWork)
            .WithSummary("end my deputy (代理)")
            .WithName("removeDeputy").Problems(StatusCodes.Status404NotFound);
        app.MapGet("/api/my/tasks", MyTasksAsync).WithTags("people").RequireAuthorization(Policies.DepartmentWork)
            .WithSummary("my personal worklist: view pool (待签收), mine (我的待办), done (已办), copied (抄送我的), delegated (我委派的); filters item; paging page, pageSize")
            .WithName("getMyTasks");
        app.MapGet("/api/cases/{id}/tasks", CaseTasksAsync).WithTags("cases").RequireAuthorization(Policies.CaseWork)
            .WithSummary("the case's open tasks with signers and their decisions, the steps done by people, the copies, and the operations the caller may send")
            .WithName("getCaseTasks").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        app.MapGet("/api/supervision/people", MetricsAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("per person and per position: open tasks, steps done, average handling hours, returns and 退回率, transfers, urges; filters from, to, item, department")
            .WithName("getPeopleMetrics");
    }

    internal static Ok<List<DepartmentPeopleView>> Directory(DefinitionRegistry registry) =>
        TypedResults.Ok(registry.Environment.Organization.Departments
            .Select(d => new DepartmentPeopleView(d.Id, d.Name, [.. d.Positions.Select(p => new PositionView(p.Id, p.Name, p.Assigns))],
                [.. d.People.Select(p => new PersonView(p.Id, p.Name, [.. p.Positions]))]))
            .ToList());

    internal static Ok<MeView> Me(DefinitionRegistry registry, DeputyRegistry deputies, ClaimsPrincipal user, TimeProvider time)
    {
        var caller = Caller.From(user);
        var now = time.GetUtcNow();
        var listed = registry.Environment.Organization.Departments.Where(d => caller.InDepartment(d.Id)).Select(d => d.Person(caller.UserId)).OfType<HongqiFlow.Definitions.Model.PersonDefinition>().ToList();
        IReadOnlyList<string> positions = caller.Positions.Count > 0 ? caller.Positions : [.. listed.SelectMany(p => p.Positions).Distinct(StringComparer.Ordinal)];
        return TypedResults.Ok(new MeView(caller.UserId, caller.Name ?? listed.FirstOrDefault()?.Name, caller.Departments, positions,
            deputies.Of(caller.UserId) is { } mine ? DeputyView.Of(mine, now) : null,
            [.. deputies.PrincipalsOf(caller.UserId, now).Select(d => DeputyView.Of(d, now))]));
    }

    internal static async Task<Results<Ok<DeputyView>, ValidationProblem>> NameDeputyAsync(DeputyRequest? body, DefinitionRegistry registry, DeputyRegistry deputies, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var reasons = new List<string>();
        void Refuse(string field, string message, string reason)
        {
            errors[field] = [message];
            reasons.Add(reason);
        }

        var named = body?.Deputy?.Trim();
        if (string.IsNullOrEmpty(named))
        {
            Refuse("deputy", "required: the person id of the deputy (代理人)", "请指定代理人");
        }
        else if (named == caller.UserId)
        {
            Refuse("deputy", "a person cannot be their own deputy", "不能指定本人为代理人");
        }
        else if (named.Length <= FieldLimits.Code && !registry.Environment.Organization.Departments.Where(d => caller.InDepartment(d.Id)).Any(d => d.Person(named) is not null))
        {
            Refuse("deputy", $"'{named}' is not a person of your departments in organization.yaml", $"代理人“{named}”不是您所在部门的人员");
        }

        var checkedDeputy = errors.GetValueOrDefault("deputy");
        FieldLimits.Text(errors, "deputy", body?.Deputy, FieldLimits.Code);
        if (errors.GetValueOrDefault("deputy") != checkedDeputy)
        {
            reasons.Add("代理人编号过长或含有不允许的字符");
        }

        var from = body?.From ?? now;
        if (body?.Until is not { } until || until <= from)
        {
            Refuse("until", "required: when the deputy ends, after from", "请填写代理结束时间，且须晚于开始时间");
        }
        else if (until <= now)
        {
            Refuse("until", "the deputy's end is in the past", "代理结束时间已过");
        }

        if (caller.Departments.Count == 0)
        {
            errors.Clear();
            reasons.Clear();
            Refuse("deputy", "only a person of a department names a deputy", "只有部门人员可以指定代理人");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, Message.Of("problem.invalid-fields").English, title: Message.Of("problem.invalid-request").English,
                extensions: new Dictionary<string, object?> { ["reason"] = string.Join("；", reasons) });
        }

        var deputy = new Deputy(caller.UserId, caller.Name, caller.Departments, caller.Positions, named!, from, body!.Until!.Value);
        await deputies.NameAsync(deputy, ct);
        return TypedResults.Ok(DeputyView.Of(deputy, now));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveDeputyAsync(DeputyRegistry deputies, ClaimsPrincipal user, CancellationToken ct) =>
        await deputies.RemoveAsync(Caller.From(user).UserId, ct) ? TypedResults.NoContent() : Problems.NotFound("you have named no deputy", "您没有指定代理人");

    internal static async Task<Results<Ok<PersonalWorklistPage>, ValidationProblem>> MyTasksAsync(string? view, string? item, int? page, int? pageSize, CaseRecords records, CaseDesk desk, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var wanted = view ?? "mine";
        if (!Views.Contains(wanted))
        {
            return Problems.Field("view", "pool (待签收), mine (我的待办), done (已办), copied (抄送我的) or delegated (我委派的)");
        }

        var caller = Caller.From(user);
        var now = time.GetUtcNow();
        var persons = desk.Deputies.PrincipalsOf(caller.UserId, now).Select(d => d.Principal).Prepend(caller.UserId).ToHashSet(StringComparer.Ordinal);
        var size = Math.Clamp(pageSize ?? 20, 1, 200);
        var number = Math.Max(1, page ?? 1);
        var rows = new List<PersonalTask>();
        foreach (var record in await records.ReadAsync(wanted is "done" or "copied" ? null : "running", ct))
        {
            var (definition, state) = (record.Definition, record.State);
            if (state.People is not { } people || (item is not null && definition.Code != item) || !CaseDesk.MaySee(caller, definition))
            {
                continue;
            }

            IReadOnlyList<PermittedView>? permitted = null;
            IReadOnlyList<PermittedView> Permitted() => permitted ??= desk.PermittedFor(caller, definition, state);
            switch (wanted)
            {
                case "done":
                    rows.AddRange(people.Done.Where(d => persons.Contains(d.Person))
                        .Select(d => Row(record, wanted, null, StepDoneView.From(d, definition), null, Permitted(), null, now)));
                    break;
                case "copied":
                    rows.AddRange(people.Copies.Where(c => c.Recipient.StartsWith("person:", StringComparison.Ordinal) ? persons.Contains(c.Recipient["person:".Length..])
                            : caller.InDepartment(c.Recipient["department:".Length..]))
                        .Select(c => Row(record, wanted, null, null, CopyView.From(c), Permitted(), null, now)));
                    break;
                default:
                    foreach (var task in people.Tasks)
                    {
                        var mine = wanted switch
                        {
                            "pool" => task.Holder is null && Permitted().Any(p => p.Region == task.Region && p.Event == TaskOperations.Claim),
                            "delegated" => task.Holder is { } h && persons.Contains(h) && task.Delegate is not null,
                            _ => (task.Holder is { } holder && persons.Contains(holder)) || (task.Delegate is { } d && persons.Contains(d))
                                || (task.Signers.Count > 0 && Permitted().Any(p => p.Region == task.Region && !TaskOperations.IsOperation(p.Event) && !BuiltInEvents.IsBuiltIn(p.Event))),
                        };
                        if (mine)
                        {
                            var onBehalfOf = task.Holder is { } held && held != caller.UserId && persons.Contains(held) ? held : null;
                            rows.Add(Row(record, wanted, task, null, null, [.. Permitted().Where(p => p.Region == task.Region || p.Region == RegionState.Main && TaskOperations.IsOperation(p.Event))], onBehalfOf, now));
                        }
                    }

                    break;
            }
        }

        var ordered = wanted is "done" or "copied"
            ? rows.OrderByDescending(r => r.Done?.At ?? r.Copy?.At).ToList()
            : rows.OrderBy(r => r.Warning switch { "red" => 0, "yellow" => 1, _ => 2 }).ThenBy(r => r.Due ?? DateTimeOffset.MaxValue).ThenBy(r => r.Task?.CreatedAt).ToList();
        return TypedResults.Ok(new PersonalWorklistPage(wanted, [.. ordered.Skip((number - 1) * size).Take(size)], ordered.Count, number, size));
    }

    private static PersonalTask Row(CaseRecord record, string view, CaseTask? task, StepDoneView? done, CopyView? copy, IReadOnlyList<PermittedView> permitted, string? onBehalfOf, DateTimeOffset now)
    {
        var (definition, state) = (record.Definition, record.State);
        DateTimeOffset? due = null;
        double? remaining = null;
        var warnings = new List<WarningView>();
        var colour = "none";
        if (task is not null && state.Region(task.Region) is { } region && definition.Region(task.Region) is { } compiled && compiled.HasState(task.State))
        {
            var limit = compiled.Branch?.Limit ?? compiled.State(task.State).Limit;

            // The step clock runs from when the task was created: a step sent back or recalled starts again.
            due = limit is { } l ? definition.Calendar.Due(task.CreatedAt, l, definition.DayCounting) : null;
            remaining = due is { } d ? Math.Round((d > now ? definition.Calendar.WorkingTimeBetween(now, d) : -definition.Calendar.WorkingTimeBetween(d, now)).TotalHours, 3) : null;
            var raised = WorklistEndpoints.WarningsOf(state.Warnings, region).Where(w => w.At >= task.CreatedAt).ToList();
            warnings.AddRange(raised.Select(w => WarningView.From(w, definition)));
            colour = raised.Any(w => w.Level == WarningLevel.Red) || remaining < 0 ? "red" : raised.Count > 0 ? "yellow" : "none";
        }

        var clock = Engine.Clock(definition, state, now);
        return new PersonalTask(state.CaseId, state.Receipt, definition.Code, definition.Definition.Item.Name, view, state.MainState, state.Outcome,
            task is null ? null : TaskView.From(task, definition, state), done, copy, due, remaining, colour, WorklistEndpoints.CaseColour(state.Warnings),
            clock.RemainingPromised is { } r ? Math.Round(r.TotalHours, 3) : null, warnings, onBehalfOf, permitted);
    }

    internal static async Task<Results<Ok<CaseTasksResponse>, ProblemHttpResult>> CaseTasksAsync(string id, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var loaded = await CaseEndpoints.TryLoadAsync(desk, id, caller, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var (view, definition) = loaded.Case!.Value;
        var state = view.State;
        var people = state.People ?? PeopleState.Empty;
        return TypedResults.Ok(new CaseTasksResponse(state.CaseId, state.Receipt,
            [.. people.Tasks.Select(t => TaskView.From(t, definition, state))],
            [.. people.Done.Select(d => StepDoneView.From(d, definition))],
            [.. people.Copies.Select(CopyView.From)],
            desk.PermittedFor(caller, definition, state)));
    }

    internal static async Task<Ok<PeopleMetricsResponse>> MetricsAsync(DateTimeOffset? from, DateTimeOffset? to, string? item, string? department, CaseRecords records, TimeProvider time, CancellationToken ct)
    {
        var all = await records.ReadAsync(null, ct);
        var chosen = all.Where(r => (from is null || r.StartedAt >= from) && (to is null || r.StartedAt < to) && (item is null || r.Definition.Code == item)).ToList();
        return TypedResults.Ok(PeopleMetrics.Of(chosen, department, time.GetUtcNow()) with { From = from, To = to });
    }
}
