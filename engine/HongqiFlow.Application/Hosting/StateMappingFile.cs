using System.Globalization;
using System.Text.Json;
using HongqiFlow.Messages;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// Reads a migration's declared state mapping: a small YAML file of <c>old-state: new-state</c> lines (optionally under
/// <c>states:</c>; a branch state is written <c>approval/tax:reviewing: checking</c>), or a JSON object (optionally under
/// <c>"states"</c>). Each entry remembers where it is written, so a mapping error names its line.
/// </summary>
public sealed record StateMappingFile(StateMapping Mapping, IReadOnlyDictionary<string, string> Locations)
{
    public static StateMappingFile Empty { get; } = new(StateMapping.Empty, new Dictionary<string, string>());

    /// <summary>Parses <paramref name="text"/>; throws <see cref="MigrationMappingException"/> with every located syntax error.</summary>
    public static StateMappingFile Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimStart().StartsWith('{') ? Json(text, file) : Yaml(text, file);
    }

    /// <summary>A mapping given as a JSON object (a request body's <c>mapping</c>), located by JSON pointer.</summary>
    public static StateMappingFile FromPairs(IEnumerable<KeyValuePair<string, string>> pairs, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.ToList();
        return new(StateMapping.Of(list), list.ToDictionary(p => p.Key, p => $"{pointer}/{p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}", StringComparer.Ordinal));
    }

    /// <summary>Checks the mapping against both versions; throws <see cref="MigrationMappingException"/> with each bad entry located.</summary>
    public void Check(CompiledDefinition from, CompiledDefinition to)
    {
        var errors = Mapping.Check(from, to);
        if (errors.Count > 0)
        {
            throw new MigrationMappingException([.. errors.Select(e => new LocatedMappingError(Locations.GetValueOrDefault(e.Key, e.Key), e.Key, e.Why))]);
        }
    }

    private static StateMappingFile Yaml(string text, string file)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<LocatedMappingError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            var content = (line.TrimStart().StartsWith('#') ? string.Empty : hash >= 0 ? line[..hash] : line).Trim();
            var at = string.Create(CultureInfo.InvariantCulture, $"{file}:{i + 1}");
            if (content.Length == 0 || content == "states:")
            {
                continue;
            }

            var colon = content.LastIndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? string.Empty : Unquote(content[..colon].Trim());
            var value = colon < 0 ? string.Empty : Unquote(content[(colon + 2)..].Trim());
            if (key.Length == 0 || value.Length == 0)
            {
                errors.Add(new LocatedMappingError(at, content, Message.Of("migration.mapping.line", ("line", content))));
            }
            else if (!locations.TryAdd(key, at))
            {
                errors.Add(new LocatedMappingError(at, key, Message.Of("migration.mapping.repeated", ("state", key), ("at", locations[key]))));
            }
            else
            {
                pairs.Add(new(key, value));
            }
        }

        return errors.Count > 0 ? throw new MigrationMappingException(errors) : new StateMappingFile(StateMapping.Of(pairs), locations);
    }

    private static StateMappingFile Json(string text, string file)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var pointer = string.Empty;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("states", out var states))
            {
                root = states;
                pointer = "/states";
            }

            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                throw new MigrationMappingException([new LocatedMappingError($"{file}{pointer}", string.Empty, Message.Of("migration.mapping.not-object"))]);
            }

            var located = FromPairs([.. root.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))], pointer);
            return located with { Locations = located.Locations.ToDictionary(kv => kv.Key, kv => file + kv.Value, StringComparer.Ordinal) };
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            throw new MigrationMappingException([new LocatedMappingError(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}"), string.Empty, Message.Of("migration.mapping.not-json", ("error", ex.Message)))]);
        }
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0] ? s[1..^1] : s;
}
