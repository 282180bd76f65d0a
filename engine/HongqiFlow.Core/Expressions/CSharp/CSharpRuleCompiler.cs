using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HongqiFlow.Expressions;

/// <summary>
/// Compiles all C# rules of a definition into one class with one static method per rule, checks every symbol they
/// use against <see cref="CSharpAllowList"/>, and maps each problem back to the rule's line and column in the YAML.
/// </summary>
internal static class CSharpRuleCompiler
{
    public const string ClassName = "HongqiFlow.Rules.Generated.Rules";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>Members of <see cref="GuardContext"/> a rule sees as plain names.</summary>
    private static readonly string[] ContextMembers =
        [.. typeof(GuardContext).GetProperties().Where(p => p.GetMethod is { IsPublic: true }).Select(p => p.Name)];

    public static void Check(IReadOnlyList<ExpressionSource> rules, DiagnosticBag diagnostics) => Build(rules, diagnostics);

    public static CSharpRuleAssembly? Compile(IReadOnlyList<ExpressionSource> rules, DiagnosticBag diagnostics)
    {
        var compilation = Build(rules, diagnostics);
        if (compilation is null)
        {
            return null;
        }

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            foreach (var error in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                diagnostics.Report(Severity.Error, ExpressionCodes.CSharpCompile, $"the C# rules could not be compiled: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}", ExpressionMap.Start(rules[0]));
            }

            return null;
        }

