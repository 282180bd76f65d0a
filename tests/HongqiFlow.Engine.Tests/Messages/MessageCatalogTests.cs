using System.Reflection;
using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Hosting;
using HongqiFlow.Messages;
using HongqiFlow.Runtime;
using HongqiFlow.Time;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HongqiFlow.Tests.Messages;

/// <summary>
/// The message catalog (engine/HongqiFlow.Core/Messages/messages.json) against the code: every code has its text in
/// both languages, every text is used, and every place that raises a message gives exactly the values its
/// placeholders take. The places are found by reading the sources of engine/ with Roslyn: each <c>Message.Of(id, …)</c>
/// and each refusal of the decision (<c>Reject(code, variant, …)</c>, <c>RejectAt(at, code, variant, …)</c>), with the
/// id a constant (or a choice of constants) and each value written as <c>("name", value)</c>.
/// </summary>
public sealed partial class MessageCatalogTests
{
    private static readonly MessageCatalog Catalog = MessageCatalog.Default;

    private static readonly Lazy<IReadOnlyList<Raise>> Raises = new(ReadRaises);

    [Fact]
    public void EveryRejectionCode_HasAMessage_InBothLanguages()
    {
        var missing = Constants(typeof(RejectionCodes))
            .Where(code => !Catalog.Messages.Keys.Any(id => id == code || id.StartsWith(code + ".", StringComparison.Ordinal)))
            .ToList();

        missing.ShouldBeEmpty();
        Constants(typeof(RejectionCodes)).Count.ShouldBeGreaterThan(30);
    }

    [Fact]
    public void EveryMessage_IsWrittenInBothLanguages()
    {
        var empty = Catalog.Messages.Where(m => string.IsNullOrWhiteSpace(m.Value.Chinese) || string.IsNullOrWhiteSpace(m.Value.English))
            .Concat(Catalog.Titles.Where(m => string.IsNullOrWhiteSpace(m.Value.Chinese) || string.IsNullOrWhiteSpace(m.Value.English)))
            .Select(m => m.Key).ToList();

        empty.ShouldBeEmpty();
        Catalog.Titles.Values.ShouldAllBe(m => HanCharacter().IsMatch(m.Chinese));
    }

    [Fact]
    public void EveryDiagnosticCode_HasATitle_InBothLanguages_AndEveryTitleHasItsCode()
    {
        var rejections = Constants(typeof(RejectionCodes)).ToHashSet(StringComparer.Ordinal);
        var documented = Directory.EnumerateFiles(Repository.Path("docs", "diagnostics"), "*.md")
            .SelectMany(f => DocumentedCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));
        var declared = new[] { typeof(ParseCodes), typeof(ValidationCodes), typeof(CalendarCodes), typeof(HostingCodes), typeof(MessageCatalog).Assembly.GetType("HongqiFlow.Expressions.ExpressionCodes")! }
            .SelectMany(Constants);
        var codes = documented.Concat(declared).Where(c => !rejections.Contains(c)).ToHashSet(StringComparer.Ordinal);

