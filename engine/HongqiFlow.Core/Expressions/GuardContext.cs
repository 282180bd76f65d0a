namespace HongqiFlow.Expressions;

/// <summary>
/// What a guard (<c>when:</c>) sees. In JavaScript: <c>missing</c>, <c>submitted</c>, <c>tolerated</c>, <c>committed</c>
/// (arrays of material ids), <c>data</c> (case data, including shared records), <c>applicant</c> (<c>badCredit</c>,
/// <c>falsePledge</c>, <c>kind</c>), <c>payload</c> (the command's payload), <c>event</c>, <c>role</c>, <c>channel</c>,
/// <c>state</c>, and <c>obligations.open(id)</c>. In C#: the same names as properties of this type.
/// </summary>
public sealed record GuardContext
{
    public IReadOnlyList<string> Missing { get; init; } = [];

    public IReadOnlyList<string> Submitted { get; init; } = [];

    public IReadOnlyList<string> Tolerated { get; init; } = [];

    public IReadOnlyList<string> Committed { get; init; } = [];

    /// <summary>Case data as JSON-like values: string, decimal/double, bool, null, lists and string-keyed dictionaries.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> Applicant { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> Payload { get; init; } = new Dictionary<string, object?>();

    public string Event { get; init; } = string.Empty;

    public string Role { get; init; } = string.Empty;

    public string Channel { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    /// <summary>Ids of the obligations open on the case (supplement, verification, rectification, custom ones).</summary>
    public IReadOnlyCollection<string> OpenObligations { get; init; } = [];
}
