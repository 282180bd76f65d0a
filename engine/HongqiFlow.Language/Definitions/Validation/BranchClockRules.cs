using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// The case clock as branch states may touch it: a branch state (inline or from a fragment) may pause the case clock
/// for a declared special procedure exactly as a main-flow state does; waiting on the applicant, the start before
/// acceptance and the stop belong to the main flow, so writing them in a branch would promise what the engine does not do.
/// </summary>
internal static class BranchClockRules
{
    public static void Check(ValidationRun run, Region region, StateDefinition state)
    {
        if (!region.IsBranchBody || state.Clock is not ({ } clock and (ClockMode.WaitingApplicant or ClockMode.NotStarted or ClockMode.Stopped)))
        {
            return;
        }

        run.Error(
            ValidationCodes.MainFlowClockInBranch,
            $"state '{state.Name}' in {region.Describe()} sets 'clock: {Kebab(clock)}', which only a main-flow state can do; a branch state may only pause the case clock for a special procedure",
            run.ValueAt(state, "clock"),
            $"remove 'clock: {Kebab(clock)}', or write 'clock: special-procedure' with 'pausedFor: <procedure id>'");
    }

    private static string Kebab(ClockMode clock) => clock switch
    {
        ClockMode.NotStarted => "not-started",
        ClockMode.WaitingApplicant => "waiting-applicant",
        _ => "stopped",
    };
}
