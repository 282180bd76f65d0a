using System.Diagnostics;
using System.Globalization;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Samples;

/// <summary>
/// Runs a sample against the engine on a virtual clock (<see cref="VirtualCase"/>): starts the case, moves the clock,
/// sends events, checks expectations after steps and at the end, and finally checks that replaying the recorded
/// history rebuilds exactly the final state.
/// </summary>
public sealed class SampleRunner(DefinitionLibrary library)
{
    public SampleOutcome Run(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var definition = library.Find(sample.Definition);
        if (definition is null)
        {
            SampleFailure[] failures = [SampleFailure.Of(sample.At, $"definition", $"a definition named '{sample.Definition}'", $"none; known: {string.Join(", ", library.Names)}")];
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
        var run = new SampleRun(new VirtualCase(definition, sample.Clock, "sample-" + Slug(sample.Name)), sample, failures);
        try
        {
            run.Execute();
        }
        catch (ExpressionException ex)
        {
            failures.Add(SampleFailure.Of(ex.Location, $"guard", $"a guard that evaluates", $"{ex.Message}"));
        }

        var virtualCase = run.Case;
        if (virtualCase.Events.Count > 0)
        {
            var replayed = Engine.Replay(definition, virtualCase.State.CaseId, virtualCase.Events);
            if (!replayed.Equals(virtualCase.State))
            {
                failures.Add(SampleFailure.Of(sample.At, $"replay", $"replaying the history rebuilds the final state", $"the replayed state differs"));
            }
        }

        return new SampleOutcome(sample, failures, virtualCase.State, virtualCase.Events, watch.Elapsed) { Steps = run.Snapshots };
    }

    private static string Slug(string name) =>
        Math.Abs(StringComparer.Ordinal.GetHashCode(name) % 100000).ToString("D5", CultureInfo.InvariantCulture);

    private sealed class SampleRun(VirtualCase virtualCase, Sample sample, List<SampleFailure> failures)
    {
        private int _recorded;
        private Rejection? _rejection;

        public VirtualCase Case => virtualCase;

        public List<SampleStepSnapshot> Snapshots { get; } = [];

        /// <summary>Records the case as a step left it: the events since the previous snapshot, and a rejection if any.</summary>
        private void Snapshot(int index, string label)
        {
            Snapshots.Add(new SampleStepSnapshot(index, label, virtualCase.Now, virtualCase.State, [.. virtualCase.Events.Skip(_recorded)], _rejection));
            _recorded = virtualCase.Events.Count;
            _rejection = null;
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

        public void Execute()
        {
            var start = new CaseStart
            {
                CaseId = virtualCase.State.CaseId,
                Receipt = "S" + sample.Clock.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
                Applicant = ApplicantOf(sample.Case.Applicant),
                Submitted = sample.Case.Submitted,
                Assisted = sample.Case.Assisted,
                Data = ValueMap.From(sample.Case.Data),
            };
            if (virtualCase.Start(start, ChannelOf(sample.Case.Channel, sample.Case.At), "sample:start") is Rejected rejected)
            {
                failures.Add(SampleFailure.Refused(sample.Case.At, $"start", $"the case starts", rejected.Rejection));
                return;
            }

            Snapshot(0, "start");

            for (var i = 0; i < sample.Steps.Count; i++)
            {
                var step = sample.Steps[i];
                if (step.AtTime is { } at)
                {
                    Move(() => virtualCase.AdvanceTo(at), step.At, at);
                }

                if (step.After is { } after)
                {
                    Move(() => virtualCase.Advance(after), step.At, null);
                }

                if (step.Send is { } send)
                {
                    SendEvent(step, send, i);
                }

                if (step.Expect is { } expect)
                {
                    Check(expect, i + 1);
                }

                Snapshot(i + 1, StepLabel(step));
            }

            Check(sample.Expect, null);
        }

        private void Move(Action move, SourceLocation at, DateTimeOffset? target)
        {
            if (target is { } t && t < virtualCase.Now)
            {
                failures.Add(SampleFailure.Of(at, $"clock", $"an instant after {virtualCase.Now:O}", $"{t:O}: the clock never goes back"));
                return;
            }

            move();
        }

        private void SendEvent(SampleStep step, string send, int index)
        {
            var by = step.By ?? "window";
            var actor = virtualCase.ActorOf(by, step.User, step.Branch, step.OnBehalfOf);
            if (actor is null)
            {
                failures.Add(SampleFailure.Of(step.At, $"by", $"window, applicant, system, supervisor, lead, department:ID (or department with branch)", $"{by}"));
                return;
            }

            var channel = ChannelOf(step.Channel ?? sample.Case.Channel, step.At);
            var command = Command.Send(send, actor, channel, ValueMap.From(step.Payload), step.Branch, $"sample:{index}");
            FormattableString what = $"'{send}' by {by}";
            var decision = virtualCase.Send(command);
            _rejection = (decision as Rejected)?.Rejection;
            switch (decision)
            {
                case Accepted when step.Rejected is not null:
                    failures.Add(SampleFailure.Of(step.At, what, ExpectedRejection(step), $"accepted"));
                    break;
                case Rejected rejected when step.Rejected is null:
                    failures.Add(SampleFailure.Refused(step.At, what, $"accepted", rejected.Rejection));
                    break;
                case Rejected rejected when step.Rejected.Length > 0 && step.Rejected != rejected.Rejection.Code:
                    failures.Add(SampleFailure.Refused(step.At, what, ExpectedRejection(step), rejected.Rejection));
                    break;
                case Rejected rejected when step.RejectedReason is { } reason
                    && !rejected.Rejection.Reason.Contains(reason, StringComparison.Ordinal)
                    && !rejected.Rejection.ReasonEnglish.Contains(reason, StringComparison.OrdinalIgnoreCase):
                    failures.Add(SampleFailure.Refused(step.At, what, ExpectedRejection(step), rejected.Rejection));
                    break;
            }
        }

        private static FormattableString ExpectedRejection(SampleStep step) => (step.Rejected, step.RejectedReason) switch
        {
            ({ Length: > 0 } code, { } reason) => $"rejection {code} with a reason containing '{reason}'",
            (_, { } reason) => $"a rejection with a reason containing '{reason}'",
            ({ Length: > 0 } code, null) => $"rejection {code}",
            _ => $"a rejection",
        };

        /// <summary>Checks an expectation after step <paramref name="step"/> (1-based), or at the end when null.</summary>
        private void Check(SampleExpectation expect, int? step)
        {
            var state = virtualCase.State;
            var events = virtualCase.Events;
            FormattableString When(FormattableString what) => step is { } n ? $"{what} after step {n}" : (FormattableString)$"{what} at the end";
            void Fail(FormattableString what, FormattableString expected, FormattableString actual) =>
                failures.Add(SampleFailure.Of(expect.At, When(what), expected, actual));
            void Compare(FormattableString what, string expected, string actual, FormattableString? none = null)
            {
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    Fail(what, $"{expected}", actual.Length == 0 && none is not null ? none : $"{actual}");
                }
            }

            if (expect.State is { } expectedState)
            {
                Compare($"state", expectedState, state.MainState);
            }

            if (expect.Branches is { } branches)
            {
                foreach (var (branch, expectedBranchState) in branches)
                {
                    var region = state.Regions.FirstOrDefault(r => r.Region.EndsWith("/" + branch, StringComparison.Ordinal));
                    Compare($"branch {branch}", expectedBranchState, region?.State ?? string.Empty, $"(not active)");
                }
            }

            if (expect.Outcome is { } outcome)
            {
                Compare($"outcome", outcome, state.Outcome ?? string.Empty, $"(none)");
            }

            if (expect.ElapsedMin is not null || expect.ElapsedMax is not null)
            {
                var elapsed = virtualCase.Clock().Elapsed;
                if (expect.ElapsedMin is { } min && elapsed < virtualCase.Span(min))
                {
                    Fail($"elapsed working time", $"at least {min}", $"{virtualCase.Show(elapsed)}");
                }

                if (expect.ElapsedMax is { } max && elapsed > virtualCase.Span(max))
                {
                    Fail($"elapsed working time", $"at most {max}", $"{virtualCase.Show(elapsed)}");
                }
            }

            if (expect.Obligations is { } obligations)
            {
                Compare($"open obligations", List(obligations.Order(StringComparer.Ordinal)), List(state.Obligations.Where(o => o.IsOpen).Select(o => o.Id).Order(StringComparer.Ordinal)));
            }

            if (expect.Warnings is { } warnings)
            {
                Compare($"warnings", List(warnings), List(state.Warnings.Select(VirtualCase.WarningText)));
            }

            if (expect.Notifications is { } notifications)
            {
                // A notification without a recipient in the sample matches any; the actual ones are shown the same way.
                var sent = events.Where(e => e.Type == CaseEventTypes.Notification)
                    .Select(e => new SampleNotice(e.Data.GetString("template") ?? string.Empty, e.Data.GetString("recipient"))).ToList();
                var shown = sent.Select((n, i) => i < notifications.Count && notifications[i].To is null ? n with { To = null } : n);
                Compare($"notifications", List(notifications.Select(n => n.ToString())), List(shown.Select(n => n.ToString())));
            }

            if (expect.Due is { } due)
            {
                void CompareDue(FormattableString what, DateTimeOffset expected, SampleDue.Result actual)
                {
                    if (actual.Due is not { } instant)
                    {
                        Fail(what, $"{Instant(expected)}", actual.None!);
                    }
                    else if (instant != expected)
                    {
                        Fail(what, $"{Instant(expected)}", $"{Instant(instant.ToOffset(expected.Offset))}");
                    }
                }

                if (due.Promised is { } promisedDue)
                {
                    CompareDue($"promised due instant", promisedDue, SampleDue.Case(virtualCase, statutory: false));
                }

                if (due.Statutory is { } statutoryDue)
                {
                    CompareDue($"statutory due instant", statutoryDue, SampleDue.Case(virtualCase, statutory: true));
                }

                if (due.Step is { } stepDue)
                {
                    CompareDue($"due instant of step {state.MainState}", stepDue, SampleDue.Step(virtualCase));
                }

                foreach (var (branch, branchDue) in due.Branches)
                {
                    CompareDue($"due instant of branch {branch}", branchDue, SampleDue.Branch(virtualCase, branch));
                }
            }

            if (expect.Remaining is { } remaining)
            {
                var clock = virtualCase.Clock();
                void CompareRemaining(FormattableString what, Duration expected, bool overdue, TimeSpan? actual)
                {
                    var wanted = overdue ? -virtualCase.Span(expected) : virtualCase.Span(expected);
                    var written = overdue ? (FormattableString)$"-{expected}" : $"{expected}";
                    if (actual is not { } left)
                    {
                        Fail(what, written, $"(no limit)");
                    }
                    else if ((left - wanted).Duration() >= TimeSpan.FromMinutes(1))
                    {
                        Fail(what, written, $"{Remaining(left, expected)}");
                    }
                }

                if (remaining.Promised is { } promisedLeft)
                {
                    CompareRemaining($"remaining promised time", promisedLeft, remaining.PromisedOverdue, clock.RemainingPromised);
                }

                if (remaining.Statutory is { } statutoryLeft)
                {
                    CompareRemaining($"remaining statutory time", statutoryLeft, remaining.StatutoryOverdue, clock.RemainingStatutory);
                }
            }

            if (expect.Events is { } expectedEvents)
            {
                var recorded = events.Select(e => e.Type).ToHashSet(StringComparer.Ordinal);
                var absent = expectedEvents.Where(e => !recorded.Contains(e)).ToList();
                if (absent.Count > 0)
                {
                    Fail($"events", $"recorded: {List(expectedEvents)}", $"never recorded: {List(absent)}");
                }
            }

            if (expect.Missing is { } missing)
            {
                Compare($"missing materials", List(missing.Order(StringComparer.Ordinal)), List(state.Materials.Missing.Order(StringComparer.Ordinal)));
            }
        }

        private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        /// <summary>A time left as the sample would write it: working time in wd and wh, natural time in d and h.</summary>
        private string Remaining(TimeSpan left, Duration like)
        {
            var sign = left < TimeSpan.Zero ? "-" : string.Empty;
            var size = left.Duration();
            return like.IsWorkingTime
                ? string.Create(CultureInfo.InvariantCulture, $"{sign}{size / virtualCase.Definition.Calendar.WorkingDayLength:0.###}wd ({sign}{size.TotalHours:0.##}wh)")
                : string.Create(CultureInfo.InvariantCulture, $"{sign}{size.TotalDays:0.###}d ({sign}{size.TotalHours:0.##}h)");
        }

        private Channel ChannelOf(string text, SourceLocation at)
        {
            if (VirtualCase.ChannelOf(text) is { } channel)
            {
                return channel;
            }

            failures.Add(SampleFailure.Of(at, $"channel", $"window, online or assisted", $"{text}"));
            return Channel.Window;
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
    }
}
