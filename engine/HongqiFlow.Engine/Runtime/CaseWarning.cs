namespace HongqiFlow.Runtime;

/// <summary>A raised warning: for the case (<see cref="Scope"/> <c>case</c>), a branch (<c>approval/tax</c>) or a step (<c>main:issuing</c>).</summary>
public sealed record CaseWarning(WarningLevel Level, string Scope, DateTimeOffset At);
