namespace HongqiFlow.Time;

/// <summary>The official notice (国务院办公厅关于…部分节假日安排的通知) a year's entries come from, kept for audit.</summary>
public readonly record struct HolidayNotice(int Year, string Url);
