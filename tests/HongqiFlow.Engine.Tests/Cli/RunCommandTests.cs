using HongqiFlow.Cli.Commands;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly DefinitionLibrary _library = DefinitionLibrary.Load(Repository.Path("definitions"));

    public void Dispose() => _library.Dispose();

    private VirtualCase Started()
    {
        var session = new VirtualCase(_library.Find("enterprise-establishment")!, new DateTimeOffset(2024, 9, 30, 16, 0, 0, TimeSpan.FromHours(8)));
        session.Start(new CaseStart
        {
            CaseId = "case-1",
            Receipt = "R1",
            Applicant = new Applicant("张三"),
            Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
        }, Channel.Window);
        return session;
    }

    private static string Execute(VirtualCase session, string line)
    {
        var output = new StringWriter();
        RunCommand.Execute(output, session, line);
        return output.ToString();
    }

    [Fact]
    public void Execute_AnEvent_PrintsItsEventsTheNewStateAndWhoMayActNow()
    {
        var session = Started();

        var text = Execute(session, "accept");

        text.ShouldContain("  + accept");
        text.ShouldContain("state    main=approval  approval/market=reviewing  approval/tax=reviewing  approval/social=reviewing");
        text.ShouldContain("department:tax               may: approve (approval/tax), reject (approval/tax)");
    }

    [Fact]
    public void Execute_AfterAcrossNationalDay_FiresTheBranchTimersOnTheEighth()
    {
        var session = Started();
        Execute(session, "accept");

        var text = Execute(session, "after 3wh");

        text.ShouldContain("now      2024-10-08 11:00 Tue");
        text.ShouldContain("  + warning {level: red, scope: approval/market}");
        text.ShouldContain("clock    running, elapsed 0.429wd (3wh), promised left 0.071wd (0.5wh)");
    }

    [Fact]
    public void Execute_ARejectedEvent_SaysWhyInBothLanguages()
    {
        var session = Started();

        var text = Execute(session, "issue");

        text.ShouldStartWith("rejected HQ6004: ");
        text.ShouldContain("The case is in 'received', where 'issue' is not possible.");
    }

    [Fact]
    public void Execute_AListPayloadAndARole_AreRead()
    {
        var session = Started();
        Execute(session, "notify-missing");

        var text = Execute(session, "resubmit as applicant materials=articles");

        text.ShouldContain("  + materials-submitted {materials: [articles]}");
        session.State.MainState.ShouldBe("received");
    }

    [Fact]
    public void Execute_AnUnknownRole_IsAnError()
    {
        Execute(Started(), "accept as mayor").ShouldBe("error: 'mayor' is not a role: window, applicant, lead, supervisor, system, department:ID" + Environment.NewLine);
    }
}
