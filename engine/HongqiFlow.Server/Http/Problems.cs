using HongqiFlow.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HongqiFlow.Server.Http;

/// <summary>RFC 7807 problem responses with the reasons the API promises: field errors for bad bodies, the permitted events on 409.</summary>
public static class Problems
{
    public static ValidationProblem Fields(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? "the request body has invalid fields", title: "invalid request");

    public static ValidationProblem Field(string field, string message) => Fields(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>One field refused, with <c>reason</c> in Chinese for the person who typed it (an applicant, a supervisor).</summary>
    public static ValidationProblem Field(string field, string message, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, "the request body has invalid fields", title: "invalid request",
            extensions: new Dictionary<string, object?> { ["reason"] = reason });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(what, statusCode: StatusCodes.Status404NotFound, title: "not found");

    /// <summary>404 that people meet in the web app (a receipt typed at the window): <c>reason</c> in Chinese beside the English.</summary>
    public static ProblemHttpResult NotFound(string what, string reason) =>
        TypedResults.Problem(what, statusCode: StatusCodes.Status404NotFound, title: "not found", extensions: WithReason(reason, null));

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "conflict", extensions: extensions);

    /// <summary>409 that people meet in the web app: <c>detail</c> in English and <c>reason</c> in Chinese, as a refused event has.</summary>
    public static ProblemHttpResult Conflict(string detail, string reason, IDictionary<string, object?>? extensions = null) =>
        Conflict(detail, WithReason(reason, extensions));

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "forbidden");

    /// <summary>403 with <c>reason</c> in Chinese beside the English <c>detail</c>.</summary>
    public static ProblemHttpResult Forbidden(string detail, string reason) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "forbidden", extensions: WithReason(reason, null));

    /// <summary>429 for a receipt that had too many wrong verification codes: when it may be tried again.</summary>
    public static ProblemHttpResult TooManyWrongCodes(int failures, DateTimeOffset until) =>
        TypedResults.Problem(
            $"{failures} wrong verification codes for this receipt number within the hour; try again after {until:yyyy-MM-dd HH:mm} UTC (验证码错误次数过多，请稍后再试)",
            statusCode: StatusCodes.Status429TooManyRequests, title: "too many wrong codes",
            extensions: new Dictionary<string, object?> { ["retryAfter"] = until });

    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "bad request", extensions: extensions);

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
