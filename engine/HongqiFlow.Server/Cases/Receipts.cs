using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Server.Security;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// Receipt numbers (受理编号, also the case id: <c>20261126-7F3A9C2D</c>) and the applicant's 6-digit verification code,
/// an HMAC of the receipt under the server key, so nothing extra is stored and a code cannot be guessed from the receipt.
/// </summary>
public sealed class Receipts(JwtSettings settings)
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

    public string VerificationCode(string receipt)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.Key), Encoding.UTF8.GetBytes("receipt:" + receipt));
        var number = BitConverter.ToUInt32(mac, 0) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    public bool Verify(string receipt, string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(VerificationCode(receipt)), Encoding.ASCII.GetBytes(code.Trim()));
}
