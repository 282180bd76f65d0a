namespace HongqiFlow.Tests.Cli;

/// <summary><c>hongqi test</c> prints each failed assertion of a sample with what was expected and what happened.</summary>
public sealed class TestCommandAssertionTests
{
    private const string Wrong = """
        sample: 到期时刻与通知（写错的期望）
        definition: enterprise-establishment
        clock: 2024-09-26T09:00:00+08:00
        case:
          applicant: { name: 张三 }
          submitted: [application, articles, premises, shareholder-resolution]
        steps:
          - send: accept
            by: window
            expect:
              due: { promised: 2024-09-26T17:00:00+08:00, branches: { tax: 2024-09-26T12:00:00+08:00 } }
              remaining: { promised: 1wd }
          - { send: issue, by: window, rejected: { code: HQ6004, reason: 已办结 } }
          - { after: 4wh }
        expect:
          notifications: [{ template: warning, to: applicant }]
        """;

    [Fact]
    public void Test_FailedAssertions_EachWithExpectedAndActual()
    {
        using var folder = new Time.TempFolder();
        var file = folder.Write("wrong.yaml", Wrong);
        var nl = Environment.NewLine;

        var (exit, output, _) = Hongqi.Run("test", file, "--definitions", Repository.Path("definitions"));

        exit.ShouldBe(1);
        output.ShouldContain($"FAIL {file}  到期时刻与通知（写错的期望）");
        output.ShouldContain($"  {file}:11:7: promised due instant after step 1{nl}      expected: 2024-09-26T17:00:00+08:00{nl}      actual:   2024-09-26T13:30:00+08:00");
        output.ShouldContain($"  {file}:11:7: remaining promised time after step 1{nl}      expected: 1wd{nl}      actual:   0.5wd (3.5wh)");
        output.ShouldContain($"  {file}:13:5: 'issue' by window{nl}      expected: rejection HQ6004 with a reason containing '已办结'{nl}      actual:   HQ6004: 办件当前处于“并联审批”");
        output.ShouldContain($"  {file}:16:3: notifications at the end{nl}      expected: [warning to applicant]{nl}      actual:   [warning to department:market-regulation]");
        output.ShouldNotContain("due instant of branch tax");
        output.ShouldEndWith("0 passed, 1 failed" + nl);
    }

    [Fact]
    public void Test_FailedAssertions_InChinese()
    {
        using var folder = new Time.TempFolder();
        var file = folder.Write("wrong.yaml", Wrong);
        var nl = Environment.NewLine;

        var (_, output, _) = Hongqi.Run("test", file, "--definitions", Repository.Path("definitions"), "--lang", "zh");

        output.ShouldContain($"  {file}:11:7: 第 1 步之后的承诺时限的到期时刻{nl}      期望：2024-09-26T17:00:00+08:00{nl}      实际：2024-09-26T13:30:00+08:00");
        output.ShouldContain($"  {file}:13:5: 由 window 发送“issue”{nl}      期望：以 HQ6004 拒绝，理由含“已办结”{nl}      实际：HQ6004：办件当前处于“并联审批”");
        output.ShouldContain($"  {file}:16:3: 结束时的通知{nl}      期望：[warning to applicant]");
    }
}
