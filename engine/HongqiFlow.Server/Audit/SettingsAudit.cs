using System.Text.Json;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Server.Audit;

/// <summary>
/// Records settings changes: at start, the node compares its settings (every key under <c>Hongqi</c>) with those the
/// last <c>settings-change</c> entry recorded, and records the keys that changed, were added or were removed. Secrets
/// (keys, passwords, connection strings) are recorded as an SM3 fingerprint, never in clear.
/// </summary>
public sealed class SettingsAudit(IConfiguration configuration, IOperationsLog log, OperationsAudit audit, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = Snapshot(configuration);
        var last = (await log.QueryOperationsAsync(new OperationQuery(Operation: OperationKinds.SettingsChange, Limit: 1), cancellationToken)).Operations is [var first, ..] ? first : null;
        var before = last is null ? new Dictionary<string, string>(StringComparer.Ordinal) : Recorded(last.Detail);
        var changed = now.Keys.Union(before.Keys, StringComparer.Ordinal)
            .Where(k => !now.TryGetValue(k, out var value) || !before.TryGetValue(k, out var old) || value != old)
            .Order(StringComparer.Ordinal).ToList();
        if (last is not null && changed.Count == 0)
        {
            return;
        }

        var detail = JsonSerializer.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal) { ["changed"] = changed, ["settings"] = now });
        await audit.RecordAsync(new OperationRecord(time.GetUtcNow(), "system", "", "local", OperationKinds.SettingsChange, ServerOptions.Section, OperationResults.Success, detail));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every setting under <c>Hongqi</c> by key, secrets as <c>sm3:</c> and the first 16 hex digits of their SM3.</summary>
    public static SortedDictionary<string, string> Snapshot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.GetSection(ServerOptions.Section).AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            settings[key] = IsSecret(key) ? "sm3:" + Sm3.HashHex(value)[..16] : value;
        }

        return settings;
    }

    private static bool IsSecret(string key)
    {
        var last = key[(key.LastIndexOf(':') + 1)..];
        return last.Contains("Key", StringComparison.OrdinalIgnoreCase) || last.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || last.Contains("Password", StringComparison.OrdinalIgnoreCase) || last.Contains("Token", StringComparison.OrdinalIgnoreCase)
            || key.Equals(ServerOptions.Section + ":Store", StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Recorded(string detail)
    {
        try
        {
            using var document = JsonDocument.Parse(detail);
            return document.RootElement.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                ? settings.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }
}
