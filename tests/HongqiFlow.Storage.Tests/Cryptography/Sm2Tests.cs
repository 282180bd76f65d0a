using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Shouldly;
using Xunit;

namespace HongqiFlow.Storage.Tests.Cryptography;

public sealed class Sm2Tests
{
    // The signature example of GM/T 0003.2-2012 (GB/T 32918.2), appendix A.2: the 256-bit prime test curve, user id
    // ALICE123@YAHOO.COM, message "message digest", private key dA and random k as published, with its r and s.
    private static readonly BigInteger P = Hex("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3");
    private static readonly BigInteger N = Hex("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7");

    private static ECDomainParameters TestCurve()
    {
        var curve = new FpCurve(P, Hex("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498"),
            Hex("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A"), N, BigInteger.One);
        var g = curve.CreatePoint(Hex("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D"), Hex("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2"));
        return new ECDomainParameters(curve, g, N, BigInteger.One);
    }

    [Fact]
    public void Sign_StandardExample_GivesThePublishedSignature()
    {
        var domain = TestCurve();
        var key = new ECPrivateKeyParameters(Hex("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263"), domain);
        var message = Encoding.ASCII.GetBytes("message digest");
        var userId = Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM");

        var publicKey = Sm2.PublicKeyOf(key).Q;
        publicKey.AffineXCoord.ToBigInteger().ShouldBe(Hex("0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A"));
        publicKey.AffineYCoord.ToBigInteger().ShouldBe(Hex("7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857"));

        var signature = Sm2.Sign(key, message, new FixedRandom("6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F"), userId);

        var rs = Asn1Sequence.GetInstance(signature);
        DerInteger.GetInstance(rs[0]).Value.ShouldBe(Hex("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1"));
        DerInteger.GetInstance(rs[1]).Value.ShouldBe(Hex("6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7"));
    }

    [Fact]
    public void Verify_StandardExample_AcceptsThePublishedSignatureWithThePublishedPublicKey()
    {
        var domain = TestCurve();
        var publicKey = new ECPublicKeyParameters(domain.Curve.CreatePoint(
            Hex("0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A"), Hex("7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857")), domain);
        var signature = new DerSequence(new DerInteger(Hex("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1")),
            new DerInteger(Hex("6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7"))).GetDerEncoded();
        var userId = Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM");

        Sm2.Verify(publicKey, Encoding.ASCII.GetBytes("message digest"), signature, userId).ShouldBeTrue();
        Sm2.Verify(publicKey, Encoding.ASCII.GetBytes("message digesT"), signature, userId).ShouldBeFalse();
        Sm2.Verify(publicKey, Encoding.ASCII.GetBytes("message digest"), signature).ShouldBeFalse("another user id gives another Z");
    }

    [Fact]
    public void GeneratedKeyPair_IsPkcs8AndSubjectPublicKeyInfoPem_AndSignsWithTheDefaultUserId()
    {
        var (privatePem, publicPem) = Sm2.GenerateKeyPair();
        privatePem.ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        publicPem.ShouldStartWith("-----BEGIN PUBLIC KEY-----");
        var signer = new Sm2FileSigner(privatePem);
        var verifier = new Sm2PublicKeyVerifier(publicPem);
        signer.KeyId.ShouldBe(verifier.KeyId);

        var message = Encoding.UTF8.GetBytes("hongqi-checkpoint-v1\n1");
        var signature = Sm2.Sign(Sm2.ReadPrivateKey(privatePem), message);

        verifier.Verify(message, signature).ShouldBeTrue();
        Sm2.Verify(Sm2.ReadPublicKey(publicPem), message, signature, Encoding.ASCII.GetBytes("1234567812345678")).ShouldBeTrue();
        verifier.Verify(Encoding.UTF8.GetBytes("hongqi-checkpoint-v1\n2"), signature).ShouldBeFalse();
        verifier.Verify(message, [1, 2, 3]).ShouldBeFalse();
        new Sm2PublicKeyVerifier(Sm2.GenerateKeyPair().PublicKeyPem).Verify(message, signature).ShouldBeFalse();
    }

    [Fact]
    public void ReadKeys_WrongPemOrCurve_AreRefusedWithTheReason()
    {
        var (privatePem, publicPem) = Sm2.GenerateKeyPair();
        Should.Throw<CryptographicException>(() => Sm2.ReadPrivateKey(publicPem)).Message.ShouldContain("expected 'PRIVATE KEY'");
        Should.Throw<CryptographicException>(() => Sm2.ReadPublicKey("not a key")).Message.ShouldContain("no PEM block");
        using var p256 = ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Should.Throw<CryptographicException>(() => Sm2.ReadPrivateKey(p256.ExportPkcs8PrivateKeyPem())).Message.ShouldContain("not an SM2 key");
        Should.Throw<CryptographicException>(() => Sm2.ReadPublicKey(p256.ExportSubjectPublicKeyInfoPem())).Message.ShouldContain("not an SM2 key");
        Sm2.ReadPrivateKey(privatePem).Parameters.Curve.FieldSize.ShouldBe(256);
    }

    private static BigInteger Hex(string hex) => new(hex, 16);

    /// <summary>Gives the published k where the signer asks for a random number.</summary>
    private sealed class FixedRandom(string hex) : SecureRandom
    {
        private readonly byte[] _value = Convert.FromHexString(hex);

        public override void NextBytes(byte[] buf) => NextBytes(buf.AsSpan());

        public override void NextBytes(byte[] buf, int off, int len) => NextBytes(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer) => _value.AsSpan(_value.Length - buffer.Length).CopyTo(buffer);
    }
}
