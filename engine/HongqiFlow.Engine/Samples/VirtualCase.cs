using System.Globalization;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Samples;

/// <summary>
/// One case on a virtual clock, driven in-process: start it, move the clock (every due timer fires in due order at its
/// own instant, timers armed meanwhile too), send commands. The sample runner, <c>hongqi run</c> and simulation use it.
/// </summary>
public sealed class VirtualCase
{
    private const int MaxTimersPerMove = 10_000;

    private readonly List<CaseEvent> _events = [];
    private readonly HashSet<string> _firedTimers = new(StringComparer.Ordinal);

    public VirtualCase(CompiledDefinition definition, DateTimeOffset clock, string caseId = "case-1")
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Now = clock;
        State = CaseState.Initial(definition, caseId);
    }

    public CompiledDefinition Definition { get; }

    public DateTimeOffset Now { get; private set; }

    public CaseState State { get; private set; }

    public IReadOnlyList<CaseEvent> Events => _events;

    public Decision Start(CaseStart start, Channel channel, string idempotencyKey = "start") =>
        Apply(Command.StartCase(start with { CaseId = State.CaseId }, Actor.Window("window-clerk"), channel, idempotencyKey), Now);

    public Decision Send(Command command) => Apply(command, Now);

    /// <summary>Moves the clock to <paramref name="target"/>, firing due timers; returns the events they recorded.</summary>
    public IReadOnlyList<CaseEvent> AdvanceTo(DateTimeOffset target)
    {
        if (target < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"the clock never goes back: {target:O} is before {Now:O}");
        }

        var recorded = new List<CaseEvent>();
        for (var fired = 0; fired < MaxTimersPerMove; fired++)
        {
            var next = State.Timers
                .Where(t => t.Due <= target && !_firedTimers.Contains(t.Id))
                .OrderBy(t => t.Due).ThenBy(t => t.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            _firedTimers.Add(next.Id);
            if (next.Due > Now)
            {
                Now = next.Due;
            }

            if (Apply(Command.FireTimer(next.Id), Now) is Accepted accepted)
            {
                recorded.AddRange(accepted.Events);
            }
        }

        Now = target;
        return recorded;
    }

    /// <summary>Moves the clock by a duration on the item's calendar (working units count working time only).</summary>
    public IReadOnlyList<CaseEvent> Advance(Duration duration) => AdvanceTo(Definition.Calendar.Add(Now, duration));

    public ClockReport Clock() => Engine.Clock(Definition, State, Now);

    public IReadOnlyList<PermittedEvent> Permitted(Actor actor) => Engine.PermittedEvents(Definition, State, actor, Now);

    /// <summary>
    /// The actor a role text names: window, applicant, system, supervisor, lead, department:ID, or department (the
    /// department of <paramref name="branch"/>); null when the text names no role.
    /// </summary>
    public Actor? ActorOf(string by, string? user = null, string? branch = null, string? onBehalfOf = null) =>
        Person(BareActorOf(by, user, branch), onBehalfOf);

    /// <summary>
    /// A department user listed among the people of organization.yaml acts with their name and positions; a deputy
    /// (<paramref name="onBehalfOf"/>) with the positions of the person they act for.
    /// </summary>
    private Actor? Person(Actor? actor, string? onBehalfOf)
    {
        if (actor?.Department is not { } department || Definition.Department(department) is not { } directory)
        {
            return actor;
        }

        var principal = directory.Person(onBehalfOf ?? actor.UserId);
        var self = directory.Person(actor.UserId);
        return principal is null && self is null
            ? actor
            : actor with { Name = self?.Name, Positions = principal?.Positions ?? self?.Positions, OnBehalfOf = onBehalfOf };
    }

    private Actor? BareActorOf(string by, string? user, string? branch)
    {
        ArgumentNullException.ThrowIfNull(by);
        var id = user ?? by.Replace(':', '-');
        if (by.StartsWith("department:", StringComparison.Ordinal) && by.Length > "department:".Length)
        {
            return Actor.OfDepartment(by["department:".Length..], id);
        }

        return by switch
        {
            "window" => Actor.Window(user ?? "window-clerk"),
            "applicant" => Actor.Applicant(user ?? "applicant"),
            "system" => Actor.System,
            "supervisor" => Actor.Supervisor(user ?? "supervisor"),
            "lead" => Actor.Lead(Definition.Definition.Item.Lead, user ?? "lead"),
            "department" when branch is not null && BranchDepartment(branch) is { } department => Actor.OfDepartment(department, id),
            _ => null,
        };
    }

    public static Channel? ChannelOf(string text) => text switch
    {
        "window" => Channel.Window,
        "online" => Channel.Online,
        "assisted" => Channel.Assisted,
        _ => null,
    };

    /// <summary>Warnings as samples write them: <c>case:yellow</c>, <c>approval/tax:red</c>, <c>main:issuing:red</c>.</summary>
    public static string WarningText(CaseWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return $"{warning.Scope}:{warning.Level.ToString().ToLowerInvariant()}";
    }

    /// <summary>A working time as people read it: <c>0.214wd (1.5wh)</c>.</summary>
    public string Show(TimeSpan workingTime)
    {
        var days = workingTime / Definition.Calendar.WorkingDayLength;
        return string.Create(CultureInfo.InvariantCulture, $"{days:0.###}wd ({workingTime.TotalHours:0.##}wh)");
    }

    /// <summary>A duration as working time: wd by the calendar's day length, natural units as plain time.</summary>
    public TimeSpan Span(Duration duration) => duration.Unit switch
    {
        DurationUnit.WorkingDays => Definition.Calendar.WorkingDayLength * (double)duration.Value,
        DurationUnit.WorkingHours or DurationUnit.Hours => TimeSpan.FromHours((double)duration.Value),
        DurationUnit.Days => TimeSpan.FromDays((double)duration.Value),
        _ => TimeSpan.FromMinutes((double)duration.Value),
    };

    private string? BranchDepartment(string branch) =>
        Definition.Regions.FirstOrDefault(r => r.Name.EndsWith("/" + branch, StringComparison.Ordinal))?.Branch?.Department;

    private Decision Apply(Command command, DateTimeOffset now)
    {
        var decision = Engine.Decide(Definition, State, command, now);
        if (decision is Accepted accepted)
        {
            _events.AddRange(accepted.Events);
            State = accepted.NewState;
        }

        return decision;
    }
}
