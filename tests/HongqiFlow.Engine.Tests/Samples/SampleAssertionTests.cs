using HongqiFlow.Hosting;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Samples;

/// <summary>
/// The assertions of docs/samples.md beyond states: due instants, remaining time, notification recipients and rejection
/// reasons — each holds when the engine agrees, and a failed one says what was expected and what happened.
/// </summary>
public sealed class SampleAssertionTests : IDisposable
{
    private readonly DefinitionLibrary _library = DefinitionLibrary.Load(Repository.Path("definitions"));

    public void Dispose() => _library.Dispose();

    // 企业开办: promised 0.5wd (3.5 working hours on a 7-hour day), each branch 3wh; accepted Thursday 09:00.
    private const string Enterprise = """
        sample: t
        definition: enterprise-establishment
        clock: 2024-09-26T09:00:00+08:00
        case:
          applicant: { name: 张三 }
          submitted: [application, articles, premises, shareholder-resolution]
        steps:
          - send: accept
            by: window
            expect:

        """;

    private SampleOutcome Run(string yaml)
    {
        var (sample, diagnostics) = SampleReader.Read(yaml, "inline.yaml");
        diagnostics.ShouldBeEmpty();
        return new SampleRunner(_library).Run(sample!);
    }

    private static string Expect(string lines) => Enterprise + string.Join("\n", lines.Split('\n').Select(l => "      " + l)) + "\n";

