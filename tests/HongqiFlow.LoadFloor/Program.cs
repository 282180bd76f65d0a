using Microsoft.Data.Sqlite;

// The framework floor of the server load test (docs/benchmarks.md): the least an ASP.NET Core endpoint can do for a
// durable command on this machine. POST /rows/{id} inserts one row into a SQLite file (WAL, synchronous=FULL) in its
// own transaction on the one writer connection and answers 200 with a small JSON body; nothing else (no
// authentication, no engine, no group commit). Usage: HongqiFlow.LoadFloor --urls http://127.0.0.1:PORT --data FOLDER
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
var folder = builder.Configuration["data"] ?? Path.Combine(Path.GetTempPath(), "hongqi-load-floor-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);

var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "floor.db"), Pooling = false }.ToString());
writer.Open();
using (var setup = writer.CreateCommand())
{
    setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS rows (id TEXT NOT NULL, n INTEGER PRIMARY KEY, body TEXT NOT NULL);";
    setup.ExecuteNonQuery();
}

var insert = writer.CreateCommand();
insert.CommandText = "INSERT INTO rows (id, body) VALUES ($id, $body) RETURNING n";
var id = insert.Parameters.Add("$id", SqliteType.Text);
var body = insert.Parameters.Add("$body", SqliteType.Text);
insert.Prepare();
var gate = new SemaphoreSlim(1, 1);

var app = builder.Build();
app.MapPost("/rows/{key}", async (string key, HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    var text = await reader.ReadToEndAsync();
    long count;
    await gate.WaitAsync();
    try
    {
        id.Value = key;
        body.Value = text;
        count = (long)(await insert.ExecuteScalarAsync())!;
    }
    finally
    {
        gate.Release();
    }

    return Results.Json(new FloorRow(key, count), FloorJson.Default.FloorRow);
});
app.MapGet("/rows", async () =>
{
    await gate.WaitAsync();
    try
    {
        using var countRows = writer.CreateCommand();
        countRows.CommandText = "SELECT count(*) FROM rows";
        return Results.Json(new FloorRow("count", (long)(await countRows.ExecuteScalarAsync())!), FloorJson.Default.FloorRow);
    }
    finally
    {
        gate.Release();
    }
});
app.Run();

internal sealed record FloorRow(string Id, long Row);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(FloorRow))]
internal sealed partial class FloorJson : System.Text.Json.Serialization.JsonSerializerContext;
