using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>A C# rule: a compiled static method called through a delegate, inside its <see cref="RuleBudget"/>.</summary>
internal sealed class CSharpGuard(ExpressionSource expression, CSharpRuleAssembly assembly, int index, ExpressionLimits limits) : IGuard
{
    private readonly SourceLocation _start = ExpressionMap.Start(expression);

    public bool Evaluate(GuardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = assembly.Rule(index);
        try
        {
            using (RuleBudget.Begin(limits))
            {
                return rule(context);
            }
        }
        catch (RuleLimitExceededException ex)
        {
            throw new ExpressionException(ex.Limit switch
            {
                RuleLimit.Time => $"the rule ran longer than {limits.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
                RuleLimit.Memory => $"the rule allocated more than {limits.MaxMemoryBytes / 1024} KB",
                _ => $"the rule took more than {RuleBudget.StepsOf(limits)} steps",
            }, _start, ex);
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"the rule threw {ex.GetType().Name}: {ex.Message}", _start, ex);
        }
    }
}
