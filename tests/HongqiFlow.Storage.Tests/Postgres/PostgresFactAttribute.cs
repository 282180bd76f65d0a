namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>A fact that needs PostgreSQL: skipped with the reason locally when it is absent, run (and failed) in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
