using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>
/// Checks and prepares every guard of a definition: JavaScript on Jint, C# on Roslyn (compiled once per definition version).
/// </summary>
public sealed class GuardCompiler
{
    public GuardCompiler(ExpressionLimits? limits = null)
    {
        Limits = limits ?? ExpressionLimits.Default;
    }

    public ExpressionLimits Limits { get; }

    /// <summary>Every syntax error and forbidden API use, located in the YAML file. Never throws for bad input.</summary>
    public IReadOnlyList<Diagnostic> Check(IReadOnlyList<ExpressionSource> expressions) =>
        throw new NotImplementedException();

    /// <summary>Prepares all guards; throws <see cref="DefinitionException"/> when any does not check.</summary>
    public GuardSet Compile(IReadOnlyList<ExpressionSource> expressions) =>
        throw new NotImplementedException();
}

/// <summary>Limits on one guard evaluation.</summary>
public sealed record ExpressionLimits(TimeSpan Timeout, int MaxStatements, long MaxMemoryBytes, int MaxRecursion)
{
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(200), 10_000, 4 * 1024 * 1024, 64);
}

/// <summary>The prepared guards of one definition version. Disposing unloads compiled C# rules.</summary>
public abstract class GuardSet : IDisposable
{
    /// <summary>The prepared guard for an expression of the definition it was compiled from.</summary>
    public abstract IGuard For(ExpressionSource expression);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
