using System.Collections.Frozen;
using System.Text;

namespace HongqiFlow.Server.Search;

/// <summary>
/// Pinyin initials of a name for search (企业开办 → QYKB). The initials of every CJK unified ideograph
/// (U+4E00–U+9FFF) come from <see cref="PinyinInitialsTable"/>, generated from the pinyin-pro library's data (the one
/// the web app searches with), so uncommon characters (犇, 燚, 璟, 漯) have theirs too; a polyphone matches by any of its
/// readings (银行 by YH and YX). Letters and digits pass through upper-cased; other characters are dropped.
/// </summary>
public static class PinyinInitials
{
    // The reading service-item names use where it is not the character's most common one (银行, 重庆, 单位, 西藏, 厦门).
    private static readonly FrozenDictionary<char, char> ItemNameReadings = new Dictionary<char, char>
    {
        ['行'] = 'X', ['长'] = 'Z', ['重'] = 'C', ['单'] = 'D', ['藏'] = 'Z', ['厦'] = 'X',
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<char, string> OtherReadings = LoadAlternates();

    /// <summary>The initials of <paramref name="text"/>, one per letter, digit or ideograph with a reading.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if (Initial(c) is { } letter)
            {
                builder.Append(letter);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when <paramref name="query"/> matches the name, its pinyin initials (any reading of a polyphone) or a code
    /// (case-insensitive, substring).
    /// </summary>
    public static bool Matches(string query, string name, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var q = query.Trim();
        return name.Contains(q, StringComparison.OrdinalIgnoreCase)
            || InitialsContain(name, q.ToUpperInvariant())
            || codes.Any(code => code.Contains(q, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every initial a character may have, its usual one first; empty when it has none.</summary>
    internal static string InitialsOf(char c)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToUpperInvariant(c).ToString();
        }

        var letters = new List<char>(4);
        void Add(char? letter)
        {
            if (letter is { } l && !letters.Contains(l))
            {
                letters.Add(l);
            }
        }

        Add(Initial(c));
        Add(Primary(c));
        foreach (var other in OtherReadings.GetValueOrDefault(c, string.Empty))
        {
            Add(other);
        }

        return new string([.. letters]);
    }

    // The name's initials, each a set of letters (a polyphone has several), contain the query as a run.
    private static bool InitialsContain(string name, string query)
    {
        var sets = name.Select(InitialsOf).Where(s => s.Length > 0).ToArray();
        for (var start = 0; start + query.Length <= sets.Length; start++)
        {
            var all = true;
            for (var j = 0; j < query.Length && all; j++)
            {
                all = sets[start + j].Contains(query[j], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static char? Initial(char c) => ItemNameReadings.TryGetValue(c, out var letter) ? letter : Primary(c);

    private static char? Primary(char c)
    {
        var index = c - PinyinInitialsTable.First;
        if (index < 0 || index >= PinyinInitialsTable.Primary.Length)
        {
            return null;
        }

        var letter = PinyinInitialsTable.Primary[index];
        return letter == '-' ? null : letter;
    }

    private static FrozenDictionary<char, string> LoadAlternates()
    {
        var map = new Dictionary<char, string>();
        foreach (var entry in PinyinInitialsTable.Alternates.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map[entry[0]] = entry[1..];
        }

        return map.ToFrozenDictionary();
    }
}
