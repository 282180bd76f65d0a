using HongqiFlow.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Http;

/// <summary>
/// A case whose stored snapshot no longer matches the seal written with its history (edited by hand in the database)
/// is never served nor decided on: every request that loads it — the case view, its documents, an event, the
/// applicant's progress page — answers 409 problem+json with <c>code</c> <c>case-integrity</c>, and the server logs
/// an error naming the case. 409, not 500: the server works as designed; the case's stored state conflicts with its
/// audited history until an administrator restores it (see docs/operations.md).
/// </summary>
public sealed partial class TamperedSnapshots(IProblemDetailsService problems, ILogger<TamperedSnapshots> log) : IExceptionHandler
{
    public const string Code = "case-integrity";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not SnapshotTamperedException tampered)
        {
            return false;
        }

        LogTampered(log, tampered.CaseId, tampered.Version, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "case integrity",
            Detail = "this case's stored state does not match its audited history; it is withheld until an administrator restores it",
            Extensions =
            {
                ["code"] = Code,
                ["reason"] = "该办件的存储状态与审计记录不一致，暂停提供，请联系系统管理员",
            },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error,
        Message = "Case {CaseId}: the stored snapshot at version {Version} does not match the seal written with its history (changed outside the engine); refused {Method} {Path}. Run `hongqi audit verify` and restore the case from a backup.")]
    private static partial void LogTampered(ILogger logger, string caseId, long version, string method, string path);
}
