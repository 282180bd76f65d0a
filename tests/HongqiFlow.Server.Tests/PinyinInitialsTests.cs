using HongqiFlow.Server.Search;

namespace HongqiFlow.Server.Tests;

public sealed class PinyinInitialsTests
{
    [Theory]
    [InlineData("犇", "B")]
    [InlineData("燚", "Y")]
    [InlineData("嫣", "Y")]
    [InlineData("璟", "J")]
    [InlineData("漯河市", "LHS")]
    [InlineData("鑫淼商贸", "XMSM")]
    public void Of_UncommonCharacters_HaveTheirInitials(string name, string initials) => PinyinInitials.Of(name).ShouldBe(initials);

    [Fact]
    public void Of_ItemNames_UseTheReadingItemNamesUse()
    {
        PinyinInitials.Of("重庆市银行开户").ShouldBe("CQSYXKH");
        PinyinInitials.Of("西藏厦门").ShouldBe("XZXM");
    }

    [Fact]
    public void Matches_APolyphone_ByAnyOfItsReadings()
    {
        PinyinInitials.Matches("yh", "银行开户").ShouldBeTrue();
        PinyinInitials.Matches("yx", "银行开户").ShouldBeTrue();
        PinyinInitials.Matches("yy", "银行开户").ShouldBeFalse();
        PinyinInitials.Matches("zq", "重庆").ShouldBeTrue();
        PinyinInitials.Matches("cq", "重庆").ShouldBeTrue();
    }

    [Fact]
    public void Matches_AnUncommonCharacter_ByItsInitial()
    {
        PinyinInitials.Matches("jx", "璟煊科技").ShouldBeTrue();
        PinyinInitials.Matches("BY", "犇燚").ShouldBeTrue();
    }

    [Fact]
    public void InitialsOf_LettersDigitsAndCharactersWithoutAReading()
    {
        PinyinInitials.InitialsOf('a').ShouldBe("A");
        PinyinInitials.InitialsOf('7').ShouldBe("7");
        PinyinInitials.InitialsOf('、').ShouldBe(string.Empty);
        PinyinInitials.InitialsOf('行').ShouldBe("XH");
    }
}
