using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HongqiFlow.Expressions;

/// <summary>
/// Keeps C# rules total. Statically, a rule is one expression with no loop, no statement and no way to call itself: a
/// lambda is one expression written where it is passed (no block body, no function value held, cast, stored or
/// called, which is how a rule could recurse), and the sources that make work out of nothing — <c>Enumerable.Range</c>,
/// <c>Repeat</c>, <c>Sequence</c>, <c>InfiniteSequence</c>, <c>new string(c, n)</c>, <c>PadLeft</c>/<c>PadRight</c>, an
/// array of a computed size — are refused. So a rule's work is bounded by the case context it reads. At run time
/// <see cref="Bound"/> places a <see cref="RuleBudget.Step"/> before every call, object creation, lambda body and query
/// clause, which holds the rule to its steps, time and memory.
/// </summary>
internal static class CSharpTotality
{
    /// <summary>Members that make an arbitrarily long sequence or string from a number, by metadata name.</summary>
    private static readonly Dictionary<string, string> UnboundedSources = new(StringComparer.Ordinal)
    {
        ["System.Linq.Enumerable.Range"] = "Enumerable.Range",
        ["System.Linq.Enumerable.Repeat"] = "Enumerable.Repeat",
        ["System.Linq.Enumerable.Sequence"] = "Enumerable.Sequence",
        ["System.Linq.Enumerable.InfiniteSequence"] = "Enumerable.InfiniteSequence",
        ["System.String.PadLeft"] = "string.PadLeft",
        ["System.String.PadRight"] = "string.PadRight",
        ["System.String..ctor"] = "new string(…)",
    };

    private const string Unbounded =
        "a rule reads the case context and makes no sequence or text of its own size: its work must be bounded by the context";

