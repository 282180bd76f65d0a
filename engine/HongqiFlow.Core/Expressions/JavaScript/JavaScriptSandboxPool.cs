namespace HongqiFlow.Expressions;

/// <summary>
/// One sandbox per thread: a Jint engine is not thread-safe, and building one costs far more than an evaluation.
/// Owned by one guard set so its engines go away with the definition version.
/// </summary>
internal sealed class JavaScriptSandboxPool(ExpressionLimits limits) : IDisposable
{
    private readonly ThreadLocal<JavaScriptSandbox?> _sandboxes = new(trackAllValues: true);

    public ExpressionLimits Limits => limits;

    public JavaScriptSandbox Rent() => _sandboxes.Value ??= new JavaScriptSandbox(limits);

    /// <summary>Drops this thread's sandbox after a failed evaluation, so an interrupted engine is never reused.</summary>
    public void Discard()
    {
        var sandbox = _sandboxes.Value;
        _sandboxes.Value = null;
        sandbox?.Dispose();
    }

    public void Dispose()
    {
        foreach (var sandbox in _sandboxes.Values)
        {
            sandbox?.Dispose();
        }

        _sandboxes.Dispose();
    }
}
