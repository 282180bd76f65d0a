using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>The built-in case-level events (docs/engine.md, "Built-in events").</summary>
internal sealed partial class Decider
{
    // ---- built-in events ------------------------------------------------------------------------------------

    private Rejection? Supplement()
    {
        var materials = _command.Payload.GetStrings("materials");
        if (materials.Count == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "no-materials");
        }

        var open = Current.OpenObligation(Obligation.SupplementId);
        if (Current.Outcome is { } outcome && open is null)
        {
            return Reject(RejectionCodes.CaseFinal, "supplement", ("outcome", outcome));
        }

        return HandIn(BuiltInEvents.Supplement, materials, idempotent: true);
    }

    /// <summary>
    /// Materials handed in (with <c>supplement</c>, or with any definition event such as <c>resubmit</c> whose payload
    /// lists <c>materials</c>): they count as submitted from now on, and they fulfil the supplement obligation once every
    /// tolerated material has arrived.
    /// </summary>
    private Rejection? HandIn(string eventType, IReadOnlyList<string> materials, bool idempotent)
    {
        var unknown = materials.Where(m => _definition.Material(m) is null).ToList();
        if (unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "unknown-materials", ("materials", unknown));
        }

        var open = Current.OpenObligation(Obligation.SupplementId);
        Emit(eventType, data: ValueMap.Of(("materials", materials)), idempotent: idempotent);
        if (open is not null && open.Materials.All(m => Current.Materials.Submitted.Contains(m)))
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.SupplementId)));
            NotifyObligation(Obligation.SupplementId, "fulfilled");
        }

        return null;
    }

    private Rejection? Verify()
    {
        if (Current.OpenObligation(Obligation.VerificationId) is null)
        {
            return Reject(RejectionCodes.NoVerificationOpen);
        }

        var result = _command.Payload.GetString("result");
        if (result is not ("passed" or "failed"))
        {
            return Reject(RejectionCodes.InvalidPayload, "verification-result");
        }

        if (result == "passed")
        {
            Emit(BuiltInEvents.Verify, data: _command.Payload, idempotent: true);
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.VerificationId)));
            NotifyObligation(Obligation.VerificationId, "fulfilled");
            return null;
        }

        var onFalse = _definition.Definition.Commitment!.OnFalse;
        var main = _definition.Main;
        Move(main, onFalse, BuiltInEvents.Verify, _command.Payload, idempotent: true);
        Emit(CaseEventTypes.ObligationBreached, data: ValueMap.Of(("id", Obligation.VerificationId), ("reason", "false-pledge")));
        Emit(CaseEventTypes.CreditRecord, data: ValueMap.Of(
            ("kind", "false-pledge"),
            ("applicant", Current.Applicant?.Name),
            ("idNumber", Current.Applicant?.MaskedIdNumber),
            ("materials", Current.Materials.Committed),
            ("note", _command.Payload.GetString("note"))), flagged: true);
        NotifyObligation(Obligation.VerificationId, "breached");
        Enter(main, onFalse, null);
        return null;
    }

    private Rejection? ProcedureStart()
    {
        var id = _command.Payload.GetString("procedure");
        var procedures = _definition.Definition.Item.SpecialProcedures;
        if (id is null || !procedures.Any(p => p.Id == id))
        {
            object declared = procedures.Count == 0
                ? Message.Of(RejectionCodes.ProcedureNotDeclared + ".none")
                : procedures.Select(p => new Localized($"{p.Id}（{p.Name}）", p.Id)).ToList();
            return Reject(RejectionCodes.ProcedureNotDeclared, null, ("procedure", id), ("declared", declared));
        }

        var clock = Current.Clock;
        if (!clock.Started || clock.Stopped || clock.Paused)
        {
            var why = !clock.Started ? Message.Of(RejectionCodes.ProcedureNotAllowedNow + ".not-accepted")
                : clock.Stopped ? Message.Of(RejectionCodes.ProcedureNotAllowedNow + ".finished")
                : Message.Of(RejectionCodes.ProcedureNotAllowedNow + ".paused", ("reason", clock.OpenPause!.Reason));
            return Reject(RejectionCodes.ProcedureNotAllowedNow, null, ("why", why));
        }

        Emit(BuiltInEvents.ProcedureStart, data: ValueMap.Of(("procedure", id)), idempotent: true);
        PauseForProcedure(id, null);
        return null;
    }

    private Rejection? ProcedureEnd()
    {
        var pause = Current.Clock.OpenPause;
        if (pause is null || !_definition.Definition.Item.SpecialProcedures.Any(p => p.Id == pause.Reason))
        {
            return Reject(RejectionCodes.NoProcedureRunning);
        }

        Emit(BuiltInEvents.ProcedureEnd, data: ValueMap.Of(("procedure", pause.Reason)), idempotent: true);
        Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", pause.Reason)));
        RearmParked(caseOnly: false);
        return null;
    }

    private Rejection? ReopenBranches()
    {
        if (!Current.Suspended)
        {
            return Reject(RejectionCodes.NotSuspended);
        }

        var reopened = new List<CompiledRegion>();
        var regions = new List<RegionState>();
        foreach (var r in Current.Regions)
        {
            var region = _definition.Region(r.Region)!;
            var s = region.State(r.State);
            if (!region.IsMain && s.Final && s.Outcome is not (null or "approved"))
            {
                reopened.Add(region);
                regions.Add(new RegionState(r.Region, region.InitialState, _now));
            }
            else
            {
                regions.Add(r);
            }
        }

        Emit(BuiltInEvents.ReopenBranches, region: RegionState.Main, regions: new(regions),
            data: _command.Payload.With("branches", reopened.Select(r => r.Branch!.Name).ToList()), idempotent: true);
        var resumed = Current.Clock.OpenPause?.Reason == PauseInterval.Suspended;
        if (resumed)
        {
            Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", PauseInterval.Suspended)));
        }

        foreach (var region in reopened)
        {
            Enter(region, region.InitialState, null);
        }

        if (resumed)
        {
            RearmParked(caseOnly: false, [.. reopened.Select(r => r.Name)]);
        }

        return null;
    }

    private Rejection? DataShared()
    {
        if (SharingSource() is { } rejection)
        {
            return rejection;
        }

        var (source, record) = (_command.Payload.GetString("source")!, _command.Payload.GetMap("record") ?? ValueMap.Empty);
        Emit(BuiltInEvents.DataShared, data: ValueMap.Of(("source", source), ("record", record)), idempotent: true);
        return SharedCertificates(source, record);
    }

    private Rejection? DataRefused()
    {
        if (SharingSource() is { } rejection)
        {
            return rejection;
        }

        Emit(BuiltInEvents.DataRefused, data: ValueMap.Of(("source", _command.Payload.GetString("source")), ("reason", _command.Payload.GetString("reason"))), idempotent: true);
        return null;
    }

    /// <summary>Only a data-sharing connector (the system) reports on a source, and only on a source the deployment knows.</summary>
    private Rejection? SharingSource()
    {
        var source = _command.Payload.GetString("source");
        var known = source is not null && (_definition.Organization.DataSources.Any(d => d.Id == source)
            || _definition.Definition.Materials.Any(m => m.Shared == source));
        return known ? null : Reject(RejectionCodes.UnknownDataSource, null, ("source", source));
    }
}