    public static IEnumerable<(int Offset, string Message)> Violations(ExpressionSyntax expression, SemanticModel model)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case AnonymousMethodExpressionSyntax:
                case LambdaExpressionSyntax { Block: not null }:
                    yield return (node.SpanStart,
                        "a lambda in a rule is one expression: a rule has no statements, loops or local functions");
                    continue;
                case AnonymousFunctionExpressionSyntax:
                    continue;
                case ArrayCreationExpressionSyntax creation
                    when creation.Type.RankSpecifiers.Any(r => r.Sizes.Any(s => s is not OmittedArraySizeExpressionSyntax)):
                    yield return (node.SpanStart, $"'new T[n]' is not allowed in a rule: {Unbounded}; list the values instead (new[] {{ … }})");
                    continue;
                case InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                    when Source(model.GetSymbolInfo(node).Symbol) is { } source:
                    yield return (Offending(node).SpanStart, $"'{source}' is not allowed in a rule: {Unbounded}");
                    continue;
            }

            if (node is ExpressionSyntax value && !IsNameInCall(value) && model.GetTypeInfo(value).Type is { TypeKind: TypeKind.Delegate } type)
            {
                yield return (node.SpanStart,
                    $"a rule cannot hold, cast or call a function value ('{type.ToDisplayString()}'), which is how it could call itself without end; write the lambda where it is passed, e.g. Missing.Any(m => m == \"x\")");
            }
        }
    }

    /// <summary>The rules' class with a budget step before every call, object creation, lambda body and query clause.</summary>
    public static SyntaxNode Bound(SyntaxNode root) => new BudgetRewriter().Visit(root);

    private static string? Source(ISymbol? symbol)
    {
        if (symbol is not IMethodSymbol method)
        {
            return null;
        }

        var original = method.ReducedFrom ?? method;
        var type = original.ContainingType.OriginalDefinition;
        var key = type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName + "." + original.Name;
        return UnboundedSources.GetValueOrDefault(key);
    }

    /// <summary>A method named where it is called (<c>Missing.Any</c> in <c>Missing.Any(…)</c>): a method group, not a value.</summary>
    private static bool IsNameInCall(ExpressionSyntax node) =>
        node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node
        || node.Parent is MemberAccessExpressionSyntax member && member.Name == node && IsNameInCall(member);

    private static SyntaxNode Offending(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name,
        ObjectCreationExpressionSyntax creation => creation.Type,
        _ => node,
    };

    private sealed class BudgetRewriter : CSharpSyntaxRewriter
    {
        private static readonly ExpressionSyntax StepCall = SyntaxFactory.ParseExpression("global::HongqiFlow.Expressions.RuleBudget.Step()");

        private static readonly ThrowExpressionSyntax Unreachable =
            (ThrowExpressionSyntax)SyntaxFactory.ParseExpression("throw new global::System.InvalidOperationException()");

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (ExpressionSyntax)base.VisitInvocationExpression(node)!;
            return node.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } || IsBound(node) ? visited : Guarded(visited);
        }

        public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node) =>
            Guarded((ExpressionSyntax)base.VisitObjectCreationExpression(node)!);

        public override SyntaxNode? VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node) =>
            Guarded((ExpressionSyntax)base.VisitConditionalAccessExpression(node)!);

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
        {
            var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
            return visited.ExpressionBody is { } body and not ThrowExpressionSyntax ? visited.WithExpressionBody(Guarded(body)) : visited;
        }

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
        {
            var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
            return visited.ExpressionBody is { } body and not ThrowExpressionSyntax ? visited.WithExpressionBody(Guarded(body)) : visited;
        }

        public override SyntaxNode? VisitFromClause(FromClauseSyntax node)
        {
            var visited = (FromClauseSyntax)base.VisitFromClause(node)!;
            return visited.WithExpression(Guarded(visited.Expression));
        }

        public override SyntaxNode? VisitLetClause(LetClauseSyntax node)
        {
            var visited = (LetClauseSyntax)base.VisitLetClause(node)!;
            return visited.WithExpression(Guarded(visited.Expression));
        }

        public override SyntaxNode? VisitWhereClause(WhereClauseSyntax node)
        {
            var visited = (WhereClauseSyntax)base.VisitWhereClause(node)!;
            return visited.WithCondition(Guarded(visited.Condition));
        }

        public override SyntaxNode? VisitJoinClause(JoinClauseSyntax node)
        {
            var visited = (JoinClauseSyntax)base.VisitJoinClause(node)!;
            return visited.WithInExpression(Guarded(visited.InExpression))
                .WithLeftExpression(Guarded(visited.LeftExpression))
                .WithRightExpression(Guarded(visited.RightExpression));
        }

        public override SyntaxNode? VisitOrdering(OrderingSyntax node)
        {
            var visited = (OrderingSyntax)base.VisitOrdering(node)!;
            return visited.WithExpression(Guarded(visited.Expression));
        }

        public override SyntaxNode? VisitSelectClause(SelectClauseSyntax node)
        {
            var visited = (SelectClauseSyntax)base.VisitSelectClause(node)!;
            return visited.WithExpression(Guarded(visited.Expression));
        }

        public override SyntaxNode? VisitGroupClause(GroupClauseSyntax node)
        {
            var visited = (GroupClauseSyntax)base.VisitGroupClause(node)!;
            return visited.WithGroupExpression(Guarded(visited.GroupExpression)).WithByExpression(Guarded(visited.ByExpression));
        }

        /// <summary><c>(Step() ? (e) : throw …)</c>: the value and type of <c>e</c>, after a check of the budget.</summary>
        private static ParenthesizedExpressionSyntax Guarded(ExpressionSyntax expression) =>
            SyntaxFactory.ParenthesizedExpression(SyntaxFactory.ConditionalExpression(
                StepCall,
                SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()),
                Unreachable));

        /// <summary>A call on the value of a conditional access (<c>.Trim()</c> in <c>s?.Trim()</c>), guarded with the whole access.</summary>
        private static bool IsBound(InvocationExpressionSyntax node)
        {
            ExpressionSyntax current = node;
            while (true)
            {
                switch (current)
                {
                    case MemberBindingExpressionSyntax or ElementBindingExpressionSyntax:
                        return true;
                    case InvocationExpressionSyntax invocation:
                        current = invocation.Expression;
                        break;
                    case MemberAccessExpressionSyntax member:
                        current = member.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        current = element.Expression;
                        break;
                    default:
                        return false;
                }
            }
        }
    }
}
