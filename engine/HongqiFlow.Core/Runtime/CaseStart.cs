using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>What the <c>start</c> command carries: the application as received (收件), before acceptance.</summary>
public sealed record CaseStart
{
    public required string CaseId { get; init; }

    /// <summary>受理编号, given to the applicant.</summary>
    public required string Receipt { get; init; }

    public required Applicant Applicant { get; init; }

    /// <summary>Ids of the materials handed in.</summary>
    public ValueList<string> Submitted { get; init; } = ValueList<string>.Empty;

    /// <summary>帮办代办: a clerk handles the case on the applicant's behalf.</summary>
    public bool Assisted { get; init; }

    public ValueMap Data { get; init; } = ValueMap.Empty;
}
