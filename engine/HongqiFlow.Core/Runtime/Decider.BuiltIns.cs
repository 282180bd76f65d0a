using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
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
            return Reject(RejectionCodes.InvalidPayload, "补充材料时请列出材料（materials）。", "List the materials handed in (materials).");
        }

        var open = _current.OpenObligation(Obligation.SupplementId);
        if (_current.Outcome is { } outcome && open is null)
        {
            return Reject(RejectionCodes.CaseFinal, $"办件已办结（{outcome}），无需补充材料。", $"The case is finished ({outcome}); no materials are outstanding.");
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
            return Reject(RejectionCodes.InvalidPayload, $"本事项没有材料：{string.Join("、", unknown)}。", $"The item has no material {string.Join(", ", unknown)}.");
        }

        var open = _current.OpenObligation(Obligation.SupplementId);
        Emit(eventType, data: ValueMap.Of(("materials", materials)), idempotent: idempotent);
        if (open is not null && open.Materials.All(m => _current.Materials.Submitted.Contains(m)))
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.SupplementId)));
            NotifyObligation(Obligation.SupplementId, "fulfilled");
        }

        return null;
    }

    private Rejection? Verify()
    {
        if (_current.OpenObligation(Obligation.VerificationId) is null)
        {
            return Reject(RejectionCodes.NoVerificationOpen, "本办件没有待核查的承诺。", "The case has no pledge awaiting verification.");
        }

        var result = _command.Payload.GetString("result");
        if (result is not ("passed" or "failed"))
        {
            return Reject(RejectionCodes.InvalidPayload, "核查结果（result）应为 passed 或 failed。", "The verification result must be passed or failed.");
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
            ("applicant", _current.Applicant?.Name),
            ("idNumber", _current.Applicant?.MaskedIdNumber),
            ("materials", _current.Materials.Committed),
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
            var declared = procedures.Count == 0 ? "（无）" : string.Join("、", procedures.Select(p => $"{p.Id}（{p.Name}）"));
            return Reject(RejectionCodes.ProcedureNotDeclared,
                $"“{id}”不是本事项公布的特别程序，不能暂停计时。本事项的特别程序：{declared}。",
                $"'{id}' is not a special procedure of this item; only declared procedures pause the clock. Declared: {(procedures.Count == 0 ? "none" : string.Join(", ", procedures.Select(p => p.Id)))}.");
        }

        var clock = _current.Clock;
        if (!clock.Started || clock.Stopped || clock.Paused)
        {
            var why = !clock.Started ? ("办件尚未受理，计时未开始", "the case has not been accepted yet")
                : clock.Stopped ? ("办件已办结，计时已停止", "the case is finished")
                : ($"计时已因“{clock.OpenPause!.Reason}”暂停", $"the clock is already paused for {clock.OpenPause!.Reason}");
            return Reject(RejectionCodes.ProcedureNotAllowedNow, $"现在不能启动特别程序：{why.Item1}。", $"A special procedure cannot start now: {why.Item2}.");
        }

        Emit(BuiltInEvents.ProcedureStart, data: ValueMap.Of(("procedure", id)), idempotent: true);
        PauseForProcedure(id, null);
        return null;
    }

    private Rejection? ProcedureEnd()
    {
        var pause = _current.Clock.OpenPause;
        if (pause is null || !_definition.Definition.Item.SpecialProcedures.Any(p => p.Id == pause.Reason))
        {
            return Reject(RejectionCodes.NoProcedureRunning, "当前没有进行中的特别程序。", "No special procedure is running.");
        }

        Emit(BuiltInEvents.ProcedureEnd, data: ValueMap.Of(("procedure", pause.Reason)), idempotent: true);
        Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", pause.Reason)));
        RearmParked(caseOnly: false);
        return null;
    }

    private Rejection? Rate()
    {
        if (_current.Outcome is null)
        {
            return Reject(RejectionCodes.RatingNotAllowed, "办件尚未办结，办结后才能评价。", "The case is not finished; it can be rated once finished.");
        }

        if (_current.Rating is { } rating)
        {
            return Reject(RejectionCodes.RatingNotAllowed, $"本办件已评价（{rating.Level} 星），每件只能评价一次。", $"The case has already been rated ({rating.Level}); one rating per case.");
        }

        var level = _command.Payload.TryGetValue("level", out var l) && l is decimal d && d == decimal.Truncate(d) && d is >= 1 and <= 5 ? (int)d : 0;
        if (level == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "评价等级（level）应为 1 到 5 的整数。", "The rating level must be a whole number from 1 to 5.");
        }

        RecordRating(level, _command.Payload.GetString("comment"), defaulted: false);
        return null;
    }

    private void RecordRating(int level, string? comment, bool defaulted)
    {
        Emit(BuiltInEvents.Rate, data: ValueMap.Of(("level", level), ("comment", comment), ("defaulted", defaulted)), idempotent: true);
        if (level <= 2)
        {
            OpenObligation(Obligation.RectificationId, ObligationKind.Rectification, _definition.Definition.Rating.RectifyWithin,
                ValueMap.Of(("level", level), ("rectified", false), ("feedback", false)));
        }
    }

    private Rejection? Rectification()
    {
        if (_current.OpenObligation(Obligation.RectificationId) is not { } open)
        {
            return Reject(RejectionCodes.NoRectificationOpen, "本办件没有待整改的差评。", "The case has no bad rating awaiting rectification.");
        }

        if (open.Details.GetString(_command.Event == BuiltInEvents.Rectify ? "rectified" : "feedback") == "true")
        {
            return Reject(RejectionCodes.NoRectificationOpen,
                _command.Event == BuiltInEvents.Rectify ? "整改情况已记录，待回访反馈。" : "回访反馈已记录，待整改。",
                $"'{_command.Event}' has already been recorded for this bad rating.");
        }

        Emit(_command.Event, data: _command.Payload, idempotent: true);
        var o = _current.OpenObligation(Obligation.RectificationId)!;
        if (o.Details.GetString("rectified") == "true" && o.Details.GetString("feedback") == "true")
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.RectificationId)));
            NotifyObligation(Obligation.RectificationId, "fulfilled");
        }

        return null;
    }

    private Rejection? ReopenBranches()
    {
        if (!_current.Suspended)
        {
            return Reject(RejectionCodes.NotSuspended, "办件未中止，无需恢复分支。", "The case is not suspended; there is nothing to reopen.");
        }

        var reopened = new List<CompiledRegion>();
        var regions = new List<RegionState>();
        foreach (var r in _current.Regions)
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
        var resumed = _current.Clock.OpenPause?.Reason == PauseInterval.Suspended;
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

        Emit(BuiltInEvents.DataShared, data: ValueMap.Of(("source", _command.Payload.GetString("source")), ("record", _command.Payload.GetMap("record") ?? ValueMap.Empty)), idempotent: true);
        return null;
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
        return known ? null : Reject(RejectionCodes.UnknownDataSource, $"未知的共享数据源“{source}”。", $"Unknown data source '{source}'.");
    }
}
