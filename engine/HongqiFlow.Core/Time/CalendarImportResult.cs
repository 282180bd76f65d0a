namespace HongqiFlow.Time;

/// <summary>What one import did to a calendar file; <see cref="Changed"/> is false when the year was already there as given.</summary>
public sealed record CalendarImportResult(string CalendarPath, int Year, int Holidays, int MakeUpDays, bool Changed);
