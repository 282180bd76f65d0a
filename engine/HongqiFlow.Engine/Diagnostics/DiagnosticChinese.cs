using System.Globalization;

namespace HongqiFlow.Diagnostics;

/// <summary>
/// Simplified Chinese for the diagnostics of definitions, which business departments read in the designer, and of
/// calendars and sample cases. A text is found by its English composite format (the compiler's
/// <see cref="FormattableString.Format"/>, e.g. <c>state '{0}' is declared twice in {1}</c>) and written with the same
/// values; a value that is itself a <see cref="FormattableString"/> (a region, a kind of name) is translated the same
/// way, while names from the definition stay as they were written. Every format these checks use has an entry (a test
/// reads the sources); a format without one gives null, and the reader sees the English.
/// </summary>
public static partial class DiagnosticChinese
{
    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal);

    // Runs after every part's texts are initialised; a format written in two parts fails here, at once.
    static DiagnosticChinese()
    {
        foreach (var part in new[] { DefinitionFormats, CalendarFormats, SampleFormats, PeopleFormats })
        {
            foreach (var (english, chinese) in part)
            {
                Formats.Add(english, chinese);
            }
        }
    }

    /// <summary>The Chinese of <paramref name="text"/>, or null when its format has no entry.</summary>
    public static string? Of(FormattableString? text)
    {
        if (text is null || !Formats.TryGetValue(text.Format, out var chinese))
        {
            return null;
        }

        var values = text.GetArguments();
        var translated = new object?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            translated[i] = values[i] is FormattableString part ? Of(part) ?? Name(part) : values[i];
        }

        return string.Format(CultureInfo.InvariantCulture, chinese, translated);
    }

    /// <summary>
    /// A part without a text of its own: a bare YAML key (<c>tolerance</c>, <c>'statutory'</c>) is a name and reads in
    /// Chinese quotation marks; anything longer reads as the English.
    /// </summary>
    private static string Name(FormattableString part)
    {
        var english = FormattableString.Invariant(part);
        return english.Any(char.IsWhiteSpace) ? english : $"“{english.Trim('\'')}”";
    }

    /// <summary>Whether <paramref name="format"/> has a Chinese text.</summary>
    public static bool Knows(string format) => Formats.ContainsKey(format);

    /// <summary>The English formats that have a Chinese text.</summary>
    public static IReadOnlyCollection<string> KnownFormats => Formats.Keys;
}
