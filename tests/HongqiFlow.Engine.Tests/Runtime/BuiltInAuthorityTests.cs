using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using Xunit.Abstractions;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// Who may act: for every catalog item, every state reached by a bounded breadth-first walk over permitted events and
/// due times, every event (declared and built in) and every kind of actor, <see cref="Engine.Decide"/> accepts exactly
/// what <see cref="Engine.PermittedEvents"/> lists, and refuses everything else with a code and a reason in Chinese.
/// </summary>
public sealed partial class BuiltInAuthorityTests(ITestOutputHelper output)
{
    private const int MaxStatesPerItem = 60;
    private const int MaxDepth = 14;
    private static readonly DateTimeOffset Start = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void EveryItem_EveryReachedState_EveryEventAndActor_DecideAcceptsExactlyWhatIsPermitted()
    {
        var failures = new List<string>();
        var decisions = 0;
        var states = 0;
        foreach (var definition in ReferenceCatalog.All())
        {
            var actors = Actors(definition);
            var events = Events(definition);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(CaseState State, DateTimeOffset Now, int Depth)>();
            queue.Enqueue((CaseState.Initial(definition, "case-1"), Start, 0));
            var explored = 0;
            while (queue.Count > 0 && explored < MaxStatesPerItem)
            {
                var (state, now, depth) = queue.Dequeue();
                if (!seen.Add(Signature(state, now)))
                {
                    continue;
                }

                explored++;
                foreach (var actor in actors)
                {
                    var permitted = Engine.PermittedEvents(definition, state, actor, now);
                    if (BuiltInAuthority.IsOutsider(definition, actor) && permitted.Count > 0)
                    {
                        failures.Add($"{definition.Code} in {string.Join(",", state.Regions)}: {actor.RoleText}, not of the item, is permitted {string.Join(", ", permitted)}");
                    }

                    foreach (var (command, listed) in Commands(definition, state, now, actor, events, permitted))
                    {
                        decisions++;
                        var decision = Engine.Decide(definition, state, command, now);
                        var where = $"{definition.Code} in {string.Join(",", state.Regions)} ({Describe(state)}): {command.Event}{(command.Branch is null ? "" : "@" + command.Branch)} by {actor.RoleText}";
                        switch (decision)
                        {
                            case Accepted accepted when !listed:
                                failures.Add($"{where}: accepted but not permitted");
                                break;
                            case Accepted accepted:
                                failures.AddRange(VerificationOverdueTests.CreditNoticesWithoutRecord(definition, accepted.Events).Select(n => $"{where}: credit notice without a credit record: {n}"));
                                if (accepted.Events.Count > 0 && depth < MaxDepth)
                                {
                                    queue.Enqueue((accepted.NewState, now, depth + 1));
                                }

                                break;
                            case Rejected rejected when listed:
                                failures.Add($"{where}: permitted but rejected with {rejected.Rejection}");
                                break;
                            case Rejected rejected:
                                var r = rejected.Rejection;
                                if (!CodePattern().IsMatch(r.Code) || !Chinese().IsMatch(r.Reason) || string.IsNullOrWhiteSpace(r.ReasonEnglish))
                                {
                                    failures.Add($"{where}: rejection without a code and a Chinese reason: {r}");
                                }

                                break;
                        }
                    }
                }

                // Time passes: the next due time falls due.
                if (state.Timers.Where(t => t.Due > now).OrderBy(t => t.Due).FirstOrDefault() is { } next && depth < MaxDepth)
                {
                    queue.Enqueue((state, next.Due, depth + 1));
                }
            }

            states += explored;
        }

        output.WriteLine($"{states} states, {decisions} decisions, {failures.Count} mismatches");
        failures.Take(40).ShouldBeEmpty($"{failures.Count} mismatches over {states} states and {decisions} decisions");
        states.ShouldBeGreaterThan(200);
    }

