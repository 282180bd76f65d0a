using System.Text;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static HongqiFlow.Tests.Validation.EnterpriseModel;

namespace HongqiFlow.Tests.Validation;

/// <summary>
/// Every diagnostic text the definition checks write has a Simplified Chinese version: the engine's sources are read
/// with Roslyn, and every interpolated string that becomes a <see cref="FormattableString"/> under Definitions/ and
/// Expressions/ (and in publishing, Hosting/DefinitionRegistry) must have its English format in <see cref="DiagnosticChinese"/>.
/// </summary>
public sealed class ChineseDiagnosticsTests
{
    private static readonly Lazy<IReadOnlyList<(string File, int Line, string Format)>> Used = new(ReadFormats);

    [Fact]
    public void EveryFormatOfTheDefinitionChecks_HasChinese()
    {
        // A bare name (a YAML key such as 'tolerance', or $"'{key}'") is not prose: it stays as written.
        var missing = Used.Value.Where(u => u.Format.Any(char.IsWhiteSpace) && !DiagnosticChinese.Knows(u.Format))
            .Select(u => $"{u.File}:{u.Line}: {u.Format}").Distinct().ToList();

        Used.Value.Count.ShouldBeGreaterThan(150, "the definition checks write that many texts");
        missing.ShouldBeEmpty(string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void EveryChineseText_IsUsed_AndTakesTheSameValues()
    {
        var used = Used.Value.Select(u => u.Format).ToHashSet(StringComparer.Ordinal);
        var unused = DiagnosticChinese.KnownFormats.Where(f => !used.Contains(f)).ToList();
        unused.ShouldBeEmpty(string.Join(Environment.NewLine, unused));
        foreach (var format in DiagnosticChinese.KnownFormats)
        {
            var english = Holes(format);
            var chinese = Holes(DiagnosticChinese.Of(FormattableStringFactory(format, english.Count))!);
            chinese.ShouldBe(english, $"'{format}' and its Chinese use the same values");
        }
    }

    [Fact]
    public void AMisspelledTarget_ReadsInChinese_WithTheNamesAsWritten()
    {
        var received = Item.States[0];
        var typo = received with { Transitions = received.Transitions.Select(t => t.Event == "accept" ? t with { Target = "aproval" } : t).ToArray() };

        var diagnostic = new DefinitionValidator().Validate(WithState(typo), Context).ShouldHaveSingleItem();

        diagnostic.Message.ShouldBe("event 'accept' of state 'received' goes to 'aproval', which is not a state of the main flow");
        diagnostic.MessageZh.ShouldBe("状态“received”的事件“accept”流向“aproval”，但它不是主流程中的状态");
        diagnostic.FixZh.ShouldBe("是否应为“approval”？");
    }

    private static IReadOnlyList<string> Holes(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"(?<!\{)\{(\d+)[^{}]*\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    private static FormattableString FormattableStringFactory(string format, int count) =>
        System.Runtime.CompilerServices.FormattableStringFactory.Create(format, [.. Enumerable.Range(0, count).Select(i => (object)$"{{{i}}}")]);

    private static IReadOnlyList<(string File, int Line, string Format)> ReadFormats()
    {
        var files = LibraryRoots.SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            options);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f)).Append(globalUsings).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("scan", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var formattable = compilation.GetTypeByMetadataName("System.FormattableString");

        var found = new List<(string, int, string)>();
        foreach (var tree in trees.Where(t => t.FilePath.Length > 0 && InScope(t.FilePath)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var text in tree.GetRoot().DescendantNodes().OfType<InterpolatedStringExpressionSyntax>())
            {
                // Converted where it is used, or cast so that both branches of a conditional are FormattableString.
                var converted = text.Parent is CastExpressionSyntax cast ? model.GetTypeInfo(cast).Type : model.GetTypeInfo(text).ConvertedType;
                if (!SymbolEqualityComparer.Default.Equals(converted, formattable))
                {
                    continue;
                }

                found.Add((Relative(tree.FilePath), text.GetLocation().GetLineSpan().StartLinePosition.Line + 1, FormatOf(text)));
            }
        }

        return found;
    }

    /// <summary>The projects the engine library was split into; paths in scope are relative to their project folder.</summary>
    private static readonly string[] LibraryRoots =
    [
        .. new[] { "Core", "Language", "Storage", "Storage.Sql", "Storage.Sqlite", "Application", "Demo", "Testing" }
            .Select(p => Repository.Path("engine", $"HongqiFlow.{p}")),
    ];

    private static string Relative(string file)
    {
        var root = LibraryRoots.First(r => file.StartsWith(r + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal));
        return System.IO.Path.GetRelativePath(root, file);
    }

    private static bool InScope(string file)
    {
        var relative = Relative(file).Replace('\\', '/');
        return relative.StartsWith("Definitions/", StringComparison.Ordinal) || relative.StartsWith("Expressions/", StringComparison.Ordinal)
            || relative.StartsWith("Time/", StringComparison.Ordinal) || relative.StartsWith("Samples/", StringComparison.Ordinal)
            || relative is "Diagnostics/Suggestions.cs" or "Hosting/DefinitionRegistry.cs" or "Runtime/CompiledDefinition.cs";
    }

    /// <summary>The composite format the compiler gives <see cref="FormattableString.Format"/> for this string.</summary>
    private static string FormatOf(InterpolatedStringExpressionSyntax text)
    {
        var format = new StringBuilder();
        var index = 0;
        foreach (var part in text.Contents)
        {
            switch (part)
            {
                case InterpolatedStringTextSyntax literal:
                    format.Append(literal.TextToken.ValueText); // braces stay doubled, as in the format
                    break;
                case InterpolationSyntax hole:
                    format.Append('{').Append(index++);
                    if (hole.AlignmentClause is { } alignment)
                    {
                        format.Append(',').Append(alignment.Value.ToString());
                    }

                    if (hole.FormatClause is { } clause)
                    {
                        format.Append(':').Append(clause.FormatStringToken.ValueText);
                    }

                    format.Append('}');
                    break;
            }
        }

        return format.ToString();
    }
}
