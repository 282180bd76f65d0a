using System.Globalization;
using System.Runtime.InteropServices;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// One decision. The events it emits are folded into <see cref="Current"/> when the decision next reads the state, so
/// later steps of the same decision see their effects exactly as a replay would, and a run of events the decision does
/// not read in between is folded with one state copy (a decision works on a draft, frozen when it is read).
/// </summary>
internal sealed partial class Decider
{
    /// <summary>Bounds the automatic (<c>by: system</c>) steps one command may trigger, against cycles.</summary>
    internal const int MaxAutomaticSteps = 32;

    private readonly CompiledDefinition _definition;
    private readonly CaseState _original;
    private readonly Command _command;
    private readonly DateTimeOffset _now;
    private readonly List<CaseEvent> _events = DecisionEvents.Rent();
    private CaseState _state;
    private Actor _actor;

    /// <summary>Events in <see cref="_events"/> already folded into <see cref="_state"/>.</summary>
    private int _folded;

    /// <summary>An event emitted since the last fold starts, pauses, resumes or stops the clock.</summary>
    private bool _pendingClock;

    /// <summary>
    /// An event emitted since the last fold may change the obligations: one that changes more than the version, regions,
    /// timers, outcome, keys and clock (<see cref="Folder.ChangesOnlyTheRun"/>), other than <c>case-started</c>.
    /// </summary>
    private bool _pendingObligations;

    public Decider(CompiledDefinition definition, CaseState state, Command command, DateTimeOffset now)
    {
        _definition = definition;
        _original = state;
        _state = state;
        _command = command;
        _now = now;
        _actor = command.Actor;
    }

    private IWorkingCalendar Calendar => _definition.Calendar;

    /// <summary>The case with every event emitted so far folded in.</summary>
    private CaseState Current
    {
        get
        {
            Fold();
            return _state;
        }
    }

    /// <summary>The open obligation <paramref name="id"/> with every event emitted so far, folding only when one of them may change it.</summary>
    private Obligation? OpenObligationNow(string id) => (_pendingObligations ? Current : _state).OpenObligation(id);

    /// <summary>The active regions after the last event emitted (every event carries them), without folding.</summary>
    private ValueList<RegionState> CurrentRegions => _folded < _events.Count ? _events[^1].Regions : _state.Regions;

    /// <summary>The case clock with every event emitted so far, folding only when one of them changed it.</summary>
    private CaseClock CurrentClock => _pendingClock ? Current.Clock : _state.Clock;

    public Decision Run()
    {
        try
        {
            var rejection = Dispatch();
            if (rejection is not null)
            {
                return new Rejected(rejection);
            }

            rejection = RunAutomaticSteps();
            if (rejection is not null)
            {
                return new Rejected(rejection);
            }

            var accepted = new Accepted(_events.ToArray(), Current);
            DecisionEvents.Return(_events);
            return accepted;
        }
        catch (GuardFailure failure)
        {
            return new Rejected(failure.Rejection);
        }
    }

    private Rejection? Dispatch()
    {
        if (_command.Event == BuiltInEvents.Start)
        {
            return Start();
        }

        if (!_original.IsStarted)
        {
            return Reject(RejectionCodes.NotStarted);
        }

        if (_original.DefinitionCode != _definition.Code || _original.DefinitionVersion != _definition.Version)
        {
            return Reject(RejectionCodes.WrongVersion, null,
                ("caseCode", _original.DefinitionCode), ("caseVersion", _original.DefinitionVersion), ("code", _definition.Code), ("version", _definition.Version));
        }

        if (BuiltInSender() is { } notAllowed)
        {
            return notAllowed;
        }

        if (_command.IdempotencyKey.Length > 0 && _original.ProcessedKeys.Contains(_command.IdempotencyKey))
        {
            return null;
        }

        return _command.Event switch
        {
            BuiltInEvents.Supplement => Supplement(),
            BuiltInEvents.Verify => Verify(),
            BuiltInEvents.ProcedureStart => ProcedureStart(),
            BuiltInEvents.ProcedureEnd => ProcedureEnd(),
            BuiltInEvents.Rate => Rate(),
            BuiltInEvents.Rectify or BuiltInEvents.Feedback => Rectification(),
            BuiltInEvents.ReopenBranches => ReopenBranches(),
            BuiltInEvents.DataShared => DataShared(),
            BuiltInEvents.DataRefused => DataRefused(),
            BuiltInEvents.Certificate => Certificate(),
            BuiltInEvents.VerifyRating => VerifyRating(),
            BuiltInEvents.Timer => Timer(),
            _ when _definition.HasTasks && TaskOperations.IsOperation(_command.Event) => TaskOperation(),
            _ => DefinitionEvent(),
        };
    }

    // ---- start -------------------------------------------------------------------------------------------

    private Rejection? Start()
    {
        if (BuiltInSender() is { } notAllowed)
        {
            return notAllowed;
        }

        if (_original.IsStarted)
        {
            return Reject(RejectionCodes.AlreadyStarted, null, ("receipt", _original.Receipt));
        }

        if (_command.Start is not { } start)
        {
            return Reject(RejectionCodes.InvalidPayload, "no-application");
        }

        if (UnknownMaterials(start.Submitted) is { } unknown)
        {
            return Reject(RejectionCodes.InvalidPayload, "unknown-materials", ("materials", unknown));
        }

        var initial = _definition.Main.InitialState;
        Emit(CaseEventTypes.CaseStarted, regions: new ValueList<RegionState>([new RegionState(RegionState.Main, initial, _now)]), start: start, idempotent: true,
            data: ValueMap.Of(("definition", $"{_definition.Code}@{_definition.Version}")));
        Enter(_definition.Main, initial, from: null);
        return null;
    }

