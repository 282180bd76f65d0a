using System.Security.Claims;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Cases;

/// <summary>The cases API: start (window, online), read, send events with idempotency keys, history, printable documents.</summary>
public static class CaseEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("cases");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Intake).WithSummary("start a case: receipt, verification code, what is missing, what the window may do now")
            .WithName("startCase").Problems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.CaseWork).WithSummary("list cases (a department sees only cases it takes part in); filters item, status, department (cases of items the department takes part in)")
            .WithName("listCases");
        group.MapGet("/search", CaseSearch.SearchAsync).RequireAuthorization(Policies.Intake)
            .WithSummary("the window's search: a case by receipt number, the applicant's full ID number (matched by its keyed hash, shown masked) or name")
            .WithName("searchCases");
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.CaseWork).WithSummary("the case now: regions, clock, warnings, obligations, events permitted for the caller")
            .WithName("getCase").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/events", SendAsync).RequireAuthorization(Policies.CaseWork).WithSummary("send an event (Idempotency-Key header); 409 carries the permitted events")
            .WithName("sendEvent").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/history", HistoryAsync).RequireAuthorization(Policies.CaseWork).WithSummary("every recorded event in order")
            .WithName("getCaseHistory").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id}/documents/{kind}", DocumentAsync).RequireAuthorization(Policies.CaseWork)
            .WithSummary("printable HTML: receipt, one-time-notice, tolerance-notice, decision")
            .WithName("getCaseDocument").Produces<string>(StatusCodes.Status200OK, ApiContract.HtmlContentType).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Created<StartCaseResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartCaseRequest? body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, CaseDesk desk, Receipts receipts, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.Item))
        {
            errors["item"] = ["required: the item code, e.g. QYKB-0001"];
        }

        if (string.IsNullOrWhiteSpace(body?.Applicant?.Name))
        {
            errors["applicant.name"] = ["required: the applicant's name"];
        }

        if (body?.Applicant?.IdNumber is { } idNumber && !IdNumbers.IsValid(idNumber))
        {
            errors["applicant.idNumber"] = ["not a valid resident ID number: 18 characters, the last one a check digit (0-9 or X) that must match"];
        }

        FieldLimits.Text(errors, "applicant.name", body?.Applicant?.Name, FieldLimits.Name);
        FieldLimits.Phone(errors, "applicant.phone", body?.Applicant?.Phone);
        FieldLimits.Codes(errors, "submitted", body?.Submitted);
        FieldLimits.Text(errors, "item", body?.Item, FieldLimits.Code);
        FieldLimits.Text(errors, IdempotencyHeader, idempotencyKey ?? body?.IdempotencyKey, FieldLimits.IdempotencyKey);
        var channel = ParseChannel(body?.Channel, errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var key = idempotencyKey ?? body!.IdempotencyKey;
        var receipt = Receipts.New(time.GetUtcNow(), key);
        var a = body!.Applicant!;
        var start = new CaseStart
        {
            CaseId = receipt,
            Receipt = receipt,
            Applicant = new Applicant(a.Name!.Trim(), a.IdNumber?.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(a.Phone) ? null : a.Phone.Trim(), a.BadCredit, a.FalsePledge),
            Submitted = new HongqiFlow.Definitions.Model.ValueList<string>(body.Submitted ?? []),
            Assisted = body.Assisted,
            Data = ValueMap.From(JsonValues.From(body.Data)),
        };
        var caller = Caller.From(user);
        CaseResult result;
        try
        {
            result = await desk.Cases.StartAsync(body.Item!, start, Actor.Window(caller.UserId), channel, key ?? string.Empty, ct);
        }
        catch (DefinitionNotFoundException e)
        {
            return Problems.Fields(new Dictionary<string, string[]> { ["item"] = [e.Message] });
        }

        // The case id is derived from the idempotency key, so a repeated start finds its own case already started.
        var repeated = !result.IsAccepted && key is not null && result.Rejection!.Code == RejectionCodes.AlreadyStarted;
        if (!result.IsAccepted && !repeated)
        {
            return Problems.Rejected(result.Rejection!);
        }

        var (view, definition) = await desk.LoadAsync(result.CaseId, ct);
        var permitted = desk.PermittedFor(caller, definition, view.State);
        var response = desk.Response(view, definition, permitted, masked: false);
        return TypedResults.Created($"/api/cases/{result.CaseId}",
            new StartCaseResponse(result.CaseId, view.State.Receipt, receipts.VerificationCode(view.State.Receipt), [.. view.State.Materials.Missing], permitted, response, result.IsRepeat || repeated));
    }

    internal static async Task<Ok<CaseListPage>> ListAsync(string? item, string? status, string? department, string? after, int? limit, CaseDesk desk, ICaseStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var wanted = Math.Clamp(limit ?? 50, 1, 500);
        var list = await VisibleCasesAsync(desk, store, caller, item, status, department, after, wanted, ct);

        // The cursor is the last case listed, never one the caller may not see; a short page is the last one.
        return TypedResults.Ok(new CaseListPage([.. list], list.Count == wanted ? list[^1].CaseId : null));
    }

    /// <summary>
    /// Up to <paramref name="wanted"/> cases after <paramref name="after"/> that the caller may see (and of the item
    /// asked for), in case id order: the store is read page by page until the page is full or the store ends, so a
    /// department pages over its own cases, not over everyone's.
    /// </summary>
    private static async Task<List<CaseListItem>> VisibleCasesAsync(
        CaseDesk desk, ICaseStore store, Caller caller, string? item, string? status, string? department, string? after, int wanted, CancellationToken ct)
    {
        var list = new List<CaseListItem>();
        var batch = Math.Max(wanted, 200);
        var cursor = after;
        while (list.Count < wanted)
        {
            var rows = await store.ListCasesAsync(new CaseQuery(status, null, cursor, batch), ct);
            foreach (var row in rows)
            {
                cursor = row.CaseId;
                if (!DefinitionIds.TryParse(row.DefinitionId, out var code, out _) || (item is not null && code != item))
                {
                    continue;
                }

                var definition = await desk.Registry.ForCaseAsync(row.DefinitionId, ct);
                if (CaseDesk.MaySee(caller, definition) && (department is null || CaseDesk.Departments(definition).Contains(department, StringComparer.Ordinal)))
                {
                    list.Add(new CaseListItem(row.CaseId, row.DefinitionId, code, definition.Definition.Item.Name, row.Status, row.Version, row.CreatedAt, row.UpdatedAt));
                    if (list.Count == wanted)
                    {
                        return list;
                    }
                }
            }

            if (rows.Count < batch)
            {
                break;
            }
        }

        return list;
    }

    internal static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> GetAsync(string id, CaseDesk desk, Receipts receipts, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var loaded = await TryLoadAsync(desk, id, caller, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var (view, definition) = loaded.Case!.Value;
        var masked = Masked(caller);
        return TypedResults.Ok(AsSeenBy(caller, definition, desk.Response(view, definition, desk.PermittedFor(caller, definition, view.State), masked)) with
        {
            VerificationCode = masked ? null : receipts.VerificationCode(view.State.Receipt),
        });
    }

    internal static async Task<Results<Ok<SendEventResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string id, SendEventRequest? body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, CaseDesk desk, Receipts receipts, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.Event))
        {
            errors["event"] = ["required: the event to send, e.g. accept, approve, issue, supplement"];
        }

        if (body?.Event is BuiltInEvents.Start or BuiltInEvents.Timer or BuiltInEvents.DataShared or BuiltInEvents.DataRefused)
        {
            errors["event"] = [$"'{body.Event}' is sent by the engine itself, never through the API"];
        }

        FieldLimits.Text(errors, "event", body?.Event, FieldLimits.Code);
        FieldLimits.Text(errors, "branch", body?.Branch, FieldLimits.Code);
        FieldLimits.Text(errors, IdempotencyHeader, idempotencyKey ?? body?.IdempotencyKey, FieldLimits.IdempotencyKey);
        FieldLimits.PayloadSize(errors, "payload", body?.Payload);
        var channel = ParseChannel(body?.Channel, errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var caller = Caller.From(user);
        var loaded = await TryLoadAsync(desk, id, caller, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var (view, definition) = loaded.Case!.Value;
        if (body!.Event == BuiltInEvents.Rate)
        {
            // 好差评 is the applicant's own word, given on the progress page (POST /api/progress/{receipt}/rating); staff never rate for them.
            return Problems.Forbidden("only the applicant rates a case, on the progress page; staff cannot rate on the applicant's behalf", "评价由申请人在办件进度页提交，工作人员不能代为评价");
        }

        if (body!.Branch is { } branch && !caller.IsAdmin && !caller.IsWindow && caller.Departments.Count > 0)
        {
            var owner = definition.Regions.FirstOrDefault(r => r.Branch?.Name == branch)?.Branch?.Department;
            if (owner is not null && !caller.InDepartment(owner))
            {
                return Problems.Forbidden($"the branch '{branch}' belongs to department '{owner}'; a department acts only on its own branches", $"分支“{branch}”由其他部门办理，只能办理本部门的分支");
            }
        }

        var actor = desk.ActorFor(caller, definition, view.State, body.Event!, body.Branch);
        var key = idempotencyKey ?? body.IdempotencyKey ?? string.Empty;
        var command = Command.Send(body.Event!, actor, channel, ValueMap.From(JsonValues.From(body.Payload)), body.Branch, key);
        // The case read for the visibility check is the state decided on first: one read of the case per command.
        var result = await desk.Cases.SendAsync(id, command, view, ct);
        if (!result.IsAccepted)
        {
            // The permitted events of the rejection are the actor's; the caller may hold more than one role.
            var permitted = desk.PermittedFor(caller, definition, result.State ?? view.State);
            var rejection = result.Rejection! with { Permitted = [] };
            return Problems.Conflict(rejection.ReasonEnglish, new Dictionary<string, object?>
            {
                ["code"] = rejection.Code,
                ["reason"] = rejection.Reason,
                ["permitted"] = permitted,
            });
        }

        var after = desk.ViewOf(result.State!, view.DefinitionId, definition);
        var masked = Masked(caller);
        return TypedResults.Ok(new SendEventResponse(id, result.Version, result.IsRepeat, [.. result.Events.Select(e => EventView.From(e, masked, after.State.Applicant?.Name))],
            AsSeenBy(caller, definition, desk.Response(after, definition, desk.PermittedFor(caller, definition, after.State), masked)) with
            {
                VerificationCode = masked ? null : receipts.VerificationCode(after.State.Receipt),
            }));
    }

    internal static async Task<Results<Ok<List<EventView>>, ProblemHttpResult>> HistoryAsync(string id, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var loaded = await TryLoadAsync(desk, id, caller, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var history = await desk.Cases.HistoryAsync(id, ct);
        var applicant = loaded.Case!.Value.View.State.Applicant?.Name;
        var definition = loaded.Case!.Value.Definition;
        var departmentOnly = CaseDesk.DepartmentOnly(caller);
        return TypedResults.Ok(history
            .Where(e => !departmentOnly || !CaseDesk.OthersBranch(caller, definition, e.Region))
            .Select(e => EventView.From(e, Masked(caller), applicant)).ToList());
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> DocumentAsync(string id, string kind, CaseDesk desk, Receipts receipts, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var loaded = await TryLoadAsync(desk, id, caller, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var (view, definition) = loaded.Case!.Value;
        var history = await desk.Cases.HistoryAsync(id, ct);
        var html = Documents.Render(kind, view, definition, history, Masked(caller) ? null : receipts.VerificationCode(view.State.Receipt));
        return html.Problem is { } problem ? problem : TypedResults.Content(html.Html!, "text/html; charset=utf-8");
    }

    /// <summary>A department reads only its own branches in detail (<see cref="CaseDesk.ForDepartment"/>); the window, supervisors and admins the whole case.</summary>
    internal static CaseResponse AsSeenBy(Caller caller, Runtime.CompiledDefinition definition, CaseResponse response) =>
        CaseDesk.DepartmentOnly(caller) ? CaseDesk.ForDepartment(response, caller, definition) : response;

    /// <summary>Window and admin work with the applicant's full data; departments and supervisors see it masked.</summary>
    internal static bool Masked(Caller caller) => !(caller.IsWindow || caller.IsAdmin);

    internal static async Task<(ProblemHttpResult? Problem, (CaseView View, Runtime.CompiledDefinition Definition)? Case)> TryLoadAsync(CaseDesk desk, string id, Caller caller, CancellationToken ct)
    {
        try
        {
            var loaded = await desk.LoadAsync(id, ct);
            if (!CaseDesk.MaySee(caller, loaded.Definition))
            {
                return (Problems.Forbidden($"case '{id}' does not involve your department(s) ({string.Join(", ", caller.Departments)})", $"办件“{id}”不涉及您所在的部门"), null);
            }

            return (null, loaded);
        }
        catch (CaseNotFoundException)
        {
            return (Problems.NotFound($"no case '{id}'", $"没有受理编号或编号为“{id}”的办件"), null);
        }
    }

    private static Channel ParseChannel(string? text, Dictionary<string, string[]> errors)
    {
        switch (text)
        {
            case null or "window":
                return Channel.Window;
            case "online":
                return Channel.Online;
            case "assisted":
                return Channel.Assisted;
            default:
                errors["channel"] = [$"unknown channel '{text}': use window, online or assisted"];
                return Channel.Window;
        }
    }
}
