using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HongqiFlow.Expressions;

/// <summary>
/// What a C# rule may touch. Every name, constructor and indexer in a rule resolves to a symbol; a symbol outside
/// these types, or inside a forbidden namespace, is rejected where it is written. An allow-list rather than a
/// block-list: a new API in the framework is forbidden until someone decides it is safe.
/// </summary>
internal static class CSharpAllowList
{
    /// <summary>Reported by name even when the compilation does not know them, so the message says why.</summary>
    private static readonly string[] ForbiddenNamespaces =
    [
        "System.IO", "System.Reflection", "System.Diagnostics", "System.Net", "System.Runtime", "System.Threading",
        "System.Security", "System.Resources", "System.Text", "Microsoft",
    ];

    private static readonly HashSet<string> AllowedTypes = new(StringComparer.Ordinal)
    {
        "System.Math", "System.MathF", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Nullable`1", "System.StringComparison", "System.StringComparer", "System.MidpointRounding", "System.DayOfWeek",
        "System.Index", "System.Range", "System.Func`1", "System.Func`2", "System.Func`3", "System.Func`4",
        "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
        "System.Linq.Enumerable", "System.Linq.IGrouping`2", "System.Linq.IOrderedEnumerable`1", "System.Linq.ILookup`2",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.KeyValuePair`2", "System.Collections.Generic.IEqualityComparer`1",
        "System.Collections.Generic.IComparer`1",
        "HongqiFlow.Expressions.GuardContext",
    };

    /// <summary>Members of allowed types that still are not allowed, and why.</summary>
    private static readonly Dictionary<string, string> ForbiddenMembers = new(StringComparer.Ordinal)
    {
        ["System.Object.GetType"] = "reflection is not available to rules",
        ["System.DateTimeOffset.Now"] = "a rule must give the same answer when a case is replayed; use a time from the case data",
        ["System.DateTimeOffset.UtcNow"] = "a rule must give the same answer when a case is replayed; use a time from the case data",
        ["System.String.Intern"] = "rules do not change process state",
    };

