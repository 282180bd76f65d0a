using Acornima.Ast;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using Jint;
using Jint.Runtime;

namespace HongqiFlow.Expressions;

/// <summary>
/// Runs each JavaScript guard once at validation, on an empty case, inside the same limits as at run time. A guard
/// that cannot finish even then — an endless loop, endless recursion, a catastrophic regular expression, a memory
/// bomb — is reported where it is written (HQ3007) instead of being found by the first case that reaches it. A guard
/// that merely needs a case's data (and throws without it) is not a finding: that is checked when a case runs.
/// </summary>
internal sealed class JavaScriptTrial(ExpressionLimits limits)
{
    private static readonly GuardContext EmptyCase = new();

    // One engine per thread for trials, kept between validations (building one costs far more than a trial).
    [ThreadStatic]
    private static JavaScriptSandbox? t_sandbox;

    [ThreadStatic]
    private static ExpressionLimits? t_limits;

    public void Run(ExpressionSource expression, in Prepared<Script> script, DiagnosticBag diagnostics)
    {
        try
        {
            Rent().Evaluate(in script, EmptyCase);
        }
        catch (JavaScriptException)
        {
            // The guard read something an empty case does not have; the engine is intact and kept.
        }
        catch (Exception ex)
        {
            Discard();
            if (Limit(ex) is { } reason)
            {
                diagnostics.Report(Severity.Error, ExpressionCodes.CannotFinish,
                    $"the guard cannot finish within the sandbox's limits: on an empty case it {reason}",
                    ExpressionMap.Start(expression),
                    $"remove the endless loop, the endless recursion or the catastrophic regular expression (a nested repetition such as (a+)+)");
            }
        }
    }

    private static void Discard()
    {
        t_sandbox?.Dispose();
        t_sandbox = null;
    }

    private JavaScriptSandbox Rent()
    {
        if (t_sandbox is null || t_limits != limits)
        {
            Discard();
            t_sandbox = new JavaScriptSandbox(limits);
            t_limits = limits;
        }

        return t_sandbox;
    }

    private FormattableString? Limit(Exception ex) => ex switch
    {
        StatementsCountOverflowException => $"runs more than {limits.MaxStatements} statements",
        MemoryLimitExceededException => $"allocates more than {limits.MaxMemoryBytes / 1024} KB",
        RecursionDepthOverflowException => $"nests calls deeper than {limits.MaxRecursion}",
        TimeoutException => $"runs longer than {(long)limits.Timeout.TotalMilliseconds} ms",
        _ => null,
    };
}
