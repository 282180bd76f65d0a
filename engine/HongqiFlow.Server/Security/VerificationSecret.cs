using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The secret behind the applicants' verification codes (查询验证码), apart from the token signing key: rotating the
/// signing key no longer changes every printed code, and the public development key no longer lets anyone compute
/// them. From configuration <c>Hongqi:VerificationKey</c> (at least 32 bytes); otherwise from the file
/// <c>verification.key</c> in the data folder, generated (32 random bytes, base64, mode 0600) on first start.
/// <para>
/// Codes printed before this secret existed were derived from the signing key. They are accepted again only when
/// <c>Hongqi:AcceptLegacyVerificationCodes</c> is true and the signing key is not the public development key;
/// reprints show the new code.
/// </para>
/// </summary>
public sealed class VerificationSecret
{
    public const string KeySetting = "Hongqi:VerificationKey";
    public const string LegacySetting = "Hongqi:AcceptLegacyVerificationCodes";
    public const string FileName = "verification.key";

    private const int MinimumBytes = 32;

    public VerificationSecret(byte[] key, string? legacyKey = null, string source = "given")
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"the verification key must have at least {MinimumBytes} bytes; it has {key.Length}", nameof(key));
        }

        Key = key;
        LegacyKey = legacyKey;
        Source = source;
    }

    /// <summary>The HMAC key of new codes.</summary>
    public byte[] Key { get; }

    /// <summary>The signing key old codes were derived from, when they are still accepted; else null.</summary>
    public string? LegacyKey { get; }

    /// <summary>Where the key came from (the setting, or the file's path), for the start log.</summary>
    public string Source { get; }

    /// <summary>True when the key was written into the data folder just now.</summary>
    public bool Generated { get; private init; }

    public static VerificationSecret Load(IConfiguration configuration, string dataFolder, JwtSettings jwt)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(jwt);
        var legacy = configuration.GetValue<bool>(LegacySetting) && !jwt.IsDevelopmentKey ? jwt.Key : null;
        if (configuration.GetValue<bool>(LegacySetting) && jwt.IsDevelopmentKey)
        {
            throw new InvalidOperationException(
                $"{LegacySetting} is set, but the signing key is the public development key: codes derived from it can be computed by anyone. Configure {JwtSettings.KeySetting} with the key the old codes were derived from, or drop {LegacySetting}.");
        }

        var configured = configuration[KeySetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumBytes)
            {
                throw new InvalidOperationException($"{KeySetting} must be at least {MinimumBytes} bytes long (HMAC-SHA256); it has {bytes.Length}");
            }

            if (configured == jwt.Key)
            {
                throw new InvalidOperationException($"{KeySetting} must differ from {JwtSettings.KeySetting}: the codes need a secret of their own");
            }

            return new VerificationSecret(bytes, legacy, KeySetting);
        }

        var path = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        var (key, generated) = ReadOrCreate(path);
        return new VerificationSecret(key, legacy, path) { Generated = generated };
    }

    private static (byte[] Key, bool Generated) ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(MinimumBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var file = new FileStream(path, options))
                using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
                {
                    writer.Write(Convert.ToBase64String(fresh));
                    writer.Flush();
                    file.Flush(flushToDisk: true);
                }

                return (fresh, true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process sharing the data folder wrote it first: use theirs.
            }
        }

        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{path} does not hold a base64 verification key; restore it from a backup (printed codes depend on it), or set {KeySetting}");
        }

        return key.Length >= MinimumBytes
            ? (key, false)
            : throw new InvalidOperationException($"{path} holds a verification key of {key.Length} bytes; at least {MinimumBytes} are needed");
    }
}
