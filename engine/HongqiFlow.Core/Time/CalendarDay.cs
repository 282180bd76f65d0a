namespace HongqiFlow.Time;

/// <summary>A dated entry of a calendar: a holiday (节假日) or a make-up working day (调休上班), with the festival it belongs to.</summary>
public readonly record struct CalendarDay(DateOnly Date, string Name);
