using HongqiFlow.Hosting;
using HongqiFlow.Storage.Postgres;

namespace HongqiFlow.Server;

/// <summary>Points a node at PostgreSQL instead of the embedded SQLite file (several nodes share one database).</summary>
public static class PostgresHosting
{
    public static HongqiHostOptions UsePostgres(this HongqiHostOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return options with { OpenStore = async (host, time, ct) => await PostgresCaseStore.OpenAsync(connectionString, time, host.Progress, ct) };
    }
}
