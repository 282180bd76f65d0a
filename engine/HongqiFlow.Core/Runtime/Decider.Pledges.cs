namespace HongqiFlow.Runtime;

/// <summary>An acceptance that both tolerates missing materials and takes a pledge for others (<see cref="ToleranceWithCommitment"/>).</summary>
internal sealed partial class Decider
{
    private Rejection? CheckToleranceWithCommitment(ValueMap payload, out List<string> tolerated, out List<string> committed)
    {
        var split = ToleranceWithCommitment.Split(_definition, Current, payload.GetStrings("tolerated"));
        tolerated = [.. split.Tolerated];
        committed = [.. split.Committed];
        if (_definition.Definition.Tolerance is not { } tolerance)
        {
            return Reject(RejectionCodes.ToleranceNotAllowed);
        }

        if (_definition.Definition.Commitment is not { } commitment)
        {
            return Reject(RejectionCodes.CommitmentNotAllowed);
        }

        if (commitment.ExcludeFalsePledgeHistory && Current.Applicant?.FalsePledge == true)
        {
            return Reject(RejectionCodes.CommitmentFalsePledge);
        }

        if (split.ListedNotMissing.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "not-missing", ("materials", Materials(split.ListedNotMissing)));
        }

        if (split.ListedNotTolerable.Count > 0 || split.Neither.Count > 0)
        {
            var refused = split.ListedNotTolerable.Concat(split.Neither).ToList();
            return Reject(RejectionCodes.ToleranceMaterialNotTolerable, split.Neither.Count > 0 ? "neither" : "listed", ("materials", Materials(refused)));
        }

        if (tolerated.Count > 0 && tolerance.ExcludeBadCredit && Current.Applicant?.BadCredit == true)
        {
            return Reject(RejectionCodes.ToleranceBadCredit);
        }

        if (tolerated.Count > tolerance.MaxMissing)
        {
            return Reject(RejectionCodes.ToleranceTooManyMissing, "with-commitment",
                ("count", tolerated.Count), ("materials", Materials(tolerated)), ("max", tolerance.MaxMissing));
        }

        return null;
    }
}
