namespace HongqiFlow.Time;

/// <summary>Stable diagnostic codes of calendar files, holiday-cn imports and the calendar folder (docs/diagnostics/calendars.md).</summary>
public static class CalendarCodes
{
    /// <summary>The YAML text cannot be read (syntax, anchors and aliases, several documents).</summary>
    public const string Syntax = "HQ4001";

    /// <summary>The file is missing, unreadable or over the size limit.</summary>
    public const string File = "HQ4002";

    public const string UnknownKey = "HQ4003";

    public const string MissingKey = "HQ4004";

    /// <summary>A value has the wrong shape: a list where a mapping was expected, and so on.</summary>
    public const string WrongShape = "HQ4005";

    public const string DuplicateKey = "HQ4006";

    public const string InvalidId = "HQ4007";

    public const string UnknownTimeZone = "HQ4008";

    /// <summary>A weekday that is not monday…sunday, or one listed twice.</summary>
    public const string BadWeekday = "HQ4009";

    public const string NoWorkingWeekdays = "HQ4010";

    public const string BadWorkingHours = "HQ4011";

    public const string OverlappingHours = "HQ4012";

    public const string NoWorkingHours = "HQ4013";

    public const string BadDate = "HQ4014";

    /// <summary>The same date twice in one list.</summary>
    public const string DuplicateDate = "HQ4015";

    public const string HolidayAndMakeUpDay = "HQ4016";

    /// <summary>Warning: a make-up day on an ordinary working weekday changes nothing, so the date is probably wrong.</summary>
    public const string MakeUpDayOnWorkingWeekday = "HQ4017";

    public const string BadNotice = "HQ4018";

    public const string EmptyName = "HQ4019";

    /// <summary>A holiday-cn year file that is not well-formed JSON.</summary>
    public const string ImportSyntax = "HQ4020";

    /// <summary>A holiday-cn year file with a missing field, a bad date or a date outside its year.</summary>
    public const string ImportContent = "HQ4021";

    /// <summary>A calendar whose id is not its file name, so items could not find it by id.</summary>
    public const string IdNotFileName = "HQ4022";

    public const string DuplicateId = "HQ4023";

    /// <summary>An item or command names a calendar the folder does not hold.</summary>
    public const string UnknownCalendar = "HQ4024";

    /// <summary>A <c>dayCounting</c> that is neither whole-days nor elapsed.</summary>
    public const string BadDayCounting = "HQ4025";
}
