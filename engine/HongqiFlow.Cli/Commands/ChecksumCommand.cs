using System.CommandLine;
using System.Security.Cryptography;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi checksum FILE… [--algorithm sm3|sha256]</c>: one <c>HASH  NAME</c> line per file, the format of
/// <c>sha256sum</c> (scripts/release writes the SM3SUMS of a release with it); <c>--check SUMS</c> verifies such a file.
/// </summary>
internal static class ChecksumCommand
{
    public const string Sm3Name = "sm3";
    public const string Sha256Name = "sha256";

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "files to hash", Arity = ArgumentArity.ZeroOrMore };
        var algorithm = new Option<string>("--algorithm") { Description = "sm3 (GB/T 32905-2016, the default) or sha256", DefaultValueFactory = _ => Sm3Name };
        algorithm.AcceptOnlyFromAmong(Sm3Name, Sha256Name);
        var check = new Option<string?>("--check") { Description = "a checksum file (HASH  NAME lines, names relative to its folder): verify every file it lists" };
        var command = new Command("checksum", "SM3 (or SHA-256) checksums of files, as sha256sum writes them; --check verifies a checksum file") { files, algorithm, check };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var hash = parse.GetValue(algorithm) == Sha256Name ? (Func<Stream, byte[]>)SHA256.HashData : Sm3.Hash;
            if (parse.GetValue(check) is { } sums)
            {
                return Check(sums, hash, output, parse.InvocationConfiguration.Error);
            }

            var names = parse.GetValue(files) ?? [];
            if (names.Length == 0)
            {
                throw new ArgumentException("name the files to hash, or --check a checksum file");
            }

            foreach (var name in names)
            {
                output.WriteLine($"{Hex(name, hash)}  {name}");
            }

            return 0;
        }));
        return command;
    }

    private static int Check(string sums, Func<Stream, byte[]> hash, TextWriter output, TextWriter error)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sums))!;
        var failed = 0;
        var lines = File.ReadAllLines(sums).Where(line => line.Trim().Length > 0).ToList();
        foreach (var line in lines)
        {
            var split = line.IndexOf("  ", StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new FormatException($"{sums}: '{line}' is not a 'HASH  NAME' line");
            }

            var (expected, name) = (line[..split].Trim(), line[(split + 2)..].TrimStart('*'));
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                error.WriteLine($"{name}: MISSING");
                failed++;
                continue;
            }

            var ok = string.Equals(Hex(path, hash), expected, StringComparison.OrdinalIgnoreCase);
            (ok ? output : error).WriteLine($"{name}: {(ok ? "OK" : "FAILED")}");
            failed += ok ? 0 : 1;
        }

        if (failed > 0)
        {
            error.WriteLine($"checksum: {failed} of {lines.Count} file(s) did not match");
        }

        return failed == 0 ? 0 : 1;
    }

    private static string Hex(string path, Func<Stream, byte[]> hash)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(hash(stream));
    }
}
