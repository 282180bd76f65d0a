using Acornima;
using Acornima.Ast;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using Jint;

namespace HongqiFlow.Expressions;

/// <summary>Parses a JavaScript guard once with Jint's parser and checks the names it uses.</summary>
internal static class JavaScriptGuardParser
{
    /// <summary>
    /// The guard runs inside a block so <c>let</c>/<c>const</c> stay local to one evaluation; the block's completion
    /// value is the guard's result. The opening line shifts every position by one line.
    /// </summary>
    private const string Prefix = "{\n";

    private const string Suffix = "\n}";

    /// <summary>Names a guard sees besides the standard built-ins.</summary>
    public static readonly IReadOnlyList<string> ContextNames =
        ["missing", "submitted", "tolerated", "committed", "data", "applicant", "payload", "event", "role", "channel", "state", "obligations"];

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "Math", "JSON", "Number", "String", "Boolean", "Array", "Object", "Set", "Map", "RegExp", "Symbol", "BigInt",
        "parseInt", "parseFloat", "isNaN", "isFinite", "Infinity", "NaN", "undefined", "globalThis",
        "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI",
        "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "Iterator",
    };

    /// <summary>Built-ins a guard may not use, and why.</summary>
    private static readonly Dictionary<string, string> Withheld = new(StringComparer.Ordinal)
    {
        ["Date"] = "a guard must give the same answer when a case is replayed; compare dates passed in data instead",
        ["Temporal"] = "a guard must give the same answer when a case is replayed; compare dates passed in data instead",
        ["Intl"] = "results would depend on the server's locale",
        ["eval"] = "guards cannot compile code",
        ["Function"] = "guards cannot compile code",
        ["WeakRef"] = "results would depend on garbage collection",
        ["FinalizationRegistry"] = "results would depend on garbage collection",
        ["SharedArrayBuffer"] = "guards do not share memory",
        ["Atomics"] = "guards do not share memory",
        ["ShadowRealm"] = "guards cannot create realms",
    };

    public static Prepared<Script>? Prepare(ExpressionSource expression, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(expression.Code))
        {
            diagnostics.Report(Severity.Error, ExpressionCodes.Empty, $"the guard is empty", ExpressionMap.Start(expression),
                $"write a condition such as \"missing.length === 0\", or remove 'when'");
            return null;
        }

        Prepared<Script> script;
        try
        {
            script = Engine.PrepareScript(
                Prefix + expression.Code + Suffix,
                expression.At.ToString(),
                strict: true,
                new ScriptPreparationOptions { CollectReferencedGlobals = true });
        }
        catch (Exception ex) when (Unwrap(ex) is ParseErrorException parse)
        {
            var at = ExpressionMap.At(expression, parse.LineNumber - 1, parse.Column);
            diagnostics.Report(Severity.Error, ExpressionCodes.JavaScriptSyntax, $"the JavaScript guard does not parse: {parse.Description}", at,
                $"a guard is one JavaScript condition, for example \"missing.length === 0 && !applicant.badCredit\"");
            return null;
        }

        var unknown = (script.ReferencedGlobals ?? Enumerable.Empty<string>())
            .Where(name => !Allowed.Contains(name) && !ContextNames.Contains(name, StringComparer.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        if (unknown.Count == 0)
        {
            return script;
        }

        foreach (var (name, line, column) in FirstReferences(script.Program!, unknown))
        {
            var at = ExpressionMap.At(expression, line - 1, column);
            if (Withheld.TryGetValue(name, out var why))
            {
                diagnostics.Report(Severity.Error, ExpressionCodes.JavaScriptUnknownName, $"'{name}' is not available in a guard: {why}", at);
            }
            else
            {
                var suggestion = Suggest(name);
                diagnostics.Report(Severity.Error, ExpressionCodes.JavaScriptUnknownName,
                    $"a guard cannot see '{name}'; it sees {string.Join(", ", ContextNames)} and the standard JavaScript built-ins",
                    at, suggestion is null ? null : (FormattableString)$"did you mean '{suggestion}'?");
            }
        }

        return null;
    }

    private static Exception Unwrap(Exception ex) => ex is ParseErrorException || ex.InnerException is null ? ex : Unwrap(ex.InnerException);

    /// <summary>The first place each unknown name is read, in source order (property names are not references).</summary>
    private static List<(string Name, int Line, int Column)> FirstReferences(Node root, HashSet<string> names)
    {
        var found = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var notReferences = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case MemberExpression { Computed: false } member:
                    notReferences.Add(member.Property);
                    break;
                case Property { Computed: false, Shorthand: false } property:
                    notReferences.Add(property.Key);
                    break;
                case Identifier identifier when names.Contains(identifier.Name) && !notReferences.Contains(identifier):
                    var position = (identifier.Location.Start.Line, identifier.Location.Start.Column);
                    if (!found.TryGetValue(identifier.Name, out var seen) || position.CompareTo(seen) < 0)
                    {
                        found[identifier.Name] = position;
                    }

                    break;
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }

        return [.. found.Select(f => (f.Key, f.Value.Line, f.Value.Column)).OrderBy(f => f.Line).ThenBy(f => f.Column)];
    }

    private static string? Suggest(string name) => Suggestions.Closest(name, ContextNames.Concat(Allowed));
}
