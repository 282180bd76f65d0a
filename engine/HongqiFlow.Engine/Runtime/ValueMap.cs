using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// JSON-like data with value equality (case data, payloads): string, decimal, bool, null, nested maps and lists.
/// Numbers are normalised to decimal and lists to <see cref="ValueList{T}"/>, so data built twice compares equal
/// and a replayed case equals the original.
/// </summary>
#pragma warning disable CA1710 // "ValueMap" names what it is in the domain (case data); "Dictionary" would hide the value semantics.
public sealed class ValueMap : IReadOnlyDictionary<string, object?>, IEquatable<ValueMap>
{
#pragma warning restore CA1710
    private readonly ImmutableSortedDictionary<string, object?> _items;

    private ValueMap(ImmutableSortedDictionary<string, object?> items) => _items = items;

    public static ValueMap Empty { get; } = new(ImmutableSortedDictionary.Create<string, object?>(StringComparer.Ordinal));

    public static ValueMap From(IEnumerable<KeyValuePair<string, object?>>? items)
    {
        if (items is null)
        {
            return Empty;
        }

        if (items is ValueMap map)
        {
            return map;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            builder[key] = Normalize(value);
        }

        return new ValueMap(builder.ToImmutable());
    }

    public static ValueMap Of(params (string Key, object? Value)[] items) =>
        From(items.Select(i => new KeyValuePair<string, object?>(i.Key, i.Value)));

    public object? this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<object?> Values => _items.Values;

    public int Count => _items.Count;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, out object? value) => _items.TryGetValue(key, out value);

    public ValueMap With(string key, object? value) => new(_items.SetItem(key, Normalize(value)));

    /// <summary>Shallow merge: keys of <paramref name="other"/> win.</summary>
    public ValueMap Merge(ValueMap other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        return new ValueMap(_items.SetItems(other._items));
    }

    public string? GetString(string key) => TryGetValue(key, out var v) ? v switch
    {
        null => null,
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => v.ToString(),
    } : null;

    /// <summary>A list of strings under <paramref name="key"/>; a single string counts as a list of one.</summary>
    public IReadOnlyList<string> GetStrings(string key) => TryGetValue(key, out var v) ? v switch
    {
        string s => [s],
        ValueList<object?> list => [.. list.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? string.Empty)],
        _ => [],
    } : [];

    public ValueMap? GetMap(string key) => TryGetValue(key, out var v) ? v as ValueMap : null;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap? other) =>
        other is not null && (ReferenceEquals(this, other) || (Count == other.Count && _items.All(kv =>
            other._items.TryGetValue(kv.Key, out var o) && Equals(kv.Value, o))));

    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", _items.Select(kv => $"{kv.Key}: {Format(kv.Value)}")) + "}";

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    internal static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or decimal or ValueMap or ValueList<object?> => value,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)d,
        float f => (decimal)f,
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable<KeyValuePair<string, object?>> map => From(map),
        IEnumerable<string> strings => new ValueList<object?>(strings.Select(s => (object?)s)),
        IEnumerable list => new ValueList<object?>(list.Cast<object?>().Select(Normalize)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
