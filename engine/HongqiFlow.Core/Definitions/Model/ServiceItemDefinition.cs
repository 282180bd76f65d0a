namespace HongqiFlow.Definitions.Model;

/// <summary>One service item (政务服务事项) as written in YAML: header, materials, rules, states and notifications.</summary>
public sealed record ServiceItemDefinition : ModelNode
{
    /// <summary>The language version, the <c>hongqiflow:</c> key; 1 for now.</summary>
    public int Language { get; init; } = 1;

    public required ItemHeader Item { get; init; }

    public ValueList<MaterialDefinition> Materials { get; init; } = ValueList<MaterialDefinition>.Empty;

    /// <summary>容缺受理; absent when the item allows no tolerance.</summary>
    public ToleranceRule? Tolerance { get; init; }

    /// <summary>告知承诺; absent when the item allows no commitment.</summary>
    public CommitmentRule? Commitment { get; init; }

    /// <summary>好差评 policy; defaults apply when absent.</summary>
    public RatingPolicy Rating { get; init; } = new();

    /// <summary>Top-level states in the order written.</summary>
    public ValueList<StateDefinition> States { get; init; } = ValueList<StateDefinition>.Empty;

    public ValueList<FragmentDefinition> Fragments { get; init; } = ValueList<FragmentDefinition>.Empty;

    /// <summary>Obligations declared by the item beyond the built-in supplement, verification and rectification.</summary>
    public ValueList<ObligationDefinition> Obligations { get; init; } = ValueList<ObligationDefinition>.Empty;

    public ValueList<TemplateDefinition> Templates { get; init; } = ValueList<TemplateDefinition>.Empty;

    public ValueList<NotificationRule> Notify { get; init; } = ValueList<NotificationRule>.Empty;

    /// <summary>The file the definition was read from (for messages); empty for text given directly.</summary>
    public string SourceFile { get; init; } = string.Empty;
}
