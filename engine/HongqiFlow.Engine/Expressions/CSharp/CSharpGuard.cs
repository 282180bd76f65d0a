using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>A C# rule: a compiled static method called through a delegate.</summary>
internal sealed class CSharpGuard(ExpressionSource expression, CSharpRuleAssembly assembly, int index) : IGuard
{
    private readonly SourceLocation _start = ExpressionMap.Start(expression);

    public bool Evaluate(GuardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = assembly.Rule(index);
        try
        {
            return rule(context);
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"the rule threw {ex.GetType().Name}: {ex.Message}", _start, ex);
        }
    }
}
