using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// Writes the YAML tree as JSON with YAML 1.2 core-schema typing of plain scalars (numbers, booleans, null),
/// so the JSON Schema sees what an editor sees.
/// </summary>
internal static partial class YamlJson
{
    public static string Write(YamlNode root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, root);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMapNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlListNode list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode { IsNull: true }:
                writer.WriteNullValue();
                break;
            case YamlScalarNode { IsPlain: true, Value: "true" or "True" or "TRUE" }:
                writer.WriteBooleanValue(true);
                break;
            case YamlScalarNode { IsPlain: true, Value: "false" or "False" or "FALSE" }:
                writer.WriteBooleanValue(false);
                break;
            case YamlScalarNode { IsPlain: true } scalar when IntegerPattern().IsMatch(scalar.Value) && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case YamlScalarNode { IsPlain: true } scalar when FloatPattern().IsMatch(scalar.Value) && decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                writer.WriteNumberValue(number);
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
