using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Cases;

public sealed record ProgressStep(DateTimeOffset At, string What);

/// <summary>The applicant's view: where the case is, who has it, what is still owed, the timeline; personal data masked.</summary>
public sealed record ProgressResponse(
    string Receipt,
    string ItemName,
    string Applicant,
    IReadOnlyList<RegionView> Where,
    string? Outcome,
    IReadOnlyList<ObligationView> Owed,
    IReadOnlyList<string> OwedMaterials,
    IReadOnlyList<ProgressStep> Timeline,
    RatingView? Rating,
    bool CanRate)
{
    /// <summary>The bad-rating categories (差评类别) the item declares: a rating of 不满意 or 非常不满意 names one of them.</summary>
    public IReadOnlyList<RatingCategoryView> RatingCategories { get; init; } = [];

    /// <summary>While a case waits for the materials a one-time notice listed (before acceptance): their names, until when, and what follows.</summary>
    public NoticeView? Notice { get; init; }

    /// <summary>
    /// While the promised time runs: when it ends, on the item's calendar from now and the working time left (so a
    /// special procedure that paused the clock has moved it on). Null before acceptance, while paused, once past it
    /// (<see cref="OverduePromised"/>) and once decided.
    /// </summary>
    public DateTimeOffset? PromisedBy { get; init; }

    /// <summary>The promised time has passed and the case is not decided.</summary>
    public bool OverduePromised { get; init; }
}

/// <summary>What a one-time notice asks of the applicant: the materials by name, the deadline and the step that follows it (不予受理).</summary>
public sealed record NoticeView(IReadOnlyList<string> Materials, DateTimeOffset? Due, string? Then);

/// <summary>
/// The applicant's rating: <c>category</c> names a bad rating's category where the item declares them, <c>channel</c>
/// the channel it came through (评价器, SMS, hotline… submitting for the applicant with the receipt and code; online by
/// default), both checked against the item's rating rules (GB/T 39734-2020).
/// </summary>
/// <summary>A bad-rating category as the applicant picks it: its id and its name.</summary>
public sealed record RatingCategoryView(string Id, string Name);

public sealed record RateRequest(string? Code, int? Level, string? Comment, string? Category = null, string? Channel = null);

