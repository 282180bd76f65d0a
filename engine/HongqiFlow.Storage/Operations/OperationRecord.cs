namespace HongqiFlow.Storage;

/// <summary>
/// One operation that is not a case event, as the operations audit (安全审计) records it: who did what, from which
/// address, to what, with which result, and when.
/// </summary>
/// <param name="Actor">The user id (<c>sub</c>), <c>anonymous</c> for a request without a valid token, <c>system</c> for the server itself.</param>
/// <param name="Roles">The roles the caller's token carried, space-separated; empty when none.</param>
/// <param name="Address">The client's address as the server saw it; <c>local</c> for the server itself.</param>
/// <param name="Operation">What was done, one of <see cref="OperationKinds"/>.</param>
/// <param name="Target">What it was done to (an item code, a case id, a path).</param>
/// <param name="Result">One of <see cref="OperationResults"/>.</param>
/// <param name="Detail">Further facts as a JSON object (the HTTP method, path and status, a refusal's reason); never personal data.</param>
public sealed record OperationRecord(
    DateTimeOffset At, string Actor, string Roles, string Address, string Operation, string Target, string Result, string Detail);

/// <summary>A recorded operation with its place in the chain.</summary>
/// <param name="Sequence">1, 2, 3… without gaps.</param>
/// <param name="Hash">SM3 over the record and <paramref name="PreviousHash"/> (<see cref="OperationsChain"/>).</param>
public sealed record StoredOperation(
    long Sequence, DateTimeOffset At, string Actor, string Roles, string Address, string Operation, string Target, string Result, string Detail,
    string Hash, string PreviousHash);

/// <summary>The results an operation is recorded with.</summary>
public static class OperationResults
{
    /// <summary>Done (an answer below 400).</summary>
    public const string Success = "success";

    /// <summary>Attempted and failed (a 4xx other than 401 and 403, or a 5xx).</summary>
    public const string Failure = "failure";

    /// <summary>Refused authorisation (403).</summary>
    public const string Denied = "denied";

    /// <summary>Failed authentication (401: no token, a bad or expired one).</summary>
    public const string Unauthenticated = "unauthenticated";

    public static readonly IReadOnlyList<string> All = [Success, Failure, Denied, Unauthenticated];
}

/// <summary>The operations the audit records.</summary>
public static class OperationKinds
{
    public const string DefinitionCreate = "definition-create";
    public const string DefinitionDraft = "definition-draft";
    public const string DefinitionLayout = "definition-layout";
    public const string DefinitionPublish = "definition-publish";
    public const string DefinitionsImport = "definitions-import";
    public const string DefinitionsExport = "definitions-export";
    public const string MigrationPlan = "migration-plan";
    public const string MigrationExecute = "migration-execute";
    public const string TokenIssue = "token-issue";
    public const string SettingsChange = "settings-change";
    public const string DeputyName = "deputy-name";
    public const string DeputyEnd = "deputy-end";
    public const string DocumentExport = "document-export";
    public const string MetricsExport = "metrics-export";
    public const string AuditExport = "audit-export";
    public const string Authentication = "authentication";
    public const string Authorization = "authorization";

    public static readonly IReadOnlyList<string> All =
    [
        DefinitionCreate, DefinitionDraft, DefinitionLayout, DefinitionPublish, DefinitionsImport, DefinitionsExport, MigrationPlan, MigrationExecute,
        TokenIssue, SettingsChange, DeputyName, DeputyEnd, DocumentExport, MetricsExport, AuditExport, Authentication, Authorization,
    ];
}
