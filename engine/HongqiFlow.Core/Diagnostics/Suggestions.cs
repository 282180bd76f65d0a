namespace HongqiFlow.Diagnostics;

/// <summary>
/// "Did you mean …?" by edit distance against the names that exist: one rule for every message of the product (keys,
/// states, departments, calendars, guard names, sample keys).
/// </summary>
public static class Suggestions
{
    /// <summary>The closest known name, if it is close enough to be a typo rather than a different word.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        var candidates = known as IReadOnlyCollection<string> ?? [.. known];
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A third of the longer name, at least 2: 'aproval' → 'approval', 'expcet' → 'expect', not 'tax' → 'hr-social-security'.
        if (best is not null && bestDistance <= Math.Max(2, Math.Max(name.Length, best.Length) / 3))
        {
            return best;
        }

        // A name cut short or with something added: 'market' → 'market-regulation', 'taxes' → 'tax'.
        return candidates
            .Where(k => Math.Min(k.Length, name.Length) >= 3 && (k.StartsWith(name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(k, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary><c>did you mean 'x'?</c>, or null when nothing is close.</summary>
    public static string? DidYouMean(string name, IEnumerable<string> known) =>
        DidYouMeanText(name, known) is { } text ? FormattableString.Invariant(text) : null;

    /// <summary><see cref="DidYouMean"/> as a format and its value, for diagnostics written in two languages.</summary>
    public static FormattableString? DidYouMeanText(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } match ? (FormattableString)$"did you mean '{match}'?" : null;

    /// <summary>A fix text: the closest name, or else the list of names to choose from (up to a few).</summary>
    public static string Fix(string name, IEnumerable<string> known, string what) => FormattableString.Invariant(FixText(name, known, $"{what}"));

    /// <summary><see cref="Fix"/> as a format and its values; <paramref name="what"/> names the kind of name (<c>$"state"</c>).</summary>
    public static FormattableString FixText(string name, IEnumerable<string> known, FormattableString what)
    {
        var names = known.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (DidYouMeanText(name, names) is { } suggestion)
        {
            return suggestion;
        }

        if (names.Count == 0)
        {
            return $"no {what} is declared";
        }

        const int shown = 8;
        var list = string.Join(", ", names.Take(shown));
        return names.Count > shown ? (FormattableString)$"known {what}s: {list}, …" : $"known {what}s: {list}";
    }

    /// <summary>Optimal string alignment distance: Levenshtein with an adjacent transposition counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
