using System.Globalization;
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

/// <summary>POST /api/tickets/{caseId}/verify: 差评核实, whether the bad rating is founded.</summary>
public sealed record TicketVerification(string? Result, string? Note);

/// <summary>
/// 好差评 by GB/T 39734-2020 beyond the tickets: the verification of a bad rating and the export of every rating with
/// its handling in the layout docs/console.md documents.
/// </summary>
public static class RatingEndpoints
{
    /// <summary>The export's columns, in order (docs/console.md, "Ratings export").</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "receipt", "item", "itemName", "lead", "stage", "level", "levelName", "good", "channel", "category", "categoryName", "comment", "ratedAt",
        "defaulted", "verification", "verifiedAt", "rectifyDue", "rectifiedAt", "rectification", "feedbackAt", "feedbackMethod", "feedbackSatisfied",
        "feedback", "status",
    ];

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly string[] LevelNames = ["", "非常不满意", "不满意", "基本满意", "满意", "非常满意"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ratings/export", ExportAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("every rating (好差评) rated in a period (from, to) with its verification, rectification and follow-up, as CSV (GB/T 39734-2020; layout in docs/console.md)")
            .WithName("exportRatings").Produces<string>(StatusCodes.Status200OK, "text/csv").Problems(StatusCodes.Status400BadRequest);
        app.MapPost("/api/tickets/{caseId}/verify", VerifyAsync).WithTags("supervision").RequireAuthorization(Policies.Supervision)
            .WithSummary("record the verification of a bad rating (差评核实): confirmed or unfounded, with a note")
            .WithName("verifyTicket").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<TicketActionResponse>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        string caseId, TicketVerification? body, CaseDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body?.Result is not ("confirmed" or "unfounded"))
        {
            return Problems.Field("result", "confirmed or unfounded", "核实结果须为“属实”（confirmed）或“不属实”（unfounded）");
        }

        if (string.IsNullOrWhiteSpace(body.Note))
        {
            return Problems.Field("note", "required: what the verification found", "请填写核实情况");
        }

        if (FieldLimits.CommentTooLong("note", body.Note, "说明") is { } tooLong)
        {
            return tooLong;
        }

        var caller = Caller.From(user);
        try
        {
            var command = Command.Send(BuiltInEvents.VerifyRating, Actor.Supervisor(caller.UserId), Channel.Window,
                ValueMap.Of(("result", body.Result), ("note", body.Note)), idempotencyKey: $"{BuiltInEvents.VerifyRating}:{caseId}");
            var result = await desk.Cases.SendAsync(caseId, command, ct);
            return result.IsAccepted ? TypedResults.Ok(new TicketActionResponse(caseId, result.Version, result.IsRepeat)) : Problems.Rejected(result.Rejection!);
        }
        catch (Hosting.CaseNotFoundException)
        {
            return Problems.NotFound($"no case '{caseId}'", $"没有编号为“{caseId}”的办件");
        }
        catch (Hosting.IdempotencyKeyReusedException)
        {
            return Problems.Conflict($"the verification of case '{caseId}' is already recorded with another result", "该差评已核实，不能重复核实");
        }
    }

    internal static async Task<Results<ContentHttpResult, ValidationProblem>> ExportAsync(
        DateTimeOffset? from, DateTimeOffset? to, CaseRecords records, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (start, end) = (from ?? DateTimeOffset.MinValue, to ?? now.AddSeconds(1));
        if (end <= start)
        {
            return Problems.Field("to", "'to' must be after 'from'");
        }

        var rows = new List<(DateTimeOffset At, string Line)>();
        foreach (var record in await records.ReadAsync(null, ct))
        {
            foreach (var rating in record.State.AllRatings.Where(r => r.At >= start && r.At < end))
            {
                rows.Add((rating.At, Row(record, rating, now)));
            }
        }

        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var (_, line) in rows.OrderBy(r => r.At))
        {
            csv.Append(line).Append('\n');
        }

        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static string Row(CaseRecord record, CaseRating rating, DateTimeOffset now)
    {
        var state = record.State;
        var policy = record.Definition.Definition.Rating;
        var obligation = rating.IsBad ? state.Obligations.LastOrDefault(o => o.Id == Obligation.RectificationId && o.Opened >= rating.At)
            ?? state.Obligations.LastOrDefault(o => o.Id == Obligation.RectificationId) : null;
        var d = obligation?.Details ?? ValueMap.Empty;
        var status = obligation switch
        {
            null => string.Empty,
            { Status: ObligationStatus.Fulfilled } => "closed",
            { Status: ObligationStatus.Breached } => "breached",
            { } o when o.Due < now => "overdue",
            _ => "open",
        };
        string[] values =
        [
            state.Receipt, record.Definition.Code, record.Definition.Definition.Item.Name, record.Definition.Definition.Item.Lead, rating.Stage,
            rating.Level.ToString(CultureInfo.InvariantCulture), rating.Level is >= 1 and <= 5 ? LevelNames[rating.Level] : string.Empty,
            rating.IsGood ? "true" : "false", rating.Channel ?? (rating.Defaulted ? "default" : string.Empty), rating.Category ?? string.Empty,
            policy.Categories.FirstOrDefault(c => c.Id == rating.Category)?.Name ?? string.Empty,
            ApplicantText.Mask(rating.Comment, state.Applicant?.Name) ?? string.Empty, Time(rating.At), rating.Defaulted ? "true" : "false",
            d.GetString("verification") ?? string.Empty, Time(d.GetString("verificationAt")), obligation is null ? string.Empty : Time(obligation.Due),
            Time(d.GetString("rectifiedAt")), d.GetString("rectifiedNote") ?? string.Empty, Time(d.GetString("feedbackAt")), d.GetString("feedbackMethod") ?? string.Empty,
            d.GetString("feedbackSatisfied") ?? string.Empty, d.GetString("feedbackNote") ?? string.Empty, status,
        ];
        return string.Join(',', values.Select(Field));
    }

    private static string Time(DateTimeOffset at) => at.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Time(string? roundTrip) =>
        DateTimeOffset.TryParse(roundTrip, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? Time(at) : string.Empty;

    /// <summary>RFC 4180 quoting; a text a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.</summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !value.All(c => char.IsAsciiDigit(c) || c is '-' or ':' or 'T' or '+'))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
