namespace HongqiFlow.Definitions.Model;

/// <summary>One application material (申请材料).</summary>
public sealed record MaterialDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>主要材料: never tolerable; must be present (or shared) to accept.</summary>
    public bool Core { get; init; }

    /// <summary>May be missing at acceptance under the tolerance rule (容缺).</summary>
    public bool Tolerable { get; init; }

    /// <summary>May be replaced by the applicant's written pledge (告知承诺).</summary>
    public bool Committable { get; init; }

    /// <summary>A data-source id (数据共享), e.g. <c>population.id-card</c>: fetched, not submitted.</summary>
    public string? Shared { get; init; }

    /// <summary>Optional materials are never counted as missing.</summary>
    public bool Optional { get; init; }

    public string? Note { get; init; }

    /// <summary>
    /// 电子证照: the certificate types (证照类型代码, e.g. <c>11100000000013338W009</c>) whose e-certificate satisfies this
    /// material instead of paper; empty when only paper (or a shared record) does.
    /// </summary>
    public ValueList<string> Certificates { get; init; } = ValueList<string>.Empty;
}
