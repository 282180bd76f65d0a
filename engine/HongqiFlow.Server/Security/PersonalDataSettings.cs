using System.Text.Json;
using HongqiFlow.Storage.PersonalData;
using Microsoft.Extensions.Configuration;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The keys personal data is encrypted with at rest, from configuration section <c>Hongqi:PersonalData</c> or the JSON
/// file it names (<c>KeyFile</c>; settings given directly win over the file's):
/// <c>{"cipher":"sm4","currentKey":"2026-12","lookupKey":"&lt;base64&gt;","keys":{"2026-12":"&lt;base64 of 16 bytes&gt;"}}</c>.
/// Without any of them the server refuses to start, except in the Development environment, which uses the public
/// development keys (<see cref="PersonalDataKeys.Development"/>).
/// </summary>
public static class PersonalDataSettings
{
    private const string Prefix = "Hongqi:PersonalData";
    public const string KeyFileSetting = Prefix + ":KeyFile";
    public const string KeysSection = Prefix + ":Keys";
    public const string CurrentKeySetting = Prefix + ":CurrentKey";
    public const string LookupKeySetting = Prefix + ":LookupKey";
    public const string CipherSetting = Prefix + ":Cipher";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web);

    public static PersonalDataKeys Load(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = configuration[KeyFileSetting];
        var fromFile = string.IsNullOrWhiteSpace(file) ? null : ReadFile(file);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, text) in fromFile?.Keys ?? [])
        {
            keys[id] = Base64(text, $"{KeyFileSetting} ({file}): keys.{id}");
        }

        foreach (var child in configuration.GetSection(KeysSection).GetChildren())
        {
            keys[child.Key] = Base64(child.Value, $"{KeysSection}:{child.Key}");
        }

        var current = configuration[CurrentKeySetting] ?? fromFile?.CurrentKey;
        var lookup = configuration[LookupKeySetting] ?? fromFile?.LookupKey;
        var cipherText = configuration[CipherSetting] ?? fromFile?.Cipher;
        if (keys.Count == 0 && current is null && lookup is null)
        {
            return isDevelopment
                ? PersonalDataKeys.Development()
                : throw new InvalidOperationException(
                    $"No keys for personal data are configured: set {KeyFileSetting} to a key file (or {KeysSection}:<id>, {CurrentKeySetting} and {LookupKeySetting}); " +
                    "ID and phone numbers are stored encrypted with them (docs/operations.md, GB/T 39786-2021). Only the Development environment runs without them, on public development keys.");
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{KeysSection} names no master key: give at least one (base64 of 16 bytes for SM4)");
        }

        if (string.IsNullOrWhiteSpace(current))
        {
            current = keys.Count == 1 ? keys.Keys.Single() : throw new InvalidOperationException(
                $"{CurrentKeySetting} is not set and there are {keys.Count} master keys ({string.Join(", ", keys.Keys)}): name the one new data is written with");
        }

        if (string.IsNullOrWhiteSpace(lookup))
        {
            throw new InvalidOperationException($"{LookupKeySetting} is not set: the HMAC-SM3 key (base64, at least 16 bytes) by which a case is found from an ID number");
        }

        var cipher = cipherText?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SM4" or "SM4-GCM" => FieldCipher.Sm4Gcm,
            "AES" or "AES-GCM" => FieldCipher.AesGcm,
            _ => throw new InvalidOperationException($"{CipherSetting} is '{cipherText}': use SM4 (the default) or AES"),
        };
        try
        {
            return new PersonalDataKeys(keys, current, Base64(lookup, LookupKeySetting), cipher);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{Prefix}: {e.Message}", e);
        }
    }

    private static KeyFile ReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), FileJson)
                ?? throw new InvalidOperationException($"{KeyFileSetting}: the file {path} holds null");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException($"{KeyFileSetting}: the key file {path} cannot be read: {e.Message}", e);
        }
    }

    private static byte[] Base64(string? text, string setting)
    {
        try
        {
            return Convert.FromBase64String(text ?? "");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{setting} is not base64", e);
        }
    }

    private sealed record KeyFile(string? Cipher, string? CurrentKey, string? LookupKey, Dictionary<string, string>? Keys);
}
