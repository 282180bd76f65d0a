namespace HongqiFlow.Runtime;

/// <summary>超时预警.</summary>
public enum WarningLevel
{
    /// <summary>黄灯: approaching the limit.</summary>
    Yellow,

    /// <summary>红灯: the limit has passed.</summary>
    Red,
}
