using System.Globalization;
using HongqiFlow.Messages;

namespace HongqiFlow.Time;

/// <summary>
/// A span of time with an explicit unit: <c>0.5wd</c>, <c>3wh</c>, <c>30d</c>, <c>2h</c>, <c>15min</c>.
/// ISO 8601 (<c>P1D</c>) is deliberately not accepted: with a working calendar it is ambiguous.
/// </summary>
public readonly record struct Duration(decimal Value, DurationUnit Unit)
{
    public bool IsWorkingTime => Unit is DurationUnit.WorkingDays or DurationUnit.WorkingHours;

    public static Duration WorkingDays(decimal value) => new(value, DurationUnit.WorkingDays);

    public static Duration WorkingHours(decimal value) => new(value, DurationUnit.WorkingHours);

    public static Duration Days(decimal value) => new(value, DurationUnit.Days);

    public static Duration Hours(decimal value) => new(value, DurationUnit.Hours);

    public static Duration Minutes(decimal value) => new(value, DurationUnit.Minutes);

    public static string Suffix(DurationUnit unit) => unit switch
    {
        DurationUnit.WorkingDays => "wd",
        DurationUnit.WorkingHours => "wh",
        DurationUnit.Days => "d",
        DurationUnit.Hours => "h",
        DurationUnit.Minutes => "min",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>Parses <c>&lt;number&gt;&lt;unit&gt;</c>; the error says what was wrong and what is allowed.</summary>
    public static bool TryParse(string? text, out Duration duration, out FormattableString? error)
    {
        duration = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"a duration is empty; write a number and a unit such as 5wd, 3wh, 30d, 2h or 15min";
            return false;
        }

        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }

        var number = s[..i];
        var unit = s[i..].Trim();
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = s.StartsWith('P')
                ? (FormattableString)$"'{s}' is an ISO 8601 duration, which is ambiguous on a working calendar; write e.g. 1wd or 1d"
                : $"'{s}' does not start with a number; write e.g. 5wd, 3wh, 30d, 2h or 15min";
            return false;
        }

        DurationUnit? parsed = unit switch
        {
            "wd" => DurationUnit.WorkingDays,
            "wh" => DurationUnit.WorkingHours,
            "d" => DurationUnit.Days,
            "h" => DurationUnit.Hours,
            "min" => DurationUnit.Minutes,
            _ => null,
        };
        if (parsed is null)
        {
            error = unit.Length == 0
                ? (FormattableString)$"'{s}' has no unit; add one of wd, wh, d, h, min"
                : $"'{unit}' is not a duration unit; use wd (working days), wh (working hours), d, h or min";
            return false;
        }

        duration = new Duration(value, parsed.Value);
        return true;
    }

    public static Duration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(FormattableString.Invariant(error!));

    /// <summary>As a notice to an applicant writes it: 0.5 个工作日, 3 个工作小时, 15 日, 2 小时, 45 分钟 (the catalog's <c>duration.*</c>).</summary>
    public string InChinese()
    {
        var value = Value.ToString("0.####", CultureInfo.InvariantCulture);
        return (Unit switch
        {
            DurationUnit.WorkingDays => Message.Of("duration.working-days", ("value", value)),
            DurationUnit.WorkingHours => Message.Of("duration.working-hours", ("value", value)),
            DurationUnit.Days => Message.Of("duration.days", ("value", value)),
            DurationUnit.Hours => Message.Of("duration.hours", ("value", value)),
            DurationUnit.Minutes => Message.Of("duration.minutes", ("value", value)),
            _ => throw new ArgumentOutOfRangeException(nameof(Unit)),
        }).Chinese;
    }

    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture) + Suffix(Unit);
}
