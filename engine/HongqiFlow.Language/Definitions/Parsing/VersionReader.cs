using System.Globalization;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>The <c>hongqiflow:</c> language version every file starts with; only version 1 exists.</summary>
internal static class VersionReader
{
    public const int Supported = 1;

    public static int Read(ReadingContext context, YamlMapNode doc, YamlNode root)
    {
        var node = doc.Get("hongqiflow");
        if (node is null or YamlScalarNode { IsNull: true })
        {
            // The missing-key check of the shape already reports HQ1009; this code says what the key is for.
            context.Error(ParseCodes.MissingVersion, $"the file does not say its language version", root, string.Empty, $"add 'hongqiflow: {Supported}' as the first key");
            return Supported;
        }

        if (node is YamlScalarNode { IsPlain: true } scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version == Supported)
        {
            return version;
        }

        var text = node is YamlScalarNode s ? (object)s.Value : node.KindName;
        context.Error(ParseCodes.UnsupportedVersion, $"language version '{text}' is not supported; this engine reads version {Supported}", node, "/hongqiflow", $"write 'hongqiflow: {Supported}'");
        return Supported;
    }
}
