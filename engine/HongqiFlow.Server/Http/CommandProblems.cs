using HongqiFlow.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HongqiFlow.Server.Http;

/// <summary>
/// What a command could not do, for every endpoint that sends one: an idempotency key already used for a different
/// request is 422 naming the key; a case kept busy by other writers is 503 with Retry-After (nothing was written,
/// the same request may be sent again). Neither is ever a 500.
/// </summary>
public sealed class CommandProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client waits before sending a command to a busy case again.</summary>
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem;
        switch (exception)
        {
            case IdempotencyKeyReusedException reused:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "idempotency key reused",
                    Detail = reused.Message,
                    Extensions = { ["key"] = reused.Key, ["reason"] = $"幂等键“{reused.Key}”已用于另一个请求，请为新的请求使用新的幂等键" },
                };
                break;
            case CaseBusyException busy:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "case busy",
                    Detail = busy.Message,
                    Extensions = { ["caseId"] = busy.CaseId, ["reason"] = "办件正被他人同时办理，请稍后重试" },
                };
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
