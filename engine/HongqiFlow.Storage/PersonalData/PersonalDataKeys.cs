using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Storage.PersonalData;

/// <summary>
/// The keys personal data is protected with (envelope encryption): master keys by id, of which
/// <see cref="CurrentKeyId"/> wraps every new case's data key, and the look-up key of the keyed hash (HMAC-SM3) by
/// which a case is found from an ID number. Master keys never touch a field: each case has a random data key, stored
/// wrapped (sealed with a master key, naming its id), so rotating a master key re-wraps data keys and leaves the
/// hash-chained event payloads exactly as they were.
/// </summary>
public sealed class PersonalDataKeys
{
    /// <summary>The id of the public development keys (<see cref="Development"/>).</summary>
    public const string DevelopmentKeyId = "development";

    private readonly Dictionary<string, byte[]> _masterKeys;
    private readonly byte[] _lookupKey;

    public PersonalDataKeys(IReadOnlyDictionary<string, byte[]> masterKeys, string currentKeyId, byte[] lookupKey, FieldCipher cipher = FieldCipher.Sm4Gcm)
    {
        ArgumentNullException.ThrowIfNull(masterKeys);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentKeyId);
        ArgumentNullException.ThrowIfNull(lookupKey);
        _masterKeys = masterKeys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        if (!_masterKeys.TryGetValue(currentKeyId, out var current))
        {
            throw new ArgumentException($"the current master key '{currentKeyId}' is not among the master keys ({string.Join(", ", _masterKeys.Keys)})", nameof(currentKeyId));
        }

