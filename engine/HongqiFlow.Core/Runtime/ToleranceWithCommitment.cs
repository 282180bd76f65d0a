namespace HongqiFlow.Runtime;

/// <summary>
/// One acceptance with both <c>tolerance: true</c> and <c>commitment: true</c> (容缺 and 告知承诺 together): each missing
/// material is either pledged or tolerated. A committable material is pledged unless the payload lists it under
/// <c>tolerated</c>; a material that is only tolerable is tolerated. The tolerance rule (cap, credit, tolerable
/// materials) applies to the tolerated ones, the commitment rule (committable materials, past false pledges) to the
/// pledge. <see cref="Decider"/> and <see cref="Permissions"/> both split with this, so they cannot disagree.
/// </summary>
internal sealed record ToleranceWithCommitment(
    IReadOnlyList<string> Tolerated,
    IReadOnlyList<string> Committed,
    IReadOnlyList<string> Neither,
    IReadOnlyList<string> ListedNotMissing,
    IReadOnlyList<string> ListedNotTolerable)
{
    public static ToleranceWithCommitment Split(CompiledDefinition definition, CaseState state, IReadOnlyList<string> listedTolerated)
    {
        var missing = state.Materials.Missing;
        var tolerated = new List<string>();
        var committed = new List<string>();
        var neither = new List<string>();
        foreach (var id in missing)
        {
            var material = definition.Material(id);
            var tolerable = material is { Tolerable: true, Core: false };
            var committable = material is { Committable: true, Core: false };
            if (tolerable && (!committable || listedTolerated.Contains(id, StringComparer.Ordinal)))
            {
                tolerated.Add(id);
            }
            else if (committable)
            {
                committed.Add(id);
            }
            else
            {
                neither.Add(id);
            }
        }

        return new ToleranceWithCommitment(
            tolerated,
            committed,
            neither,
            [.. listedTolerated.Where(id => !missing.Contains(id))],
            [.. listedTolerated.Where(id => missing.Contains(id) && definition.Material(id) is not { Tolerable: true, Core: false })]);
    }

    /// <summary>Whether the split passes both rules (for listing permitted events: no payload, so the default split).</summary>
    public bool Allowed(CompiledDefinition definition, CaseState state) =>
        definition.Definition.Tolerance is { } tolerance && definition.Definition.Commitment is { } commitment
        && !(commitment.ExcludeFalsePledgeHistory && state.Applicant?.FalsePledge == true)
        && !(Tolerated.Count > 0 && tolerance.ExcludeBadCredit && state.Applicant?.BadCredit == true)
        && Neither.Count == 0 && ListedNotMissing.Count == 0 && ListedNotTolerable.Count == 0
        && Tolerated.Count <= tolerance.MaxMissing;
}
