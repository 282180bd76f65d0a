using YamlDotNet.Core;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// A node of the YAML tree the reader builds from parser events, with its position. Aliases share the anchored node,
/// so the tree is a DAG; <see cref="ExpandedSize"/> is what walking it would cost.
/// </summary>
internal abstract class YamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public long ExpandedSize { get; protected set; } = 1;

    public abstract FormattableString KindName { get; }
}

internal sealed class YamlScalarNode(int line, int column, string value, ScalarStyle style) : YamlNode(line, column)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override FormattableString KindName => IsNull ? $"nothing" : (FormattableString)$"a text value";
}

internal sealed class YamlMapNode(int line, int column) : YamlNode(line, column)
{
    public List<KeyValuePair<YamlScalarNode, YamlNode>> Entries { get; } = [];

    public override FormattableString KindName => $"a map";

    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public YamlScalarNode? KeyNode(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }

    public void Seal()
    {
        long size = 1;
        foreach (var entry in Entries)
        {
            size = Saturate(size + 1 + entry.Value.ExpandedSize);
        }

        ExpandedSize = size;
    }

    internal static long Saturate(long value) => value < 0 ? long.MaxValue : value;
}

internal sealed class YamlListNode(int line, int column) : YamlNode(line, column)
{
    public List<YamlNode> Items { get; } = [];

    public override FormattableString KindName => $"a list";

    public void Seal()
    {
        long size = 1;
        foreach (var item in Items)
        {
            size = YamlMapNode.Saturate(size + item.ExpandedSize);
        }

        ExpandedSize = size;
    }
}
