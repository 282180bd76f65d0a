using System.Security.Cryptography;
using HongqiFlow.Storage.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace HongqiFlow.Storage.Checkpoints;

/// <summary>
/// Signs checkpoints. <see cref="Sm2FileSigner"/> holds an SM2 key read from a PKCS#8 file; a hardware security module
/// (密码机) implements this interface by sending <c>message</c> to the device for an SM2 signature (with SM3 and the
/// default user id, DER-encoded) and naming the key by the SM3 fingerprint of its public key. The private key then
/// never leaves the device.
/// </summary>
public interface ICheckpointSigner
{
    /// <summary>The SM3 fingerprint (hex) of the SubjectPublicKeyInfo of the key that signs.</summary>
    string KeyId { get; }

    Task<byte[]> SignAsync(byte[] message, CancellationToken cancellationToken);
}

/// <summary>Checks checkpoint signatures with a public key that the verifier holds apart from the store.</summary>
public interface ICheckpointVerifier
{
    string KeyId { get; }

    bool Verify(byte[] message, byte[] signature);
}

/// <summary>An SM2 private key read from a PKCS#8 PEM file.</summary>
public sealed class Sm2FileSigner : ICheckpointSigner
{
    private readonly ECPrivateKeyParameters _key;

    public Sm2FileSigner(string privateKeyPem)
    {
        _key = Sm2.ReadPrivateKey(privateKeyPem);
        KeyId = Sm2.Fingerprint(Sm2.PublicKeyOf(_key));
    }

    public string KeyId { get; }

    /// <summary>Reads the key file; an unreadable or foreign key names the file.</summary>
    public static Sm2FileSigner FromFile(string path)
    {
        try
        {
            return new Sm2FileSigner(File.ReadAllText(path));
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"{path}: {e.Message}", e);
        }
    }

    public Task<byte[]> SignAsync(byte[] message, CancellationToken cancellationToken) => Task.FromResult(Sm2.Sign(_key, message));
}

/// <summary>An SM2 public key (SubjectPublicKeyInfo PEM).</summary>
public sealed class Sm2PublicKeyVerifier : ICheckpointVerifier
{
    private readonly ECPublicKeyParameters _key;

    public Sm2PublicKeyVerifier(string publicKeyPem)
    {
        _key = Sm2.ReadPublicKey(publicKeyPem);
        KeyId = Sm2.Fingerprint(_key);
    }

    public string KeyId { get; }

    public static Sm2PublicKeyVerifier FromFile(string path)
    {
        try
        {
            return new Sm2PublicKeyVerifier(File.ReadAllText(path));
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"{path}: {e.Message}", e);
        }
    }

    public bool Verify(byte[] message, byte[] signature) => Sm2.Verify(_key, message, signature);
}
