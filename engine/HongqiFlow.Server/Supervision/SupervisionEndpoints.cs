using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Supervision;

public sealed record MetricsResponse(DateTimeOffset From, DateTimeOffset To, Indicators Overall, IReadOnlyDictionary<string, Indicators> ByItem, IReadOnlyDictionary<string, Indicators> ByDepartment)
{
    /// <summary>The deployment's targets per indicator (JSON name), for the dashboard's cards.</summary>
    public IReadOnlyDictionary<string, IndicatorTarget> Targets { get; init; } = new Dictionary<string, IndicatorTarget>();
}

/// <summary>A warning raised on a case or one of its steps (超时预警): yellow when near the limit, red when over it.</summary>
public sealed record WarnedCase(string CaseId, string Receipt, string Item, string ItemName, string MainState, string Status, string Level, string Scope, DateTimeOffset At, string? Department)
{
    /// <summary>The main state's title in the definition (e.g. 已发证), for people; <see cref="MainState"/> is its name.</summary>
    public string? MainStateTitle { get; init; }

    /// <summary>What people call <see cref="Scope"/>: the branch's or the step's title; null for the whole case.</summary>
    public string? ScopeTitle { get; init; }

    /// <summary>The departments handling the case now (its open steps' and branches'), so a warning of the whole case names who has it.</summary>
    public IReadOnlyList<string> Handling { get; init; } = [];
}

/// <summary>A bad rating (差评) and its rectification (整改) and feedback (回访).</summary>
public sealed record Ticket(string CaseId, string Receipt, string Item, string ItemName, int Level, string? Comment, DateTimeOffset RatedAt, DateTimeOffset? Due, bool Rectified, bool FedBack, bool Overdue)
{
    /// <summary>The bad-rating category (差评类别), when the item declares categories.</summary>
    public string? Category { get; init; }

    /// <summary>The rating channel (评价渠道).</summary>
    public string? Channel { get; init; }

    /// <summary>差评核实: confirmed (属实), unfounded (不属实: a follow-up closes it), or null while not verified.</summary>
    public string? Verification { get; init; }

    /// <summary>The item requires verification before the rectification is recorded.</summary>
    public bool VerificationRequired { get; init; }
}

public sealed record TicketNote(string? Note)
{
    /// <summary>For a follow-up (回访): how the applicant was reached — phone, sms, visit, online or letter.</summary>
    public string? Method { get; init; }

    /// <summary>For a follow-up: whether the applicant was satisfied with the handling.</summary>
    public bool? Satisfied { get; init; }
}

