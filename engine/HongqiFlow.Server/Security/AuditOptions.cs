using HongqiFlow.Storage;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The integrity of the stored cases (GB/T 39786-2021, docs/operations.md): the hash that chains new cases and the
/// SM2-signed checkpoints of every case's head. Section <c>Hongqi:Audit</c>.
/// </summary>
public sealed class AuditOptions
{
    /// <summary><c>sm3</c> (default) or <c>sha256</c>: the chain of cases created from now on; existing cases keep theirs.</summary>
    public string HashAlgorithm { get; set; } = ChainAlgorithms.Default.Name();

    /// <summary>Signed checkpoints of every case's head (section <c>Hongqi:Audit:Checkpoints</c>).</summary>
    public CheckpointOptions Checkpoints { get; set; } = new();

    /// <summary>The parsed <see cref="HashAlgorithm"/>; an unknown name stops the server at start with the setting named.</summary>
    public ChainAlgorithm ChainAlgorithm => ChainAlgorithms.TryParse(HashAlgorithm, out var algorithm)
        ? algorithm
        : throw new InvalidOperationException($"Hongqi:Audit:HashAlgorithm is '{HashAlgorithm}'; use sm3 or sha256");
}

/// <summary>Section <c>Hongqi:Audit:Checkpoints</c>: none are written unless a private key is configured.</summary>
public sealed class CheckpointOptions
{
    /// <summary>The SM2 private key (PKCS#8, PEM) that signs checkpoints; <c>hongqi keys sm2</c> makes one. None: no checkpoints.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>How often a checkpoint of every case's head is written (each node checks; one writes per interval).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
