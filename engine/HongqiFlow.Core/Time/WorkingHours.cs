using System.Globalization;

namespace HongqiFlow.Time;

/// <summary>
/// One interval of working time inside a local day, such as 09:00–12:00. Offsets from local midnight, so that
/// an interval may end at 24:00, which <see cref="TimeOnly"/> cannot express.
/// </summary>
public readonly record struct WorkingHours(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;

    /// <summary>Parses <c>HH:mm-HH:mm</c>; the end may be 24:00 and must be after the start.</summary>
    public static bool TryParse(string? text, out WorkingHours hours, out FormattableString? error)
    {
        hours = default;
        error = null;
        var parts = (text ?? string.Empty).Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryParseClock(parts[0], out var start) || !TryParseClock(parts[1], out var end))
        {
            error = $"'{text}' is not a working-hours interval; write HH:mm-HH:mm, e.g. 09:00-12:00";
            return false;
        }

        if (end <= start)
        {
            error = $"working hours '{text}' end at or before they start; the end must be later than the start on the same day";
            return false;
        }

        hours = new WorkingHours(start, end);
        return true;
    }

    private static bool TryParseClock(string text, out TimeSpan clock)
    {
        clock = default;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        clock = new TimeSpan(h, m, 0);
        return true;
    }

    public override string ToString() => $"{Clock(Start)}-{Clock(End)}";

    private static string Clock(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}");
}