        codes.Count.ShouldBeGreaterThan(100);
        codes.Where(c => !Catalog.Titles.ContainsKey(c)).Order(StringComparer.Ordinal).ToList().ShouldBeEmpty("codes without a title");
        Catalog.Titles.Keys.Where(c => !codes.Contains(c)).Order(StringComparer.Ordinal).ToList().ShouldBeEmpty("titles of no code");
    }

    [Fact]
    public void EveryMessage_IsRaisedSomewhere()
    {
        Raises.Value.Count.ShouldBeGreaterThan(60, "the decision, the server and the notifications raise that many");
        var raised = Raises.Value.SelectMany(r => r.Ids).ToHashSet(StringComparer.Ordinal);

        Catalog.Messages.Keys.Where(id => !raised.Contains(id)).ToList().ShouldBeEmpty("messages no code raises");
    }

    [Fact]
    public void EveryRaisedMessage_IsInTheCatalog_AndGetsTheValuesItsPlaceholdersTake()
    {
        var problems = new List<string>();
        foreach (var raise in Raises.Value)
        {
            if (raise.Problem is { } problem)
            {
                problems.Add($"{raise.Where}: {problem}");
                continue;
            }

            foreach (var id in raise.Ids)
            {
                if (!Catalog.Messages.TryGetValue(id, out var text))
                {
                    problems.Add($"{raise.Where}: '{id}' is not in the catalog");
                    continue;
                }

                var zh = MessageCatalog.Placeholders(text.Chinese);
                var en = MessageCatalog.Placeholders(text.English);
                foreach (var hole in zh.Concat(en).Distinct().Where(h => !raise.Arguments.Contains(h)))
                {
                    problems.Add($"{raise.Where}: '{id}' has {{{hole}}} but no value is given for it");
                }

                foreach (var argument in raise.Arguments.Where(a => !zh.Contains(a) && !en.Contains(a)))
                {
                    problems.Add($"{raise.Where}: '{id}' has no {{{argument}}}, yet a value is given for it");
                }
            }
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ChineseAndEnglish_UseTheSamePlaceholders_ExceptWhereOneLanguageNamesLess()
    {
        // A value may be left out in one language (an item's name in Chinese only), never named differently: every
        // placeholder of a text is one of the other language's or a value its raise gives (checked above).
        foreach (var (id, text) in Catalog.Messages)
        {
            var zh = MessageCatalog.Placeholders(text.Chinese);
            var en = MessageCatalog.Placeholders(text.English);
            (zh.Count + en.Count == 0 || zh.Intersect(en).Any() || zh.Count == 0 || en.Count == 0).ShouldBeTrue(id);
        }
    }

    [Fact]
    public void Render_FillsNamedPlaceholders_ListsLocalizedValuesAndNestedMessages()
    {
        var catalog = MessageCatalog.Read(new MemoryStream("""
            {
              "messages": {
                "t.one": { "zh": "“{event}”缺少{materials}{more}；{{字面}}", "en": "'{event}' lacks {materials}{more}; {{literal}}" },
                "t.more": { "zh": "（共 {count} 项）", "en": " ({count} in all)" }
              },
              "titles": {},
              "diagnosticTexts": {}
            }
            """u8.ToArray()));
        var message = Message.Of("t.one", ("event", "accept"), ("materials", new[] { new Localized("营业执照", "licence"), new Localized("章程", "charter") }),
            ("more", Message.Of("t.more", ("count", 2))));

        catalog.Render(message, Language.Chinese).ShouldBe("“accept”缺少营业执照、章程（共 2 项）；{字面}");
        catalog.Render(message, Language.English).ShouldBe("'accept' lacks licence, charter (2 in all); {literal}");
        catalog.Render(Message.Of("t.one"), Language.English).ShouldBe("'{event}' lacks {materials}{more}; {literal}", "a value not given shows as its placeholder");
        catalog.Render(Message.Of("t.none", ("x", 1)), Language.Chinese).ShouldBe("t.none(x=1)", "a message not in the catalog shows as its id");
        MessageCatalog.Placeholders("{a} {{b}} {c} {a}").ShouldBe(["a", "c"]);
    }

    [Fact]
    public void ARejection_IsWrittenFromTheCatalog_InBothLanguages()
    {
        var rejection = new Rejection(RejectionCodes.AlreadyStarted, Message.Of(RejectionCodes.AlreadyStarted, ("receipt", "R-1")), []);

        rejection.Reason.ShouldBe("办件 R-1 已收件，不能重复收件。");
        rejection.ReasonEnglish.ShouldBe("Case R-1 has already been started.");
    }

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    [GeneratedRegex(@"^\| (HQ\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex HanCharacter();

    /// <summary>One place that raises a message: the ids it may raise and the names of the values it gives.</summary>
    private sealed record Raise(string Where, IReadOnlyList<string> Ids, IReadOnlyList<string> Arguments, string? Problem = null);

    private static List<Raise> ReadRaises()
    {
        var root = Repository.Path("engine");
        var separator = System.IO.Path.DirectorySeparatorChar;
        var raises = new List<Raise>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)))
        {
            var decider = System.IO.Path.GetFileName(file).StartsWith("Decider", StringComparison.Ordinal);
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview), file);
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var arguments = call.ArgumentList.Arguments;
                var where = $"{System.IO.Path.GetRelativePath(root, file)}:{call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
                var (idArguments, first) = call.Expression switch
                {
                    MemberAccessExpressionSyntax { Name.Identifier.Text: "Of", Expression: IdentifierNameSyntax { Identifier.Text: "Message" } } when !(decider && InsideMethod(call, "Reject")) => (1, 0),
                    IdentifierNameSyntax { Identifier.Text: "Reject" } when decider && !InsideMethod(call, "Reject") => (2, 0),
                    IdentifierNameSyntax { Identifier.Text: "RejectAt" } when decider && !InsideMethod(call, "Reject") => (2, 1),
                    _ => (0, 0),
                };
                if (idArguments == 0 || arguments.Count <= first)
                {
                    continue;
                }

                // Reject(code), Reject(code, variant, values…), RejectAt(at, code, variant, values…), Message.Of(id, values…).
                var code = Strings(arguments[first].Expression);
                var variantGiven = idArguments == 2 && arguments.Count > first + 1 && arguments[first + 1].Expression is not TupleExpressionSyntax;
                var variants = variantGiven ? Strings(arguments[first + 1].Expression) : [null];
                if (code is null || variants is null)
                {
                    raises.Add(new Raise(where, [], [], "the message id is not a constant"));
                    continue;
                }

                var ids = (from c in code from v in variants select v is null ? c! : $"{c}.{v}").Distinct().ToList();
                var values = arguments.Skip(first + (variantGiven ? 2 : 1)).ToList();
                var names = values.Select(a => a.Expression is TupleExpressionSyntax { Arguments: [{ Expression: LiteralExpressionSyntax name }, _] } && name.IsKind(SyntaxKind.StringLiteralExpression) ? name.Token.ValueText : null).ToList();
                raises.Add(names.Contains(null)
                    ? new Raise(where, ids, [], "every value is written (\"name\", value)")
                    : new Raise(where, ids, names!));
            }
        }

        return raises;
    }

    private static bool InsideMethod(SyntaxNode node, string prefix) =>
        node.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.Text.StartsWith(prefix, StringComparison.Ordinal) == true;

    /// <summary>The constant strings an id expression can be: a literal, <c>RejectionCodes.X</c>, a sum of them, either branch of a choice, or null.</summary>
    private static List<string?>? Strings(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) => [null],
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => [literal.Token.ValueText],
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: nameof(RejectionCodes) } } member =>
            typeof(RejectionCodes).GetField(member.Name.Identifier.Text)?.GetRawConstantValue() is string code ? [code] : null,
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && Strings(binary.Left) is { } left && Strings(binary.Right) is { } right =>
            [.. from l in left from r in right select l + r],
        ConditionalExpressionSyntax choice when Strings(choice.WhenTrue) is { } yes && Strings(choice.WhenFalse) is { } no => [.. yes, .. no],
        ParenthesizedExpressionSyntax inner => Strings(inner.Expression),
        _ => null,
    };
}
