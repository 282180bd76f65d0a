using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Expressions;

/// <summary>The guards of one definition version, keyed by their expression (value equality: re-parsing finds them).</summary>
internal sealed class PreparedGuardSet(
    Dictionary<ExpressionSource, IGuard> guards,
    JavaScriptSandboxPool sandboxes,
    CSharpRuleAssembly? assembly) : GuardSet
{
    public override IGuard For(ExpressionSource expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return guards.TryGetValue(expression, out var guard)
            ? guard
            : throw new ArgumentException($"The expression at {expression.At} was not part of the compiled definition.", nameof(expression));
    }

    /// <summary>The load context of the compiled C# rules, for tests that prove it is collected after disposal.</summary>
    internal WeakReference? RulesLoadContext => assembly?.Context;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sandboxes.Dispose();
            assembly?.Dispose();
        }

        base.Dispose(disposing);
    }
}
