using System.Text;
using System.Text.Json;

namespace HongqiFlow.Storage.PersonalData;

/// <summary>
/// Encrypts and decrypts the personal fields inside stored JSON (snapshots, event payloads, outbox messages) in place:
/// the string value of every property named <c>idNumber</c> or <c>phone</c>, at any depth, becomes
/// <c>"pd1:sm4:&lt;base64&gt;"</c> (or <c>pd1:aes:</c>), sealed with the case's data key and bound to the case id.
/// Everything else in the text stays byte for byte, and decrypting gives back the exact bytes that were encrypted,
/// so a document read back is the document written.
/// </summary>
public static class PersonalDataJson
{
    /// <summary>The prefix of an encrypted value.</summary>
    public const string Prefix = "pd1:";

    /// <summary>The property names whose string values are personal data.</summary>
    public static readonly IReadOnlyList<string> Fields = ["idNumber", "phone"];

    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    /// <summary>True when the text may hold a personal field (a cheap check before parsing).</summary>
    public static bool MayHoldPersonalData(string json) =>
        json.Contains("\"idNumber\"", StringComparison.Ordinal) || json.Contains("\"phone\"", StringComparison.Ordinal);

    /// <summary>True when the text holds an encrypted value.</summary>
    public static bool IsProtected(string json) => json.Contains("\"" + Prefix, StringComparison.Ordinal);

    /// <summary>The JSON with its personal fields encrypted (values already encrypted are kept); <paramref name="idNumbers"/> collects the plaintext ID numbers.</summary>
    public static string Protect(string json, string caseId, byte[] dataKey, FieldCipher cipher, ICollection<string>? idNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!MayHoldPersonalData(json))
        {
            return json;
        }

        var associated = Context(caseId);
        return Splice(json, isTarget: static (ref Utf8JsonReader r, bool personal) => personal && !r.ValueSpan.StartsWith(PrefixBytes), (ref Utf8JsonReader r, bool isIdNumber) =>
        {
            if (idNumbers is not null && isIdNumber)
            {
                idNumbers.Add(r.GetString()!);
            }

            var sealedBytes = Gcm.Seal(cipher, dataKey, r.ValueSpan, associated);
            return Encoding.ASCII.GetBytes("\"" + Prefix + Gcm.Name(cipher) + ":" + Convert.ToBase64String(sealedBytes) + "\"");
        });
    }

    /// <summary>The JSON with every encrypted value opened; throws <see cref="PersonalDataKeyException"/> when one does not open with the data key.</summary>
    public static string Reveal(string json, string caseId, byte[] dataKey)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!IsProtected(json))
        {
            return json;
        }

        var associated = Context(caseId);
        return Splice(json, isTarget: static (ref Utf8JsonReader r, bool _) => r.ValueSpan.StartsWith(PrefixBytes), (ref Utf8JsonReader r, bool _) =>
        {
            var text = Encoding.ASCII.GetString(r.ValueSpan[PrefixBytes.Length..]);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var cipher = colon > 0 ? Gcm.Parse(text.AsSpan(0, colon)) : null;
            var raw = cipher is { } c && PersonalDataKeys.TryBase64(text[(colon + 1)..]) is { } sealedBytes ? Gcm.Open(c, dataKey, sealedBytes, associated) : null;
            if (raw is null)
            {
                throw new PersonalDataKeyException($"an encrypted field of case '{caseId}' does not open with the case's data key (altered, or copied from another case)");
            }

            var literal = new byte[raw.Length + 2];
            literal[0] = (byte)'"';
            raw.CopyTo(literal, 1);
            literal[^1] = (byte)'"';
            return literal;
        });
    }

    /// <summary>The applicant's name in a snapshot: the string <c>name</c> of the first object named <c>applicant</c>, at any depth; null when there is none.</summary>
    public static string? ApplicantName(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\"applicant\"", StringComparison.Ordinal))
        {
            return null;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var depth = -1;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (depth < 0 && reader.ValueTextEquals("applicant"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    depth = reader.CurrentDepth + 1;
                }
            }
            else if (depth >= 0 && reader.CurrentDepth == depth && reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (depth >= 0 && reader.CurrentDepth < depth)
            {
                depth = -1;
            }
        }

        return null;
    }

    private delegate bool Target(ref Utf8JsonReader reader, bool personalProperty);

    private delegate byte[] Replace(ref Utf8JsonReader reader, bool isIdNumber);

    private static string Splice(string json, Target isTarget, Replace replace)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using var output = new MemoryStream(bytes.Length + 64);
        var copied = 0;
        var personal = false;
        var idNumber = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    idNumber = reader.ValueTextEquals("idNumber"u8);
                    personal = idNumber || reader.ValueTextEquals("phone"u8);
                    continue;
                case JsonTokenType.String when isTarget(ref reader, personal):
                    var start = (int)reader.TokenStartIndex;
                    var length = reader.ValueSpan.Length + 2;
                    var replacement = replace(ref reader, personal && idNumber);
                    output.Write(bytes, copied, start - copied);
                    output.Write(replacement);
                    copied = start + length;
                    break;
            }

            personal = false;
        }

        if (copied == 0)
        {
            return json;
        }

        output.Write(bytes, copied, bytes.Length - copied);
        return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }

    private static byte[] Context(string caseId) => Encoding.UTF8.GetBytes("hongqi-field|" + caseId);
}
