using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace HongqiFlow.Storage.Cryptography;

/// <summary>
/// SM3 (GB/T 32905-2016), the national hash, and HMAC-SM3. One place for both, so the case chains, the operations
/// audit, keyed look-ups and release checksums hash the same way.
/// </summary>
public static class Sm3
{
    /// <summary>The digest length in bytes.</summary>
    public const int Length = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[Length];
        digest.DoFinal(output);
        return output;
    }

    /// <summary>The lower-case hex SM3 of a string's UTF-8 bytes.</summary>
    public static string HashHex(string text) => Convert.ToHexStringLower(Hash(Encoding.UTF8.GetBytes(text)));

    /// <summary>The SM3 of a stream, read to its end (release checksums of large files).</summary>
    public static byte[] Hash(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
        }

        var output = new byte[Length];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>HMAC-SM3 (the keyed hash used to find a record by a value without storing the value).</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key.ToArray()));
        mac.BlockUpdate(data);
        var output = new byte[Length];
        mac.DoFinal(output);
        return output;
    }
}
