namespace HongqiFlow.Runtime;

/// <summary>An acceptance that both tolerates missing materials and takes a pledge for others (<see cref="ToleranceWithCommitment"/>).</summary>
internal sealed partial class Decider
{
    private Rejection? CheckToleranceWithCommitment(ValueMap payload, out List<string> tolerated, out List<string> committed)
    {
        var split = ToleranceWithCommitment.Split(_definition, _current, payload.GetStrings("tolerated"));
        tolerated = [.. split.Tolerated];
        committed = [.. split.Committed];
        if (_definition.Definition.Tolerance is not { } tolerance)
        {
            return Reject(RejectionCodes.ToleranceNotAllowed, "本事项不适用容缺受理。", "The item does not allow deficiency-tolerant acceptance.");
        }

        if (_definition.Definition.Commitment is not { } commitment)
        {
            return Reject(RejectionCodes.CommitmentNotAllowed, "本事项不适用告知承诺制。", "The item does not allow notify-and-commit.");
        }

        if (commitment.ExcludeFalsePledgeHistory && _current.Applicant?.FalsePledge == true)
        {
            return Reject(RejectionCodes.CommitmentFalsePledge, "申请人曾有虚假承诺记录，不适用告知承诺制。", "The applicant has made a false pledge before and is excluded from notify-and-commit.");
        }

        if (split.ListedNotMissing.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload,
                $"列为容缺的材料并未缺少：{MaterialNames(split.ListedNotMissing)}。",
                $"Materials listed as tolerated are not missing: {string.Join(", ", split.ListedNotMissing)}.");
        }

        if (split.ListedNotTolerable.Count > 0 || split.Neither.Count > 0)
        {
            var refused = split.ListedNotTolerable.Concat(split.Neither).ToList();
            return Reject(RejectionCodes.ToleranceMaterialNotTolerable,
                split.Neither.Count > 0
                    ? $"缺少的材料既不可容缺也不能以承诺代替：{MaterialNames(refused)}（主要材料必须提交）。"
                    : $"以下材料不可容缺：{MaterialNames(refused)}。",
                split.Neither.Count > 0
                    ? $"Missing materials that may be neither tolerated nor pledged: {string.Join(", ", refused)}."
                    : $"These materials may not be tolerated: {string.Join(", ", refused)}.");
        }

        if (tolerated.Count > 0 && tolerance.ExcludeBadCredit && _current.Applicant?.BadCredit == true)
        {
            return Reject(RejectionCodes.ToleranceBadCredit, "申请人有失信记录，不适用容缺受理。", "The applicant has a bad credit record and is excluded from deficiency-tolerant acceptance.");
        }

        if (tolerated.Count > tolerance.MaxMissing)
        {
            return Reject(RejectionCodes.ToleranceTooManyMissing,
                $"容缺 {tolerated.Count} 项材料（{MaterialNames(tolerated)}），超过容缺上限 {tolerance.MaxMissing} 项；可承诺的材料可改以告知承诺办理。",
                $"{tolerated.Count} materials would be tolerated ({string.Join(", ", tolerated)}); at most {tolerance.MaxMissing} may be.");
        }

        return null;
    }
}
