using System.Globalization;
using System.Text;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Audit;

/// <summary>One entry of the operations audit as the auditor reads it.</summary>
/// <param name="Detail">The entry's further facts, a JSON object as recorded (method, path, status, a refusal's reason…).</param>
/// <param name="Hash">The entry's SM3 hash in the chain (hex).</param>
public sealed record OperationView(
    long Sequence, DateTimeOffset At, string Actor, string Roles, string Address, string Operation, string Target, string Result, string Detail, string Hash);

/// <summary>A page of the operations audit, newest first.</summary>
/// <param name="Total">How many entries match the filters in all.</param>
/// <param name="Next">Pass as <c>before</c> for the next page; absent on the last.</param>
public sealed record OperationsPage(IReadOnlyList<OperationView> Operations, long Total, long? Next);

/// <summary>
/// The operations audit for the auditor (审计管理员) alone: search, filter, page, CSV. Nothing here or anywhere else
/// changes or removes an entry.
/// </summary>
public static class OperationsAuditEndpoints
{
    /// <summary>The most rows one CSV export holds; narrow the filters for more.</summary>
    public const int CsvLimit = 100_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/operations", ListAsync).WithTags("audit").RequireAuthorization(Policies.Audit)
            .WithSummary("search the operations audit (安全审计), newest first: actor, operation, result, from, to, q, before, limit; format=csv for CSV")
            .WithName("listOperations").AlsoAnswers(StatusCodes.Status200OK, "text/csv");
    }

    internal static async Task<Results<Ok<OperationsPage>, ContentHttpResult, ValidationProblem>> ListAsync(
        string? actor, string? operation, string? result, DateTimeOffset? from, DateTimeOffset? to, string? q, long? before, int? limit, string? format,
        IOperationsLog log, CancellationToken ct)
    {
        if (operation is { Length: > 0 } && !OperationKinds.All.Contains(operation))
        {
            return Problems.Field("operation", "one of " + string.Join(", ", OperationKinds.All));
        }

        if (result is { Length: > 0 } && !OperationResults.All.Contains(result))
        {
            return Problems.Field("result", "one of " + string.Join(", ", OperationResults.All));
        }

        if (from is { } start && to is { } end && end <= start)
        {
            return Problems.Field("to", "'to' must be after 'from'");
        }

        if (limit is < 1 or > 500)
        {
            return Problems.Field("limit", "between 1 and 500");
        }

        if (format is not (null or "json" or "csv"))
        {
            return Problems.Field("format", "json or csv");
        }

        var query = new OperationQuery(actor, operation, result, from, to, q, before, limit ?? 50);
        if (format == "csv")
        {
            var rows = new List<StoredOperation>();
            var page = query with { Limit = 1000 };
            while (rows.Count < CsvLimit)
            {
                var next = await log.QueryOperationsAsync(page, ct);
                rows.AddRange(next.Operations);
                if (next.Next is not { } cursor)
                {
                    break;
                }

                page = page with { Before = cursor };
            }

            return TypedResults.Text(Csv(rows.Take(CsvLimit)), "text/csv; charset=utf-8");
        }

        var found = await log.QueryOperationsAsync(query, ct);
        return TypedResults.Ok(new OperationsPage([.. found.Operations.Select(View)], found.Total, found.Next));
    }

    /// <summary>One row per entry, newest first: <c>sequence,at,actor,roles,address,operation,target,result,detail,hash</c>.</summary>
    public static string Csv(IEnumerable<StoredOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var csv = new StringBuilder("sequence,at,actor,roles,address,operation,target,result,detail,hash\n");
        foreach (var o in operations)
        {
            csv.AppendJoin(',', [
                o.Sequence.ToString(CultureInfo.InvariantCulture), o.At.ToString("O", CultureInfo.InvariantCulture), Cell(o.Actor), Cell(o.Roles), Cell(o.Address),
                o.Operation, Cell(o.Target), o.Result, Cell(o.Detail), o.Hash]).Append('\n');
        }

        return csv.ToString();
    }

    private static OperationView View(StoredOperation o) => new(o.Sequence, o.At, o.Actor, o.Roles, o.Address, o.Operation, o.Target, o.Result, o.Detail, o.Hash);

    /// <summary>A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised so a spreadsheet never runs it.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
