using HongqiFlow.Cli;

namespace HongqiFlow.Server.Tests;

/// <summary><c>hongqi checksum</c>: the SM3SUMS of a release (scripts/release) and their check.</summary>
public sealed class ChecksumCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-sums-").FullName;

    [Fact]
    public void Checksum_WritesSm3AndSha256Lines_AndCheckFindsATamperedFile()
    {
        var file = Path.Combine(_folder, "abc.tar.gz");
        File.WriteAllText(file, "abc");

        var (exit, output, _) = Run("checksum", file);
        exit.ShouldBe(0);
        // GB/T 32905-2016, example 1.
        output.ShouldBe($"66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  {file}{Environment.NewLine}");
        Run("checksum", "--algorithm", "sha256", file).Output.ShouldStartWith("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ");

        File.WriteAllText(Path.Combine(_folder, "SM3SUMS"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  abc.tar.gz\n");
        Run("checksum", "--check", Path.Combine(_folder, "SM3SUMS")).ShouldBe((0, $"abc.tar.gz: OK{Environment.NewLine}", string.Empty));

        File.WriteAllText(file, "abd");
        var (failed, _, error) = Run("checksum", "--check", Path.Combine(_folder, "SM3SUMS"));
        failed.ShouldBe(1);
        error.ShouldBe($"abc.tar.gz: FAILED{Environment.NewLine}checksum: 1 of 1 file(s) did not match{Environment.NewLine}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = HongqiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
