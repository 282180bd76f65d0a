using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HongqiFlow.Hosting;

/// <summary>Plans and runs as JSON (camelCase, Chinese left readable): what <c>hongqi migrate plan --out</c> writes and execute reads.</summary>
public static class MigrationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(MigrationPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static string Serialize(MigrationRun run) => JsonSerializer.Serialize(run, Options);

    /// <summary>Reads a plan written by <see cref="Serialize(MigrationPlan)"/>; throws <see cref="JsonException"/> for anything else.</summary>
    public static MigrationPlan DeserializePlan(string json) =>
        JsonSerializer.Deserialize<MigrationPlan>(json, Options) ?? throw new JsonException("the plan file holds null");
}
