using Npgsql;

namespace HongqiFlow.Server.Tests;

/// <summary>Runs when HONGQI_TEST_PG names a PostgreSQL server (CI always sets it; there a missing one fails).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (PostgresServerFixture.AdminConnectionString is null && !ci)
        {
            Skip = "PostgreSQL is not available: set HONGQI_TEST_PG to a connection string (.ci/run starts one)";
        }
    }
}

/// <summary>The server over a fresh PostgreSQL database (<c>--store</c>).</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("HONGQI_TEST_PG") is { Length: > 0 } cs ? cs : null;

    private readonly string _database = "hongqi_server_" + Guid.NewGuid().ToString("N")[..12];

    public ServerFixture? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (AdminConnectionString is not { } admin)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var store = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
        Server = new ServerFixture { Store = store };
    }

    public Task DisposeAsync()
    {
        Server?.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresJourneyTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [PostgresFact]
    public Task Journey_OnPostgreSql_IntakeToRatingAndMetrics()
    {
        postgres.Server.ShouldNotBeNull("HONGQI_TEST_PG is not set although CI=true");
        return Journey.RunAsync((role, user) => postgres.Server.As(role, user), "postgres-start");
    }
}
