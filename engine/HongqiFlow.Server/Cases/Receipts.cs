using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Server.Security;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// Receipt numbers (受理编号, also the case id: <c>20261126-7F3A9C2D</c>) and the applicant's 6-digit verification code,
/// an HMAC of the receipt under the verification secret (<see cref="VerificationSecret"/>, not the token signing key),
/// so nothing extra is stored and a code cannot be guessed from the receipt.
/// </summary>
public sealed class Receipts(VerificationSecret secret)
{
    /// <summary>A new receipt for a case accepted at <paramref name="now"/> (local date of China Standard Time).</summary>
    public static string New(DateTimeOffset now, string? idempotencyKey)
    {
        var date = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var suffix = idempotencyKey is null
            ? Convert.ToHexString(RandomNumberGenerator.GetBytes(5))
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..10];
        return $"{date}-{suffix}";
    }

    /// <summary>The code printed on the receipt now.</summary>
    public string VerificationCode(string receipt) => Code(secret.Key, receipt);

    /// <summary>The code as the server derived it before codes had their own secret (from the signing key).</summary>
    public static string LegacyCode(string signingKey, string receipt) => Code(Encoding.UTF8.GetBytes(signingKey), receipt);

    /// <summary>The current code, or — only when configured — the legacy one printed before the upgrade.</summary>
    public bool Verify(string receipt, string? code)
    {
        if (code is null)
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(code.Trim());
        var current = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(VerificationCode(receipt)), given);
        var legacy = secret.LegacyKey is { } old && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(LegacyCode(old, receipt)), given);
        return current | legacy;
    }

    private static string Code(byte[] key, string receipt)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("receipt:" + receipt));
        var number = BitConverter.ToUInt32(mac, 0) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }
}
