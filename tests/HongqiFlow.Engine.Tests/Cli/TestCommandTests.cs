namespace HongqiFlow.Tests.Cli;

public sealed class TestCommandTests
{
    private const string WrongEnd = """
        sample: 受理后就办结（写错的期望）
        definition: enterprise-establishment
        clock: 2024-09-26T09:00:00+08:00
        case:
          applicant: { name: 张三 }
          submitted: [application, articles, premises, shareholder-resolution]
        steps:
          - { send: accept, by: window }
        expect:
          state: issued
        """;

    [Fact]
    public void Test_AShippedSample_Passes()
    {
        var (exit, output, _) = Hongqi.Run("test", Repository.Path("samples", "enterprise-establishment"), "--definitions", Repository.Path("definitions"));

        exit.ShouldBe(0);
        output.ShouldContain("PASS ");
        output.ShouldEndWith(" failed" + Environment.NewLine);
        output.ShouldContain(" passed, 0 failed");
    }

    [Fact]
    public void Test_InChinese_WritesTheFailedExpectationInChinese()
    {
        using var folder = new Time.TempFolder();
        var file = folder.Write("wrong-end.yaml", WrongEnd);

        var (exit, output, _) = Hongqi.Run("test", file, "--definitions", Repository.Path("definitions"), "--lang", "zh");

        exit.ShouldBe(1);
        output.ShouldContain($"FAIL {file}  受理后就办结（写错的期望）");
        output.ShouldContain($"  {file}:10:3: 结束时的状态{Environment.NewLine}      期望：issued{Environment.NewLine}      实际：approval");
        output.ShouldEndWith("0 个通过，1 个未通过" + Environment.NewLine);
    }

    [Fact]
    public void Test_InEnglish_WritesTheSameFailureInEnglish()
    {
        using var folder = new Time.TempFolder();
        var file = folder.Write("wrong-end.yaml", WrongEnd);

        var (exit, output, _) = Hongqi.Run("test", file, "--definitions", Repository.Path("definitions"));

        exit.ShouldBe(1);
        output.ShouldContain($"  {file}:10:3: state at the end{Environment.NewLine}      expected: issued{Environment.NewLine}      actual:   approval");
        output.ShouldEndWith("0 passed, 1 failed" + Environment.NewLine);
    }
}
