using System.CommandLine;
using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi keys sm2 --private FILE --public FILE</c>: a new SM2 key pair for signed checkpoints, as PEM (PKCS#8 private
/// key, readable by its owner only; SubjectPublicKeyInfo public key). Existing files are never overwritten.
/// </summary>
internal static class KeysCommand
{
    internal static Command Create()
    {
        var privateFile = new Option<string>("--private") { Description = "where to write the private key (PKCS#8 PEM); keep it on the server only", Required = true };
        var publicFile = new Option<string>("--public") { Description = "where to write the public key (PEM); give it to whoever runs hongqi audit verify", Required = true };
        var sm2 = new Command("sm2", "generate an SM2 key pair that signs checkpoints (Hongqi:Audit:Checkpoints:PrivateKeyFile)");
        sm2.Options.Add(privateFile);
        sm2.Options.Add(publicFile);
        sm2.SetAction(async (parse, ct) => await GenerateAsync(parse.GetValue(privateFile)!, parse.GetValue(publicFile)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        var keys = new Command("keys", "generate keys");
        keys.Subcommands.Add(sm2);
        return keys;
    }

    internal static async Task<int> GenerateAsync(string privatePath, string publicPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path))
            {
                await error.WriteLineAsync($"keys sm2: {Path.GetFullPath(path)} already exists; a key is never overwritten (move it away first)");
                return 2;
            }
        }

        var (privatePem, publicPem) = Sm2.GenerateKeyPair();
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(privatePath, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(privatePem.AsMemory(), ct);
            }

            await File.WriteAllTextAsync(publicPath, publicPem, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"keys sm2: {e.Message}");
            return 2;
        }

        await output.WriteLineAsync($"keys sm2: private key {Path.GetFullPath(privatePath)}, public key {Path.GetFullPath(publicPath)}, key id {new Sm2PublicKeyVerifier(publicPem).KeyId}");
        return 0;
    }
}