    public static IEnumerable<(int Offset, string Message)> Violations(ExpressionSyntax expression, SemanticModel model)
    {
        var skipUntil = -1;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (node.SpanStart < skipUntil)
            {
                continue;
            }

            var message = Check(node, model);
            if (message is null || !reported.Add(message))
            {
                continue;
            }

            // One report per offending chain: System.IO.File.ReadAllText is one mistake, not four.
            skipUntil = Chain(node).Span.End;
            yield return (Offending(node).SpanStart, message);
        }
    }

    private static string? Check(SyntaxNode node, SemanticModel model)
    {
        switch (node.Kind())
        {
            case SyntaxKind.TypeOfExpression:
                return "'typeof' is not allowed in a rule: reflection is not available to rules";
            case SyntaxKind.StackAllocArrayCreationExpression:
            case SyntaxKind.AddressOfExpression:
            case SyntaxKind.PointerIndirectionExpression:
            case SyntaxKind.PointerType:
            case SyntaxKind.FunctionPointerType:
            case SyntaxKind.MakeRefExpression:
            case SyntaxKind.RefTypeExpression:
            case SyntaxKind.RefValueExpression:
            case SyntaxKind.ArgListExpression:
                return "unsafe code is not allowed in a rule";
            case SyntaxKind.IdentifierName:
            case SyntaxKind.GenericName:
            case SyntaxKind.PredefinedType:
                return CheckName((TypeSyntax)node, model);
            case SyntaxKind.ObjectCreationExpression:
            case SyntaxKind.ImplicitObjectCreationExpression:
            case SyntaxKind.ElementAccessExpression:
                return CheckSymbol(model.GetSymbolInfo(node).Symbol);
            default:
                return null;
        }
    }

    private static string? CheckName(TypeSyntax node, SemanticModel model)
    {
        var written = QualifiedText(node);
        foreach (var forbidden in ForbiddenNamespaces)
        {
            if (written == forbidden || written.StartsWith(forbidden + ".", StringComparison.Ordinal))
            {
                return $"'{written}' is not allowed in a rule: rules cannot reach files, processes, the network, threads or reflection";
            }
        }

        var info = model.GetSymbolInfo(node);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (symbol is null)
        {
            // A type name in a declaration position (e.g. a cast) resolves through its type instead.
            return model.GetTypeInfo(node).Type is { } type && !IsAllowed(type) ? Rejected(type) : null;
        }

        return CheckSymbol(symbol);
    }

    private static string? CheckSymbol(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
            case ILocalSymbol:
            case IParameterSymbol:
            case IRangeVariableSymbol:
            case IDiscardSymbol:
            case ILabelSymbol:
                return null;
            case INamespaceSymbol ns:
                var name = ns.ToDisplayString();
                return ForbiddenNamespaces.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal))
                    ? $"'{name}' is not allowed in a rule: rules cannot reach files, processes, the network, threads or reflection"
                    : null;
            case ITypeSymbol type:
                return IsAllowed(type) ? null : Rejected(type);
            case IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return null;
            case IMethodSymbol method when method.TypeArguments.FirstOrDefault(t => !IsAllowed(t)) is { } argument:
                return Rejected(argument);
            default:
                var owner = symbol.ContainingType;
                if (owner is null)
                {
                    return $"'{symbol.ToDisplayString()}' is not allowed in a rule";
                }

                var original = (symbol as IMethodSymbol)?.ReducedFrom ?? symbol;
                var key = MetadataName(original.ContainingType.OriginalDefinition) + "." + original.Name;
                if (ForbiddenMembers.TryGetValue(key, out var why))
                {
                    return $"'{owner.Name}.{symbol.Name}' is not allowed in a rule: {why}";
                }

                if (owner.SpecialType == SpecialType.System_Object)
                {
                    return symbol.Name is "Equals" or "GetHashCode" or "ToString" or "ReferenceEquals" ? null : $"'object.{symbol.Name}' is not allowed in a rule";
                }

                return IsAllowed(original.ContainingType) ? null : Rejected(original.ContainingType);
        }
    }

    private static bool IsAllowed(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            // Unknown names are compile errors, reported by the compiler with a better message.
            return true;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsAllowed(array.ElementType);
            case ITypeParameterSymbol:
                return true;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return false;
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || named.TypeKind == TypeKind.Delegate && named.ContainingType is null && named.Name.StartsWith('<'))
                {
                    return true;
                }

                if (named.IsTupleType)
                {
                    return named.TupleElements.All(e => IsAllowed(e.Type));
                }

                if (named.TypeArguments.Any(t => !IsAllowed(t)))
                {
                    return false;
                }

                if (named.SpecialType is >= SpecialType.System_Object and <= SpecialType.System_String and not SpecialType.System_Void and not SpecialType.System_Enum and not SpecialType.System_ValueType and not SpecialType.System_Delegate and not SpecialType.System_MulticastDelegate)
                {
                    return true;
                }

                return AllowedTypes.Contains(MetadataName(named.OriginalDefinition));
            default:
                return type.TypeKind != TypeKind.Dynamic && type.TypeKind != TypeKind.Error;
        }
    }

    private static string Rejected(ITypeSymbol type) =>
        $"'{type.ToDisplayString()}' is not allowed in a rule: a rule may use the guard context, LINQ, and string, number, decimal, Math, DateTimeOffset and TimeSpan members";

    private static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        return type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName : ns + type.MetadataName;
    }

    /// <summary>The dotted name as written up to this node: for <c>IO</c> in <c>System.IO.File</c>, "System.IO".</summary>
    private static string QualifiedText(TypeSyntax node)
    {
        var text = node.ToString();
        switch (node.Parent)
        {
            case MemberAccessExpressionSyntax member when member.Name == node:
                return Strip(member.Expression.ToString()) + "." + text;
            case QualifiedNameSyntax qualified when qualified.Right == node:
                return Strip(qualified.Left.ToString()) + "." + text;
            case AliasQualifiedNameSyntax alias when alias.Name == node:
                return text;
            default:
                return text;
        }
    }

    private static string Strip(string text) => text.Replace("global::", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static SyntaxNode Chain(SyntaxNode node)
    {
        var current = node;
        while (current.Parent is MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or InvocationExpressionSyntax or ObjectCreationExpressionSyntax or TypeArgumentListSyntax or GenericNameSyntax)
        {
            current = current.Parent;
        }

        return current;
    }

    private static SyntaxNode Offending(SyntaxNode node) => node switch
    {
        ObjectCreationExpressionSyntax creation => creation.Type,
        _ => node,
    };
}
