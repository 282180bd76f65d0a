using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace HongqiFlow.Definitions.Schema;

/// <summary>
/// The keys a document shape allows, which are required, and the words a key accepts, read from the shape types
/// so the reader and the JSON Schema never disagree.
/// </summary>
internal sealed class ShapeKeys
{
    private static readonly ConcurrentDictionary<Type, ShapeKeys> Cache = new();

    private ShapeKeys(Type shape)
    {
        var keys = new List<string>();
        var required = new List<string>();
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = KeyOf(property);
            keys.Add(key);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(key);
            }

            if (property.GetCustomAttribute<ShapeValuesAttribute>() is { } allowed)
            {
                values[key] = allowed.Values;
            }
        }

        Keys = keys;
        Required = required;
        Values = values;
    }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }

    public static ShapeKeys Of(Type shape) => Cache.GetOrAdd(shape, t => new ShapeKeys(t));

    public static string KeyOf(PropertyInfo property) =>
        char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}
