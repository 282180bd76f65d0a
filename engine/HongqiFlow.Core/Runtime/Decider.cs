using System.Globalization;
using System.Runtime.InteropServices;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// One decision. Folds each event into <see cref="_current"/> as soon as it is emitted, so later steps of the same
/// decision see its effects exactly as a replay would.
/// </summary>
internal sealed partial class Decider
{
    /// <summary>Bounds the automatic (<c>by: system</c>) steps one command may trigger, against cycles.</summary>
    internal const int MaxAutomaticSteps = 32;

    private readonly CompiledDefinition _definition;
    private readonly CaseState _original;
    private readonly Command _command;
    private readonly DateTimeOffset _now;
    private readonly List<CaseEvent> _events = [];
    private CaseState _current;
    private Actor _actor;

    /// <summary>Events in <see cref="_events"/> already folded into <see cref="_current"/>.</summary>
    private int _folded;

    /// <summary>
    /// Set while a run of events that reads nothing of the state is emitted (the clock started and its deadlines), so
    /// the run is folded with one state copy; <see cref="_current"/> is behind until <see cref="Fold"/>.
    /// </summary>
    private bool _deferring;

    public Decider(CompiledDefinition definition, CaseState state, Command command, DateTimeOffset now)
    {
        _definition = definition;
        _original = state;
        _current = state;
        _command = command;
        _now = now;
        _actor = command.Actor;
    }

    private IWorkingCalendar Calendar => _definition.Calendar;

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
            return rejection is not null ? new Rejected(rejection) : new Accepted(_events, _current);
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

        var unknown = UnknownMaterials(start.Submitted);
        if (unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "unknown-materials", ("materials", unknown));
        }

        var initial = _definition.Main.InitialState;
        Emit(CaseEventTypes.CaseStarted, regions: new ValueList<RegionState>([new RegionState(RegionState.Main, initial, _now)]), start: start, idempotent: true,
            data: ValueMap.Of(("definition", $"{_definition.Code}@{_definition.Version}")));
        Enter(_definition.Main, initial, from: null);
        return null;
    }

    private List<string> UnknownMaterials(ValueList<string> submitted)
    {
        foreach (var id in submitted)
        {
            if (_definition.Material(id) is null)
            {
                return [.. submitted.Where(m => _definition.Material(m) is null)];
            }
        }

        return [];
    }

    // ---- guards ---------------------------------------------------------------------------------------------

    private bool EvaluateGuard(ExpressionSource when, CompiledRegion region, string state, ValueMap payload, string? eventName = null)
    {
        var context = GuardContexts.For(_definition, _current, eventName ?? _command.Event, _actor, _command.Channel, payload, region, state);
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
            Regions = regions ?? _current.Regions,
            Data = data ?? ValueMap.Empty,
            Start = start,
            Timer = timer,
            Obligation = obligation,
            Flagged = flagged,
            IdempotencyKey = idempotent && _events.TrueForAll(x => x.IdempotencyKey.Length == 0) ? _command.IdempotencyKey : string.Empty,
        };
        _events.Add(e);
        if (!_deferring)
        {
            Fold();
        }
    }

    /// <summary>The sequence number of the next event, counting events emitted but not yet folded.</summary>
    private long NextSequence => _current.Version + 1 + (_events.Count - _folded);

    /// <summary>Folds the events emitted since the last fold into <see cref="_current"/>, with one state copy.</summary>
    private void Fold()
    {
        if (_folded < _events.Count)
        {
            _current = Folder.Apply(_definition, _current, CollectionsMarshal.AsSpan(_events)[_folded..]);
            _folded = _events.Count;
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
        _current.Materials.Missing.Count > 0 ? Message.Of(RejectionCodes.GuardFalse + ".missing", ("materials", Materials(_current.Materials.Missing))) : string.Empty;

    /// <summary>A department as a message value: its name in Chinese, its id in English.</summary>
    private Localized Department(string? id) => new(DepartmentName(id), id ?? string.Empty);

    private string DepartmentName(string? id) =>
        _definition.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id ?? Message.Of("department.unknown").Chinese;

    private static string Title(CompiledRegion region) => region.Branch?.Title ?? region.Branch?.Name ?? region.Name;

    private static string Title(CompiledRegion region, string state) => region.TitleOf(state);

    private string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