        foreach (var (id, key) in _masterKeys)
        {
            if (key.Length != 16 && key.Length != 32)
            {
                throw new ArgumentException($"master key '{id}' has {key.Length} bytes; it needs 16 (SM4 or AES-128) or 32 (AES-256)", nameof(masterKeys));
            }

            if (id.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"master key id '{id}' contains ':'", nameof(masterKeys));
            }
        }

        if (cipher == FieldCipher.Sm4Gcm && current.Length != 16)
        {
            throw new ArgumentException($"the current master key '{currentKeyId}' has {current.Length} bytes; SM4 keys have 16", nameof(masterKeys));
        }

        if (lookupKey.Length < 16)
        {
            throw new ArgumentException($"the look-up key has {lookupKey.Length} bytes; it needs at least 16", nameof(lookupKey));
        }

        CurrentKeyId = currentKeyId;
        Cipher = cipher;
        _lookupKey = lookupKey.ToArray();
    }

    /// <summary>The master key new data keys are wrapped with.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The cipher of new data keys, new fields and new wrappings.</summary>
    public FieldCipher Cipher { get; }

    public IReadOnlyCollection<string> KeyIds => _masterKeys.Keys;

    public bool IsDevelopment => CurrentKeyId == DevelopmentKeyId;

    /// <summary>
    /// Public keys for development only (documented, so anyone can open data written with them): the server uses
    /// them only when it runs in the Development environment and no keys are configured.
    /// </summary>
    public static PersonalDataKeys Development() => new(
        new Dictionary<string, byte[]> { [DevelopmentKeyId] = SHA256.HashData("hongqi development master key"u8)[..16] },
        DevelopmentKeyId,
        SHA256.HashData("hongqi development look-up key"u8));

    /// <summary>A new random data key for a case, wrapped with the current master key.</summary>
    public (byte[] DataKey, string KeyId, string Wrapped) NewDataKey(string caseId)
    {
        var dataKey = RandomNumberGenerator.GetBytes(Gcm.KeyLength(Cipher));
        return (dataKey, CurrentKeyId, Wrap(caseId, dataKey));
    }

    /// <summary>The data key wrapped with the current master key: <c>sm4:</c> or <c>aes:</c>, then base64 of nonce ‖ sealed key ‖ tag.</summary>
    public string Wrap(string caseId, byte[] dataKey) =>
        Gcm.Name(Cipher) + ":" + Convert.ToBase64String(Gcm.Seal(Cipher, _masterKeys[CurrentKeyId], dataKey, WrapContext(caseId, CurrentKeyId)));

    /// <summary>Opens a wrapped data key; throws <see cref="PersonalDataKeyException"/> when the key is missing or wrong.</summary>
    public byte[] Unwrap(string caseId, string keyId, string wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (!_masterKeys.TryGetValue(keyId, out var master))
        {
            throw new PersonalDataKeyException(
                $"the data key of case '{caseId}' is wrapped with master key '{keyId}', which is not configured (configured: {string.Join(", ", _masterKeys.Keys)}); keep every master key that still wraps data keys until a rotation has re-wrapped them");
        }

        var colon = wrapped.IndexOf(':', StringComparison.Ordinal);
        var cipher = colon > 0 ? Gcm.Parse(wrapped.AsSpan(0, colon)) : null;
        byte[]? opened = null;
        if (cipher is { } c && TryBase64(wrapped[(colon + 1)..]) is { } sealedKey)
        {
            opened = Gcm.Open(c, master, sealedKey, WrapContext(caseId, keyId));
        }

        return opened ?? throw new PersonalDataKeyException(
            $"master key '{keyId}' does not open the data key of case '{caseId}': the key configured under that id is not the one the data was written with (or the wrapped key was altered)");
    }

    /// <summary>The keyed hash of an ID number (HMAC-SM3 with the look-up key), lower-case hex; the ID is trimmed and upper-cased first.</summary>
    public string IdNumberLookup(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return Convert.ToHexStringLower(Sm3.Hmac(_lookupKey, Encoding.UTF8.GetBytes("id-number:" + idNumber.Trim().ToUpperInvariant())));
    }

    /// <summary>
    /// The keyed hash (HMAC-SM3 with the look-up key), lower-case hex, of one name part as searched for
    /// (<see cref="NameParts"/>): trimmed, Latin letters upper-cased.
    /// </summary>
    public string NameLookup(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Convert.ToHexStringLower(Sm3.Hmac(_lookupKey, Encoding.UTF8.GetBytes("name:" + part.Trim().ToUpperInvariant())));
    }

    /// <summary>The keyed hashes of every part of <paramref name="name"/> a search may name (<see cref="NameParts"/>), distinct.</summary>
    public IReadOnlyList<string> NameLookups(string name) => [.. NameParts(name).Select(NameLookup).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// What a search by name finds a name by: the whole name; each part of it between spaces or middle dots
    /// (阿卜杜拉·艾力: 阿卜杜拉 and 艾力); and every run of one to <see cref="NameRun"/> characters inside a part — so
    /// for a name of up to four characters (most Chinese names) every piece of it. Upper-cased, distinct.
    /// </summary>
    public static IReadOnlyList<string> NameParts(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var whole = name.Trim().ToUpperInvariant();
        if (whole.Length == 0)
        {
            return [];
        }

        var parts = new List<string> { whole };
        foreach (var part in whole.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            parts.Add(part);
            var letters = System.Globalization.StringInfo.ParseCombiningCharacters(part);
            for (var start = 0; start < letters.Length && parts.Count < MaxNameParts; start++)
            {
                for (var count = 1; count <= NameRun && start + count <= letters.Length; count++)
                {
                    var end = start + count < letters.Length ? letters[start + count] : part.Length;
                    parts.Add(part[letters[start]..end]);
                }
            }
        }

        return [.. parts.Distinct(StringComparer.Ordinal).Take(MaxNameParts)];
    }

    /// <summary>The longest run of characters inside a name part that a search finds it by.</summary>
    public const int NameRun = 4;

    /// <summary>The most parts one name is indexed by (a very long name is found by its whole and its first runs).</summary>
    public const int MaxNameParts = 200;

    private static readonly char[] NameSeparators = [' ', '\u3000', '·', '•', '・', '.', '-', '\t'];

    internal static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] WrapContext(string caseId, string keyId) => Encoding.UTF8.GetBytes($"hongqi-data-key|{caseId}|{keyId}");
}
