using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Hosting.Demo;

/// <summary>
/// One demonstration case and what its applicant and the staff will do: the plan is drawn when the case is made, each
/// step asks the engine what is permitted now and does one thing, then says when the next step comes.
/// </summary>
internal sealed class DemoCase
{
    private static readonly string[] FamilyNames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "海燕"];
    private static readonly string[] Regions = ["110105", "310104", "440305", "330106", "510107", "420106"];
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private readonly CompiledDefinition _definition;
    private readonly Channel _channel;
    private readonly bool _assisted;
    private readonly Applicant _applicant;
    private readonly DemoPlan _plan;
    private readonly bool _willSupplement;
    private readonly bool _willRate;
    private int _steps;
    private int _idle;
    private bool _ratingDelayed;
    private bool _rectified;
    private bool _fedBack;

    private DemoCase(int index, CompiledDefinition definition, DateTimeOffset start, Channel channel, bool assisted, Applicant applicant, DemoPlan plan, bool willSupplement, bool willRate, string caseId)
    {
        Index = index;
        _definition = definition;
        Start = start;
        _channel = channel;
        _assisted = assisted;
        _applicant = applicant;
        _plan = plan;
        _willSupplement = willSupplement;
        _willRate = willRate;
        CaseId = caseId;
    }

    public int Index { get; }

    public DateTimeOffset Start { get; }

    public string CaseId { get; }

    public static DemoCase Plan(int index, CompiledDefinition definition, Random random, DateTimeOffset start)
    {
        var channelDraw = random.NextDouble();
        var channel = channelDraw < 0.62 ? Channel.Window : channelDraw < 0.9 ? Channel.Online : Channel.Assisted;
        var assisted = channel == Channel.Assisted || (channel == Channel.Window && random.NextDouble() < 0.12);
        var planDraw = random.NextDouble();
        var plan = planDraw < 0.68 ? DemoPlan.Complete : planDraw < 0.84 ? DemoPlan.Tolerate : planDraw < 0.93 ? DemoPlan.Notice : DemoPlan.Commit;
        var date = TimeZoneInfo.ConvertTime(start, definition.Calendar.TimeZone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var caseId = $"{date}-DM{index:D4}{random.Next(0x10000):X4}";
        return new DemoCase(index, definition, start, channel, assisted, NewApplicant(random), plan, random.NextDouble() < 0.92, random.NextDouble() < 0.85, caseId);
    }

    /// <summary>Does one thing the engine permits now; returns the commands sent and when the next step comes (null: done).</summary>
    public async Task<(int Commands, DateTimeOffset? Next)> StepAsync(CaseService cases, Random random, DateTimeOffset now, CancellationToken ct)
    {
        _steps++;
        if (_steps == 1)
        {
            await cases.StartAsync(_definition.Code, NewStart(random), Actor.Window("demo-window"), _channel, "demo:start:" + CaseId, ct).ConfigureAwait(false);
            return (1, Later(now, Duration.Minutes(3 + random.Next(40))));
        }

        var state = (await cases.GetAsync(CaseId, null, ct).ConfigureAwait(false)).State;
        if (state.Outcome is not null)
        {
            return await AfterOutcomeAsync(cases, state, random, now, ct).ConfigureAwait(false);
        }

        if (state.OpenObligation(Obligation.SupplementId) is { } supplement && _willSupplement && random.NextDouble() < 0.5)
        {
            await SendAsync(cases, BuiltInEvents.Supplement, Actor.Window("demo-window"), ValueMap.Of(("materials", supplement.Materials.ToList())), null, ct).ConfigureAwait(false);
            return (1, Later(now, Duration.Minutes(10 + random.Next(50))));
        }

        if (state.Clock.Paused)
        {
            var staff = DepartmentActors().FirstOrDefault(a => Engine.PermittedEvents(_definition, state, a, now).Any(p => p.Event == BuiltInEvents.ProcedureEnd));
            if (staff is not null)
            {
                await SendAsync(cases, BuiltInEvents.ProcedureEnd, staff, ValueMap.Empty, null, ct).ConfigureAwait(false);
                return (1, Later(now, Duration.WorkingHours(0.5m)));
            }
        }

        var choice = Choose(state, random, now);
        if (choice is null)
        {
            // Waiting on a timer, a supplement or a verification: look again later, but not forever.
            return (0, ++_idle > 30 ? null : Later(now, Duration.WorkingHours(1 + random.Next(3))));
        }

        var (actor, permitted, transition) = choice.Value;
        var branch = _definition.Region(permitted.Region)?.Branch?.Name;
        if (actor.Role == ActorRole.Department && permitted.Region != RegionState.Main && random.NextDouble() < 0.02
            && _definition.Definition.Item.SpecialProcedures.Count > 0
            && Engine.PermittedEvents(_definition, state, actor, now).Any(p => p.Event == BuiltInEvents.ProcedureStart))
        {
            var procedure = _definition.Definition.Item.SpecialProcedures[0].Id;
            await SendAsync(cases, BuiltInEvents.ProcedureStart, actor, ValueMap.Of(("procedure", procedure)), null, ct).ConfigureAwait(false);
            return (1, Later(now, Duration.WorkingDays(1 + random.Next(3))));
        }

        var payload = permitted.Event.StartsWith("reject", StringComparison.Ordinal) || permitted.Event.StartsWith("refuse", StringComparison.Ordinal)
            ? ValueMap.Of(("reason", "不符合法定条件"))
            : transition?.Notice == NoticeKind.None && state.Materials.Missing.Count > 0 && permitted.Event.Contains("submit", StringComparison.Ordinal)
                ? ValueMap.Of(("materials", state.Materials.Missing.ToList()))
                : ValueMap.Empty;
        var result = await SendAsync(cases, permitted.Event, actor, payload, branch, ct).ConfigureAwait(false);
        var nextState = result.State ?? state;
        return (1, Later(now, Delay(nextState, random)));
    }

    private async Task<(int Commands, DateTimeOffset? Next)> AfterOutcomeAsync(CaseService cases, CaseState state, Random random, DateTimeOffset now, CancellationToken ct)
    {
        if (state.Rating is null)
        {
            if (!_willRate || !Engine.PermittedEvents(_definition, state, Actor.Applicant("demo-applicant"), now).Any(p => p.Event == BuiltInEvents.Rate))
            {
                return (0, null);
            }

            if (!_ratingDelayed)
            {
                // The applicant rates some time after the result, not at once.
                _ratingDelayed = true;
                return (0, Later(now, Duration.Hours(1 + random.Next(40))));
            }

            var draw = random.NextDouble();
            var level = draw < 0.72 ? 5 : draw < 0.93 ? 4 : draw < 0.975 ? 3 : draw < 0.99 ? 2 : 1;
            var comment = level switch { 5 => "办事快，服务好", 4 => "满意", 3 => "还可以", 2 => "等待时间长", _ => "多次往返，材料要求不清楚" };
            await SendAsync(cases, BuiltInEvents.Rate, Actor.Applicant("applicant:" + CaseId), ValueMap.Of(("level", (long)level), ("comment", comment)), null, ct, Channel.Online).ConfigureAwait(false);
            return (1, level <= 2 ? Later(now, Duration.WorkingDays(1 + random.Next(6))) : null);
        }

        if (!state.Rating.IsBad)
        {
            return (0, null);
        }

        if (!_rectified)
        {
            _rectified = true;
            if (random.NextDouble() < 0.85)
            {
                await SendAsync(cases, BuiltInEvents.Rectify, Actor.Supervisor("demo-supervisor"), ValueMap.Of(("note", "已约谈窗口并优化告知流程")), null, ct).ConfigureAwait(false);
                return (1, Later(now, Duration.WorkingDays(1 + random.Next(3))));
            }

            return (0, null);
        }

        if (!_fedBack)
        {
            _fedBack = true;
            if (random.NextDouble() < 0.9)
            {
                await SendAsync(cases, BuiltInEvents.Feedback, Actor.Supervisor("demo-supervisor"), ValueMap.Of(("note", "已电话回访申请人")), null, ct).ConfigureAwait(false);
                return (1, null);
            }
        }

        return (0, null);
    }

    /// <summary>
    /// The event to send now: the plan's way of accepting first (tolerance, commitment, one-time notice), then the
    /// ordinary next step; an occasional refusal; never a withdrawal.
    /// </summary>
    private (Actor Actor, PermittedEvent Permitted, TransitionDefinition? Transition)? Choose(CaseState state, Random random, DateTimeOffset now)
    {
        var candidates = new List<(Actor Actor, PermittedEvent Permitted, TransitionDefinition? Transition)>();
        foreach (var actor in Actors())
        {
            foreach (var permitted in Engine.PermittedEvents(_definition, state, actor, now))
            {
                if (BuiltInEvents.IsBuiltIn(permitted.Event) || TaskOperations.IsOperation(permitted.Event) || permitted.Event.Contains("withdraw", StringComparison.Ordinal)
                    || candidates.Any(c => c.Permitted.Event == permitted.Event && c.Permitted.Region == permitted.Region))
                {
                    continue;
                }

                candidates.Add((actor, permitted, TransitionOf(state, permitted)));
            }
        }

        bool Refusal((Actor, PermittedEvent Permitted, TransitionDefinition? Transition) c) =>
            c.Permitted.Event.StartsWith("reject", StringComparison.Ordinal) || c.Permitted.Event.StartsWith("refuse", StringComparison.Ordinal);
        var planned = candidates.FirstOrDefault(c => c.Transition is { } t && (_plan switch
        {
            DemoPlan.Tolerate => t.Tolerance,
            DemoPlan.Commit => t.Commitment,
            DemoPlan.Notice => t.Notice != NoticeKind.None && !state.NoticeGiven,
            _ => false,
        }));
        if (planned.Actor is not null)
        {
            return planned;
        }

        var ordinary = candidates.Where(c => !Refusal(c) && c.Transition is not { Tolerance: true } and not { Commitment: true } && c.Transition?.Notice is null or NoticeKind.None).ToList();
        var refusals = candidates.Where(Refusal).ToList();
        if (refusals.Count > 0 && (ordinary.Count == 0 || random.NextDouble() < 0.025))
        {
            return refusals[random.Next(refusals.Count)];
        }

        if (ordinary.Count > 0)
        {
            return ordinary[random.Next(ordinary.Count)];
        }

        // Nothing ordinary is left (e.g. materials are missing and the plan's way is closed): any way on that is no refusal.
        var rest = candidates.Where(c => !Refusal(c)).ToList();
        return rest.Count > 0 ? rest[random.Next(rest.Count)] : null;
    }

    private TransitionDefinition? TransitionOf(CaseState state, PermittedEvent permitted)
    {
        var region = _definition.Region(permitted.Region);
        var current = state.Regions.FirstOrDefault(r => r.Region == permitted.Region)?.State;
        return region is null || current is null || !region.HasState(current) ? null
            : region.State(current).Transitions.FirstOrDefault(t => t.Event == permitted.Event);
    }

    /// <summary>How long until the next step: departments take working hours (some beyond their limit), the window minutes, applicants days to correct.</summary>
    private Duration Delay(CaseState state, Random random)
    {
        if (state.Regions.Any(r => r.Region != RegionState.Main && _definition.Region(r.Region)?.Branch is not null))
        {
            return Duration.WorkingHours(decimal.Round((decimal)(0.1 + (random.NextDouble() * random.NextDouble() * 2.2)), 2));
        }

        if (state.Regions.FirstOrDefault(r => r.Region == RegionState.Main) is { } main && _definition.Main.HasState(main.State)
            && _definition.Main.State(main.State) is { Clock: ClockMode.NotStarted, Initial: false })
        {
            return Duration.WorkingDays(1 + random.Next(4));
        }

        return Duration.Minutes(5 + random.Next(40));
    }

    private DateTimeOffset Later(DateTimeOffset now, Duration duration) => _definition.Calendar.Add(now, duration);

    private async Task<CaseResult> SendAsync(CaseService cases, string @event, Actor actor, ValueMap payload, string? branch, CancellationToken ct, Channel? channel = null)
    {
        var viaChannel = channel ?? (actor.Role is ActorRole.Window or ActorRole.Applicant ? _channel : Channel.Window);
        return await cases.SendAsync(CaseId, Command.Send(@event, actor, viaChannel, payload, branch, $"demo:{_steps}:{@event}"), ct).ConfigureAwait(false);
    }

    private IEnumerable<Actor> Actors()
    {
        yield return Actor.Window("demo-window");
        foreach (var actor in DepartmentActors())
        {
            yield return actor;
        }

        yield return Actor.Lead(_definition.Definition.Item.Lead, "demo-lead");
        yield return Actor.Applicant("applicant:" + CaseId);
    }

    /// <summary>Each department of the item, and each person organization.yaml lists for it (personal tasks need a person).</summary>
    private IEnumerable<Actor> DepartmentActors() =>
        _definition.Regions.Select(r => r.Branch?.Department).Concat(_definition.Definition.States.Select(s => s.Department))
            .OfType<string>().Distinct(StringComparer.Ordinal)
            .SelectMany(d => (_definition.Department(d)?.People ?? []).Select(p => Actor.OfDepartment(d, p.Id) with { Name = p.Name, Positions = p.Positions })
                .Prepend(Actor.OfDepartment(d, "demo-" + d)));

    private CaseStart NewStart(Random random)
    {
        var submitted = _definition.Definition.Materials.Where(m => m.Shared is null && !m.Optional).Select(m => m.Id).ToList();
        string? Drop(Func<MaterialDefinition, bool> which)
        {
            var pool = _definition.Definition.Materials.Where(m => submitted.Contains(m.Id) && which(m)).ToList();
            if (pool.Count == 0)
            {
                return null;
            }

            var dropped = pool[random.Next(pool.Count)].Id;
            submitted.Remove(dropped);
            return dropped;
        }

        _ = _plan switch
        {
            DemoPlan.Tolerate => Drop(m => m.Tolerable && !m.Core),
            DemoPlan.Commit => Drop(m => m.Committable && !m.Core),
            DemoPlan.Notice => Drop(m => m.Core) ?? Drop(_ => true),
            _ => null,
        };
        return new CaseStart
        {
            CaseId = CaseId,
            Receipt = CaseId,
            Applicant = _applicant,
            Submitted = new ValueList<string>(submitted),
            Assisted = _assisted,
        };
    }

    private static Applicant NewApplicant(Random random)
    {
        var name = FamilyNames[random.Next(FamilyNames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var birth = new DateOnly(1955, 1, 1).AddDays(random.Next(365 * 48));
        var first17 = Regions[random.Next(Regions.Length)] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }

        var phone = "1" + "358"[random.Next(3)] + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        return new Applicant(name, first17 + "10X98765432"[sum % 11], phone, BadCredit: false, FalsePledge: false);
    }

    private enum DemoPlan
    {
        Complete,
        Tolerate,
        Notice,
        Commit,
    }
}
