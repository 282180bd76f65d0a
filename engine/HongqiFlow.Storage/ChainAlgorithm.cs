using System.Security.Cryptography;
using System.Text;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Storage;

/// <summary>
/// The hash of a case's chain (its events and its snapshot seal). Recorded with each case when it is created
/// (<c>cases.chain_algorithm</c>) and never changed, so cases chained with SHA-256 keep verifying after a store
/// chooses SM3 (GB/T 32905-2016, required by GB/T 39786-2021) for new cases.
/// </summary>
public enum ChainAlgorithm
{
    /// <summary>SHA-256: every case written before the algorithm was recorded.</summary>
    Sha256,

    /// <summary>SM3, the national hash: the default for new cases.</summary>
    Sm3,
}

/// <summary>Names and hashing for <see cref="ChainAlgorithm"/>.</summary>
public static class ChainAlgorithms
{
    /// <summary>What new cases are chained with unless a deployment chooses otherwise.</summary>
    public const ChainAlgorithm Default = ChainAlgorithm.Sm3;

    /// <summary>The name stored in <c>cases.chain_algorithm</c> and written in settings: <c>sha256</c> or <c>sm3</c>.</summary>
    public static string Name(this ChainAlgorithm algorithm) => algorithm switch
    {
        ChainAlgorithm.Sha256 => "sha256",
        ChainAlgorithm.Sm3 => "sm3",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "no such chain algorithm"),
    };

    /// <summary>Reads a stored or configured name (case-insensitive; <c>sha-256</c> is accepted too).</summary>
    public static bool TryParse(string? name, out ChainAlgorithm algorithm)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "SHA256" or "SHA-256":
                algorithm = ChainAlgorithm.Sha256;
                return true;
            case "SM3":
                algorithm = ChainAlgorithm.Sm3;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    /// <summary>Reads a stored name; a row with an unknown name is a store error, not a guess.</summary>
    public static ChainAlgorithm Parse(string name) =>
        TryParse(name, out var algorithm) ? algorithm : throw new StorageException($"unknown chain algorithm '{name}' (expected sha256 or sm3)");

    /// <summary>The lower-case hex digest of a string's UTF-8 bytes.</summary>
    public static string HashHex(this ChainAlgorithm algorithm, string text) => algorithm switch
    {
        ChainAlgorithm.Sm3 => Sm3.HashHex(text),
        _ => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
    };
}

/// <summary>A store that chains new cases with a chosen algorithm; existing cases keep the one recorded with them.</summary>
public interface IChainAlgorithmChoice
{
    ChainAlgorithm NewCaseChains { get; set; }
}
