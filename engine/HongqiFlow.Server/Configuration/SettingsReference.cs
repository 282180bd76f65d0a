using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Logging;
using HongqiFlow.Server.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace HongqiFlow.Server.Configuration;

/// <summary>One setting as <c>hongqi config check</c> prints it: the key, the value in effect (secrets masked) and where it came from.</summary>
public sealed record EffectiveSetting(string Key, string Value, string Source);

/// <summary>
/// Every setting the server reads: the options classes bound to a configuration section (<see cref="Bound"/>) and the
/// keys read one by one (<see cref="Direct"/>). docs/operations.md lists each in its configuration reference (a test
/// holds them together); <c>hongqi config check</c> prints their values in effect.
/// </summary>
public static partial class SettingsReference
{
    /// <summary>The options classes bound from configuration, with their section.</summary>
    public static readonly IReadOnlyList<(string Section, Type Type)> Bound =
    [
        (ServerOptions.Section, typeof(ServerOptions)),
        (TelemetrySetup.Section, typeof(TelemetrySetup)),
        (ConsoleLogOptions.Section, typeof(ConsoleLogOptions)),
        (OidcOptions.Section, typeof(OidcOptions)),
        (Audit.OperationsAuditOptions.Section, typeof(Audit.OperationsAuditOptions)),
    ];

    /// <summary>The keys read directly from configuration, with what applies when they are not set.</summary>
    public static readonly IReadOnlyList<(string Key, string Default)> Direct =
    [
        ("urls", "http://localhost:5000"),
        (JwtSettings.KeySetting, "the public development key (a warning at start)"),
        (VerificationSecret.KeySetting, "verification.key in the data folder"),
        (VerificationSecret.LegacySetting, "false"),
        (PersonalDataSettings.KeyFileSetting, "none (required outside Development)"),
        (PersonalDataSettings.KeysSection + ":<id>", "none"),
        (PersonalDataSettings.CurrentKeySetting, "the only key"),
        (PersonalDataSettings.LookupKeySetting, "none (required)"),
        (PersonalDataSettings.CipherSetting, "SM4"),
        ("Logging:LogLevel:Default", "Information"),
        ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
    ];

    /// <summary>Every key the server reads; a dictionary entry's own name is written <c>&lt;name&gt;</c>.</summary>
    public static IReadOnlyList<string> Keys() =>
        [.. Direct.Select(d => d.Key), .. Bound.SelectMany(b => Patterns(b.Type, b.Section))];

    /// <summary>The value of every setting in effect, secrets masked, and where each came from.</summary>
    public static IReadOnlyList<EffectiveSetting> Effective(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new List<EffectiveSetting>();
        foreach (var (key, fallback) in Direct)
        {
            settings.Add(configuration[key] is { } value
                ? new EffectiveSetting(key, Mask(key, value), SourceOf(configuration, key))
                : new EffectiveSetting(key, $"({fallback})", "default"));
        }

        foreach (var (section, type) in Bound)
        {
            var bound = configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type)!;
            foreach (var (key, value) in Values(bound, type, section))
            {
                settings.Add(new EffectiveSetting(key, Mask(key, Show(value)), SourceOf(configuration, key)));
            }
        }

        return settings;
    }

    /// <summary>Configured keys under <c>Hongqi</c> that no setting reads (a misspelt name is otherwise silently ignored).</summary>
    public static IReadOnlyList<EffectiveSetting> Unknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var patterns = Keys().Select(k => k.Split(':')).ToList();
        return [.. configuration.GetSection(ServerOptions.Section).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Where(pair => !patterns.Any(p => Matches(p, pair.Key.Split(':'))))
            .Select(pair => new EffectiveSetting(pair.Key, Mask(pair.Key, pair.Value!), SourceOf(configuration, pair.Key)))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary><paramref name="value"/> with secrets replaced by <c>****</c>: keys, passwords, secrets and tokens, header values, connection-string passwords.</summary>
    public static string Mask(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var last = key.Split(':')[^1];
        if (value.Length > 0 && (SecretName().IsMatch(last) || key.Contains(":Headers:", StringComparison.OrdinalIgnoreCase)))
        {
            return "****";
        }

        return ConnectionPassword().Replace(value, match => match.Groups[1].Value + "****");
    }

    private static bool Matches(string[] pattern, string[] key) =>
        pattern.Length == key.Length
        && pattern.Zip(key).All(p => p.First.StartsWith('<') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    private static string SourceOf(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return "configuration";
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider switch
                {
                    EnvironmentVariablesConfigurationProvider => "environment",
                    CommandLineConfigurationProvider => "command line",
                    JsonConfigurationProvider json => json.Source.Path ?? "a JSON file",
                    _ => provider.GetType().Name.Replace("ConfigurationProvider", string.Empty, StringComparison.Ordinal),
                };
            }
        }

        return "default";
    }

    private static IEnumerable<string> Patterns(Type type, string prefix)
    {
        foreach (var property in Settable(type))
        {
            var key = $"{prefix}:{property.Name}";
            var kind = property.PropertyType;
            if (IsScalar(kind))
            {
                yield return key;
            }
            else if (DictionaryValue(kind) is { } value)
            {
                var entry = $"{key}:<{EntryName(property.Name)}>";
                if (IsScalar(value))
                {
                    yield return entry;
                }
                else
                {
                    foreach (var nested in Patterns(value, entry))
                    {
                        yield return nested;
                    }
                }
            }
            else
            {
                foreach (var nested in Patterns(kind, key))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<(string Key, object? Value)> Values(object? instance, Type type, string prefix)
    {
        foreach (var property in Settable(type))
        {
            var key = $"{prefix}:{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            if (IsScalar(property.PropertyType))
            {
                yield return (key, value);
            }
            else if (DictionaryValue(property.PropertyType) is { } entryType)
            {
                var entries = Entries(value as IDictionary).OrderBy(e => (string)e.Key, StringComparer.Ordinal).ToList();
                if (entries.Count == 0)
                {
                    yield return (key, "(none)");
                }

                foreach (var entry in entries)
                {
                    var entryKey = $"{key}:{entry.Key}";
                    if (IsScalar(entryType))
                    {
                        yield return (entryKey, entry.Value);
                    }
                    else
                    {
                        foreach (var nested in Values(entry.Value, entryType, entryKey))
                        {
                            yield return nested;
                        }
                    }
                }
            }
            else
            {
                foreach (var nested in Values(value, property.PropertyType, key))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<DictionaryEntry> Entries(IDictionary? dictionary)
    {
        if (dictionary is null)
        {
            yield break;
        }

        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static bool IsScalar(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(decimal) || plain == typeof(TimeSpan)
            || plain == typeof(Uri) || plain == typeof(DateTimeOffset);
    }

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    /// <summary>How the reference names an entry of a dictionary setting: <c>Sources:&lt;id&gt;</c>, <c>Targets:&lt;indicator&gt;</c>.</summary>
    private static string EntryName(string property) => property switch
    {
        "Sources" => "id",
        "Targets" => "indicator",
        _ => "name",
    };

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [GeneratedRegex("(key|password|secret|token)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"((?:^|;)\s*(?:password|pwd)\s*=\s*)[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionPassword();
}
