using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HongqiFlow.Samples;

/// <summary>Turns YAML nodes into JSON-like values: string, bool, long, decimal, null, lists and string-keyed dictionaries.</summary>
internal static class YamlValues
{
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty,
            kv => ToPlain(kv.Value),
            StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return value;
        }

        return value switch
        {
            null or "~" or "null" or "" => null,
            "true" => true,
            "false" => false,
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => value,
        };
    }
}
