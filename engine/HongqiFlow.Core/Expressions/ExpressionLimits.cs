namespace HongqiFlow.Expressions;

/// <summary>
/// Limits on one guard evaluation. JavaScript guards are held to all four; C# rules are compiled code and are held
/// to what the allow-list lets them call instead (see docs/expressions.md).
/// </summary>
public sealed record ExpressionLimits(TimeSpan Timeout, int MaxStatements, long MaxMemoryBytes, int MaxRecursion)
{
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(200), 10_000, 4 * 1024 * 1024, 64);
}
