using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>
/// Checks and prepares every guard of a definition: JavaScript on Jint (parsed once, run in a sandbox with limits),
/// C# on Roslyn (all rules of a definition compiled once into one collectible assembly, allow-listed APIs only).
/// </summary>
public sealed class GuardCompiler
{
    private readonly JavaScriptTrial _trial;

    public GuardCompiler(ExpressionLimits? limits = null)
    {
        Limits = limits ?? ExpressionLimits.Default;
        _trial = new JavaScriptTrial(Limits);
    }

    public ExpressionLimits Limits { get; }

    /// <summary>
    /// Every syntax error and forbidden API use, located in the YAML file, and every JavaScript guard that cannot finish
    /// within <see cref="Limits"/> even on an empty case (each is run once, see <see cref="JavaScriptTrial"/>). Never
    /// throws for bad input.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(IReadOnlyList<ExpressionSource> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var diagnostics = new DiagnosticBag();
        foreach (var expression in Distinct(expressions, GuardLanguage.JavaScript))
        {
            if (JavaScriptGuardParser.Prepare(expression, diagnostics) is { } script)
            {
                _trial.Run(expression, in script, diagnostics);
            }
        }

        var csharp = Distinct(expressions, GuardLanguage.CSharp);
        if (csharp.Count > 0)
        {
            CSharpRuleCompiler.Check(csharp, diagnostics);
        }

        return diagnostics.Sorted();
    }

    /// <summary>Prepares all guards; throws <see cref="DefinitionException"/> when any does not check.</summary>
    public GuardSet Compile(IReadOnlyList<ExpressionSource> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var diagnostics = new DiagnosticBag();
        var guards = new Dictionary<ExpressionSource, IGuard>();
        var sandboxes = new JavaScriptSandboxPool(Limits);
        foreach (var expression in Distinct(expressions, GuardLanguage.JavaScript))
        {
            if (JavaScriptGuardParser.Prepare(expression, diagnostics) is { } script)
            {
                guards[expression] = new JavaScriptGuard(expression, script, sandboxes);
            }
        }

        CSharpRuleAssembly? assembly = null;
        var csharp = Distinct(expressions, GuardLanguage.CSharp);
        if (csharp.Count > 0 && !diagnostics.HasErrors)
        {
            assembly = CSharpRuleCompiler.Compile(csharp, diagnostics);
            if (assembly is not null)
            {
                for (var i = 0; i < csharp.Count; i++)
                {
                    guards[csharp[i]] = new CSharpGuard(csharp[i], assembly, i, Limits);
                }
            }
        }
        else if (csharp.Count > 0)
        {
            CSharpRuleCompiler.Check(csharp, diagnostics);
        }

        if (diagnostics.HasErrors)
        {
            sandboxes.Dispose();
            assembly?.Dispose();
            throw new DefinitionException(diagnostics.Sorted());
        }

        return new PreparedGuardSet(guards, sandboxes, assembly);
    }

    private static List<ExpressionSource> Distinct(IReadOnlyList<ExpressionSource> expressions, GuardLanguage language)
    {
        var seen = new HashSet<ExpressionSource>();
        var result = new List<ExpressionSource>();
        foreach (var expression in expressions)
        {
            if (expression is not null && expression.Language == language && seen.Add(expression))
            {
                result.Add(expression);
            }
        }

        return result;
    }
}
