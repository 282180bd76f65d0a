namespace HongqiFlow.Storage.Sql;

/// <summary>What differs between the SQL stores' shared statements: row locks exist only where several writers share the database.</summary>
/// <param name="SkipLocked">Appended to claim queries (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>).</param>
public sealed record SqlDialect(string SkipLocked)
{
    /// <summary>SQLite: one writer per file, so transactions are already serial.</summary>
    public static readonly SqlDialect Sqlite = new("");

    public static readonly SqlDialect Postgres = new(" FOR UPDATE SKIP LOCKED");
}
