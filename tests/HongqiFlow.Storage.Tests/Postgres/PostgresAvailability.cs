namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>
/// Whether PostgreSQL tests can run: a connection string in HONGQI_TEST_PG, or PostgreSQL 15 binaries and root
/// (to start a throw-away cluster as the postgres user). In CI (CI=true) they always run, so a missing
/// PostgreSQL fails the run instead of hiding behind a skip.
/// </summary>
public static class PostgresAvailability
{
    public const string Variable = "HONGQI_TEST_PG";
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool CanStartCluster => File.Exists(Path.Combine(BinDirectory, "initdb")) && Environment.UserName == "root";

    public static string? SkipReason =>
        ConnectionString is not null || IsCi || CanStartCluster
            ? null
            : $"PostgreSQL is not available: set {Variable} to a connection string, or install PostgreSQL 15 ({BinDirectory}) and run the tests as root so they start a throw-away cluster";
}
