using System.Text;

namespace HongqiFlow.Server.Search;

/// <summary>
/// Pinyin initials of a name for search (企业开办 → QYKB). GB2312 orders its 3,755 level-1 (common) characters by
/// pinyin, so the initial follows from the code's place between the first codes of each letter; a few common
/// characters outside that block or read differently in item names are listed by hand. Letters and digits pass
/// through upper-cased; other characters are dropped.
/// </summary>
public static class PinyinInitials
{
    private static readonly Encoding Gb2312 = LoadGb2312();

    // The first GB2312 code of each initial in the level-1 block (there are no level-1 syllables on i, u, v).
    private static readonly (int Code, char Letter)[] Boundaries =
    [
        (0xB0A1, 'A'), (0xB0C5, 'B'), (0xB2C1, 'C'), (0xB4EE, 'D'), (0xB6EA, 'E'), (0xB7A2, 'F'), (0xB8C1, 'G'),
        (0xB9FE, 'H'), (0xBBF7, 'J'), (0xBFA6, 'K'), (0xC0AC, 'L'), (0xC2E8, 'M'), (0xC4C3, 'N'), (0xC5B6, 'O'),
        (0xC5BE, 'P'), (0xC6DA, 'Q'), (0xC8BB, 'R'), (0xC8F6, 'S'), (0xCBFA, 'T'), (0xCDDA, 'W'), (0xCEF4, 'X'),
        (0xD1B9, 'Y'), (0xD4D1, 'Z'),
    ];

    private const int LevelOneEnd = 0xD7F9;

    // Readings used in service-item names that differ from the character's first reading, and common characters
    // outside the level-1 block.
    private static readonly Dictionary<char, char> Overrides = new()
    {
        ['行'] = 'X', ['长'] = 'Z', ['重'] = 'C', ['单'] = 'D', ['藏'] = 'Z', ['厦'] = 'X', ['圳'] = 'Z', ['璟'] = 'J',
        ['泸'] = 'L', ['蚌'] = 'B', ['亳'] = 'B', ['衢'] = 'Q', ['婺'] = 'W', ['邯'] = 'H', ['郸'] = 'D', ['濮'] = 'P',
    };

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

    /// <summary>True when <paramref name="query"/> matches the name, its pinyin initials or a code (case-insensitive, substring).</summary>
    public static bool Matches(string query, string name, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var q = query.Trim();
        return name.Contains(q, StringComparison.OrdinalIgnoreCase)
            || Of(name).Contains(q.ToUpperInvariant(), StringComparison.Ordinal)
            || codes.Any(code => code.Contains(q, StringComparison.OrdinalIgnoreCase));
    }

    private static char? Initial(char c)
    {
        if (Overrides.TryGetValue(c, out var letter))
        {
            return letter;
        }

        if (c < 0x4E00 || c > 0x9FFF)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[4];
        Span<char> chars = [c];
        if (Gb2312.GetBytes(chars, bytes) != 2)
        {
            return null;
        }

        var code = (bytes[0] << 8) | bytes[1];
        if (code < Boundaries[0].Code || code >= LevelOneEnd)
        {
            return null;
        }

        var found = Boundaries[0].Letter;
        foreach (var (start, initial) in Boundaries)
        {
            if (code < start)
            {
                break;
            }

            found = initial;
        }

        return found;
    }

    private static Encoding LoadGb2312()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, new EncoderReplacementFallback(string.Empty), DecoderFallback.ReplacementFallback);
    }
}