    /// <summary>The submitted ids the definition does not list; null (no list made) when it lists them all.</summary>
    private List<string>? UnknownMaterials(ValueList<string> submitted)
    {
        foreach (var id in submitted)
        {
            if (_definition.Material(id) is null)
            {
                return [.. submitted.Where(m => _definition.Material(m) is null)];
            }
        }

        return null;
    }

    // ---- guards ---------------------------------------------------------------------------------------------

    private bool EvaluateGuard(ExpressionSource when, CompiledRegion region, string state, ValueMap payload, string? eventName = null)
    {
        var context = GuardContexts.For(_definition, Current, eventName ?? _command.Event, _actor, _command.Channel, payload, region, state);
        try
        {
            return _definition.Guards.For(when).Evaluate(context);
        }
        catch (Exception ex)
        {
            throw new GuardFailure(RejectAt(when.At, RejectionCodes.GuardFailed, null, ("condition", when.Code), ("error", ex.Message)));
        }
    }

    private sealed class GuardFailure(Rejection rejection) : Exception(rejection.ReasonEnglish)
    {
        public Rejection Rejection { get; } = rejection;
    }

    // ---- emitting -------------------------------------------------------------------------------------------

    private void Emit(
        string type,
        ValueMap? data = null,
        string? region = null,
        ValueList<RegionState>? regions = null,
        CaseStart? start = null,
        DueTimer? timer = null,
        Obligation? obligation = null,
        bool flagged = false,
        bool idempotent = false)
    {
        var e = new CaseEvent
        {
            Sequence = NextSequence,
            Type = type,
            At = _now,
            Actor = _actor,
            Channel = _command.Channel,
            Region = region,
            Regions = regions ?? CurrentRegions,
            Data = data ?? ValueMap.Empty,
            Start = start,
            Timer = timer,
            Obligation = obligation,
            Flagged = flagged,
            IdempotencyKey = idempotent && _events.TrueForAll(x => x.IdempotencyKey.Length == 0) ? _command.IdempotencyKey : string.Empty,
        };
        _events.Add(e);
        _pendingClock |= type is CaseEventTypes.ClockStarted or CaseEventTypes.ClockPaused or CaseEventTypes.ClockResumed or CaseEventTypes.ClockStopped;
        _pendingObligations |= type != CaseEventTypes.CaseStarted && !Folder.ChangesOnlyTheRun(_definition, _state, e);
    }

    /// <summary>The sequence number of the next event, counting events emitted but not yet folded.</summary>
    private long NextSequence => _state.Version + 1 + (_events.Count - _folded);

    /// <summary>Folds the events emitted since the last fold into <see cref="_state"/>, with one state copy.</summary>
    private void Fold()
    {
        if (_folded < _events.Count)
        {
            _state = Folder.Apply(_definition, _state, CollectionsMarshal.AsSpan(_events)[_folded..]);
            _folded = _events.Count;
            _pendingClock = false;
            _pendingObligations = false;
        }
    }

    /// <summary>
    /// A refusal with code <paramref name="code"/>: its message is the catalog's <c>code</c> or, where a code has several,
    /// <c>code.variant</c>, with the named values the message's placeholders take (docs/messages.md). No sentence is
    /// written here.
    /// </summary>
    private Rejection Reject(string code, string? variant = null, params ReadOnlySpan<(string Name, object? Value)> arguments) =>
        RejectAt(null, code, variant, arguments);

    /// <summary>A refusal whose cause is written at <paramref name="location"/> (see <see cref="Reject"/>).</summary>
    private Rejection RejectAt(SourceLocation? location, string code, string? variant, params ReadOnlySpan<(string Name, object? Value)> arguments) =>
        new(code, Message.Of(variant is null ? code : code + "." + variant, arguments), new DeferredPermittedEvents(_definition, _original, _command.Actor, _now))
        {
            Location = location ?? SourceLocation.None,
        };

    /// <summary>Materials as a message value: their names in Chinese, their ids in English.</summary>
    private Localized Materials(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return new Localized(string.Join("、", list.Select(_definition.MaterialName)), string.Join(", ", list));
    }

    /// <summary>The materials still missing, as the optional part of a refused guard's message; empty when none is.</summary>
    private object MissingMaterials() =>
        Current.Materials.Missing.Count > 0 ? Message.Of(RejectionCodes.GuardFalse + ".missing", ("materials", Materials(Current.Materials.Missing))) : string.Empty;

    /// <summary>A department as a message value: its name in Chinese, its id in English.</summary>
    private Localized Department(string? id) => new(DepartmentName(id), id ?? string.Empty);

    private string DepartmentName(string? id) =>
        _definition.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id ?? Message.Of("department.unknown").Chinese;

    private static string Title(CompiledRegion region) => region.Branch?.Title ?? region.Branch?.Name ?? region.Name;

    private static string Title(CompiledRegion region, string state) => region.TitleOf(state);

    private string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
