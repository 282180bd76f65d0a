using HongqiFlow.Expressions;

namespace HongqiFlow.Runtime;

/// <summary>Builds what a guard sees from the case state and the command.</summary>
internal static class GuardContexts
{
    public static GuardContext For(CompiledDefinition definition, CaseState state, string @event, Actor actor, Channel channel, ValueMap payload, CompiledRegion region, string stateName)
    {
        _ = definition;
        var applicant = state.Applicant;
        return new GuardContext
        {
            Missing = state.Materials.Missing,
            Submitted = state.Materials.Submitted,
            Tolerated = state.Materials.Tolerated,
            Committed = state.Materials.Committed,
            Data = state.Data,
            Applicant = ValueMap.Of(
                ("name", applicant?.Name),
                ("badCredit", applicant?.BadCredit ?? false),
                ("falsePledge", applicant?.FalsePledge ?? false),
                ("kind", state.Data.GetString("applicantKind"))),
            Payload = payload,
            Event = @event,
            Role = actor.Role.ToString().ToLowerInvariant(),
            Channel = channel.ToString().ToLowerInvariant(),
            State = region.IsMain ? stateName : $"{region.Name}:{stateName}",
            OpenObligations = [.. state.Obligations.Where(o => o.IsOpen).Select(o => o.Id)],
        };
    }
}
