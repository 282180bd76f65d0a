namespace HongqiFlow.Runtime;

/// <summary>What a caller may send now: for the API, the CLI and every rejection.</summary>
internal static class Permissions
{
    public static IReadOnlyList<PermittedEvent> For(CompiledDefinition definition, CaseState state, Actor actor, DateTimeOffset now)
    {
        if (!state.IsStarted)
        {
            return BuiltInAuthority.Allows(definition, state, actor, BuiltInEvents.Start)
                ? [new PermittedEvent(BuiltInEvents.Start, RegionState.Main, definition.Main.InitialState)]
                : [];
        }

        var list = new List<PermittedEvent>();
        foreach (var r in state.Regions)
        {
            var region = definition.Region(r.Region)!;
            if (state.Suspended && !region.IsMain)
            {
                continue;
            }

            foreach (var t in region.State(r.State).Transitions)
            {
                if (!Roles.Allows(definition, region, r.State, t, actor) || !BuiltInRulesAllow(definition, state, region, t)
                    || !GuardHolds(definition, state, actor, region, r.State, t) || Shadowed(definition, state, actor, region, r.State, t)
                    || (definition.HasTasks && !TaskPermissions.AllowsEvent(definition, state, actor, region, r.State, t)))
                {
                    continue;
                }

                list.Add(new PermittedEvent(t.Event, r.Region, t.Target, t.Title));
            }
        }

        // Built-in events: who may send each is BuiltInAuthority's table, the one Decider checks; when is below.
        var clock = state.Clock;
        bool May(string e) => BuiltInAuthority.Allows(definition, state, actor, e);
        void Add(string e)
        {
            if (May(e))
            {
                list.Add(new PermittedEvent(e, RegionState.Main, null));
            }
        }

        if (state.Outcome is null || state.OpenObligation(Obligation.SupplementId) is not null)
        {
            Add(BuiltInEvents.Supplement);
            if (definition.Definition.Materials.Any(m => m.Certificates.Count > 0))
            {
                Add(BuiltInEvents.Certificate);
            }
        }

        if (state.OpenObligation(Obligation.VerificationId) is not null)
        {
            Add(BuiltInEvents.Verify);
        }

        if (definition.Definition.Item.SpecialProcedures.Count > 0 && clock.Started && !clock.Paused && !clock.Stopped)
        {
            Add(BuiltInEvents.ProcedureStart);
        }

        if (clock.OpenPause is { } pause && definition.Definition.Item.SpecialProcedures.Any(p => p.Id == pause.Reason))
        {
            Add(BuiltInEvents.ProcedureEnd);
        }

        if (Decider.RatingStage(definition, state) is { } stage && !state.AllRatings.Any(r => r.Stage == stage))
        {
            Add(BuiltInEvents.Rate);
        }

        if (state.OpenObligation(Obligation.RectificationId) is { } rectification)
        {
            var verification = rectification.Details.GetString("verification");
            if (verification is null)
            {
                Add(BuiltInEvents.VerifyRating);
            }

            if (rectification.Details.GetString("rectified") != "true" && verification != "unfounded"
                && (verification is not null || !definition.Definition.Rating.VerificationRequired))
            {
                Add(BuiltInEvents.Rectify);
            }

            if (rectification.Details.GetString("feedback") != "true")
            {
                Add(BuiltInEvents.Feedback);
            }
        }

        if (state.Suspended)
        {
            Add(BuiltInEvents.ReopenBranches);
        }

        if (definition.Organization.DataSources.Count > 0 || definition.Definition.Materials.Any(m => m.Shared is not null))
        {
            Add(BuiltInEvents.DataShared);
            Add(BuiltInEvents.DataRefused);
        }

        if (definition.HasTasks)
        {
            TaskPermissions.AddOperations(list, definition, state, actor);
        }

        if (May(BuiltInEvents.Timer))
        {
            list.AddRange(state.Timers.Where(t => t.Due <= now).Select(t => new PermittedEvent(BuiltInEvents.Timer, t.Region, t.Target, t.Id)));
        }

        return list;
    }

    /// <summary>The tolerance, commitment and issuing rules <see cref="Decider"/> enforces, as a yes/no for listing.</summary>
    private static bool BuiltInRulesAllow(CompiledDefinition definition, CaseState state, CompiledRegion region, Definitions.Model.TransitionDefinition t)
    {
        var missing = state.Materials.Missing;
        if (t.Tolerance && t.Commitment)
        {
            if (!ToleranceWithCommitment.Split(definition, state, []).Allowed(definition, state))
            {
                return false;
            }
        }
        else if (t.Tolerance)
        {
            var rule = definition.Definition.Tolerance;
            if (rule is null || (rule.ExcludeBadCredit && state.Applicant?.BadCredit == true) || missing.Count == 0 || missing.Count > rule.MaxMissing
                || missing.Any(id => definition.Material(id) is not { Tolerable: true, Core: false }))
            {
                return false;
            }
        }
        else if (t.Commitment)
        {
            var rule = definition.Definition.Commitment;
            if (rule is null || (rule.ExcludeFalsePledgeHistory && state.Applicant?.FalsePledge == true)
                || missing.Any(id => definition.Material(id) is not { Committable: true, Core: false }))
            {
                return false;
            }
        }

        return !(region.IsMain && t.Target is { } target && region.HasState(target)
            && region.State(target) is { Final: true, Outcome: "approved" } && state.OpenObligation(Obligation.SupplementId) is not null);
    }

    /// <summary>An alternative of an event written as a list is taken only when no earlier one's guard holds (the first whose guard holds wins).</summary>
    private static bool Shadowed(CompiledDefinition definition, CaseState state, Actor actor, CompiledRegion region, string stateName, Definitions.Model.TransitionDefinition t)
    {
        if (region.Row(stateName, t.Event) is not { Length: > 1 } row)
        {
            return false;
        }

        foreach (var earlier in row)
        {
            if (ReferenceEquals(earlier, t))
            {
                return false;
            }

            if (GuardHolds(definition, state, actor, region, stateName, earlier))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GuardHolds(CompiledDefinition definition, CaseState state, Actor actor, CompiledRegion region, string stateName, Definitions.Model.TransitionDefinition t)
    {
        if (t.When is not { } when)
        {
            return true;
        }

        try
        {
            var context = GuardContexts.For(definition, state, t.Event, actor, Channel.Window, ValueMap.Empty, region, stateName);
            return definition.Guards.For(when).Evaluate(context);
        }
        catch (Exception)
        {
            // A failing guard does not permit its event; the failure itself is reported when the event is sent.
            return false;
        }
    }
}
