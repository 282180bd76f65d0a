namespace HongqiFlow.Expressions;

/// <summary>A prepared guard: parsed or compiled once, evaluated many times, safe to share between threads.</summary>
public interface IGuard
{
    /// <summary>
    /// Evaluates the guard. A guard that throws, exceeds its limits or does not return a boolean raises
    /// <see cref="ExpressionException"/> with the location of the expression; it never changes any state.
    /// </summary>
    bool Evaluate(GuardContext context);
}
