using HongqiFlow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Audit;

/// <summary>
/// Records, after each request: every failed authentication (401) and refused authorisation (403) on the API and the
/// scrape endpoint, and every audited operation (<see cref="AuditedEndpoints"/>) with its result. Sits between
/// authentication and authorization, so it sees who the caller is and the answer authorization gave.
/// </summary>
public sealed class OperationsAuditMiddleware(RequestDelegate next, OperationsAudit audit)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var failed = false;
        try
        {
            await next(http);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            await RecordAsync(http, failed);
        }
    }

    private Task RecordAsync(HttpContext http, bool failed)
    {
        var path = http.Request.Path.Value ?? "/";
        var status = failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
        var endpoint = http.GetEndpoint();
        var name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var detail = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["method"] = http.Request.Method,
            ["path"] = path,
            ["status"] = status,
        };
        var onApi = path.StartsWith("/api/", StringComparison.Ordinal) || path == "/metrics";
        if (status == StatusCodes.Status401Unauthorized && onApi)
        {
            if (name is not null)
            {
                detail["attempted"] = name;
            }

            if (http.Items[OperationsAudit.AuthenticationFailureItem] is string reason)
            {
                detail["reason"] = reason;
            }
            else if (http.Request.Headers.Authorization.Count == 0)
            {
                detail["reason"] = "no bearer token";
            }

            return audit.RecordAsync(http, OperationKinds.Authentication, path, OperationResults.Unauthenticated, detail);
        }

        if (status == StatusCodes.Status403Forbidden && onApi)
        {
            if (name is not null)
            {
                detail["attempted"] = name;
            }

            return audit.RecordAsync(http, OperationKinds.Authorization, path, OperationResults.Denied, detail);
        }

        if (name is null || AuditedEndpoints.Kind(name, http.Request.Query) is not { } kind)
        {
            return Task.CompletedTask;
        }

        if (http.Request.QueryString.HasValue && kind is OperationKinds.MetricsExport or OperationKinds.AuditExport)
        {
            detail["query"] = http.Request.QueryString.Value;
        }

        var result = status < 400 ? OperationResults.Success : OperationResults.Failure;
        var target = http.Items[OperationsAudit.TargetItem] as string ?? AuditedEndpoints.Target(kind, http.Request.RouteValues, path);
        return audit.RecordAsync(http, kind, target, result, detail);
    }
}
