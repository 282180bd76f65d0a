using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL the tests use: HONGQI_TEST_PG when set, otherwise a throw-away cluster started with
/// initdb/pg_ctl as the postgres user on a free loopback port and stopped (and deleted) on dispose.
/// Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _clusterDirectory;
    private string? _adminConnectionString;
    private int _databases;

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is not null)
        {
            return;
        }

        _adminConnectionString = PostgresAvailability.ConnectionString ?? await StartClusterAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var admin = _adminConnectionString ?? throw new InvalidOperationException(
            $"PostgreSQL is required here (CI={Environment.GetEnvironmentVariable("CI")}) but none could be started: set {PostgresAvailability.Variable} or install PostgreSQL 15 in {PostgresAvailability.BinDirectory}");
        var name = $"hq_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var dataSource = NpgsqlDataSource.Create(admin))
        await using (var command = dataSource.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is null)
        {
            return;
        }

        await RunAsPostgresAsync($"{PostgresAvailability.BinDirectory}/pg_ctl -D {_clusterDirectory}/data -m immediate stop");
        Directory.Delete(_clusterDirectory, recursive: true);
    }

    private async Task<string> StartClusterAsync()
    {
        var port = FreePort();
        _clusterDirectory = Directory.CreateTempSubdirectory("hongqi-pg-").FullName;
        await RunAsync("chown", $"postgres {_clusterDirectory}");
        var bin = PostgresAvailability.BinDirectory;
        // fsync off: a throw-away test cluster trades durability for speed; the SQLite crash test covers durability.
        await RunAsPostgresAsync(
            $"{bin}/initdb -D {_clusterDirectory}/data -A trust -U postgres --no-locale -E UTF8 >/dev/null && " +
            $"{bin}/pg_ctl -D {_clusterDirectory}/data -o '-p {port} -k {_clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' -l {_clusterDirectory}/log -w start >/dev/null");
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string script) => RunAsync("su", $"postgres -s /bin/bash -c \"{script}\"");

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
