namespace HongqiFlow.Storage.Sql;

/// <summary>What differs between the SQL stores: row locks exist only where several writers share the database.</summary>
/// <param name="LockCaseRow">Appended to the case read in an append (PostgreSQL: <c>FOR UPDATE</c>).</param>
/// <param name="SkipLocked">Appended to claim queries (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>).</param>
internal sealed record SqlDialect(string LockCaseRow, string SkipLocked)
{
    /// <summary>The case's version and head hash, read at the start of an append (built once: no SQL text per append).</summary>
    public string SelectCaseHead { get; } = "SELECT version, head_hash FROM cases WHERE case_id = @c" + LockCaseRow;

    /// <summary>SQLite: one writer per file, so transactions are already serial.</summary>
    public static readonly SqlDialect Sqlite = new("", "");

    public static readonly SqlDialect Postgres = new(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");
}
