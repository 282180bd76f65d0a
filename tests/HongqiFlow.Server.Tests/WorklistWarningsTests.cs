using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;

namespace HongqiFlow.Server.Tests;

/// <summary>A worklist task's colour comes from its own branch's and step's warnings, matched by scope exactly.</summary>
public sealed class WorklistWarningsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly CaseWarning[] Warnings =
    [
        new(WarningLevel.Yellow, "case", At),
        new(WarningLevel.Red, "approval/seal-check", At),
        new(WarningLevel.Yellow, "approval/seal:reviewing-again", At),
        new(WarningLevel.Yellow, "main:issuing", At),
    ];

    [Fact]
    public void WarningsOf_ABranchWhoseNameAnotherContains_TakesOnlyItsOwn()
    {
        var seal = new RegionState("approval/seal", "reviewing", At);

        WorklistEndpoints.WarningsOf(Warnings, seal).ShouldBeEmpty("seal-check's red and reviewing-again's yellow are not seal's reviewing");
        WorklistEndpoints.WarningsOf([.. Warnings, new(WarningLevel.Red, "approval/seal", At)], seal).ShouldHaveSingleItem().Level.ShouldBe(WarningLevel.Red);
        WorklistEndpoints.WarningsOf([.. Warnings, new(WarningLevel.Yellow, "approval/seal:reviewing", At)], seal).ShouldHaveSingleItem().Scope.ShouldBe("approval/seal:reviewing");
    }

    [Fact]
    public void WarningsOf_AMainStep_TakesItsStepNotOneItsNameStarts()
    {
        WorklistEndpoints.WarningsOf(Warnings, new RegionState(RegionState.Main, "issuing", At)).ShouldHaveSingleItem().Scope.ShouldBe("main:issuing");
        WorklistEndpoints.WarningsOf(Warnings, new RegionState(RegionState.Main, "issue", At)).ShouldBeEmpty();
    }

    [Fact]
    public void CaseColour_TheWholeCasesWarnings_RedOverYellowOthersIgnored()
    {
        WorklistEndpoints.CaseColour(Warnings).ShouldBe("yellow");
        WorklistEndpoints.CaseColour([.. Warnings, new(WarningLevel.Red, "case", At)]).ShouldBe("red");
        WorklistEndpoints.CaseColour(Warnings.Where(w => w.Scope != "case")).ShouldBe("none", "a branch's red is not the case's");
    }
}
