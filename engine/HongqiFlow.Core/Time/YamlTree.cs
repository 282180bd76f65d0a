using HongqiFlow.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HongqiFlow.Time;

/// <summary>
/// A small positioned tree built from YamlDotNet's parser events. The representation model would accept duplicate
/// keys and expand aliases; a calendar file needs neither, so both are refused here with their location.
/// </summary>
internal abstract record YamlTree(Mark Start)
{
    public sealed record Scalar(Mark Start, string Value) : YamlTree(Start);

    public sealed record Sequence(Mark Start, IReadOnlyList<YamlTree> Items) : YamlTree(Start);

    public sealed record Mapping(Mark Start, IReadOnlyList<KeyValuePair<Scalar, YamlTree>> Entries) : YamlTree(Start);

    public FormattableString Kind => this switch
    {
        Scalar => $"a text value",
        Sequence => $"a list",
        _ => $"a mapping",
    };

    public static SourceLocation Locate(string file, Mark mark, string path) =>
        new(file, (int)mark.Line, (int)mark.Column, path);

    /// <summary>Reads one document; null (with a diagnostic) when the text is not YAML a calendar may use.</summary>
    public static YamlTree? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.Syntax, $"the calendar file is empty", new SourceLocation(file, 1, 1, "/"), $"start from definitions/calendars/cn-mainland.yaml");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, "/", diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.Syntax, $"a calendar file holds one YAML document; found a second one", Locate(file, second.Start, "/"), $"remove the '---' and what follows, or split the file");
                return null;
            }

            return root;
        }
        catch (YamlException e) when (TabIndentation.Find(text, e, parser.Current?.End ?? Mark.Empty) is var (line, column))
        {
            diagnostics.Report(Severity.Error, CalendarCodes.Syntax, $"the YAML cannot be read: a tab is used for indentation; YAML indents with spaces only", new SourceLocation(file, line, column, string.Empty), $"replace the tab with spaces");
            return null;
        }
        catch (YamlException e)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.Syntax, $"the YAML cannot be read: {e.Message.Trim()}", Locate(file, e.Start, string.Empty));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on a flow collection left open at the end of the text.
            var after = (int)(parser.Current?.Start.Index ?? 0);
            var open = text.IndexOfAny(['{', '['], Math.Min(after, text.Length));
            var offset = open < 0 ? after : open;
            var line = 1 + text.AsSpan(0, offset).Count('\n');
            var column = offset - (text.LastIndexOf('\n', Math.Max(offset - 1, 0)) + 1) + 1;
            diagnostics.Report(Severity.Error, CalendarCodes.Syntax, $"the YAML cannot be read: a '{{' or '[' opened here is never closed",
                new SourceLocation(file, line, column, string.Empty), $"close it on the same line");
            return null;
        }
        catch (BadCalendarYamlException e)
        {
            diagnostics.Add(e.Diagnostic);
            return null;
        }
    }

    private static YamlTree ReadNode(IParser parser, string file, string path, DiagnosticBag diagnostics)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML text");
        if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
        {
            throw new BadCalendarYamlException(Diagnostic.Of(CalendarCodes.Syntax, Severity.Error,
                $"anchors and aliases (&, *) are not allowed in a calendar file", Locate(file, current.Start, path), $"write each value out"));
        }

        if (parser.TryConsume<YamlDotNet.Core.Events.Scalar>(out var scalar))
        {
            return new Scalar(scalar.Start, scalar.Value);
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YamlTree>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, $"{path.TrimEnd('/')}/{items.Count}", diagnostics));
            }

            return new Sequence(seqStart.Start, items);
        }

        var mapStart = parser.Consume<MappingStart>();
        var entries = new List<KeyValuePair<Scalar, YamlTree>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, file, path, diagnostics);
            if (keyNode is not Scalar key)
            {
                throw new BadCalendarYamlException(Diagnostic.Of(CalendarCodes.WrongShape, Severity.Error,
                    $"a key must be a plain name, not {keyNode.Kind}", Locate(file, keyNode.Start, path)));
            }

            var childPath = $"{path.TrimEnd('/')}/{key.Value}";
            var value = ReadNode(parser, file, childPath, diagnostics);
            if (!seen.Add(key.Value))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.DuplicateKey, $"key '{key.Value}' appears twice in the same mapping", Locate(file, key.Start, childPath), $"keep one of them");
                continue;
            }

            entries.Add(new(key, value));
        }

        return new Mapping(mapStart.Start, entries);
    }

    private sealed class BadCalendarYamlException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
