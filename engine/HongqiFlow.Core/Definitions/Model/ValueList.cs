using System.Collections;
using System.Collections.Immutable;

namespace HongqiFlow.Definitions.Model;

/// <summary>
/// An immutable list with value equality, so that model records parsed twice from the same text compare equal.
/// </summary>
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    public ValueList(IEnumerable<T> items) => _items = [.. items];

    /// <summary>Takes an array nobody else holds without copying it (the fold builds exact-size arrays for its lists).</summary>
    internal ValueList(ImmutableArray<T> items) => _items = items;

#pragma warning disable CA1000 // ValueList<T>.Empty reads like ImmutableArray<T>.Empty, its model.
    public static ValueList<T> Empty => new(ImmutableArray<T>.Empty);
#pragma warning restore CA1000

    private ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    public int Count => Items.Length;

    public T this[int index] => Items[index];

    public bool IsEmpty => Count == 0;

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <summary>Whether the list holds <paramref name="item"/> (default equality); a member, so a call does not box the list.</summary>
    public bool Contains(T item) => Items.IndexOf(item) >= 0;

    // A list kept by reference (the fold keeps unchanged lists) is equal without comparing its items.
    public bool Equals(ValueList<T> other) => Items == other.Items || Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    public static implicit operator ValueList<T>(T[] items) => new(items);

    public static implicit operator ValueList<T>(List<T> items) => new(items);

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
