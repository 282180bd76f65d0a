using System.Security.Cryptography;
using HongqiFlow.Hosting;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Checkpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Security;

/// <summary>Runs the <see cref="CheckpointWriter"/> when <c>Hongqi:Audit:Checkpoints:PrivateKeyFile</c> names an SM2 key.</summary>
public static class CheckpointSetup
{
    public static void Add(IServiceCollection services, CheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.PrivateKeyFile))
        {
            return;
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Hongqi:Audit:Checkpoints:Interval must be positive; it is {options.Interval}");
        }

        // Read at start: a missing or foreign key stops the server with the file named, rather than failing each hour.
        ICheckpointSigner signer;
        try
        {
            signer = Sm2FileSigner.FromFile(options.PrivateKeyFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Hongqi:Audit:Checkpoints:PrivateKeyFile: {e.Message}", e);
        }

        services.AddSingleton(signer);
        services.AddSingleton(provider => new CheckpointWriter(provider.GetRequiredService<ICaseStore>(), signer, options.Interval,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<CheckpointWriter>>()));
        services.AddStoreBoundHostedService<CheckpointWriter>();
    }
}
