using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Expressions;

/// <summary>
/// The prepared guards of one definition version, safe to share between threads. Disposing unloads compiled C# rules
/// and releases the JavaScript engines; dispose only when no evaluation is running (the version is retired).
/// </summary>
public abstract class GuardSet : IDisposable
{
    /// <summary>The prepared guard for an expression of the definition it was compiled from (matched by value).</summary>
    /// <exception cref="ArgumentException">The expression was not part of the compiled definition.</exception>
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
