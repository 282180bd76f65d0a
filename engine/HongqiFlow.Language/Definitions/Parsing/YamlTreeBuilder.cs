using System.Text.RegularExpressions;
using HongqiFlow.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// Turns YAML text into a <see cref="YamlNode"/> tree from YamlDotNet's parser events, enforcing the
/// <see cref="ReaderLimits"/> while reading, so a hostile document stops at the first node over a limit.
/// Duplicate keys are reported here because the parser does not.
/// </summary>
internal sealed partial class YamlTreeBuilder(string file, ReaderLimits limits, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _stack = new();
    private long _aliasNodes;
    private Mark _lastMark = Mark.Empty;
    private YamlNode? _root;

    /// <summary>The root of the first document, or null when the text is empty or too broken to read on.</summary>
    public YamlNode? Build(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            var documents = 0;
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                _lastMark = current.End;
                if (current is DocumentStart && ++documents > 1)
                {
                    diagnostics.Report(Severity.Error, 
                        ParseCodes.MultipleDocuments,
                        $"the file holds more than one YAML document",
                        At(current.Start),
                        $"keep one definition per file and remove the '---' separator");
                    return _root;
                }

                if (!Handle(current))
                {
                    return null;
                }
            }

            return _root;
        }
        catch (YamlException e) when (TabIndentation.Find(text, e, _lastMark) is var (line, column))
        {
            diagnostics.Report(Severity.Error, ParseCodes.YamlSyntax, $"YAML syntax error: a tab is used for indentation; YAML indents with spaces only", new SourceLocation(file, line, column, string.Empty), $"replace the tab with spaces");
            return null;
        }
        catch (YamlException e)
        {
            diagnostics.Report(Severity.Error, ParseCodes.YamlSyntax, $"YAML syntax error: {StripMarks(e.Message)}", At(e.Start), $"fix the YAML syntax at this position");
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner can fail without a mark on some unclosed flow collections; the last event read is the best place to point at.
            diagnostics.Report(Severity.Error, ParseCodes.YamlSyntax, $"YAML syntax error: the text after this point cannot be read (an unclosed '{{', '[' or quote?)", At(_lastMark), $"close every '{{', '[' and quote that is opened");
            return null;
        }
    }

    private bool Handle(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                var node = new YamlScalarNode(Line(scalar.Start), Column(scalar.Start), scalar.Value, scalar.Style);
                Remember(scalar.Anchor, node);
                return Add(node);
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    diagnostics.Report(Severity.Error, ParseCodes.UnknownAlias, $"the alias '*{alias.Value.Value}' names no anchor defined before it", At(alias.Start, ChildPath()), $"define '&{alias.Value.Value}' earlier in the file");
                    return false;
                }

                _aliasNodes = YamlMapNode.Saturate(_aliasNodes + target.ExpandedSize);
                if (_aliasNodes > limits.MaxAliasNodes)
                {
                    diagnostics.Report(Severity.Error, 
                        ParseCodes.AliasBudget,
                        $"aliases expand to more than {limits.MaxAliasNodes} nodes; the document is refused",
                        At(alias.Start, ChildPath()),
                        $"write the repeated parts out or use a fragment instead of nested aliases");
                    return false;
                }

                return Add(target);
            case MappingStart map:
                return Open(new YamlMapNode(Line(map.Start), Column(map.Start)), map.Anchor, map.Start);
            case SequenceStart list:
                return Open(new YamlListNode(Line(list.Start), Column(list.Start)), list.Anchor, list.Start);
            case MappingEnd or SequenceEnd:
                var frame = _stack.Pop();
                switch (frame.Node)
                {
                    case YamlMapNode m:
                        m.Seal();
                        break;
                    case YamlListNode l:
                        l.Seal();
                        break;
                }

                Remember(frame.Anchor, frame.Node);
                return Add(frame.Node);
            default:
                return true;
        }
    }

    private bool Open(YamlNode node, AnchorName anchor, Mark start)
    {
        if (_stack.Count + 1 > limits.MaxDepth)
        {
            diagnostics.Report(Severity.Error, 
                ParseCodes.TooDeep,
                $"maps and lists are nested deeper than {limits.MaxDepth} levels",
                At(start, ChildPath()),
                $"flatten the structure; a definition never needs this depth");
            return false;
        }

        _stack.Push(new Frame(node, anchor, ChildPath()));
        return true;
    }

    private bool Add(YamlNode node)
    {
        if (_stack.Count == 0)
        {
            _root ??= node;
            return true;
        }

        var frame = _stack.Peek();
        switch (frame.Node)
        {
            case YamlListNode list:
                list.Items.Add(node);
                break;
            case YamlMapNode map when frame.PendingKey is null && !frame.SkipValue:
                if (node is not YamlScalarNode key)
                {
                    diagnostics.Report(Severity.Error, ParseCodes.WrongType, $"a key must be a plain name, not {node.KindName}", new SourceLocation(file, node.Line, node.Column, frame.Path), $"write the key as text");
                    frame.SkipValue = true;
                    break;
                }

                var first = map.KeyNode(key.Value);
                if (first is not null)
                {
                    diagnostics.Report(Severity.Error, 
                        ParseCodes.DuplicateKey,
                        $"the key '{key.Value}' is already defined at line {first.Line}",
                        new SourceLocation(file, key.Line, key.Column, SourceMap.Child(frame.Path, key.Value)),
                        $"remove or rename one of the two; YAML keeps only one value per key");
                    frame.SkipValue = true;
                    break;
                }

                frame.PendingKey = key;
                break;
            case YamlMapNode when frame.SkipValue:
                frame.SkipValue = false;
                break;
            case YamlMapNode map:
                map.Entries.Add(new(frame.PendingKey!, node));
                frame.PendingKey = null;
                break;
        }

        return true;
    }

    private void Remember(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private SourceLocation At(Mark mark, string path = "") => new(file, Line(mark), Column(mark), path);

    /// <summary>The document path of the node about to be added, for locating errors raised while reading it.</summary>
    private string ChildPath()
    {
        if (_stack.Count == 0)
        {
            return string.Empty;
        }

        var frame = _stack.Peek();
        return frame.Node switch
        {
            YamlListNode list => SourceMap.Child(frame.Path, list.Items.Count),
            _ when frame.PendingKey is not null => SourceMap.Child(frame.Path, frame.PendingKey.Value),
            _ => frame.Path,
        };
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);

    private static string StripMarks(string message) => MarkPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    private sealed class Frame(YamlNode node, AnchorName anchor, string path)
    {
        public string Path { get; } = path;

        public YamlNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public YamlScalarNode? PendingKey { get; set; }

        public bool SkipValue { get; set; }
    }
}