    [Fact]
    public void Run_DueInstantsAndRemainingTimeThatHold_Pass()
    {
        var outcome = Run(Expect("""
            due: { promised: 2024-09-26T13:30:00+08:00, branches: { tax: 2024-09-26T12:00:00+08:00, seal: 2024-09-26T04:00:00Z } }
            remaining: { promised: 0.5wd }
            """));

        outcome.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Run_WrongPromisedDue_ShowsExpectedAndActualInTheSamplesOffset()
    {
        var outcome = Run(Expect("due: { promised: 2024-09-26T17:00:00+08:00 }"));

        var failure = outcome.Failures.ShouldHaveSingleItem();
        failure.ToString().ShouldBe("inline.yaml:11:7: promised due instant after step 1\n    expected: 2024-09-26T17:00:00+08:00\n    actual:   2024-09-26T13:30:00+08:00");
        failure.ToText(chinese: true).ShouldBe("inline.yaml:11:7: 第 1 步之后的承诺时限的到期时刻\n    期望：2024-09-26T17:00:00+08:00\n    实际：2024-09-26T13:30:00+08:00");
    }

    [Fact]
    public void Run_StatutoryDue_CountsAcrossNationalDay2024()
    {
        // 8.5wd from Thursday 09-26 09:00: 09-26, 09-27, Sunday 09-29 (worked), 09-30, 10-08 … 10-11, then half of Saturday 10-12 (worked).
        var outcome = Run(Expect("due: { statutory: 2024-10-12T13:30:00+08:00 }"));

        outcome.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Run_DueOfAStepWithoutLimit_SaysSo()
    {
        var outcome = Run(Expect("due: { step: 2024-09-26T12:00:00+08:00 }"));

        var failure = outcome.Failures.ShouldHaveSingleItem();
        (failure.What, failure.Expected, failure.Actual).ShouldBe(("due instant of step approval after step 1", "2024-09-26T12:00:00+08:00", "(step approval has no limit)"));
        failure.ActualZh.ShouldBe("（环节“approval”未设时限）");
    }

    [Fact]
    public void Run_WrongBranchDue_NamesTheBranch()
    {
        var outcome = Run(Expect("due: { branches: { tax: 2024-09-26T11:00:00+08:00, nowhere: 2024-09-26T11:00:00+08:00 } }"));

        outcome.Failures.Select(f => (f.What, f.Expected, f.Actual)).ShouldBe([
            ("due instant of branch tax after step 1", "2024-09-26T11:00:00+08:00", "2024-09-26T12:00:00+08:00"),
            ("due instant of branch nowhere after step 1", "2024-09-26T11:00:00+08:00", "(not active)"),
        ]);
    }

    [Fact]
    public void Run_OverduePromised_IsANegativeRemainingAndAPastDue()
    {
        var outcome = Run(Enterprise + "      state: approval\n  - { after: 4wh, expect: { remaining: { promised: -0.5wh }, due: { promised: 2024-09-26T13:30:00+08:00 } } }\n");

        outcome.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Run_WrongRemaining_ShowsTheTimeLeftInWorkingDaysAndHours()
    {
        var outcome = Run(Enterprise + "      state: approval\n  - { after: 4wh, expect: { remaining: { promised: 1wh, statutory: 8wd } } }\n");

        outcome.Failures.Select(f => f.ToString()).ShouldBe([
            "inline.yaml:12:27: remaining promised time after step 2\n    expected: 1wh\n    actual:   -0.071wd (-0.5wh)",
            "inline.yaml:12:27: remaining statutory time after step 2\n    expected: 8wd\n    actual:   8.5wd (59.5wh)",
        ]);
        outcome.Failures[0].WhatZh.ShouldBe("第 2 步之后的承诺时限的剩余时间");
    }

    [Fact]
    public void Run_NaturalDayLimits_DueAndRemainingInNaturalTime()
    {
        var outcome = Run("""
            sample: t
            definition: residence-permit
            clock: 2025-03-03T09:00:00+08:00
            case:
              submitted: [application, residence-proof, employment-proof]
            steps:
              - { send: accept, by: window, expect: { due: { promised: 2025-03-13T09:00:00+08:00, step: 2025-03-06T09:00:00+08:00 } } }
              - { after: 30h, expect: { remaining: { promised: 8d, statutory: 13.75d } } }
            """);

        var failure = outcome.Failures.ShouldHaveSingleItem();
        (failure.What, failure.Expected, failure.Actual).ShouldBe(("remaining promised time after step 2", "8d", "8.75d (210h)"));
    }

    [Fact]
    public void Run_StepDue_IsNoneWhilePaused_AndMovesOnByThePause()
    {
        // 施工许可 deciding: 0.5wd (3.5wh). Entered Wednesday 09:00, due 13:30; paused 10:00–14:00 (3 working hours), so
        // due 16:30 once resumed — before and after the due time armed at entry has fired and been re-armed.
        var outcome = Run("""
            sample: t
            definition: construction-permit
            clock: 2025-05-28T09:00:00+08:00
            case:
              submitted: [application, construction-contract, supervision-contract, drawing-review, funding-proof, safety-measures]
            steps:
              - { send: accept, by: window }
              - { send: approve, by: department:housing, expect: { state: deciding, due: { step: 2025-05-28T13:30:00+08:00 } } }
              - { after: 1wh, send: procedure-start, by: department:housing, payload: { procedure: expert-review }, expect: { due: { step: 2025-05-28T13:30:00+08:00 } } }
              - { at: 2025-05-28T14:00:00+08:00, send: procedure-end, by: department:housing, expect: { due: { step: 2025-05-28T16:30:00+08:00 } } }
              - { after: 3wh, expect: { due: { step: 2025-05-28T16:30:00+08:00 } } }
            """);

        var failure = outcome.Failures.ShouldHaveSingleItem();
        (failure.What, failure.Actual).ShouldBe(("due instant of step deciding after step 3", "(clock paused)"));
        failure.ActualZh.ShouldBe("（计时暂停中）");
    }

    [Fact]
    public void Run_NotificationWithRecipient_ComparesBoth()
    {
        var outcome = Run(Enterprise + """
                  state: approval
              - { after: 4wh }
            expect:
              notifications: [{ template: warning, to: department:tax }]
            """);

        var failure = outcome.Failures.ShouldHaveSingleItem();
        failure.Expected.ShouldBe("[warning to department:tax]");
        failure.Actual.ShouldBe("[warning to department:market-regulation]");
    }

    [Fact]
    public void Run_NotificationsWithoutRecipient_MatchAnyRecipient()
    {
        var outcome = Run(Enterprise + """
                  state: approval
              - { after: 4wh }
            expect:
              notifications: [warning]
            """);

        outcome.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Run_RejectionReason_MatchesChineseOrEnglish_AndShowsTheReasonWhenNot()
    {
        var sample = Enterprise + """
                  state: approval
              - { send: issue, by: window, rejected: { code: HQ6004, reason: 不能“issue” } }
              - { send: issue, by: window, rejected: { reason: "where 'issue' is not possible" } }
              - { send: issue, by: window, rejected: { code: HQ6004, reason: 已办结 } }
            """;

        var outcome = Run(sample);

        var failure = outcome.Failures.ShouldHaveSingleItem();
        failure.Location.Line.ShouldBe(14);
        failure.Expected.ShouldBe("rejection HQ6004 with a reason containing '已办结'");
        failure.Actual.ShouldStartWith("HQ6004: 办件当前处于“并联审批”，不能“issue”。 / The case is in 'approval', where 'issue' is not possible.");
        failure.ExpectedZh.ShouldBe("以 HQ6004 拒绝，理由含“已办结”");
    }

    [Fact]
    public void Run_ExpectedRejectionThatIsAccepted_SaysWhichRejection()
    {
        var outcome = Run(Enterprise + "      state: approval\n  - { send: approve, branch: tax, by: department:tax, rejected: { reason: 不可 } }\n");

        var failure = outcome.Failures.ShouldHaveSingleItem();
        (failure.Expected, failure.Actual).ShouldBe(("a rejection with a reason containing '不可'", "accepted"));
    }

    [Theory]
    [InlineData("due: { promised: 2024-09-26T13:30 }", "HQ5005", "/steps/0/expect/due/promised")]
    [InlineData("due: { promisd: 2024-09-26T13:30:00+08:00 }", "HQ5002", "/steps/0/expect/due/promisd")]
    [InlineData("due: 2024-09-26T13:30:00+08:00", "HQ5004", "/steps/0/expect/due")]
    [InlineData("remaining: { promised: 3.5 }", "HQ5006", "/steps/0/expect/remaining/promised")]
    [InlineData("notifications: [{ to: applicant }]", "HQ5003", "/steps/0/expect/notifications/0/")]
    public void Read_AMalformedAssertion_IsALocatedDiagnostic(string line, string code, string path)
    {
        var (sample, diagnostics) = SampleReader.Read(Expect(line), "inline.yaml");

        sample.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Location.Path).ShouldBe((code, path));
        diagnostic.Location.Line.ShouldBe(11);
    }
}
