namespace HongqiFlow.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}
