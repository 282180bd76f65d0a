using System.Diagnostics;
using System.Globalization;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Samples;

/// <summary>
/// Runs a sample against the engine on a virtual clock: starts the case, moves the clock (firing due timers in due
/// order, each at its own instant), sends events, checks expectations after steps and at the end, and finally checks
/// that replaying the recorded history rebuilds exactly the final state.
/// </summary>
public sealed class SampleRunner(DefinitionLibrary library)
{
    private const int MaxTimersPerStep = 10_000;

    public SampleOutcome Run(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var definition = library.Find(sample.Definition);
        if (definition is null)
        {
            SampleFailure[] failures = [new SampleFailure(sample.At, "definition", $"a definition named '{sample.Definition}'", $"none; known: {string.Join(", ", library.Names)}")];
            return new SampleOutcome(sample, failures, null, [], TimeSpan.Zero);
        }

        return Run(sample, definition);
    }

    /// <summary>
    /// Runs a sample against a given definition (a draft under simulation), whatever its <see cref="Sample.Definition"/>
    /// names; the outcome's <see cref="SampleOutcome.Steps"/> holds the case after the start and after every step.
    /// </summary>
    public static SampleOutcome Run(Sample sample, CompiledDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(definition);
        var watch = Stopwatch.StartNew();
        var failures = new List<SampleFailure>();
        var events = new List<CaseEvent>();
        var run = new SampleRun(definition, sample, failures, events);
        try
        {
            run.Execute();
        }
        catch (ExpressionException ex)
        {
            failures.Add(new SampleFailure(ex.Location, "guard", "a guard that evaluates", ex.Message));
        }

        if (run.State is { } final && events.Count > 0)
        {
            var replayed = Engine.Replay(definition, final.CaseId, events);
            if (!replayed.Equals(final))
            {
                failures.Add(new SampleFailure(sample.At, "replay", "replaying the history rebuilds the final state", "the replayed state differs"));
            }
        }

        return new SampleOutcome(sample, failures, run.State, events, watch.Elapsed) { Steps = run.Snapshots };
    }

    private sealed class SampleRun(CompiledDefinition definition, Sample sample, List<SampleFailure> failures, List<CaseEvent> events)
    {
        private readonly HashSet<string> _firedTimers = new(StringComparer.Ordinal);
        private DateTimeOffset _now = sample.Clock;
        private int _recorded;
        private Rejection? _rejection;

        public CaseState? State { get; private set; }

        public List<SampleStepSnapshot> Snapshots { get; } = [];

        /// <summary>Records the case as a step left it: the events since the previous snapshot, and a rejection if any.</summary>
        private void Snapshot(int index, string label)
        {
            if (State is null)
            {
                return;
            }

            Snapshots.Add(new SampleStepSnapshot(index, label, _now, State, [.. events.Skip(_recorded)], _rejection));
            _recorded = events.Count;
            _rejection = null;
        }

        public void Execute()
        {
            var channel = ParseChannel(sample.Case.Channel, sample.Case.At);
            var start = new CaseStart
            {
                CaseId = "sample-" + Slug(sample.Name),
                Receipt = "S" + _now.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
                Applicant = ApplicantOf(sample.Case.Applicant),
                Submitted = sample.Case.Submitted,
                Assisted = sample.Case.Assisted,
                Data = ValueMap.From(sample.Case.Data),
            };
            var state = CaseState.Initial(definition, start.CaseId);
            switch (Engine.Decide(definition, state, Command.StartCase(start, Actor.Window("window-clerk"), channel, "sample:start"), _now))
            {
                case Accepted accepted:
                    Record(accepted);
                    break;
                case Rejected rejected:
                    failures.Add(new SampleFailure(sample.Case.At, "start", "the case starts", rejected.Rejection.ToString()));
                    return;
            }

            Snapshot(0, "start");

            for (var i = 0; i < sample.Steps.Count; i++)
            {
                var step = sample.Steps[i];
                if (step.AtTime is { } at)
                {
                    AdvanceTo(at, step.At);
                }

                if (step.After is { } after)
                {
                    AdvanceTo(Add(_now, after), step.At);
                }

                if (step.Send is { } send)
                {
                    SendEvent(step, send, i);
                }

                if (step.Expect is { } expect)
                {
                    Check(expect, $"after step {i + 1}");
                }

                Snapshot(i + 1, StepLabel(step));
            }

            Check(sample.Expect, "at the end");
        }