/// <summary>Supervision: the programme's indicators (JSON, CSV) and the bad-rating tickets.</summary>
public static class SupervisionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics", MetricsAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("indicators over a period (from, to), overall, per item and per department; format=csv for CSV")
            .WithName("getMetrics").AlsoAnswers(StatusCodes.Status200OK, "text/csv");
        app.MapGet("/api/supervision/warnings", WarningsAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("cases and steps with a yellow or red warning: running first, red first, latest first (status=running by default, or finished, or all)")
            .WithName("listWarnings");
        app.MapGet("/api/tickets", TicketsAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("bad-rating tickets with their rectification deadline (open=true: only unfinished)")
            .WithName("listTickets");
        app.MapPost("/api/tickets/{caseId}/rectify", (string caseId, TicketNote? body, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct) => ActAsync(caseId, BuiltInEvents.Rectify, body, desk, user, ct))
            .WithTags("supervision").RequireAuthorization(Policies.Supervision).WithSummary("record the rectification of a bad rating (整改)")
            .WithName("rectifyTicket").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/tickets/{caseId}/feedback", (string caseId, TicketNote? body, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct) => ActAsync(caseId, BuiltInEvents.Feedback, body, desk, user, ct))
            .WithTags("supervision").RequireAuthorization(Policies.Supervision).WithSummary("record the answer to the applicant (回访反馈)")
            .WithName("answerTicket").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<MetricsResponse>, ContentHttpResult, ValidationProblem>> MetricsAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? format, CaseRecords records, IndicatorProjection projection, TimeProvider time, Microsoft.Extensions.Options.IOptions<ServerOptions> options, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var start = from ?? DateTimeOffset.MinValue;
        var end = to ?? now.AddSeconds(1);
        if (end <= start)
        {
            return Problems.Field("to", "'to' must be after 'from'");
        }

        if (format is not (null or "json" or "csv"))
        {
            return Problems.Field("format", "json or csv");
        }

        MetricsResponse response;
        if (projection.Ready)
        {
            // Every command acknowledged before this request is counted: what is pending is projected first.
            await projection.DrainAsync(ct);
            var (overall, byItem, byDepartment) = await projection.ReadAsync(start, end, now, ct);
            response = new MetricsResponse(start, end, overall, byItem, byDepartment) { Targets = options.Value.Targets };
        }
        else
        {
            response = await RecomputeAsync(start, end, now, records, ct) with { Targets = options.Value.Targets };
        }

        return format == "csv" ? TypedResults.Text(Csv(response), "text/csv; charset=utf-8") : TypedResults.Ok(response);
    }

    /// <summary>
    /// The indicators computed from every case's facts (before the <see cref="IndicatorProjection"/> has caught up, and to
    /// check it): each case's facts once, for every scope it counts in.
    /// </summary>
    internal static async Task<MetricsResponse> RecomputeAsync(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CaseRecords records, CancellationToken ct)
    {
        var all = (await records.ReadAsync(null, ct)).Where(r => r.StartedAt >= start && r.StartedAt < end)
            .Select(r => (Record: r, Facts: r.Facts(now))).ToList();
        var byItem = all.GroupBy(x => x.Record.Definition.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => MetricsCalculator.Compute([.. g.Select(x => x.Facts)]), StringComparer.Ordinal);
        var byDepartment = all.SelectMany(x => CaseDesk.Departments(x.Record.Definition).Select(d => (Department: d, x.Facts)))
            .GroupBy(x => x.Department).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => MetricsCalculator.Compute([.. g.Select(x => x.Facts)]), StringComparer.Ordinal);
        return new MetricsResponse(start, end, MetricsCalculator.Compute([.. all.Select(x => x.Facts)]), byItem, byDepartment);
    }

    /// <summary>One row per scope and indicator: <c>scope,key,indicator,value</c>.</summary>
    public static string Csv(MetricsResponse metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var csv = new StringBuilder("scope,key,indicator,value\n");
        void Rows(string scope, string key, Indicators indicators)
        {
            foreach (var property in typeof(Indicators).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var value = property.GetValue(indicators) switch
                {
                    null => string.Empty,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                };
                csv.Append(CultureInfo.InvariantCulture, $"{scope},{key},{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]},{value}\n");
            }
        }

        Rows("overall", "all", metrics.Overall);
        foreach (var (item, indicators) in metrics.ByItem)
        {
            Rows("item", item, indicators);
        }

        foreach (var (department, indicators) in metrics.ByDepartment)
        {
            Rows("department", department, indicators);
        }

        return csv.ToString();
    }

    internal static async Task<Results<Ok<List<WarnedCase>>, ValidationProblem>> WarningsAsync(string? status, CaseRecords records, CancellationToken ct)
    {
        if (status is not (null or "running" or "finished" or "all"))
        {
            return Problems.Field("status", "running, finished or all");
        }

        var warned = new List<WarnedCase>();
        foreach (var record in await records.ReadAsync(status is null ? "running" : status == "all" ? null : status, ct))
        {
            var state = record.State;
            // One row per scope, at its highest level: a red supersedes the yellow before it.
            foreach (var scope in state.Warnings.GroupBy(w => w.Scope, StringComparer.Ordinal))
            {
                var worst = scope.OrderByDescending(w => w.Level).ThenByDescending(w => w.At).First();
                var department = record.Definition.RegionOfScope(scope.Key)?.Branch?.Department ?? StepDepartment(record.Definition, scope.Key)
                    ?? (CaseWarning.IsCaseWide(scope.Key) ? record.Definition.Definition.Item.Lead : null);
                warned.Add(new WarnedCase(state.CaseId, state.Receipt, record.Definition.Code, record.Definition.Definition.Item.Name, state.MainState,
                    state.Outcome is null ? "running" : "finished", worst.Level.ToString().ToLowerInvariant(), scope.Key, worst.At, department)
                {
                    MainStateTitle = record.Definition.Main.TitleOf(state.MainState),
                    ScopeTitle = record.Definition.ScopeTitle(scope.Key),
                    Handling = state.Outcome is not null ? [] : [.. state.Regions
                        .Where(r => record.Definition.Region(r.Region) is { } c && c.HasState(r.State) && !c.State(r.State).Final && !c.State(r.State).IsParallel)
                        .Select(r => Cases.CaseDesk.DepartmentOf(record.Definition, r)).OfType<string>().Distinct(StringComparer.Ordinal)],
                });
            }
        }

        return TypedResults.Ok(warned.OrderBy(w => w.Status == "running" ? 0 : 1).ThenBy(w => w.Level == "red" ? 0 : 1).ThenByDescending(w => w.At).ToList());
    }

    /// <summary>The department of the step a scope names (<c>main:issuing</c> → the issuing step's department), when it has one.</summary>
    private static string? StepDepartment(Runtime.CompiledDefinition definition, string scope)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || definition.RegionOfScope(scope) is not { } region)
        {
            return null;
        }

        var step = scope[(colon + 1)..];
        return region.HasState(step) ? region.State(step).Department : null;
    }

    internal static async Task<Ok<List<Ticket>>> TicketsAsync(bool? open, CaseRecords records, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tickets = new List<Ticket>();
        foreach (var record in await records.ReadAsync("finished", ct))
        {
            if (record.State.AllRatings.LastOrDefault(r => r.IsBad) is not { } rating)
            {
                continue;
            }

            var obligation = record.State.Obligations.LastOrDefault(o => o.Id == Obligation.RectificationId);
            var (rectified, fedBack) = (record.HistoryFacts.Rectified, record.HistoryFacts.FedBack);
            var done = fedBack && (rectified || record.HistoryFacts.Unfounded);
            if (open == true && done)
            {
                continue;
            }

            tickets.Add(new Ticket(record.State.CaseId, record.State.Receipt, record.Definition.Code, record.Definition.Definition.Item.Name, rating.Level,
                Cases.ApplicantText.Mask(rating.Comment, record.State.Applicant?.Name), rating.At,
                obligation?.Due, rectified, fedBack, obligation is { } o && !done && o.Due < now)
            {
                Category = rating.Category,
                Channel = rating.Channel,
                Verification = obligation?.Details.GetString("verification"),
                VerificationRequired = record.Definition.Definition.Rating.VerificationRequired,
            });
        }

        return TypedResults.Ok(tickets.OrderBy(t => t.Due ?? DateTimeOffset.MaxValue).ToList());
    }

    internal static async Task<Results<Ok<TicketActionResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(string caseId, string @event, TicketNote? body, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Note))
        {
            return Problems.Field("note", @event == BuiltInEvents.Rectify ? "required: what was rectified" : "required: what the applicant was told",
                @event == BuiltInEvents.Rectify ? "请填写整改情况" : "请填写回访情况");
        }

        if (Cases.FieldLimits.CommentTooLong("note", body.Note, "说明") is { } tooLong)
        {
            return tooLong;
        }

        if (@event == BuiltInEvents.Feedback && body.Method is { } method && !HongqiFlow.Definitions.Model.FollowUpMethods.All.Contains(method, StringComparer.Ordinal))
        {
            return Problems.Field("method", $"one of {string.Join(", ", HongqiFlow.Definitions.Model.FollowUpMethods.All)}", "回访方式须为电话、短信、上门、网上或信函之一");
        }

        var caller = Caller.From(user);
        try
        {
            var payload = ValueMap.Of(("note", body.Note));
            if (@event == BuiltInEvents.Feedback)
            {
                payload = payload.With("method", body.Method).With("satisfied", body.Satisfied);
            }

            var command = Command.Send(@event, Actor.Supervisor(caller.UserId), Channel.Window, payload, idempotencyKey: $"{@event}:{caseId}");
            var result = await desk.Cases.SendAsync(caseId, command, ct);
            if (!result.IsAccepted)
            {
                return Problems.Rejected(result.Rejection!);
            }

            return TypedResults.Ok(new TicketActionResponse(caseId, result.Version, result.IsRepeat));
        }
        catch (Hosting.CaseNotFoundException)
        {
            return Problems.NotFound($"no case '{caseId}'", $"没有编号为“{caseId}”的办件");
        }
        catch (Hosting.IdempotencyKeyReusedException)
        {
            return Problems.Conflict($"the {@event} of case '{caseId}' is already recorded with another note", "该办件的整改（回访）情况已登记，不能重复登记");
        }
    }
}