    [Fact]
    public void ADepartmentNotInTheItem_MayNotPauseTheClock_NorRevoke()
    {
        var definition = ReferenceCatalog.All().Single(d => d.Code == "SGXK-0901");
        var d = new CaseDriver(definition, Start);
        d.Accept(Command.StartCase(new CaseStart { CaseId = "case-1", Receipt = "R1", Applicant = CaseDriver.ZhangSan, Submitted = new(["application", "construction-contract", "supervision-contract"]) }, CaseDriver.Window));
        d.Send("accept-committed", CaseDriver.Window);
        var tax = Actor.OfDepartment("tax", "t-1");
        var nobody = Actor.OfDepartment("no-such-department", "x-1");

        var pause = d.Refuse("procedure-start", tax, CaseDriver.Payload(("procedure", "expert-review")));
        pause.Code.ShouldBe(RejectionCodes.DepartmentNotInItem);
        pause.Reason.ShouldContain("税务局不是本事项（建设工程施工许可）的办理部门");
        pause.Reason.ShouldContain("住房和城乡建设局");
        d.Refuse("procedure-start", nobody, CaseDriver.Payload(("procedure", "expert-review"))).Reason.ShouldContain("不是组织目录中的部门");

        d.Send("grant", Actor.OfDepartment("housing", "h-1"));
        d.Refuse("verify", tax, CaseDriver.Payload(("result", "failed"))).Code.ShouldBe(RejectionCodes.DepartmentNotInItem);
        d.Refuse("verify", CaseDriver.Window, CaseDriver.Payload(("result", "failed"))).Code.ShouldBe(RejectionCodes.RoleNotAllowed);
        d.Refuse("verify", Actor.Supervisor("s-1"), CaseDriver.Payload(("result", "failed"))).Code.ShouldBe(RejectionCodes.RoleNotAllowed);
        Engine.PermittedEvents(definition, d.State, tax, d.Now).ShouldBeEmpty();
        d.State.Outcome.ShouldBe("approved");

        d.Send("verify", Actor.Lead("housing", "h-lead"), CaseDriver.Payload(("result", "failed")));
        d.State.Outcome.ShouldBe("revoked");
    }

    [Fact]
    public void TheDepartmentOfTheCurrentStep_MayStartASpecialProcedure_AnotherDepartmentOfTheItemMayNot()
    {
        var definition = ReferenceCatalog.All().Single(d => d.Code == "SGXK-0901");
        var d = new CaseDriver(definition, Start);
        d.Accept(Command.StartCase(new CaseStart
        {
            CaseId = "case-1", Receipt = "R1", Applicant = CaseDriver.ZhangSan,
            Submitted = new(["application", "construction-contract", "supervision-contract", "drawing-review", "funding-proof", "safety-measures"]),
        }, CaseDriver.Window));
        d.Send("accept", CaseDriver.Window);
        d.Refuse("procedure-start", CaseDriver.Window, CaseDriver.Payload(("procedure", "expert-review"))).Code.ShouldBe(RejectionCodes.RoleNotAllowed);

        d.Send("procedure-start", Actor.OfDepartment("housing", "h-1"), CaseDriver.Payload(("procedure", "expert-review")));

        d.State.Clock.Paused.ShouldBeTrue();
    }

    private static List<Actor> Actors(CompiledDefinition definition)
    {
        var item = BuiltInAuthority.ItemDepartments(definition);
        var outsider = definition.Organization.Departments.Select(x => x.Id).First(id => !item.Contains(id));
        return
        [
            Actor.Window("w-1"),
            Actor.Lead(definition.Definition.Item.Lead, "lead-1"),
            .. item.Order(StringComparer.Ordinal).Select(id => Actor.OfDepartment(id, "u-" + id)),
            Actor.OfDepartment(outsider, "u-outsider"),
            Actor.Lead(outsider, "lead-outsider"),
            Actor.OfDepartment("no-such-department", "u-unknown"),
            Actor.Applicant("a-1"),
            Actor.Supervisor("s-1"),
            Actor.System,
        ];
    }

    private static List<string> Events(CompiledDefinition definition) =>
        [.. definition.Regions.SelectMany(r => r.StateList).SelectMany(s => s.Transitions).Select(t => t.Event)
            .Concat(BuiltInEvents.All).Distinct(StringComparer.Ordinal)];

