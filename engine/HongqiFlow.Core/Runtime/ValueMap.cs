using System.Collections;
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
    // Sorted by key (ordinal), keys unique. Maps are small (payloads, event details, case data) and read far more than
    // changed, so a sorted array copied on change beats a tree: one allocation per map, binary search to read.
    //
    // A timer-set event's details (id, kind, due) are written from its due timer when first read, not when the event
    // is decided: most are never read before the timer fires or the case is stored, and building the due instant's
    // text for each cost more than the rest of the event.
    private KeyValuePair<string, object?>[]? _items;
    private readonly DueTimer? _timer;

    private ValueMap(KeyValuePair<string, object?>[] items) => _items = items;

    private ValueMap(DueTimer timer) => _timer = timer;

    private KeyValuePair<string, object?>[] Items => _items ??= TimerItems(_timer!);

    public static ValueMap Empty { get; } = new([]);

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

        var sorted = new List<KeyValuePair<string, object?>>(items.TryGetNonEnumeratedCount(out var count) ? count : 4);
        foreach (var (key, value) in items)
        {
            Put(sorted, key, Normalize(value));
        }

        return sorted.Count == 0 ? Empty : new ValueMap([.. sorted]);
    }

    /// <summary>
    /// The details of a <c>timer-set</c> event: <c>{due, id, kind}</c> of <paramref name="timer"/>, the due instant as
    /// ISO 8601 text with its offset and the kind in kebab case; equal to the map built from those pairs.
    /// </summary>
    public static ValueMap OfTimer(DueTimer timer) => new(timer);

    private static KeyValuePair<string, object?>[] TimerItems(DueTimer timer) =>
    [
        new("due", timer.Due.ToString("O", CultureInfo.InvariantCulture)),
        new("id", timer.Id),
        new("kind", DueTimer.KindName(timer.Kind)),
    ];

    /// <summary>A key a timer's details may hold; any other is answered without writing them.</summary>
    private static bool IsTimerKey(string key) => key is "due" or "id" or "kind";

    /// <summary>A map of the given pairs (a span: the engine's calls build no array for them).</summary>
    public static ValueMap Of(params ReadOnlySpan<(string Key, object? Value)> items)
    {
        if (items.Length == 0)
        {
            return Empty;
        }

        // Stable insertion sort in place (a handful of keys), then the last of equal keys wins, as in From.
        var sorted = new KeyValuePair<string, object?>[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = new KeyValuePair<string, object?>(items[i].Key ?? throw new ArgumentException("a map key cannot be null", nameof(items)), Normalize(items[i].Value));
            var j = i;
            while (j > 0 && string.CompareOrdinal(sorted[j - 1].Key, item.Key) > 0)
            {
                sorted[j] = sorted[j - 1];
                j--;
            }

            sorted[j] = item;
        }

        var unique = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && string.Equals(sorted[i].Key, sorted[i + 1].Key, StringComparison.Ordinal))
            {
                continue;
            }

            sorted[unique++] = sorted[i];
        }

        return new ValueMap(unique == sorted.Length ? sorted : sorted[..unique]);
    }

    public object? this[string key] => IndexOf(key) is var i and >= 0 ? Items[i].Value : throw new KeyNotFoundException($"no '{key}' in the map");

    public IEnumerable<string> Keys => Items.Select(kv => kv.Key);

    public IEnumerable<object?> Values => Items.Select(kv => kv.Value);

    public int Count => _items?.Length ?? 3;

    public bool ContainsKey(string key) => (_items is not null || IsTimerKey(key)) && IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        if (_items is null && !IsTimerKey(key))
        {
            value = null;
            return false;
        }

        var i = IndexOf(key);
        value = i >= 0 ? Items[i].Value : null;
        return i >= 0;
    }

    public ValueMap With(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = Normalize(value);
        var i = IndexOf(key);
        KeyValuePair<string, object?>[] items;
        var own = Items;
        if (i >= 0)
        {
            items = (KeyValuePair<string, object?>[])own.Clone();
        }
        else
        {
            i = ~i;
            items = new KeyValuePair<string, object?>[own.Length + 1];
            Array.Copy(own, items, i);
            Array.Copy(own, i, items, i + 1, own.Length - i);
        }

        items[i] = new(key, normalized);
        return new ValueMap(items);
    }

    /// <summary>Shallow merge: keys of <paramref name="other"/> win.</summary>
    public ValueMap Merge(ValueMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var merged = new List<KeyValuePair<string, object?>>(Count + other.Count);
        var mine = Items;
        var theirs = other.Items;
        int a = 0, b = 0;
        while (a < mine.Length || b < theirs.Length)
        {
            var order = a == mine.Length ? 1 : b == theirs.Length ? -1 : string.CompareOrdinal(mine[a].Key, theirs[b].Key);
            if (order < 0)
            {
                merged.Add(mine[a++]);
            }
            else
            {
                merged.Add(theirs[b++]);
                a += order == 0 ? 1 : 0;
            }
        }

        return new ValueMap([.. merged]);
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

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        // Both are sorted by the same order, so equal maps hold equal pairs at equal positions.
        var mine = Items;
        var theirs = other.Items;
        for (var i = 0; i < mine.Length; i++)
        {
            if (!string.Equals(mine[i].Key, theirs[i].Key, StringComparison.Ordinal) || !Equals(mine[i].Value, theirs[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in Items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", Items.Select(kv => $"{kv.Key}: {Format(kv.Value)}")) + "}";

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Binary search by ordinal key: the index, or the complement of where the key would go.</summary>
    private int IndexOf(string key)
    {
        var items = Items;
        int low = 0, high = items.Length - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(items[mid].Key, key);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    /// <summary>Adds to a list kept sorted by key; a key given twice keeps its last value.</summary>
    private static void Put(List<KeyValuePair<string, object?>> sorted, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        int low = 0, high = sorted.Count - 1;

        // Keys usually come in order (or one at a time): check the end before searching.
        if (high >= 0 && string.CompareOrdinal(sorted[high].Key, key) < 0)
        {
            sorted.Add(new(key, value));
            return;
        }

        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(sorted[mid].Key, key);
            if (order == 0)
            {
                sorted[mid] = new(key, value);
                return;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        sorted.Insert(low, new(key, value));
    }

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
