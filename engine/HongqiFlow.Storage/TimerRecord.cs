namespace HongqiFlow.Storage;

/// <summary>A timer to schedule with an append (a deadline, a warning, an obligation due date).</summary>
/// <param name="TimerId">Unique across the store; scheduling an existing id again moves it to the new due time.</param>
/// <param name="Kind">What the timer means to the engine, e.g. <c>deadline</c>.</param>
/// <param name="DueAt">When it fires; kept to the millisecond.</param>
/// <param name="PayloadJson">Whatever the engine needs when the timer fires.</param>
public sealed record TimerRecord(string TimerId, string Kind, DateTimeOffset DueAt, string PayloadJson);
