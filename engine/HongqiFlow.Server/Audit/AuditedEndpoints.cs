using HongqiFlow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Audit;

/// <summary>
/// Which endpoints are operations the audit records, by endpoint name (docs/operations.md lists them): definition
/// drafts and publishing, catalog import and export, migrations, token issuance, deputies, and the exports of
/// personal data and of figures (documents, CSV). Case events are not here: each case's own history records them.
/// </summary>
public static class AuditedEndpoints
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["createDefinition"] = OperationKinds.DefinitionCreate,
        ["saveDefinitionDraft"] = OperationKinds.DefinitionDraft,
        ["saveDefinitionLayout"] = OperationKinds.DefinitionLayout,
        ["publishDefinition"] = OperationKinds.DefinitionPublish,
        ["importDefinitions"] = OperationKinds.DefinitionsImport,
        ["exportDefinitions"] = OperationKinds.DefinitionsExport,
        ["planMigration"] = OperationKinds.MigrationPlan,
        ["executeMigration"] = OperationKinds.MigrationExecute,
        ["issueToken"] = OperationKinds.TokenIssue,
        ["setDeputy"] = OperationKinds.DeputyName,
        ["removeDeputy"] = OperationKinds.DeputyEnd,
        ["getCaseDocument"] = OperationKinds.DocumentExport,
    };

    /// <summary>The operation an endpoint performs, or null when it is not audited (a CSV export only with <c>format=csv</c>).</summary>
    public static string? Kind(string endpointName, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var csv = string.Equals(query["format"], "csv", StringComparison.Ordinal);
        return endpointName switch
        {
            "getMetrics" when csv => OperationKinds.MetricsExport,
            "listOperations" when csv => OperationKinds.AuditExport,
            _ => Kinds.GetValueOrDefault(endpointName),
        };
    }

    /// <summary>What the operation was done to, from the route: the item code, the case (and document kind), the area, else the path.</summary>
    public static string Target(string kind, RouteValueDictionary route, string path)
    {
        ArgumentNullException.ThrowIfNull(route);
        string? Value(string name) => route.TryGetValue(name, out var v) ? v?.ToString() : null;
        return kind switch
        {
            OperationKinds.DocumentExport => $"{Value("id")}/{Value("kind")}",
            OperationKinds.DefinitionsImport or OperationKinds.DefinitionsExport => "catalog",
            OperationKinds.TokenIssue => "tokens",
            OperationKinds.DeputyName or OperationKinds.DeputyEnd => "deputy",
            OperationKinds.MetricsExport => "metrics",
            OperationKinds.AuditExport => "operations",
            _ => Value("code") ?? path,
        };
    }
}
