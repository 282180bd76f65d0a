using System.Text.Json;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Audit;

/// <summary>
/// Records operations in the store's operations log (<see cref="IOperationsLog"/>). A failure to record is logged as an
/// error, never turned into a failure of the operation that already happened.
/// </summary>
public sealed partial class OperationsAudit(IServiceProvider services, TimeProvider time, ILogger<OperationsAudit> log)
{
    /// <summary>An endpoint may put further facts here (a dictionary of names to values) for its entry's detail.</summary>
    public const string DetailItem = "hongqi.audit.detail";

    private IOperationsLog Log => services.GetService(typeof(IOperationsLog)) as IOperationsLog
        ?? throw new InvalidOperationException("the store keeps no operations log (IOperationsLog)");

    /// <summary>Why the bearer token was refused, put here by the bearer handler's events for the 401's entry.</summary>
    public const string AuthenticationFailureItem = "hongqi.audit.authentication-failure";

    /// <summary>An endpoint may name what its operation was done to here, when the route does not (the person a token was issued to).</summary>
    public const string TargetItem = "hongqi.audit.target";

    /// <summary>Names the target of the request's entry.</summary>
    public static void SetTarget(HttpContext http, string target)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[TargetItem] = target;
    }

    /// <summary>Adds a fact to the detail of the request's entry.</summary>
    public static void AddDetail(HttpContext http, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[DetailItem] is not Dictionary<string, object?> detail)
        {
            detail = new Dictionary<string, object?>(StringComparer.Ordinal);
            http.Items[DetailItem] = detail;
        }

        detail[name] = value;
    }

    /// <summary>Records what a request did.</summary>
    public Task RecordAsync(HttpContext http, string operation, string target, string result, IDictionary<string, object?> detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(detail);
        var user = http.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var actor = authenticated ? Caller.From(user).UserId : "anonymous";
        var roles = authenticated ? string.Join(' ', user.FindAll(Roles.ClaimType).Select(c => c.Value).Distinct(StringComparer.Ordinal)) : "";
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (http.Items[DetailItem] is Dictionary<string, object?> extra)
        {
            foreach (var (name, value) in extra)
            {
                detail[name] = value;
            }
        }

        return RecordAsync(new OperationRecord(time.GetUtcNow(), actor, roles, address, operation, target, result, JsonSerializer.Serialize(detail)));
    }

    /// <summary>Records an operation of the server itself or of a tool.</summary>
    public async Task RecordAsync(OperationRecord record)
    {
        try
        {
            await Log.AppendOperationAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(log, e, record.Operation, record.Actor, record.Target, record.Result);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "The operations audit could not record {Operation} by {Actor} on {Target} ({Result})")]
    private static partial void LogNotRecorded(ILogger logger, Exception error, string operation, string actor, string target, string result);
}
