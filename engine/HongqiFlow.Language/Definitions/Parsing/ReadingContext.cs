using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Schema;
using HongqiFlow.Diagnostics;
using YamlDotNet.Core;
using Duration = HongqiFlow.Time.Duration;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// The schema pass and the typed reads, done on the YAML tree against the document-shape types: each wrong key,
/// type or value becomes a located diagnostic and reading goes on with the rest of the document.
/// </summary>
internal sealed class ReadingContext(string file, string text, DiagnosticBag diagnostics, SourceMap sourceMap)
{
    private string[]? _lines;

    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceMap SourceMap { get; } = sourceMap;

    private string[] Lines => _lines ??= text.Split('\n');

    public SourceLocation At(YamlNode node, string path) => new(File, node.Line, node.Column, path);

    /// <summary>Where a map entry is named: its key; list items and the root are located at their value.</summary>
    public SourceLocation KeyAt(string path) => SourceMap.LocateKey(path);

    /// <summary>Reports a problem at a node; message and fix as in <see cref="Validation.ValidationRun.Error"/>.</summary>
    public void Error(string code, FormattableString message, YamlNode node, string path, FormattableString? fix = null) =>
        Diagnostics.Report(Severity.Error, code, message, At(node, path), fix);

    /// <summary>Records every path of the tree in the source map, before any check, so locations never depend on the checks.</summary>
    public void Index(YamlNode node, string path, SourceLocation key)
    {
        SourceMap.Add(path, key, At(node, path));
        switch (node)
        {
            case YamlMapNode map:
                foreach (var (k, v) in map.Entries)
                {
                    var child = SourceMap.Child(path, k.Value);
                    Index(v, child, At(k, child));
                }

                break;
            case YamlListNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var child = SourceMap.Child(path, i);
                    Index(list.Items[i], child, At(list.Items[i], child));
                }

                break;
        }
    }

    /// <summary>A map checked against <paramref name="shape"/>: unknown keys (with a suggestion) and missing required keys are reported.</summary>
    public YamlMapNode? Map(YamlNode? node, string path, Type shape, FormattableString what)
    {
        if (node is null || node is YamlScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is not YamlMapNode map)
        {
            WrongType(node, path, what, $"a map of keys");
            return null;
        }

        var keys = ShapeKeys.Of(shape);
        foreach (var (key, _) in map.Entries)
        {
            if (!keys.Keys.Contains(key.Value))
            {
                var suggestion = Suggestions.Closest(key.Value, keys.Keys);
                Error(
                    ParseCodes.UnknownKey,
                    suggestion is null ? (FormattableString)$"unknown key '{key.Value}' in {what}" : $"unknown key '{key.Value}' in {what}; did you mean '{suggestion}'?",
                    key,
                    SourceMap.Child(path, key.Value),
                    suggestion is null ? (FormattableString)$"allowed keys: {string.Join(", ", keys.Keys)}" : $"rename it to '{suggestion}'");
            }
        }

        foreach (var required in keys.Required)
        {
            // The language version has its own code (HQ1011) that says what the key is for.
            if (required == "hongqiflow")
            {
                continue;
            }

            if (map.Get(required) is null or YamlScalarNode { IsNull: true })
            {
                Error(ParseCodes.MissingKey, $"{what} has no '{required}'", KeyNodeOr(map, path), path, $"add '{required}:'");
            }
        }

        foreach (var (key, allowed) in keys.Values)
        {
            if (map.Get(key) is YamlScalarNode { IsNull: false } scalar && !allowed.Contains(scalar.Value))
            {
                var suggestion = Suggestions.Closest(scalar.Value, allowed);
                Error(
                    ParseCodes.InvalidValue,
                    suggestion is null
                        ? (FormattableString)$"'{scalar.Value}' is not a valid {key}; use one of {string.Join(", ", allowed)}"
                        : $"'{scalar.Value}' is not a valid {key}; use one of {string.Join(", ", allowed)} (did you mean '{suggestion}'?)",
                    scalar,
                    SourceMap.Child(path, key),
                    suggestion is null ? null : (FormattableString)$"write '{suggestion}'");
            }
        }

        return map;
    }

    /// <summary>A map whose keys are names chosen by the author (states, branches…): only its type is checked.</summary>
    public YamlMapNode? NamedMap(YamlNode? node, string path, FormattableString what)
    {
        if (node is null || node is YamlScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is YamlMapNode map)
        {
            return map;
        }

        WrongType(node, path, what, $"a map of names");
        return null;
    }

    public YamlListNode? List(YamlNode? node, string path, FormattableString what)
    {
        if (node is null || node is YamlScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is YamlListNode list)
        {
            return list;
        }

        WrongType(node, path, what, $"a list");
        return null;
    }

    public YamlScalarNode? Scalar(YamlNode? node, string path, FormattableString what)
    {
        if (node is null || node is YamlScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        WrongType(node, path, what, $"a text value");
        return null;
    }

    public string? Text(YamlMapNode map, string path, string key) =>
        Scalar(map.Get(key), SourceMap.Child(path, key), $"'{key}'")?.Value;

    public bool Bool(YamlMapNode map, string path, string key, bool fallback = false)
    {
        var childPath = SourceMap.Child(path, key);
        var scalar = Scalar(map.Get(key), childPath, $"'{key}'");
        if (scalar is null)
        {
            return fallback;
        }

        switch (scalar.Value)
        {
            case "true" or "True" or "TRUE" when scalar.IsPlain:
                return true;
            case "false" or "False" or "FALSE" when scalar.IsPlain:
                return false;
            default:
                Error(ParseCodes.WrongType, $"'{key}' must be true or false, not '{scalar.Value}'", scalar, childPath, $"write true or false without quotes");
                return fallback;
        }
    }

    public int? Int(YamlMapNode map, string path, string key)
    {
        var childPath = SourceMap.Child(path, key);
        var scalar = Scalar(map.Get(key), childPath, $"'{key}'");
        if (scalar is null)
        {
            return null;
        }

        if (scalar.IsPlain && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(ParseCodes.WrongType, $"'{key}' must be a whole number, not '{scalar.Value}'", scalar, childPath, $"write a number such as 1");
        return null;
    }

    public Duration? Duration(YamlNode? node, string path, FormattableString what)
    {
        var scalar = Scalar(node, path, what);
        if (scalar is null)
        {
            return null;
        }

        if (Time.Duration.TryParse(scalar.Value, out var duration, out var error))
        {
            return duration;
        }

        Error(ParseCodes.InvalidDuration, $"{what} is not a duration: {error}", scalar, path, $"write a number and a unit: wd, wh, d, h or min (e.g. 5wd)");
        return null;
    }

    public Duration? Duration(YamlMapNode map, string path, string key) =>
        Duration(map.Get(key), SourceMap.Child(path, key), $"'{key}'");

    /// <summary>One name or a list of names.</summary>
    public ValueList<string> Names(YamlMapNode map, string path, string key)
    {
        var childPath = SourceMap.Child(path, key);
        var node = map.Get(key);
        switch (node)
        {
            case null or YamlScalarNode { IsNull: true }:
                return ValueList<string>.Empty;
            case YamlScalarNode scalar:
                return new[] { scalar.Value };
            case YamlListNode list:
                var names = new List<string>();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (Scalar(list.Items[i], SourceMap.Child(childPath, i), $"an item of '{key}'") is { } item)
                    {
                        names.Add(item.Value);
                    }
                }

                return names;
            default:
                WrongType(node, childPath, $"'{key}'", $"a name or a list of names");
                return ValueList<string>.Empty;
        }
    }

    /// <summary>An expression with the position of its first character and, for block scalars, the indentation of its lines.</summary>
    public ExpressionSource Expression(YamlScalarNode scalar, string path, GuardLanguage language)
    {
        var line = scalar.Line;
        var column = scalar.Column;
        var blockIndent = 0;
        switch (scalar.Style)
        {
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                column++;
                break;
            case ScalarStyle.Literal or ScalarStyle.Folded:
                // The scalar starts at its '|' or '>' indicator; the text starts on the first non-blank line after it.
                line++;
                while (line <= Lines.Length && string.IsNullOrWhiteSpace(Lines[line - 1]))
                {
                    line++;
                }

                var content = line <= Lines.Length ? Lines[line - 1] : string.Empty;
                blockIndent = content.Length - content.TrimStart(' ').Length + 1;
                column = blockIndent;
                break;
        }

        return new ExpressionSource
        {
            Language = language,
            Code = scalar.Value,
            ContentLine = line,
            ContentColumn = column,
            BlockIndentColumn = blockIndent,
            Quoting = scalar.Style switch
            {
                ScalarStyle.SingleQuoted => ExpressionQuoting.SingleQuoted,
                ScalarStyle.DoubleQuoted => ExpressionQuoting.DoubleQuoted,
                _ => ExpressionQuoting.Plain,
            },
            At = At(scalar, path),
        };
    }

    private YamlNode KeyNodeOr(YamlMapNode map, string path)
    {
        var key = SourceMap.LocateKey(path);
        return key.IsKnown ? new YamlScalarNode(key.Line, key.Column, string.Empty, ScalarStyle.Plain) : map;
    }

    private void WrongType(YamlNode node, string path, FormattableString what, FormattableString expected) =>
        Error(ParseCodes.WrongType, $"{what} must be {expected}, not {node.KindName}", node, path, $"write {what} as {expected}");
}
