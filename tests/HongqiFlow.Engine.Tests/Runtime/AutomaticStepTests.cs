using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class AutomaticStepTests
{
    /// <summary>秒批: accepted by the window, approved by the system when the pre-review score is high enough.</summary>
    private static CompiledDefinition InstantApproval(string guard = "data.score >= 90", params string[] fetch)
    {
        var d = TestDefinitions.Enterprise();
        var states = d.States.Select(s => s.Name == "received"
            ? s with { Transitions = new[] { TestDefinitions.On("accept", "checking", "window") } }
            : s).Append(new StateDefinition
            {
                Name = "checking",
                Fetch = fetch,
                Transitions = new[]
                {
                    new TransitionDefinition { Event = "auto-approve", Target = "issued", By = new[] { "system" }, When = TestDefinitions.Guard(guard, 80, 40, "/states/checking/on/auto-approve/when") },
                    TestDefinitions.On("review", "approval", "window"),
                },
            });
        return TestDefinitions.Compile(d with { States = new(states) });
    }

    private static CaseDriver StartWithScore(CompiledDefinition definition, int score)
    {
        var d = new CaseDriver(definition);
        d.Accept(Command.StartCase(new CaseStart
        {
            CaseId = "case-1", Receipt = "R-1", Applicant = ZhangSan, Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
            Data = ValueMap.Of(("score", score)),
        }, Window));
        return d;
    }

    [Fact]
    public void SystemTransition_GuardHolds_FiresByItselfInTheSameDecision()
    {
        var d = StartWithScore(InstantApproval(), 95);

        var events = d.Send("accept", Window);

        Types(events).ShouldBe(["accept", "clock-started", "timer-set", "timer-set", "timer-set", "auto-approve", "clock-stopped", "notification"]);
        events[5].Actor.ShouldBe(Actor.System);
        d.State.Outcome.ShouldBe("approved");
        Engine.Clock(d.Definition, d.State, Monday.AddHours(3)).Elapsed.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void SystemTransition_GuardFalse_WaitsForManualReview()
    {
        var d = StartWithScore(InstantApproval(), 60);

        Types(d.Send("accept", Window)).ShouldBe(["accept", "clock-started", "timer-set", "timer-set", "timer-set"]);

        d.State.MainState.ShouldBe("checking");
        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(p => p.Event).ShouldBe(["review", "supplement"]);
    }

    [Fact]
    public void SystemTransition_ByAPerson_IsRejected()
    {
        var d = StartWithScore(InstantApproval(), 60);
        d.Send("accept", Window);

        d.Refuse("auto-approve", Window).Reason.ShouldBe("“auto-approve”只能由system操作，当前操作人是window。");
    }

    [Fact]
    public void SystemTransitions_InACycle_AreBoundedAndTheCommandIsRejected()
    {
        var d = TestDefinitions.Enterprise();
        var states = d.States.Select(s => s.Name == "received"
            ? s with { Transitions = new[] { TestDefinitions.On("accept", "ping", "window") } }
            : s).Concat([TestDefinitions.State("ping", TestDefinitions.On("go", "pong", "system")), TestDefinitions.State("pong", TestDefinitions.On("back", "ping", "system"))]);
        var driver = Started(TestDefinitions.Compile(d with { States = new(states) }));

        var rejection = driver.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6090");
        rejection.ReasonEnglish.ShouldBe("Automatic steps fired more than 32 times in a row; the definition probably has a cycle of by: system transitions.");
        driver.State.MainState.ShouldBe("received");
    }

    [Fact]
    public async Task DataSharing_FetchedRecord_LandsInCaseDataSatisfiesTheSharedMaterialAndUnblocksTheAutomaticStep()
    {
        var d = StartWithScore(InstantApproval("data['population.id-card'] != null", "population.id-card"), 0);
        var accepted = d.Send("accept", Window);
        var connector = new FakeConnector(new SharedRecord("population.id-card", ValueMap.Of(("name", "张三"), ("valid", true))));

        var commands = await DataSharing.FetchRequestedAsync(connector, d.State, accepted, CancellationToken.None);
        var events = d.Accept(commands.Single());

        accepted.Single(e => e.Type == "fetch-requested").Data.ShouldBe(ValueMap.Of(("source", "population.id-card")));
        connector.Requests.ShouldBe(["population.id-card"]);
        Types(events).ShouldBe(["data-shared", "auto-approve", "clock-stopped", "notification"]);
        d.State.Data.GetMap("population.id-card").ShouldBe(ValueMap.Of(("name", "张三"), ("valid", true)));
        d.State.Materials.Shared.ShouldBe(["legal-rep-id"]);
        d.State.Outcome.ShouldBe("approved");
    }

    [Fact]
    public void DataShared_UnknownSource_IsRejectedWithHQ6070()
    {
        var d = Started();

        var decision = Engine.Decide(d.Definition, d.State, DataSharing.ToCommand(new SharedRecord("tax.secret", ValueMap.Empty)), d.Now);

        decision.ShouldBeOfType<Rejected>().Rejection.Reason.ShouldBe("未知的共享数据源“tax.secret”。");
    }

    [Fact]
    public void DataShared_SentByAClerk_IsRejected()
    {
        Started().Refuse("data-shared", Window, Payload(("source", "population.id-card"))).Code.ShouldBe("HQ6005");
    }

    private sealed class FakeConnector(SharedRecord record) : IDataSharingConnector
    {
        public List<string> Requests { get; } = [];

        public Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken)
        {
            Requests.Add(source);
            return Task.FromResult<SharedRecord?>(record.Source == source ? record : null);
        }
    }
}
