using HongqiFlow.Hosting;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Samples;

public sealed class SampleRunnerTests : IDisposable
{
    private readonly DefinitionLibrary _library = DefinitionLibrary.Load(Repository.Path("definitions"));

    public void Dispose() => _library.Dispose();

    private SampleOutcome Run(string yaml)
    {
        var (sample, diagnostics) = SampleReader.Read(yaml, "inline.yaml");
        diagnostics.ShouldBeEmpty();
        return new SampleRunner(_library).Run(sample!);
    }

    private const string Header = """
        sample: t
        definition: enterprise-establishment
        clock: 2024-09-26T09:00:00+08:00
        case:
          applicant: { name: 张三 }
          submitted: [application, articles, premises, shareholder-resolution]
        """;

    [Fact]
    public void Run_WrongExpectedState_ReportsLocatedDiff()
    {
        var outcome = Run(Header + "\nsteps:\n  - { send: accept, by: window }\nexpect:\n  state: issued\n");

        outcome.Passed.ShouldBeFalse();
        var failure = outcome.Failures.ShouldHaveSingleItem();
        failure.ToString().ShouldBe("inline.yaml:10:3: state at the end\n    expected: issued\n    actual:   approval");
        failure.ToText(chinese: true).ShouldBe("inline.yaml:10:3: 结束时的状态\n    期望：issued\n    实际：approval");
    }

    [Fact]
    public void Run_UnexpectedRejection_IsAFailureWithTheReason()
    {
        var outcome = Run(Header + "\nsteps:\n  - { send: issue, by: window }\n");

        var failure = outcome.Failures.ShouldHaveSingleItem();
        failure.What.ShouldBe("'issue' by window");
        failure.Actual.ShouldStartWith("HQ6004:");
        failure.WhatZh.ShouldBe("由 window 发送“issue”");
        failure.ActualZh.ShouldStartWith("HQ6004：");
        failure.ActualZh.ShouldNotContain(" / ", Case.Sensitive, "the Chinese reason alone, not both languages");
    }

    [Fact]
    public void Run_ExpectedRejectionThatIsAccepted_Fails()
    {
        var outcome = Run(Header + "\nsteps:\n  - { send: accept, by: window, rejected: true }\n");

        outcome.Failures.ShouldHaveSingleItem().Actual.ShouldBe("accepted");
    }

    [Fact]
    public void Run_UnknownDefinition_NamesTheKnownOnes()
    {
        var outcome = Run(Header.Replace("definition: enterprise-establishment", "definition: no-such-item", StringComparison.Ordinal));

        outcome.Failures.ShouldHaveSingleItem().Actual.ShouldContain("enterprise-establishment");
    }

    [Fact]
    public void Run_FiresDueTimersWhileTheClockMoves()
    {
        // The 30-day timer on correcting fires during a 31-day step: the application is not accepted.
        var outcome = Run(Header + "\nsteps:\n  - { send: notify-missing, by: window }\n  - { after: 31d }\nexpect:\n  state: not-accepted\n  outcome: not-accepted\n");

        outcome.Failures.ShouldBeEmpty();
        outcome.Events.ShouldContain(e => e.Type == "timer-set");
    }

    [Fact]
    public void Read_StepWithNothingToDo_IsALocatedError()
    {
        var (sample, diagnostics) = SampleReader.Read(Header + "\nsteps:\n  - { by: window }\n", "inline.yaml");

        sample.ShouldBeNull();
        diagnostics.ShouldHaveSingleItem().ToString().ShouldStartWith("inline.yaml:8:5: error HQ5007: a step must send an event or move the clock");
    }

    [Fact]
    public void Read_UnknownKey_SuggestsTheClosest()
    {
        var (_, diagnostics) = SampleReader.Read(Header + "\nexpcet:\n  state: issued\n", "inline.yaml");

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("HQ5002");
        diagnostic.Fix!.ShouldEndWith("did you mean 'expect'?");
        diagnostic.MessageZh.ShouldBe("样例中有未知的键“expcet”");
        diagnostic.FixZh!.ShouldStartWith("此处可用：sample, definition, ");
        diagnostic.FixZh!.ShouldEndWith("；是否应为“expect”？");
    }

    [Fact]
    public void Read_ClockWithoutOffset_IsRejected()
    {
        var (_, diagnostics) = SampleReader.Read(Header.Replace("+08:00", string.Empty, StringComparison.Ordinal), "inline.yaml");

        diagnostics.ShouldHaveSingleItem().Code.ShouldBe("HQ5005");
    }
}
