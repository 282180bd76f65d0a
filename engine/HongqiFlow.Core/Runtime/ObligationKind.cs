namespace HongqiFlow.Runtime;

/// <summary>Deadline-bound duties attached to a case.</summary>
public enum ObligationKind
{
    /// <summary>补齐容缺材料 after tolerant acceptance.</summary>
    Supplement,

    /// <summary>事后核查 of a pledge after commitment.</summary>
    Verification,

    /// <summary>差评整改: rectify and answer a bad rating.</summary>
    Rectification,

    /// <summary>An obligation the item declares itself.</summary>
    Custom,
}
