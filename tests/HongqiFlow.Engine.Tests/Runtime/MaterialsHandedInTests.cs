using HongqiFlow.Runtime;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>Materials handed in with a definition event (e.g. resubmit after a one-time notice) count as submitted.</summary>
public sealed class MaterialsHandedInTests
{
    [Fact]
    public void Resubmit_WithMaterials_AddsThemBeforeTheTransition()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        var events = d.Send("resubmit", ApplicantActor, Payload(("materials", new[] { "articles", "premises", "shareholder-resolution" })));

        Types(events)[0].ShouldBe(CaseEventTypes.MaterialsSubmitted);
        d.State.Materials.Missing.ShouldBeEmpty();
        d.State.MainState.ShouldBe("received");
    }

    [Fact]
    public void Accept_WithTheLastMaterialHandedIn_SatisfiesTheGuard()
    {
        var d = Started(submitted: ["application", "articles", "premises"]);

        var events = d.Send("accept", Window, Payload(("materials", new[] { "shareholder-resolution" })));

        Types(events)[0].ShouldBe(CaseEventTypes.MaterialsSubmitted);
        d.State.MainState.ShouldBe("approval");
    }

    [Fact]
    public void Accept_WithAnUnknownMaterial_IsRefusedAndChangesNothing()
    {
        var d = Started(submitted: ["application", "articles", "premises", "shareholder-resolution"]);

        var rejection = d.Refuse("accept", Window, Payload(("materials", new[] { "passport" })));

        rejection.Code.ShouldBe(RejectionCodes.InvalidPayload);
        rejection.ReasonEnglish.ShouldBe("The item has no material passport.");
    }
}