/// <summary>
/// Applicant progress (no login): receipt number + verification code; rate limited per client address, and wrong codes
/// capped per receipt (<see cref="ProgressGuard"/>).
/// </summary>
public static class ProgressEndpoints
{
    private static readonly HashSet<string> TimelineTypes = new(StringComparer.Ordinal)
    {
        CaseEventTypes.CaseStarted, CaseEventTypes.Notice, CaseEventTypes.MaterialsTolerated, CaseEventTypes.MaterialsCommitted,
        CaseEventTypes.Joined, CaseEventTypes.BranchDeemed, BuiltInEvents.Supplement, BuiltInEvents.Rate,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/progress").WithTags("progress").AllowAnonymous().RequireRateLimiting(ServerHost.ProgressRateLimit);
        group.MapGet("/{receipt}", GetAsync).WithSummary("the applicant's timeline by receipt number and verification code (?code=); masked")
            .WithName("getProgress").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{receipt}/rating", RateAsync).WithSummary("rate a finished case once: level 1 (非常不满意) … 5 (非常满意), comment")
            .WithName("rateCase").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> GetAsync(string receipt, string? code, CaseDesk desk, Receipts receipts, ProgressGuard guard, CancellationToken ct)
    {
        var loaded = await LoadAsync(receipt, code, desk, receipts, guard, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var (view, definition) = loaded.Case!.Value;
        var history = await desk.Cases.HistoryAsync(receipt, ct);
        return TypedResults.Ok(Progress(desk, view, definition, history));
    }

    internal static async Task<Results<Ok<ProgressResponse>, ValidationProblem, ProblemHttpResult>> RateAsync(string receipt, RateRequest? body, CaseDesk desk, Receipts receipts, ProgressGuard guard, CancellationToken ct)
    {
        if (body?.Level is not (>= 1 and <= 5))
        {
            return Problems.Field("level", "required: 1 (非常不满意) to 5 (非常满意)", "请选择评价等级");
        }

        if (FieldLimits.CommentTooLong("comment", body.Comment, "评价意见") is { } tooLong)
        {
            return tooLong;
        }

        var loaded = await LoadAsync(receipt, body.Code, desk, receipts, guard, ct);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var payload = ValueMap.Of(("level", (long)body.Level.Value), ("comment", body.Comment), ("category", body.Category), ("channel", body.Channel));
        CaseResult result;
        try
        {
            result = await desk.Cases.SendAsync(receipt, Command.Send(BuiltInEvents.Rate, Actor.Applicant("applicant:" + receipt), Channel.Online, payload, idempotencyKey: "rate:" + receipt), ct);
        }
        catch (IdempotencyKeyReusedException)
        {
            // The same rating again is answered as before; another one is not a key the applicant chose, but a second rating.
            return Problems.Conflict("the case has already been rated; one rating per case", "本办件已评价，每件只能评价一次");
        }

        if (!result.IsAccepted)
        {
            return Problems.Rejected(result.Rejection!);
        }

        var (view, definition) = await desk.LoadAsync(receipt, ct);
        return TypedResults.Ok(Progress(desk, view, definition, await desk.Cases.HistoryAsync(receipt, ct)));
    }

    private static ProgressResponse Progress(CaseDesk desk, CaseView view, CompiledDefinition definition, IReadOnlyList<CaseEvent> history)
    {
        var state = view.State;
        var response = desk.Response(view, definition, [], masked: true);
        var timeline = Timeline(definition, history);
        var owedMaterials = view.OpenObligations.Where(o => o.Id == Obligation.SupplementId).SelectMany(o => o.Materials)
            .Select(definition.MaterialName).ToList();
        var canRate = state.Outcome is not null && state.Rating is null;
        var notice = state.Outcome is null && !state.Clock.Started ? Documents.NoticeOf(state, history) : null;
        return new ProgressResponse(state.Receipt, definition.Definition.Item.Name, response.Applicant?.Name ?? string.Empty,
            [.. response.Regions.Where(r => !r.Final || r.Region == RegionState.Main)], state.Outcome, [.. view.OpenObligations.Where(ApplicantOwes).Select(ObligationView.From)], owedMaterials, timeline, response.Rating, canRate)
        {
            PromisedBy = Engine.PromisedBy(definition, state, view.Now),
            RatingCategories = [.. definition.Definition.Rating.Categories.Select(c => new RatingCategoryView(c.Id, c.Name))],
            OverduePromised = state.Outcome is null && view.Clock.OverduePromised,
            Notice = notice is null ? null : new NoticeView(
                [.. notice.Materials.Select(definition.MaterialName)],
                notice.Deadline?.Due,
                notice.Deadline?.Target is { } target ? definition.Main.TitleOf(target) : null),
        };
    }

    /// <summary>
    /// Whether the applicant owes an open obligation: a tolerated material to hand in (补交容缺材料), or an item's own
    /// obligation that asks for materials. The government's own — verifying a pledge (事后核查), rectifying and answering a
    /// bad rating (差评整改) — are never shown to the applicant as something to hand in.
    /// </summary>
    internal static bool ApplicantOwes(Obligation obligation) => obligation.Kind switch
    {
        ObligationKind.Supplement => true,
        ObligationKind.Custom => obligation.Materials.Count > 0,
        _ => false,
    };

    /// <summary>
    /// The steps an applicant reads. The event that accepted the case (the one whose command started the clock) says so
    /// before the step it led to — 已受理 · 并联审批 — as acceptance is what starts the promised time.
    /// </summary>
    internal static IReadOnlyList<ProgressStep> Timeline(CompiledDefinition definition, IReadOnlyList<CaseEvent> history)
    {
        var timeline = new List<ProgressStep>();
        (int Step, DateTimeOffset At)? sent = null;
        foreach (var e in history)
        {
            // A command's events follow it with its time: the clock started by the same command means it accepted the case.
            if (e.Type == CaseEventTypes.ClockStarted && sent is { } command && command.At == e.At)
            {
                timeline[command.Step] = timeline[command.Step] with { What = $"已受理 · {timeline[command.Step].What}" };
                sent = null;
            }
            else if (TimelineTypes.Contains(e.Type) || definition.DeclaresEvent(e.Type))
            {
                if (definition.DeclaresEvent(e.Type))
                {
                    sent = (timeline.Count, e.At);
                }

                timeline.Add(new ProgressStep(e.At, Describe(definition, e)));
            }
        }

        return timeline;
    }

    private static string Describe(CompiledDefinition definition, CaseEvent e)
    {
        switch (e.Type)
        {
            case CaseEventTypes.CaseStarted:
                return "已收件";
            case CaseEventTypes.Joined:
                return "并联审批完成";
            case CaseEventTypes.BranchDeemed:
                return "部门超时默认同意";
            case BuiltInEvents.Rate:
                return "已评价";
            case CaseEventTypes.Notice:
                return "已出具一次性告知书";
            case CaseEventTypes.MaterialsTolerated:
                return "容缺受理";
            case CaseEventTypes.MaterialsCommitted:
                return "告知承诺受理";
            case BuiltInEvents.Supplement:
                return "已补交材料";
            default:
                var regionName = e.Region ?? RegionState.Main;
                var region = definition.Region(regionName);
                var stateName = e.Regions.FirstOrDefault(r => r.Region == regionName)?.State ?? string.Empty;
                var title = region?.TitleOf(stateName) ?? stateName;
                return region?.Branch is { } branch ? $"{branch.Title ?? branch.Name}：{title}" : title;
        }
    }

    private static async Task<(ProblemHttpResult? Problem, (CaseView View, CompiledDefinition Definition)? Case)> LoadAsync(
        string receipt, string? code, CaseDesk desk, Receipts receipts, ProgressGuard guard, CancellationToken ct)
    {
        if (guard.LockedUntil(receipt) is { } until)
        {
            return (Problems.TooManyWrongCodes(guard.MaxFailures, until), null);
        }

        // One answer for an unknown receipt and a wrong code, so receipts cannot be probed.
        var wrong = Problems.NotFound("no case with this receipt number and verification code", "受理编号或查询验证码不正确");
        if (!receipts.Verify(receipt, code))
        {
            guard.RecordFailure(receipt);
            return (wrong, null);
        }

        guard.RecordSuccess(receipt);

        try
        {
            return (null, await desk.LoadAsync(receipt, ct));
        }
        catch (CaseNotFoundException)
        {
            return (wrong, null);
        }
    }
}
