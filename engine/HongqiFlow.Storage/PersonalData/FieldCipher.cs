using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace HongqiFlow.Storage.PersonalData;

/// <summary>The authenticated cipher personal data is encrypted with: SM4-GCM (GB/T 32907-2016) or AES-GCM.</summary>
public enum FieldCipher
{
    /// <summary>SM4 in GCM mode, 128-bit keys (the national algorithm; the default).</summary>
    Sm4Gcm,

    /// <summary>AES in GCM mode, 256-bit data keys (where a deployment configures it).</summary>
    AesGcm,
}

/// <summary>GCM sealing and opening with BouncyCastle: a 12-byte random nonce, a 16-byte tag, bound to associated data.</summary>
internal static class Gcm
{
    public const int NonceLength = 12;
    private const int TagBits = 128;

    public static string Name(FieldCipher cipher) => cipher == FieldCipher.Sm4Gcm ? "sm4" : "aes";

    public static FieldCipher? Parse(ReadOnlySpan<char> name) => name switch
    {
        "sm4" => FieldCipher.Sm4Gcm,
        "aes" => FieldCipher.AesGcm,
        _ => null,
    };

    /// <summary>The data-key length a cipher uses for new keys.</summary>
    public static int KeyLength(FieldCipher cipher) => cipher == FieldCipher.Sm4Gcm ? 16 : 32;

    /// <summary>nonce ‖ ciphertext ‖ tag.</summary>
    public static byte[] Seal(FieldCipher cipher, byte[] key, ReadOnlySpan<byte> plaintext, byte[] associated)
    {
        var nonce = new byte[NonceLength];
        System.Security.Cryptography.RandomNumberGenerator.Fill(nonce);
        var gcm = Create(cipher, key, nonce, associated, forEncryption: true);
        var input = plaintext.ToArray();
        var output = new byte[NonceLength + gcm.GetOutputSize(input.Length)];
        nonce.CopyTo(output, 0);
        var n = gcm.ProcessBytes(input, 0, input.Length, output, NonceLength);
        gcm.DoFinal(output, NonceLength + n);
        return output;
    }

    /// <summary>The plaintext, or null when the key is wrong or the sealed bytes were altered (the tag does not match).</summary>
    public static byte[]? Open(FieldCipher cipher, byte[] key, ReadOnlySpan<byte> sealedBytes, byte[] associated)
    {
        if (sealedBytes.Length < NonceLength + (TagBits / 8))
        {
            return null;
        }

        try
        {
            var gcm = Create(cipher, key, sealedBytes[..NonceLength].ToArray(), associated, forEncryption: false);
            var input = sealedBytes[NonceLength..].ToArray();
            var output = new byte[gcm.GetOutputSize(input.Length)];
            var n = gcm.ProcessBytes(input, 0, input.Length, output, 0);
            n += gcm.DoFinal(output, n);
            return n == output.Length ? output : output[..n];
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // A key of a length the cipher does not take (an AES key given to SM4): it cannot be the key.
            return null;
        }
    }

    private static GcmBlockCipher Create(FieldCipher cipher, byte[] key, byte[] nonce, byte[] associated, bool forEncryption)
    {
        IBlockCipher engine = cipher == FieldCipher.Sm4Gcm ? new SM4Engine() : AesUtilities.CreateEngine();
        var gcm = new GcmBlockCipher(engine);
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBits, nonce, associated));
        return gcm;
    }
}
