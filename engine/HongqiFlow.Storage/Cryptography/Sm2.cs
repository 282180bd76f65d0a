using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace HongqiFlow.Storage.Cryptography;

/// <summary>
/// SM2 signatures (GB/T 32918-2016, with SM3 and the standard's default user id <c>1234567812345678</c>) on the
/// recommended curve sm2p256v1; keys as PEM: PKCS#8 (<c>PRIVATE KEY</c>) and SubjectPublicKeyInfo (<c>PUBLIC KEY</c>), the
/// forms OpenSSL and GmSSL read and write. Signatures are DER (SEQUENCE of r and s).
/// </summary>
public static class Sm2
{
    /// <summary>The default user id of GB/T 35276-2017 (the distinguishing identifier hashed into Z).</summary>
    public static ReadOnlySpan<byte> DefaultUserId => "1234567812345678"u8;

    private static readonly ECDomainParameters Curve = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    /// <summary>A new key pair as PEM: the PKCS#8 private key and the SubjectPublicKeyInfo public key.</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) GenerateKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var privateDer = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        var publicDer = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
        return (new string(PemEncoding.Write("PRIVATE KEY", privateDer)) + "\n", new string(PemEncoding.Write("PUBLIC KEY", publicDer)) + "\n");
    }

    /// <summary>Reads a PKCS#8 PEM private key on sm2p256v1; anything else is refused with what was found.</summary>
    public static ECPrivateKeyParameters ReadPrivateKey(string pem)
    {
        var der = Decode(pem, "PRIVATE KEY");
        var key = Parse(() => PrivateKeyFactory.CreateKey(der), "PRIVATE KEY");
        return key is ECPrivateKeyParameters ec && IsSm2Curve(ec.Parameters)
            ? ec
            : throw new CryptographicException("the PRIVATE KEY is not an SM2 key (curve sm2p256v1)");
    }

    /// <summary>Reads a SubjectPublicKeyInfo PEM public key on sm2p256v1.</summary>
    public static ECPublicKeyParameters ReadPublicKey(string pem)
    {
        var der = Decode(pem, "PUBLIC KEY");
        var key = Parse(() => PublicKeyFactory.CreateKey(der), "PUBLIC KEY");
        return key is ECPublicKeyParameters ec && IsSm2Curve(ec.Parameters)
            ? ec
            : throw new CryptographicException("the PUBLIC KEY is not an SM2 key (curve sm2p256v1)");
    }

    /// <summary>The public key of a private key.</summary>
    public static ECPublicKeyParameters PublicKeyOf(ECPrivateKeyParameters key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ECPublicKeyParameters(key.Parameters.G.Multiply(key.D).Normalize(), key.Parameters);
    }

    /// <summary>The SM3 (hex) of the key's SubjectPublicKeyInfo: names the key a checkpoint was signed with.</summary>
    public static string Fingerprint(ECPublicKeyParameters key) =>
        Convert.ToHexStringLower(Sm3.Hash(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key).GetDerEncoded()));

    /// <summary>Signs with SM3 and the default user id unless <paramref name="userId"/> is given; DER (r, s).</summary>
    public static byte[] Sign(ECPrivateKeyParameters key, ReadOnlySpan<byte> message, SecureRandom? random = null, ReadOnlySpan<byte> userId = default)
    {
        var signer = new SM2Signer();
        ICipherParameters parameters = new ParametersWithRandom(key, random ?? new SecureRandom());
        signer.Init(true, new ParametersWithID(parameters, (userId.IsEmpty ? DefaultUserId : userId).ToArray()));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>True when <paramref name="signature"/> (DER) is the key's SM2 signature of the message; false for any malformed signature.</summary>
    public static bool Verify(ECPublicKeyParameters key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> userId = default)
    {
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(key, (userId.IsEmpty ? DefaultUserId : userId).ToArray()));
        signer.BlockUpdate(message);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    private static bool IsSm2Curve(ECDomainParameters parameters) => parameters.Curve.Equals(Curve.Curve) && parameters.G.Equals(Curve.G);

    private static byte[] Decode(string pem, string label)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CryptographicException($"no PEM block found; expected -----BEGIN {label}-----");
        }

        var found = pem[fields.Label];
        if (!found.SequenceEqual(label))
        {
            throw new CryptographicException($"the PEM block is '{found}'; expected '{label}'" +
                (found is "EC PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" ? " (convert it with: openssl pkcs8 -topk8 -nocrypt)" : ""));
        }

        return Convert.FromBase64String(pem[fields.Base64Data].ToString());
    }

    private static AsymmetricKeyParameter Parse(Func<AsymmetricKeyParameter> parse, string label)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidCastException or FormatException)
        {
            throw new CryptographicException($"the {label} could not be read: {e.Message}", e);
        }
    }
}
