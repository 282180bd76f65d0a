using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// Guards: syntax and API checks through the context's hook, and the material and obligation ids they name in
/// string literals (<c>missing.includes('premises')</c>, <c>obligations.open('supplement')</c>).
/// </summary>
internal static partial class ExpressionRules
{
    public static void Check(ValidationRun run)
    {
        var expressions = run.Regions
            .SelectMany(r => r.States)
            .SelectMany(s => s.Transitions)
            .Select(t => t.When)
            .OfType<ExpressionSource>()
            .ToList();
        if (expressions.Count == 0)
        {
            return;
        }

        if (run.Context.CheckExpressions is { } check)
        {
            run.Bag.AddRange(check(expressions));
        }

        foreach (var expression in expressions)
        {
            foreach (Match match in MaterialReference().Matches(expression.Code))
            {
                var id = match.Groups["id"];
                if (!run.Materials.Contains(id.Value))
                {
                    run.Error(
                        ValidationCodes.UnknownMaterial,
                        $"the guard names material '{id.Value}', which is not in the item's materials",
                        Inside(expression, id.Index),
                        Suggestions.FixText(id.Value, run.Materials, $"material"));
                }
            }

            foreach (Match match in ObligationReference().Matches(expression.Code))
            {
                var id = match.Groups["id"];
                ReferenceRules.CheckObligation(run, id.Value, Inside(expression, id.Index));
            }
        }
    }

    /// <summary>
    /// Maps an offset inside the expression to the file. Exact for one-line expressions; for multi-line ones the
    /// line is counted and the column taken from the block indentation when known.
    /// </summary>
    internal static SourceLocation Inside(ExpressionSource expression, int offset)
    {
        if (expression.ContentLine <= 0)
        {
            return expression.At;
        }

        var before = expression.Code.AsSpan(0, offset);
        var newlines = before.Count('\n');
        if (newlines == 0)
        {
            return expression.At with { Line = expression.ContentLine, Column = expression.ContentColumn + offset };
        }

        var column = offset - before.LastIndexOf('\n');
        var indent = expression.BlockIndentColumn > 0 ? expression.BlockIndentColumn : 1;
        return expression.At with { Line = expression.ContentLine + newlines, Column = indent + column - 1 };
    }

    [GeneratedRegex(@"\b(?:missing|submitted|tolerated|committed)\s*\.\s*includes\s*\(\s*['""](?<id>[^'""]+)['""]")]
    private static partial Regex MaterialReference();

    [GeneratedRegex(@"\bobligations\s*\.\s*open\s*\(\s*['""](?<id>[^'""]+)['""]")]
    private static partial Regex ObligationReference();
}
