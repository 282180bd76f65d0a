using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// A case whose snapshot was edited in the database (the applicant's name, an outcome) is not served: the case view,
/// its documents, an event and the applicant's progress page answer 409 <c>case-integrity</c>, an error is logged,
/// and other cases are served as before. On SQLite and on PostgreSQL.
/// </summary>
public sealed class TamperedSnapshotTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Serve_SnapshotEditedInSqlite_RefusesTheCaseAndLogsAnError()
    {
        var folder = Directory.CreateTempSubdirectory("hongqi-tamper-").FullName;
        try
        {
            using var server = new ServerFixture { DataFolder = folder };
            await RefusesTamperedCaseAsync(server, async sql =>
            {
                await using var c = new SqliteConnection($"Data Source={Path.Combine(folder, "hongqi.db")};Pooling=False");
                await c.OpenAsync();
                await using var command = c.CreateCommand();
                command.CommandText = sql;
                return await command.ExecuteNonQueryAsync();
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Serve_SnapshotEditedInPostgres_RefusesTheCaseAndLogsAnError()
    {
        postgres.Server.ShouldNotBeNull("HONGQI_TEST_PG is not set although CI=true");
        await RefusesTamperedCaseAsync(postgres.Server, async sql =>
        {
            await using var dataSource = NpgsqlDataSource.Create(postgres.Server.Store!);
            await using var command = dataSource.CreateCommand(sql);
            return await command.ExecuteNonQueryAsync();
        });
    }

    private static async Task RefusesTamperedCaseAsync(ServerFixture fixture, Func<string, Task<int>> execute)
    {
        var logs = new CapturedLogs();
        using var server = fixture.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var window = server.CreateClient();
        window.DefaultRequestHeaders.Authorization = new("Bearer", ServerFixture.Token("window"));
        var (tampered, code) = await Journey.StartWithCodeAsync(window);
        var (intact, _) = await Journey.StartWithCodeAsync(window);
        (await window.GetAsync($"/api/cases/{tampered}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await execute($"UPDATE cases SET state_json = replace(state_json, 'received', 'rejected') WHERE case_id = '{tampered}'")).ShouldBe(1);

        var anonymous = server.CreateClient();
        foreach (var response in new[]
        {
            await window.GetAsync($"/api/cases/{tampered}"),
            await window.GetAsync($"/api/cases/{tampered}/documents/receipt"),
            await window.PostJson($"/api/cases/{tampered}/events", new { @event = "accept" }),
            await anonymous.GetAsync($"/api/progress/{tampered}?code={code}"),
        })
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            body.ShouldNotContain("rejected");
            (await response.Json()).GetProperty("code").GetString().ShouldBe("case-integrity");
        }

        (await window.GetAsync($"/api/cases/{intact}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Errors.ShouldContain(m => m.Contains(tampered, StringComparison.Ordinal) && m.Contains("does not match the seal", StringComparison.Ordinal));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public IReadOnlyCollection<string> Errors => _errors;

        public ILogger CreateLogger(string categoryName) => new Logger(_errors);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
