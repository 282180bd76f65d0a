using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

/// <summary>Durations as a notice to an applicant writes them, never the DSL's shorthand.</summary>
public sealed class DurationWordsTests
{
    [Theory]
    [InlineData("0.5wd", "0.5 个工作日")]
    [InlineData("20wd", "20 个工作日")]
    [InlineData("3wh", "3 个工作小时")]
    [InlineData("15d", "15 日")]
    [InlineData("2h", "2 小时")]
    [InlineData("45min", "45 分钟")]
    public void InChinese_NamesTheUnit(string text, string words) =>
        Duration.Parse(text).InChinese().ShouldBe(words);
}
