using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Hosting;

public sealed class CaseJsonTests
{
    /// <summary>The cases the runtime tests drive, one per feature: every kind of state, obligation, timer and event they produce.</summary>
    public static TheoryData<string> Scenarios() => ["accepted", "tolerated-then-supplemented", "committed-then-verified", "one-time-notice", "branch-deemed", "suspended", "issued-and-rated-bad", "procedure", "branch-procedure-past-max-and-statutory", "online-withdrawn", "data-payload"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Serialize_EveryStateAndEventOfAScenario_RoundTripsToAnEqualRecord(string scenario)
    {
        var d = Drive(scenario);
        var states = new List<CaseState> { CaseState.Initial(d.Definition, "case-1") };
        foreach (var e in d.History)
        {
            states.Add(Engine.Apply(d.Definition, states[^1], e));
        }

        foreach (var state in states)
        {
            CaseJson.DeserializeState(CaseJson.Serialize(state)).ShouldBe(state);
        }

        foreach (var e in d.History)
        {
            CaseJson.DeserializeEvent(CaseJson.Serialize(e)).ShouldBe(e);
        }

        states[^1].ShouldBe(d.State);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SerializeEvents_EveryEventOfAScenario_InOneBatchOrDecisionByDecision_ReadsBackAsTheDecidedHistory(string scenario)
    {
        var d = Drive(scenario);
        var states = new List<CaseState> { CaseState.Initial(d.Definition, "case-1") };
        foreach (var e in d.History)
        {
            states.Add(Engine.Apply(d.Definition, states[^1], e));
        }

        var whole = CaseJson.SerializeEvents(d.History, states[0]);
        var oneByOne = d.History.Select((e, i) => CaseJson.SerializeEvents([e], states[i])[0]).ToList();

        foreach (var payloads in new[] { whole, oneByOne.ToArray() })
        {
            payloads.ShouldAllBe(p => p.StartsWith("{\"format\":2,", StringComparison.Ordinal));
            var back = CaseJson.DeserializeHistory(payloads.Select((p, i) => ((long)i + 1, p)));
            back.ShouldBe(d.History);
            Engine.Replay(d.Definition, "case-1", back).ShouldBe(d.State);
        }
    }

    [Fact]
    public void SerializeEvents_LeavesOutDefaultsTheSequenceAndWhatThePreviousEventOrTheTimerHolds()
    {
        var d = Drive("accepted");
        var payloads = CaseJson.SerializeEvents(d.History, CaseState.Initial(d.Definition, "case-1"));

        foreach (var p in payloads)
        {
            foreach (var left in new[] { ":null", ":false", ":\"\"", "\"sequence\"", "\\u" })
            {
                p.ShouldNotContain(left, Case.Sensitive, p);
            }
        }

        payloads[0].ShouldContain("\"applicant\":{\"name\":\"张三\"");
        payloads.Skip(1).ShouldAllBe(p => !p.Contains("\"data\":{}", StringComparison.Ordinal));

        payloads[0].ShouldContain("\"regions\":[{\"region\":\"main\",\"state\":\"received\"");
        var timerSet = d.History.Select((e, i) => (e, i)).First(x => x.e.Type == CaseEventTypes.TimerSet);
        var timerJson = payloads[timerSet.i];
        timerJson.ShouldContain("\"timer\":{\"id\":\"" + timerSet.e.Timer!.Id + "\"");
        timerJson.ShouldNotContain("\"data\"");
        timerJson.ShouldNotContain("\"regions\"");
        timerJson.ShouldNotContain("\"actor\"");
        timerJson.ShouldNotContain("\"at\"");

        // A whole event in the released format is at least twice the size.
        var compact = payloads.Sum(p => p.Length);
        var whole = d.History.Sum(e => CaseJson.Serialize(e).Length);
        compact.ShouldBeLessThan(whole / 2);
    }

    [Fact]
    public void DeserializeEvent_CompactEventWithoutTheEventsBeforeIt_SaysWhatIsMissing()
    {
        var d = Drive("accepted");
        var payloads = CaseJson.SerializeEvents(d.History, CaseState.Initial(d.Definition, "case-1"));
        var withoutRegions = payloads.First(p => !p.Contains("\"regions\"", StringComparison.Ordinal));

        Should.Throw<CaseJsonException>(() => CaseJson.DeserializeEvent(withoutRegions)).Message
            .ShouldContain("and no event before it to take it from");
        CaseJson.DeserializeEvent(payloads[0]).ShouldBe(d.History[0] with { Sequence = 0 });
    }

    [Fact]
    public void SerializeEvents_TimerSetWhoseDetailsAreNotItsTimers_IsWrittenWhole()
    {
        var d = Drive("accepted");
        var states = new List<CaseState> { CaseState.Initial(d.Definition, "case-1") };
        foreach (var e in d.History)
        {
            states.Add(Engine.Apply(d.Definition, states[^1], e));
        }

        var i = d.History.ToList().FindIndex(e => e.Type == CaseEventTypes.TimerSet);
        var odd = d.History[i] with { Data = ValueMap.Of(("note", "by hand")) };

        var json = CaseJson.SerializeEvents([odd], states[i])[0];

        json.ShouldStartWith("{\"format\":1,");
        CaseJson.DeserializeHistory([(odd.Sequence, json)]).Single().ShouldBe(odd);
    }

    [Fact]
    public void Serialize_State_WritesTheFormatVersionCamelCaseNamesEnumNamesAndInstantsWithTheirOffset()
    {
        var d = Started();

        var json = CaseJson.Serialize(d.State);

        json.ShouldStartWith("""{"format":1,"state":{"caseId":"case-1","receipt":"QYKB-20240923-0001","definitionCode":"QYKB-0001","definitionVersion":1,""");
        json.ShouldContain("""{"region":"main","state":"received","enteredAt":"2024-09-23T09:00:00+08:00"}""");
        json.ShouldContain("\"channel\":\"Window\"");
        json.ShouldNotContain("isStarted");
        json.ShouldNotContain("mainState");
    }

    [Fact]
    public void Serialize_ValueMapWithNestedMapsListsNumbersAndNull_RoundTripsEqual()
    {
        var data = ValueMap.Of(("capital", 500000), ("rate", 0.125m), ("ok", true), ("none", null), ("tags", new[] { "a", "b" }), ("nested", ValueMap.Of(("x", new object?[] { 1, "two", null }))));
        var e = Started().History[0] with { Data = data };

        var back = CaseJson.DeserializeEvent(CaseJson.Serialize(e));

        back.ShouldBe(e);
        back.Data["capital"].ShouldBe(500000m);
        back.Data.GetMap("nested")!.GetStrings("x").ShouldBe(["1", "two", ""]);
    }

    [Fact]
    public void Serialize_InstantWithTicksAndAnotherOffset_KeepsBothExactly()
    {
        var at = new DateTimeOffset(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1234567);
        var e = Started().History[0] with { At = at };

        var back = CaseJson.DeserializeEvent(CaseJson.Serialize(e));

        back.At.Ticks.ShouldBe(at.Ticks);
        back.At.Offset.ShouldBe(TimeSpan.FromHours(-5));
    }

    [Fact]
    public void DeserializeState_UnknownFormat_SaysWhichFormatItFoundAndWhichItReads()
    {
        var json = CaseJson.Serialize(Started().State).Replace("\"format\":1", "\"format\":7", StringComparison.Ordinal);

        Should.Throw<CaseJsonException>(() => CaseJson.DeserializeState(json)).Message
            .ShouldBe("the case state document has format 7; this build reads format 1");
    }

    [Fact]
    public void DeserializeEvent_BrokenText_SaysWhere()
    {
        var ex = Should.Throw<CaseJsonException>(() => CaseJson.DeserializeEvent("""{"format":1,"event":{"sequence":"x"}}"""));

        ex.Message.ShouldStartWith("the case event document cannot be read at $.event.sequence (line 1)");
    }

    private static CaseDriver Drive(string scenario)
    {
        CaseDriver d;
        switch (scenario)
        {
            case "accepted":
                d = Started();
                d.Send("accept", Window, key: "k-accept");
                d.Send("approve", Market);
                return d;
            case "tolerated-then-supplemented":
                d = Started(submitted: ["application", "articles", "premises"]);
                d.Send("accept-tolerated", Window);
                d.Now = Monday.AddHours(2);
                d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "shareholder-resolution" })));
                return d;
            case "committed-then-verified":
                d = Started(submitted: ["application", "articles", "shareholder-resolution"]);
                d.Send("accept-committed", Window);
                d.Send("verify", Market, Payload(("result", "passed")));
                return d;
            case "one-time-notice":
                d = Started(submitted: ["application"]);
                d.Send("notify-missing", Window);
                d.Now = Monday.AddDays(1);
                d.Send("resubmit", ApplicantActor);
                return d;
            case "branch-deemed":
                d = Started();
                d.Send("accept", Window);
                d.Now = Monday.AddHours(5);
                d.Fire(TimerKind.BranchLimit, "approval/tax");
                return d;
            case "suspended":
                d = Started();
                d.Send("accept", Window);
                d.Send("reject", Tax);
                return d;
            case "issued-and-rated-bad":
                d = AtIssuing();
                d.Send("issue", Window);
                d.Send("rate", ApplicantActor, Payload(("level", 1), ("comment", "太慢")));
                d.Send("rectify", Window, Payload(("note", "优化告知单")));
                return d;
            case "procedure":
                d = Started();
                d.Send("accept", Window);
                d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
                d.Now = Monday.AddDays(2);
                d.Send("procedure-end", Market);
                return d;
            case "branch-procedure-past-max-and-statutory":
                d = Started(TestDefinitions.Compile(Runtime.SpecialProcedureTests.WithMarketInspection()));
                d.Send("accept", Window);
                d.Send("inspect", Market, branch: "market");
                d.Fire(TimerKind.ProcedureMax);
                d.Fire(TimerKind.StatutoryLimit);
                d.Fire(TimerKind.StatutoryLimit);
                d.History.ShouldContain(e => e.Type == CaseEventTypes.StatutoryOverdue);
                return d;
            case "online-withdrawn":
                d = Started(channel: Channel.Online);
                d.Send("withdraw", ApplicantActor, channel: Channel.Online);
                return d;
            default:
                d = Started();
                d.Send("accept", Window, Payload(("data", ValueMap.Of(("capital", 500000), ("shareholders", new[] { "张三", "李四" })))));
                return d;
        }
    }
}
