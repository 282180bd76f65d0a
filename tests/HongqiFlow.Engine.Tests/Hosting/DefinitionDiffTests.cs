using HongqiFlow.Definitions.Model;
using HongqiFlow.Hosting;
using HongqiFlow.Tests.Runtime.Support;

namespace HongqiFlow.Tests.Hosting;

public sealed class DefinitionDiffTests
{
    private static readonly ServiceItemDefinition Before = TestDefinitions.Enterprise();

    [Fact]
    public void Compare_SameDefinitionAtOtherPositions_HasNoChanges()
    {
        var moved = Before with
        {
            At = new Diagnostics.SourceLocation("other.yaml", 9, 9, "/"),
            SourceFile = "other.yaml",
            Materials = new ValueList<MaterialDefinition>(Before.Materials.Select(m => m with { At = new Diagnostics.SourceLocation("other.yaml", 3, 3, "/materials") })),
        };

        DefinitionDiff.Compare(Before, moved).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Compare_MaterialAddedRemovedAndChanged_ListsEachWithValues()
    {
        var after = Before with
        {
            Materials = new ValueList<MaterialDefinition>(Before.Materials
                .Where(m => m.Id != "legal-rep-id")
                .Select(m => m.Id == "premises" ? m with { Tolerable = false } : m)
                .Append(new MaterialDefinition { Id = "seal", Name = "印章备案" })),
        };

        DefinitionDiff.Compare(Before, after).Changes.ShouldBe([
            new DefinitionChange(ChangeKind.Changed, "material", "premises", "tolerable", "true", "false"),
            new DefinitionChange(ChangeKind.Removed, "material", "legal-rep-id", null, """{"id":"legal-rep-id","name":"法定代表人身份证件","core":false,"tolerable":false,"committable":false,"shared":"population.id-card","optional":false}""", null),
            new DefinitionChange(ChangeKind.Added, "material", "seal", null, null, """{"id":"seal","name":"印章备案","core":false,"tolerable":false,"committable":false,"optional":false}"""),
        ]);
    }

    [Fact]
    public void Compare_TransitionRetargetedAndStateAdded_ReportsTransitionByStateAndEvent()
    {
        var states = Before.States.Select(s => s.Name == "received"
            ? s with { Transitions = new ValueList<TransitionDefinition>(s.Transitions.Select(t => t.Event == "withdraw" ? t with { Target = "cancelled" } : t)) }
            : s).Append(TestDefinitions.Final("cancelled", "withdrawn"));

        var changes = DefinitionDiff.Compare(Before, Before with { States = new ValueList<StateDefinition>(states) }).Changes;

        changes.ShouldBe([
            new DefinitionChange(ChangeKind.Added, "state", "main:cancelled", null, null, """{"name":"cancelled","initial":false,"final":true,"outcome":"withdrawn","transitions":[],"timers":[],"opens":[],"fetch":[]}"""),
            new DefinitionChange(ChangeKind.Changed, "transition", "main:received+withdraw", "target", "\"withdrawn\"", "\"cancelled\""),
        ]);
    }

    [Fact]
    public void Compare_ToleranceRemovedAndCommitmentChanged_ReportsRules()
    {
        var after = Before with { Tolerance = null, Commitment = Before.Commitment! with { VerifyWithin = HongqiFlow.Time.Duration.WorkingDays(10.0m) } };

        var changes = DefinitionDiff.Compare(Before, after).Changes;

        changes.Select(c => c.ToString()).ShouldBe([
            "- tolerance tolerance",
            "~ commitment commitment.verifyWithin: \"20wd\" → \"10wd\"",
        ]);
    }

    [Fact]
    public void Compare_NotificationChannelChanged_IsKeyedByTriggerAndRecipient()
    {
        var after = Before with { Notify = new ValueList<NotificationRule>(Before.Notify.Select((n, i) => i == 0 ? n with { Channel = "app" } : n)) };

        var change = DefinitionDiff.Compare(Before, after).Changes.ShouldHaveSingleItem();

        change.Area.ShouldBe("notification");
        change.Field.ShouldBe("channel");
        change.After.ShouldBe("\"app\"");
    }
}