        private static string StepLabel(SampleStep step)
        {
            var parts = new List<string>();
            if (step.AtTime is { } at)
            {
                parts.Add("at " + at.ToString("O", CultureInfo.InvariantCulture));
            }

            if (step.After is { } after)
            {
                parts.Add("after " + after);
            }

            if (step.Send is { } send)
            {
                parts.Add($"{send}{(step.Branch is null ? string.Empty : "@" + step.Branch)} by {step.By ?? "window"}");
            }

            return parts.Count == 0 ? "check" : string.Join(", ", parts);
        }

        private DateTimeOffset Add(DateTimeOffset from, Duration duration) => definition.Calendar.Add(from, duration);

        /// <summary>Moves the clock, firing every due timer in due order at its own instant (timers armed meanwhile too).</summary>
        private void AdvanceTo(DateTimeOffset target, SourceLocation at)
        {
            if (target < _now)
            {
                failures.Add(new SampleFailure(at, "clock", $"an instant after {_now:O}", $"{target:O}: the clock never goes back"));
                return;
            }

            for (var fired = 0; fired < MaxTimersPerStep; fired++)
            {
                var next = State!.Timers
                    .Where(t => t.Due <= target && !_firedTimers.Contains(t.Id))
                    .OrderBy(t => t.Due).ThenBy(t => t.Id, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (next is null)
                {
                    break;
                }

                _firedTimers.Add(next.Id);
                var when = next.Due > _now ? next.Due : _now;
                _now = when;
                if (Engine.Decide(definition, State, Command.FireTimer(next.Id), when) is Accepted accepted)
                {
                    Record(accepted);
                }
            }

            _now = target;
        }

        private void SendEvent(SampleStep step, string send, int index)
        {
            var actor = ActorOf(step.By ?? "window", step.User, step.Branch, step.At);
            if (actor is null)
            {
                return;
            }

            var channel = step.Channel is { } c ? ParseChannel(c, step.At) : ParseChannel(sample.Case.Channel, step.At);
            var command = Command.Send(send, actor, channel, ValueMap.From(step.Payload), step.Branch, $"sample:{index}");
            var decision = Engine.Decide(definition, State!, command, _now);
            _rejection = (decision as Rejected)?.Rejection;
            switch (decision)
            {
                case Accepted accepted when step.Rejected is not null:
                    Record(accepted);
                    failures.Add(new SampleFailure(step.At, $"'{send}' by {step.By ?? "window"}", step.Rejected.Length == 0 ? "a rejection" : $"rejection {step.Rejected}", "accepted"));
                    break;
                case Accepted accepted:
                    Record(accepted);
                    break;
                case Rejected rejected when step.Rejected is null:
                    failures.Add(new SampleFailure(step.At, $"'{send}' by {step.By ?? "window"}", "accepted", rejected.Rejection.ToString()));
                    break;
                case Rejected rejected when step.Rejected.Length > 0 && step.Rejected != rejected.Rejection.Code:
                    failures.Add(new SampleFailure(step.At, $"'{send}' by {step.By ?? "window"}", $"rejection {step.Rejected}", rejected.Rejection.ToString()));
                    break;
            }
        }

        private void Record(Accepted accepted)
        {
            events.AddRange(accepted.Events);
            State = accepted.NewState;
        }

        private void Check(SampleExpectation expect, string when)
        {
            var state = State!;
            void Compare(string what, string expected, string actual)
            {
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    failures.Add(new SampleFailure(expect.At, $"{what} {when}", expected, actual));
                }
            }

            if (expect.State is { } expectedState)
            {
                Compare("state", expectedState, state.MainState);
            }

            if (expect.Branches is { } branches)
            {
                foreach (var (branch, expectedBranchState) in branches)
                {
                    var region = state.Regions.FirstOrDefault(r => r.Region.EndsWith("/" + branch, StringComparison.Ordinal));
                    Compare($"branch {branch}", expectedBranchState, region?.State ?? "(not active)");
                }
            }

            if (expect.Outcome is { } outcome)
            {
                Compare("outcome", outcome, state.Outcome ?? "(none)");
            }

            if (expect.ElapsedMin is not null || expect.ElapsedMax is not null)
            {
                var elapsed = Engine.Clock(definition, state, _now).Elapsed;
                var shown = Show(elapsed);
                if (expect.ElapsedMin is { } min && elapsed < Span(min))
                {
                    failures.Add(new SampleFailure(expect.At, $"elapsed working time {when}", $"at least {min}", shown));
                }

                if (expect.ElapsedMax is { } max && elapsed > Span(max))
                {
                    failures.Add(new SampleFailure(expect.At, $"elapsed working time {when}", $"at most {max}", shown));
                }
            }

            if (expect.Obligations is { } obligations)
            {
                Compare("open obligations", List(obligations.Order(StringComparer.Ordinal)), List(state.Obligations.Where(o => o.IsOpen).Select(o => o.Id).Order(StringComparer.Ordinal)));
            }

            if (expect.Warnings is { } warnings)
            {
                Compare("warnings", List(warnings), List(state.Warnings.Select(WarningText)));
            }

            if (expect.Notifications is { } notifications)
            {
                var sent = events.Where(e => e.Type == CaseEventTypes.Notification).Select(e => e.Data.GetString("template") ?? string.Empty);
                Compare("notifications", List(notifications), List(sent));
            }

            if (expect.Events is { } expectedEvents)
            {
                var recorded = events.Select(e => e.Type).ToHashSet(StringComparer.Ordinal);
                var absent = expectedEvents.Where(e => !recorded.Contains(e)).ToList();
                if (absent.Count > 0)
                {
                    failures.Add(new SampleFailure(expect.At, $"events {when}", $"recorded: {List(expectedEvents)}", $"never recorded: {List(absent)}"));
                }
            }

            if (expect.Missing is { } missing)
            {
                Compare("missing materials", List(missing.Order(StringComparer.Ordinal)), List(state.Materials.Missing.Order(StringComparer.Ordinal)));
            }
        }

