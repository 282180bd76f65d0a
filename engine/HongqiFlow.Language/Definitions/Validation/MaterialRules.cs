using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Validation;

/// <summary>Materials, 容缺 (tolerance) and 告知承诺 (commitment) must agree with each other.</summary>
internal static class MaterialRules
{
    public static void Check(ValidationRun run)
    {
        var item = run.Item;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var material in item.Materials)
        {
            if (!seen.Add(material.Id))
            {
                run.Error(ValidationCodes.DuplicateMaterial, $"material '{material.Id}' is listed twice", run.ValueAt(material, "id"), $"give each material its own id, or remove the copy");
            }

            if (material.Core && material.Tolerable)
            {
                run.Error(
                    ValidationCodes.CoreMaterialTolerable,
                    $"material '{material.Id}' is both core and tolerable; a core material (主要材料) may never be missing at acceptance",
                    run.ValueAt(material, "tolerable"),
                    $"remove 'tolerable: true', or 'core: true' if it is a secondary material");
            }

            if (material.Core && material.Committable)
            {
                // A warning, not an error: some local rules let a pledge stand in for a core proof, but it needs a second look.
                run.Warning(
                    ValidationCodes.CoreMaterialCommittable,
                    $"material '{material.Id}' is core and committable: the decision would rest on a pledge instead of a core proof",
                    run.ValueAt(material, "committable"),
                    $"check that the local notify-and-commit rules really allow it; otherwise remove 'committable: true'");
            }
        }

        var tolerable = item.Materials.Count(m => m.Tolerable);
        if (item.Tolerance is { } tolerance)
        {
            if (tolerable == 0)
            {
                run.Error(
                    ValidationCodes.ToleranceWithoutTolerableMaterial,
                    $"the item has a tolerance rule (容缺) but no material is marked tolerable, so nothing can ever be missing",
                    tolerance.At,
                    $"mark the secondary materials that may be supplied later with 'tolerable: true', or remove 'tolerance:'");
            }
            else if (tolerance.MaxMissing > tolerable)
            {
                run.Error(
                    ValidationCodes.MaxMissingAboveTolerable,
                    tolerable == 1
                        ? (FormattableString)$"tolerance.maxMissing is {tolerance.MaxMissing} but only {tolerable} material is tolerable"
                        : $"tolerance.maxMissing is {tolerance.MaxMissing} but only {tolerable} materials are tolerable",
                    run.ValueAt(tolerance, "maxMissing"),
                    $"set maxMissing to at most {tolerable}");
            }

            if (tolerance.MaxMissing < 1)
            {
                run.Error(
                    ValidationCodes.MaxMissingBelowOne,
                    $"tolerance.maxMissing is {tolerance.MaxMissing}: no material could ever be missing",
                    run.ValueAt(tolerance, "maxMissing"),
                    $"set maxMissing to 1 or more, or remove 'tolerance:'");
            }
        }
        else if (tolerable > 0)
        {
            var first = item.Materials.First(m => m.Tolerable);
            run.Warning(
                ValidationCodes.TolerableWithoutRule,
                $"material '{first.Id}' is tolerable but the item has no tolerance rule, so it can never be accepted missing",
                run.ValueAt(first, "tolerable"),
                $"add 'tolerance:' with maxMissing, supplementWithin and onBreach, or remove 'tolerable: true'");
        }

        if (item.Commitment is null && item.Materials.FirstOrDefault(m => m.Committable) is { } committable)
        {
            run.Warning(
                ValidationCodes.CommittableWithoutRule,
                $"material '{committable.Id}' is committable but the item has no commitment rule (告知承诺)",
                run.ValueAt(committable, "committable"),
                $"add 'commitment:' with verifyWithin and onFalse, or remove 'committable: true'");
        }

        foreach (var (state, transition) in run.Regions.SelectMany(r => r.States).SelectMany(s => s.Transitions.Select(t => (s, t))))
        {
            if (transition.Tolerance && item.Tolerance is null)
            {
                run.Error(
                    ValidationCodes.ToleranceTransitionWithoutRule,
                    $"event '{transition.Event}' of state '{state.Name}' accepts with tolerance, but the item has no tolerance rule",
                    run.ValueAt(transition, "tolerance"),
                    $"add 'tolerance:' to the item, or remove 'tolerance: true'");
            }

            if (transition.Commitment && item.Commitment is null)
            {
                run.Error(
                    ValidationCodes.CommitmentTransitionWithoutRule,
                    $"event '{transition.Event}' of state '{state.Name}' decides on a pledge, but the item has no commitment rule",
                    run.ValueAt(transition, "commitment"),
                    $"add 'commitment:' to the item, or remove 'commitment: true'");
            }
        }
    }
}
