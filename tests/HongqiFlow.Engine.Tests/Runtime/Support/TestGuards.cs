using HongqiFlow.Definitions.Model;
using HongqiFlow.Expressions;

namespace HongqiFlow.Tests.Runtime.Support;

/// <summary>A guard set that knows the handful of expressions the runtime tests use, by their text.</summary>
internal sealed class TestGuards : GuardSet
{
    private static readonly Dictionary<string, Func<GuardContext, bool>> Known = new(StringComparer.Ordinal)
    {
        ["missing.length === 0"] = c => c.Missing.Count == 0,
        ["!obligations.open('supplement')"] = c => !c.OpenObligations.Contains("supplement"),
        ["data.score >= 90"] = c => c.Data.TryGetValue("score", out var v) && v is decimal d && d >= 90,
        ["true"] = _ => true,
        ["data['population.id-card'] != null"] = c => c.Data.ContainsKey("population.id-card"),
    };

    public int Evaluations { get; private set; }

    public override IGuard For(ExpressionSource expression) => new Guard(this, expression);

    private sealed class Guard(TestGuards owner, ExpressionSource source) : IGuard
    {
        public bool Evaluate(GuardContext context)
        {
            owner.Evaluations++;
            if (source.Code == "while (true) {}")
            {
                throw new ExpressionException("the guard ran longer than 200 ms and was stopped", source.At);
            }

            return Known.TryGetValue(source.Code, out var f)
                ? f(context)
                : throw new ExpressionException($"unknown test guard '{source.Code}'", source.At);
        }
    }
}
