using System.Globalization;
using HongqiFlow.Messages;
using HongqiFlow.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HongqiFlow.Server.Http;

/// <summary>
/// RFC 7807 problem responses with the reasons the API promises: field errors for bad bodies, the permitted events on 409.
/// Titles and the fixed details are the message catalog's <c>problem.*</c> (docs/messages.md).
/// </summary>
public static class Problems
{
    private static string InvalidFields => Message.Of("problem.invalid-fields").English;

    private static string InvalidRequest => Message.Of("problem.invalid-request").English;

    private static string NotFoundTitle => Message.Of("problem.not-found").English;

    private static string ConflictTitle => Message.Of("problem.conflict").English;

    private static string ForbiddenTitle => Message.Of("problem.forbidden").English;

    private static string BadRequestTitle => Message.Of("problem.bad-request").English;

    public static ValidationProblem Fields(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? InvalidFields, title: InvalidRequest);

    public static ValidationProblem Field(string field, string message) => Fields(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>One field refused, with <c>reason</c> in Chinese for the person who typed it (an applicant, a supervisor).</summary>
    public static ValidationProblem Field(string field, string message, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, InvalidFields, title: InvalidRequest,
            extensions: new Dictionary<string, object?> { ["reason"] = reason });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(what, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle);

    /// <summary>404 that people meet in the web app (a receipt typed at the window): <c>reason</c> in Chinese beside the English.</summary>
    public static ProblemHttpResult NotFound(string what, string reason) =>
        TypedResults.Problem(what, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle, extensions: WithReason(reason, null));

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: ConflictTitle, extensions: extensions);

    /// <summary>409 that people meet in the web app: <c>detail</c> in English and <c>reason</c> in Chinese, as a refused event has.</summary>
    public static ProblemHttpResult Conflict(string detail, string reason, IDictionary<string, object?>? extensions = null) =>
        Conflict(detail, WithReason(reason, extensions));

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle);

    /// <summary>403 with <c>reason</c> in Chinese beside the English <c>detail</c>.</summary>
    public static ProblemHttpResult Forbidden(string detail, string reason) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle, extensions: WithReason(reason, null));

    /// <summary>429 for a receipt that had too many wrong verification codes: when it may be tried again.</summary>
    public static ProblemHttpResult TooManyWrongCodes(int failures, DateTimeOffset until)
    {
        var detail = Message.Of("problem.too-many-wrong-codes.detail", ("failures", failures), ("until", until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        return TypedResults.Problem(
            $"{detail.English} ({detail.Chinese})",
            statusCode: StatusCodes.Status429TooManyRequests, title: Message.Of("problem.too-many-wrong-codes").English,
            extensions: new Dictionary<string, object?> { ["retryAfter"] = until });
    }

    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: BadRequestTitle, extensions: extensions);

    /// <summary>400 with <c>reason</c> in Chinese beside the English <c>detail</c> (see the 409 overload).</summary>
    public static ProblemHttpResult BadRequest(string detail, string reason, IDictionary<string, object?>? extensions = null) =>
        BadRequest(detail, WithReason(reason, extensions));

    private static Dictionary<string, object?> WithReason(string reason, IDictionary<string, object?>? extensions) =>
        new(extensions ?? new Dictionary<string, object?>()) { ["reason"] = reason };

    /// <summary>A command the engine refused: 409 with the code, the reason in Chinese and English and the events permitted now.</summary>
    public static ProblemHttpResult Rejected(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return Conflict(rejection.ReasonEnglish, new Dictionary<string, object?>
        {
            ["code"] = rejection.Code,
            ["reason"] = rejection.Reason,
            ["permitted"] = rejection.Permitted.Select(PermittedView.From).ToList(),
        });
    }
}