        image.Position = 0;
        return CSharpRuleAssembly.Load(image, rules.Count);
    }

    /// <summary>The checked compilation, or null when any rule has a problem (all of them reported).</summary>
    private static CSharpCompilation? Build(IReadOnlyList<ExpressionSource> rules, DiagnosticBag diagnostics)
    {
        var before = diagnostics.Items.Count;
        var source = new StringBuilder();
        source.Append("using System;\nusing System.Linq;\nusing System.Collections.Generic;\n\nnamespace HongqiFlow.Rules.Generated;\n\npublic static class Rules\n{\n");
        var starts = new int[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var code = CheckSyntax(rule, diagnostics) ? rule.Code : "false";
            source.Append("    public static bool G").Append(i).Append("(global::HongqiFlow.Expressions.GuardContext __context)\n    {\n");
            foreach (var member in ContextMembers)
            {
                source.Append("        var ").Append(member).Append(" = __context.").Append(member).Append(";\n");
            }

            source.Append("        return (\n");
            starts[i] = source.Length;
            source.Append(code).Append("\n        );\n    }\n\n");
        }

        source.Append("}\n");
        if (diagnostics.Items.Count > before)
        {
            return null;
        }

        var tree = CSharpSyntaxTree.ParseText(source.ToString(), ParseOptions);
        var compilation = CSharpCompilation.Create(
            "HongqiFlow.Rules." + Hash(source.ToString()),
            [tree],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: false,
                nullableContextOptions: NullableContextOptions.Disable,
                deterministic: true));

        var model = compilation.GetSemanticModel(tree);
        var forbidden = new HashSet<int>();
        var root = tree.GetRoot();
        for (var i = 0; i < rules.Count; i++)
        {
            var expression = RuleExpression(root, i, starts[i], rules[i].Code.Length);
            if (expression is null)
            {
                diagnostics.Report(Severity.Error, ExpressionCodes.CSharpSyntax, $"a C# rule must be exactly one expression", ExpressionMap.Start(rules[i]));
                forbidden.Add(i);
                continue;
            }

            foreach (var (offset, message) in CSharpAllowList.Violations(expression, model).Concat(CSharpTotality.Violations(expression, model)).DistinctBy(v => v.Offset))
            {
                var (line, column) = ExpressionMap.LineColumn(rules[i].Code, offset - starts[i]);
                diagnostics.Report(Severity.Error, ExpressionCodes.CSharpForbidden, $"{message}", ExpressionMap.At(rules[i], line, column),
                    $"a rule may use the guard context, LINQ, and string, number, decimal, Math, DateTimeOffset and TimeSpan members");
                forbidden.Add(i);
            }
        }

        foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var offset = error.Location.SourceSpan.Start;
            var index = Array.FindLastIndex(starts, s => s <= offset);
            if (index < 0 || forbidden.Contains(index))
            {
                continue;
            }

            var (line, column) = ExpressionMap.LineColumn(rules[index].Code, offset - starts[index]);
            diagnostics.Report(Severity.Error, ExpressionCodes.CSharpCompile,
                $"the C# rule does not compile: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id})",
                ExpressionMap.At(rules[index], line, column),
                $"a rule is a C# expression of type bool over Missing, Submitted, Tolerated, Committed, Data, Applicant, Payload, Event, Role, Channel, State and OpenObligations");
        }

        return diagnostics.Items.Count > before ? null : Bounded(compilation, tree, rules, diagnostics);
    }

    /// <summary>
    /// The compilation that is emitted: the checked rules with a <see cref="RuleBudget"/> step before each call, lambda
    /// body and query clause (<see cref="CSharpTotality.Bound"/>). A rule that no longer compiles so is reported.
    /// </summary>
    private static CSharpCompilation? Bounded(CSharpCompilation compilation, SyntaxTree tree, IReadOnlyList<ExpressionSource> rules, DiagnosticBag diagnostics)
    {
        var boundedTree = tree.WithRootAndOptions(CSharpTotality.Bound(tree.GetRoot()), ParseOptions);
        var bounded = compilation.ReplaceSyntaxTree(tree, boundedTree);
        var failed = false;
        foreach (var error in bounded.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var method = boundedTree.GetRoot().FindToken(error.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            var index = method is not null && int.TryParse(method.Identifier.ValueText.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var i) && i < rules.Count ? i : 0;
            diagnostics.Report(Severity.Error, ExpressionCodes.CSharpCompile,
                $"the C# rule cannot be held to its limits: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id})",
                ExpressionMap.Start(rules[index]),
                $"write the rule as LINQ method calls over the guard context");
            failed = true;
        }

        return failed ? null : bounded;
    }

    /// <summary>Parses the rule on its own: exactly one expression, nothing that could reach outside its method.</summary>
    private static bool CheckSyntax(ExpressionSource rule, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(rule.Code))
        {
            diagnostics.Report(Severity.Error, ExpressionCodes.Empty, $"the C# rule is empty", ExpressionMap.Start(rule),
                $"write a condition such as \"Missing.Count == 0\", or remove 'when'");
            return false;
        }

        var expression = SyntaxFactory.ParseExpression(rule.Code, 0, ParseOptions, consumeFullText: true);
        var errors = expression.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors)
        {
            var offset = error.Id == "CS1073" && expression.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SkippedTokensTrivia)) is { RawKind: not 0 } skipped
                ? skipped.SpanStart
                : error.Location.SourceSpan.Start;
            var (line, column) = ExpressionMap.LineColumn(rule.Code, offset);
            diagnostics.Report(Severity.Error, ExpressionCodes.CSharpSyntax,
                $"the C# rule does not parse: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id})",
                ExpressionMap.At(rule, line, column),
                $"a rule is one C# expression, for example \"Missing.Count == 0 && !OpenObligations.Contains(\\\"supplement\\\")\"");
        }

        if (errors.Count == 0 && expression.ContainsDirectives)
        {
            var directive = expression.DescendantTrivia().First(t => t.IsDirective);
            var (line, column) = ExpressionMap.LineColumn(rule.Code, directive.SpanStart);
            diagnostics.Report(Severity.Error, ExpressionCodes.CSharpSyntax, $"a C# rule cannot contain preprocessor directives", ExpressionMap.At(rule, line, column));
            return false;
        }

        return errors.Count == 0;
    }

    /// <summary>The rule's expression in the generated class, or null if the rule's text changed the class's shape.</summary>
    private static ExpressionSyntax? RuleExpression(SyntaxNode root, int index, int start, int length)
    {
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText == "G" + index).ToList();
        if (methods is not [{ Body: { } body }] || body.Statements.LastOrDefault() is not ReturnStatementSyntax { Expression: ParenthesizedExpressionSyntax parenthesized })
        {
            return null;
        }

        var expression = parenthesized.Expression;
        return parenthesized.OpenParenToken.Span.End <= start && expression.Span.End <= start + length && parenthesized.CloseParenToken.SpanStart >= start + length
            ? expression
            : null;
    }

    /// <summary>
    /// The assemblies a rule compiles against, read from their metadata in memory rather than from files: a self-contained
    /// single-file <c>hongqi</c> (scripts/release) has no assembly files to point at.
    /// </summary>
    private static MetadataReference[] LoadReferences()
    {
        System.Reflection.Assembly[] assemblies =
        [
            typeof(object).Assembly,
            System.Reflection.Assembly.Load(new System.Reflection.AssemblyName("System.Runtime")),
            typeof(Enumerable).Assembly,
            typeof(LinkedList<>).Assembly,
            typeof(GuardContext).Assembly,
        ];
        return [.. assemblies.Distinct().Select(InMemory)];
    }

    private static unsafe MetadataReference InMemory(System.Reflection.Assembly assembly)
    {
        if (!System.Reflection.Metadata.AssemblyExtensions.TryGetRawMetadata(assembly, out var blob, out var length))
        {
            throw new InvalidOperationException($"the metadata of {assembly.GetName().Name} cannot be read; C# rules cannot be compiled");
        }

        // The runtime keeps a loaded assembly's metadata in place for the life of the process.
        return AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((IntPtr)blob, length)).GetReference();
    }

    private static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
