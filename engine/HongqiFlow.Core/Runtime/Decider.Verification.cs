namespace HongqiFlow.Runtime;

/// <summary>事后核查 past its due time: late, not false (docs/engine.md, "Verification overdue and false pledges").</summary>
internal sealed partial class Decider
{
    /// <summary>The warning scope of an overdue obligation: <c>obligation:verification</c>.</summary>
    internal static string OverdueScope(string obligationId) => CaseWarning.ObligationScope(obligationId);

    /// <summary>
    /// A verification not recorded by its due time is the administration's delay, not the applicant's breach: the
    /// obligation stays open (the result can still be recorded, and a false pledge found late still revokes), a red
    /// warning is raised, and the item's <c>obligation verification overdue</c> rules are notified. Nothing is revoked
    /// and no credit record is written.
    /// </summary>
    private void VerificationOverdue(Obligation obligation)
    {
        Emit(CaseEventTypes.ObligationOverdue, data: ValueMap.Of(("id", obligation.Id), ("due", obligation.Due.ToString("O", System.Globalization.CultureInfo.InvariantCulture))), flagged: true);
        Warn(WarningLevel.Red, OverdueScope(obligation.Id));
        NotifyObligation(obligation.Id, "overdue");
    }
}