    /// <summary>Each event as a command with a valid payload, and whether the listing permits it (for its region).</summary>
    private static IEnumerable<(Command Command, bool Listed)> Commands(
        CompiledDefinition definition, CaseState state, DateTimeOffset now, Actor actor, List<string> events, IReadOnlyList<PermittedEvent> permitted)
    {
        foreach (var name in events)
        {
            if (name == BuiltInEvents.Start)
            {
                var start = new CaseStart
                {
                    CaseId = "case-1",
                    Receipt = "R1",
                    Applicant = CaseDriver.ZhangSan,
                    Submitted = new([.. definition.Definition.Materials.Where(m => m.Core).Select(m => m.Id)]),
                };
                yield return (Command.StartCase(start, actor), permitted.Any(p => p.Event == name));
                if (!state.IsStarted)
                {
                    // A second start, with every material, reaches the paths of a complete application.
                    yield return (Command.StartCase(start with { Submitted = new([.. definition.Definition.Materials.Select(m => m.Id)]) }, actor), permitted.Any(p => p.Event == name));
                }

                continue;
            }

            if (name == BuiltInEvents.Timer)
            {
                foreach (var timer in state.Timers)
                {
                    yield return (Command.Send(name, actor, payload: ValueMap.Of(("id", timer.Id))), permitted.Any(p => p.Event == name && p.Title == timer.Id));
                }

                continue;
            }

            if (BuiltInEvents.IsBuiltIn(name))
            {
                yield return (Command.Send(name, actor, payload: BuiltInPayload(definition, name)), permitted.Any(p => p.Event == name));
                continue;
            }

            var regions = state.Regions.Where(r => definition.Region(r.Region)!.Transition(r.State, name) is not null).ToList();
            if (regions.Count == 0)
            {
                yield return (Command.Send(name, actor), permitted.Any(p => p.Event == name));
                continue;
            }

            foreach (var r in regions)
            {
                yield return (Command.Send(name, actor, branch: r.Branch), permitted.Any(p => p.Event == name && p.Region == r.Region));
            }
        }
    }

    private static ValueMap BuiltInPayload(CompiledDefinition definition, string name)
    {
        var source = definition.Definition.Materials.Select(m => m.Shared).OfType<string>().FirstOrDefault()
            ?? definition.Organization.DataSources.Select(s => s.Id).FirstOrDefault();
        return name switch
        {
            BuiltInEvents.Supplement => ValueMap.Of(("materials", new[] { definition.Definition.Materials[0].Id })),
            BuiltInEvents.Verify => ValueMap.Of(("result", "passed")),
            BuiltInEvents.ProcedureStart => ValueMap.Of(("procedure", definition.Definition.Item.SpecialProcedures is { Count: > 0 } p ? p[0].Id : "none")),
            BuiltInEvents.Rate => ValueMap.Of(("level", 2), ("category", definition.Definition.Rating.Categories is { Count: > 0 } categories ? categories[0].Id : null)),
            BuiltInEvents.Rectify or BuiltInEvents.Feedback => ValueMap.Of(("note", "已整改")),
            BuiltInEvents.DataShared => ValueMap.Of(("source", source), ("record", ValueMap.Of(("valid", true)))),
            BuiltInEvents.DataRefused => ValueMap.Of(("source", source), ("reason", "无记录")),
            BuiltInEvents.VerifyRating => ValueMap.Of(("result", "confirmed")),
            BuiltInEvents.Certificate => definition.Definition.Materials.FirstOrDefault(m => m.Certificates.Count > 0) is { } m
                ? ValueMap.Of(("material", m.Id), ("type", m.Certificates[0]), ("identifier", CertificateTests.IdentifierOf(m.Certificates[0], "111101050000000004", "T1")),
                    ("issuer", "颁发机构"), ("trust", "library"))
                : ValueMap.Empty,
            _ => ValueMap.Empty,
        };
    }

    private static string Describe(CaseState s) =>
        $"clock {(s.Clock.Stopped ? "stopped" : s.Clock.Paused ? "paused" : s.Clock.Started ? "running" : "-")}, obligations {string.Join(",", s.Obligations.Select(o => o.Id + ":" + o.Status))}, rating {s.Rating?.Level}, missing {s.Materials.Missing.Count}";

    private static string Signature(CaseState s, DateTimeOffset now) =>
        $"{string.Join(",", s.Regions.Select(r => r.Region + "=" + r.State))}|{Describe(s)}|{s.Suspended}|{string.Join(",", s.Materials.Missing)}|{string.Join(",", s.Obligations.Select(o => o.Details.ToString()))}|due {s.Timers.Count(t => t.Due <= now)}/{s.Timers.Count}";

    [GeneratedRegex(@"^HQ6\d{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
