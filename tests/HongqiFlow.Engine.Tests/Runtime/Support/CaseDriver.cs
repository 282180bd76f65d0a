using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Tests.Runtime.Support;

/// <summary>
/// Drives one case through <see cref="Engine.Decide"/> on a virtual clock. After every accepted command it checks that
/// replaying the whole history rebuilds exactly the current state, so every scenario also tests the fold.
/// </summary>
internal sealed class CaseDriver
{
    public static readonly DateTimeOffset Monday = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly Actor Window = Actor.Window("w-001");
    public static readonly Actor ApplicantActor = Actor.Applicant("a-001");
    public static readonly Actor Market = Actor.OfDepartment("market-regulation", "m-001");
    public static readonly Actor Tax = Actor.OfDepartment("tax", "t-001");
    public static readonly Actor Social = Actor.OfDepartment("hr-social-security", "s-001");
    public static readonly Actor MarketLead = Actor.Lead("market-regulation", "m-lead");

    public static readonly Applicant ZhangSan = new("张三", "110101199001011234", "13800000000");

    private readonly List<CaseEvent> _history = [];

    public CaseDriver(CompiledDefinition definition, DateTimeOffset? now = null)
    {
        Definition = definition;
        Now = now ?? Monday;
        State = CaseState.Initial(definition, "case-1");
    }

    public CompiledDefinition Definition { get; }

    public CaseState State { get; private set; }

    public DateTimeOffset Now { get; set; }

    public IReadOnlyList<CaseEvent> History => _history;

    public static CaseDriver Started(
        CompiledDefinition? definition = null,
        string[]? submitted = null,
        Applicant? applicant = null,
        DateTimeOffset? now = null,
        Channel channel = Channel.Window)
    {
        var driver = new CaseDriver(definition ?? TestDefinitions.Compile(), now);
        driver.Start(submitted ?? ["application", "articles", "premises", "shareholder-resolution"], applicant ?? ZhangSan, channel);
        return driver;
    }

    public IReadOnlyList<CaseEvent> Start(string[] submitted, Applicant applicant, Channel channel = Channel.Window)
    {
        var start = new CaseStart { CaseId = "case-1", Receipt = "QYKB-20240923-0001", Applicant = applicant, Submitted = submitted };
        return Accept(Command.StartCase(start, Window, channel, "start-1"));
    }

    public IReadOnlyList<CaseEvent> Send(string @event, Actor actor, ValueMap? payload = null, string? branch = null, Channel channel = Channel.Window, string key = "") =>
        Accept(Command.Send(@event, actor, channel, payload, branch, key));

    public Rejection Refuse(string @event, Actor actor, ValueMap? payload = null, string? branch = null)
    {
        var before = State;
        var decision = Engine.Decide(Definition, State, Command.Send(@event, actor, Channel.Window, payload, branch), Now);
        var rejected = decision.ShouldBeOfType<Rejected>();
        State.ShouldBe(before);
        return rejected.Rejection;
    }

    public IReadOnlyList<CaseEvent> Accept(Command command)
    {
        var decision = Engine.Decide(Definition, State, command, Now);
        if (decision is Rejected r)
        {
            throw new ShouldAssertException($"expected {command.Event} to be accepted, got {r.Rejection}");
        }

        var accepted = (Accepted)decision;
        _history.AddRange(accepted.Events);
        State = accepted.NewState;
        Engine.Replay(Definition, "case-1", _history).ShouldBe(State);
        return accepted.Events;
    }

    /// <summary>Moves the clock to the first pending timer of <paramref name="kind"/> and fires it.</summary>
    public IReadOnlyList<CaseEvent> Fire(TimerKind kind, string? region = null)
    {
        var timer = State.Timers.Where(t => t.Kind == kind && (region is null || t.Region == region)).OrderBy(t => t.Due).First();
        if (timer.Due > Now)
        {
            Now = timer.Due;
        }

        return Accept(Command.FireTimer(timer.Id));
    }

    public DueTimer Timer(TimerKind kind, string? region = null) =>
        State.Timers.Single(t => t.Kind == kind && (region is null || t.Region == region));

    /// <summary>Starts a case with every material and takes it through acceptance and the three approvals.</summary>
    public static CaseDriver AtIssuing(CompiledDefinition? definition = null)
    {
        var d = Started(definition);
        d.Send("accept", Window);
        d.Send("approve", Market, branch: "market");
        d.Send("approve", Tax, branch: "tax");
        d.Send("approve", Social, branch: "social");
        return d;
    }

    /// <summary>
    /// A case through most kinds of event: tolerated acceptance, a branch deemed by its limit, approvals, a supplement,
    /// the issue and a bad rating.
    /// </summary>
    public static CaseDriver FullCase()
    {
        var d = Started(submitted: ["application", "articles", "premises"], channel: Channel.Assisted);
        d.Send("accept-tolerated", Window);
        d.Fire(TimerKind.BranchLimit, "approval/tax");
        d.Send("approve", Market);
        d.Send("approve", Social);
        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "shareholder-resolution" })));
        d.Send("issue", Window);
        d.Send("rate", ApplicantActor, Payload(("level", 2)));
        return d;
    }

    public static IReadOnlyList<string> Types(IEnumerable<CaseEvent> events) => [.. events.Select(e => e.Type)];

    public static ValueList<RegionState> Regions(params (string Region, string State, DateTimeOffset At)[] regions) =>
        new(regions.Select(r => new RegionState(r.Region, r.State, r.At)));

    public static ValueMap Payload(params (string Key, object? Value)[] items) => ValueMap.Of(items);
}
