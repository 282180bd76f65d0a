namespace HongqiFlow.Definitions.Model;

/// <summary>How the signers of a step decide (会签 / 或签 / 依次审批 / 票签).</summary>
public enum SigningMode
{
    /// <summary>One person does the step (the default).</summary>
    Single,

    /// <summary>会签: every signer must agree; one refusal refuses.</summary>
    All,

    /// <summary>或签: the first signer to decide decides for all.</summary>
    Any,

    /// <summary>依次审批: the signers decide one after another, in order; one refusal refuses.</summary>
    Sequential,

    /// <summary>票签: a vote; passes when <see cref="TaskRule.PassCount"/> (or <see cref="TaskRule.PassRatio"/>) of the signers agree.</summary>
    Vote,
}

/// <summary>
/// <c>task:</c> on a state: who may do the step (a position of the step's department, optionally a named person, a
/// person named in the case data, or the same / not the same person as another step — 审核与承办不得为同一人), how
/// several signers decide, where the step may send the case back (退回) and whether it may be transferred to
/// another department (转办).
/// </summary>
public sealed record TaskRule : ModelNode
{
    /// <summary>The position (岗位) in the step's department whose holders may do the step.</summary>
    public string? Position { get; init; }

    /// <summary>Only this person (a person id, the token's <c>sub</c>).</summary>
    public string? Person { get; init; }

    /// <summary>A key of the case data whose value is the person id who must do the step (e.g. <c>handler</c>).</summary>
    public string? PersonFrom { get; init; }

    /// <summary>The step must be done by the person who did this step (of the same region).</summary>
    public string? SameAs { get; init; }

    /// <summary>The step must not be done by the person who did this step (四眼原则).</summary>
    public string? NotSameAs { get; init; }

    public SigningMode Signing { get; init; } = SigningMode.Single;

    /// <summary>The signer slots: a position id (any holder of it, one slot each) or <c>person:ID</c>.</summary>
    public ValueList<string> Signers { get; init; } = ValueList<string>.Empty;

    /// <summary>票签: the number of agreeing signers that passes the vote.</summary>
    public int? PassCount { get; init; }

    /// <summary>票签: the share of agreeing signers that passes the vote (0 &lt; r ≤ 1).</summary>
    public decimal? PassRatio { get; init; }

    /// <summary>The event a signer agrees with (default <c>approve</c>).</summary>
    public string Approve { get; init; } = "approve";

    /// <summary>The event a signer refuses with (default <c>reject</c>); a refused signing fires this event's transition.</summary>
    public string Refuse { get; init; } = "reject";

    /// <summary><c>returns: any</c>: the step may send the case back to any earlier step of its region.</summary>
    public bool ReturnsAny { get; init; }

    /// <summary>The steps the case may be sent back to (退回).</summary>
    public ValueList<string> Returns { get; init; } = ValueList<string>.Empty;

    /// <summary>The holder may transfer the step to another department (转办到其他部门).</summary>
    public bool Transfer { get; init; }

    public bool MaySendBack => ReturnsAny || Returns.Count > 0;
}
