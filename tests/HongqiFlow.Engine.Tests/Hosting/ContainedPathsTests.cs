using HongqiFlow.Definitions.Validation;
using HongqiFlow.Hosting;

namespace HongqiFlow.Tests.Hosting;

public sealed class ContainedPathsTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "hongqi-export");

    [Theory]
    [InlineData("QYKB-0001.yaml")]
    [InlineData("versions/QYKB-0001@2.yaml")]
    public void Inside_FileInTheFolder_IsItsFullPath(string relative)
    {
        ContainedPaths.Inside(Folder, relative).ShouldBe(Path.GetFullPath(Path.Combine(Folder, relative)));
    }

    [Theory]
    [InlineData("../../etc/hongqi.yaml")]
    [InlineData("../hongqi-export-sibling/x.yaml")]
    [InlineData("versions/../../x.yaml")]
    [InlineData("/etc/hongqi.yaml")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("bad\0name.yaml")]
    public void Inside_PathThatLeavesTheFolder_IsRefused(string relative)
    {
        var ex = Should.Throw<PathOutsideFolderException>(() => ContainedPaths.Inside(Folder, relative));

        ex.Relative.ShouldBe(relative);
    }

    [Theory]
    [InlineData("QYKB-0001", true)]
    [InlineData("a.b_c-1", true)]
    [InlineData("../../etc/hongqi", false)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData(".hidden", false)]
    [InlineData("ends.", false)]
    [InlineData("has space", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("nul\0", false)]
    [InlineData("CON", false)]
    [InlineData("nul.txt", false)]
    [InlineData("企业开办", false)]
    [InlineData("", false)]
    public void ItemCodes_OnlyPlainFileNames(string code, bool safe)
    {
        ItemCodes.IsFileSafe(code).ShouldBe(safe);
        ItemCodes.IsFileSafe(ItemCodes.Suggest(code)).ShouldBeTrue();
    }

    [Fact]
    public void ItemCodes_AtMostOneHundredCharacters()
    {
        ItemCodes.IsFileSafe(new string('A', 100)).ShouldBeTrue();
        ItemCodes.IsFileSafe(new string('A', 101)).ShouldBeFalse();
    }
}