        /// <summary>As samples write warnings: <c>case:yellow</c>, <c>approval/tax:red</c>, <c>main:issuing:red</c>.</summary>
        public static string WarningText(CaseWarning warning) =>
            $"{warning.Scope}:{warning.Level.ToString().ToLowerInvariant()}";

        private TimeSpan Span(Duration duration) => duration.Unit switch
        {
            DurationUnit.WorkingDays => definition.Calendar.WorkingDayLength * (double)duration.Value,
            DurationUnit.WorkingHours or DurationUnit.Hours => TimeSpan.FromHours((double)duration.Value),
            DurationUnit.Days => TimeSpan.FromDays((double)duration.Value),
            _ => TimeSpan.FromMinutes((double)duration.Value),
        };

        private string Show(TimeSpan elapsed)
        {
            var days = elapsed / definition.Calendar.WorkingDayLength;
            return string.Create(CultureInfo.InvariantCulture, $"{days:0.###}wd ({elapsed.TotalHours:0.##}wh)");
        }

        private Actor? ActorOf(string by, string? user, string? branch, SourceLocation at)
        {
            var id = user ?? by.Replace(':', '-');
            if (by.StartsWith("department:", StringComparison.Ordinal))
            {
                return Actor.OfDepartment(by["department:".Length..], id);
            }

            switch (by)
            {
                case "window":
                    return Actor.Window(user ?? "window-clerk");
                case "applicant":
                    return Actor.Applicant(user ?? "applicant");
                case "system":
                    return Actor.System;
                case "supervisor":
                    return Actor.Supervisor(user ?? "supervisor");
                case "lead":
                    return Actor.Lead(definition.Definition.Item.Lead, user ?? "lead");
                case "department" when branch is not null:
                    var department = definition.Regions.FirstOrDefault(r => r.Name.EndsWith("/" + branch, StringComparison.Ordinal))?.Branch?.Department;
                    if (department is not null)
                    {
                        return Actor.OfDepartment(department, id);
                    }

                    break;
            }

            failures.Add(new SampleFailure(at, "by", "window, applicant, system, supervisor, lead, department:ID (or department with branch)", by));
            return null;
        }

        private Channel ParseChannel(string text, SourceLocation at)
        {
            switch (text)
            {
                case "window":
                    return Channel.Window;
                case "online":
                    return Channel.Online;
                case "assisted":
                    return Channel.Assisted;
                default:
                    failures.Add(new SampleFailure(at, "channel", "window, online or assisted", text));
                    return Channel.Window;
            }
        }

        private static Applicant ApplicantOf(IReadOnlyDictionary<string, object?> values)
        {
            string? Text(string key) => values.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
            bool Flag(string key) => values.TryGetValue(key, out var v) && v is true;
            return new Applicant(Text("name") ?? "申请人", Text("idNumber"), Text("phone"), Flag("badCredit"), Flag("falsePledge"));
        }

        private static string List(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? "[]" : "[" + string.Join(", ", list) + "]";
        }

        private static string Slug(string name) =>
            Math.Abs(StringComparer.Ordinal.GetHashCode(name) % 100000).ToString("D5", CultureInfo.InvariantCulture);
    }
}
