using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Parsing;

public sealed class ReferenceDefinitionTests
{
    private static readonly string File = Definitions.Path("definitions/enterprise-establishment.yaml");

    private static ServiceItemDefinition Read()
    {
        var result = new DefinitionReader().ReadItemFile(File);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Model.ShouldNotBeNull();
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_HasNoDiagnostics()
    {
        var result = new DefinitionReader().ReadItemFile(File);

        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.HasErrors.ShouldBeFalse();
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_ReadsTheHeader()
    {
        var item = Read().Item;

        item.Code.ShouldBe("QYKB-0001");
        item.Name.ShouldBe("企业开办");
        item.Kind.ShouldBe(ItemKind.Promised);
        item.Lead.ShouldBe("market-regulation");
        item.TimeLimit.ShouldNotBeNull().Promised.ShouldBe(Duration.WorkingDays(0.5m));
        item.TimeLimit.Statutory.ShouldBe(Duration.WorkingDays(8.5m));
        item.TimeLimit.WarnAt.ShouldBe(0.75m);
        item.TimeLimit.RequireWorkingDays.ShouldBeTrue();
        item.SpecialProcedures.Single().Max.ShouldBe(Duration.WorkingDays(5));
        item.At.Line.ShouldBe(5);
        item.At.Path.ShouldBe("/item");
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_ReadsStatesInOrder()
    {
        var states = Read().States;

        states.Select(s => s.Name).ShouldBe(["received", "correcting", "approval", "issuing", "issued", "rejected", "terminated", "revoked", "withdrawn", "not-accepted"]);
        states[0].Initial.ShouldBeTrue();
        states[1].Clock.ShouldBe(ClockMode.NotStarted);
        states[1].Timers.Single().ShouldBe(new TimerDefinition { After = Duration.Days(30), Target = "not-accepted", At = states[1].Timers[0].At });
        states[1].Timers[0].At.Line.ShouldBe(51);
        states[4].Outcome.ShouldBe("approved");
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_ReadsTheParallelState()
    {
        var approval = Read().States.Single(s => s.Name == "approval");
        var parallel = approval.Parallel.ShouldNotBeNull();

        parallel.Join.Kind.ShouldBe(JoinKind.All);
        parallel.OnReject.ShouldBe(parallel.OnReject with { Kind = RefusalKind.End, Target = "rejected" });
        parallel.Branches.Select(b => (b.Name, b.Department, b.Use)).ShouldBe([("market", "market-regulation", "review"), ("tax", "tax", "review"), ("social", "hr-social-security", "review"), ("seal", "public-security", "review")]);
        parallel.Branches.ShouldAllBe(b => b.Limit == Duration.WorkingHours(3));
        parallel.Branches[1].OnTimeout.ShouldBe(BranchTimeout.Approve);
        parallel.Branches[0].OnTimeout.ShouldBe(BranchTimeout.Warn);
        parallel.Branches[1].At.ShouldBe(new Diagnostics.SourceLocation(File, 59, 9, "/states/approval/parallel/branches/tax"));
        approval.OnDone.ShouldBe("issuing");
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_ReadsTransitions()
    {
        var received = Read().States[0];

        received.Transitions.Select(t => (t.Event, t.Target)).ShouldBe([("accept", "approval"), ("accept-tolerated", "approval"), ("accept-committed", "approval"), ("notify-missing", "correcting"), ("withdraw", "withdrawn")]);
        received.Transitions[0].By.ShouldBe(["window"]);
        received.Transitions[1].Tolerance.ShouldBeTrue();
        received.Transitions[2].Commitment.ShouldBeTrue();
        received.Transitions[3].Notice.ShouldBe(NoticeKind.OneTime);
        received.Transitions[4].By.ShouldBe(["applicant", "window"]);
        received.Transitions[0].At.ShouldBe(new Diagnostics.SourceLocation(File, 41, 7, "/states/received/on/accept"));
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_LocatesGuardText()
    {
        var guard = Read().States[0].Transitions[0].When.ShouldNotBeNull();

        guard.Language.ShouldBe(GuardLanguage.JavaScript);
        guard.Code.ShouldBe("missing.length === 0");
        guard.ContentLine.ShouldBe(41);
        guard.ContentColumn.ShouldBe(60);
        guard.BlockIndentColumn.ShouldBe(0);
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_ReadsFragmentsAndNotifications()
    {
        var definition = Read();

        var review = definition.Fragments.Single();
        review.Name.ShouldBe("review");
        review.States.Select(s => s.Name).ShouldBe(["reviewing", "approved", "rejected"]);
        review.States[0].Transitions.Select(t => (t.Event, t.Target)).ShouldBe([("approve", "approved"), ("reject", "rejected")]);
        definition.Notify.Select(n => (n.Kind, n.Subject, n.To, n.Template)).ShouldBe([
            (NotificationTriggerKind.EnterState, "correcting", "applicant", "one-time-notice"),
            (NotificationTriggerKind.Event, "accept-tolerated", "applicant", "tolerance-notice"),
            (NotificationTriggerKind.EnterState, "issued", "applicant", "decision"),
            (NotificationTriggerKind.Warning, "red", "lead", "warning"),
            (NotificationTriggerKind.Obligation, "verification", "supervisor", "verification-overdue"),
            (NotificationTriggerKind.Obligation, "verification", "lead", "verification-overdue"),
        ]);
        definition.Materials.Count.ShouldBe(5);
        definition.Materials[4].Shared.ShouldBe("population.id-card");
        definition.Tolerance.ShouldNotBeNull().SupplementWithin.ShouldBe(Duration.WorkingDays(0.5m));
        definition.Commitment.ShouldNotBeNull().OnFalse.ShouldBe("revoked");
    }

    [Fact]
    public void ReadItemFile_ReadTwice_GivesEqualModels()
    {
        var first = Read();
        var second = Read();

        second.ShouldBe(first);
        second.GetHashCode().ShouldBe(first.GetHashCode());
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_SourceMapLocatesKeysAndValues()
    {
        var map = new DefinitionReader().ReadItemFile(File).SourceMap;

        map.TryGet("/states/approval/parallel/branches/tax", out var tax).ShouldBeTrue();
        tax.Key.ShouldBe(new Diagnostics.SourceLocation(File, 59, 9, "/states/approval/parallel/branches/tax"));
        tax.Value.ShouldBe(new Diagnostics.SourceLocation(File, 59, 17, "/states/approval/parallel/branches/tax"));
        map.Locate("/states/approval/parallel/branches/tax/nothing").Line.ShouldBe(59);
    }

    [Fact]
    public void ReadOrganizationFile_ReferenceDirectory_ReadsDepartmentsSourcesAndTemplates()
    {
        var result = new DefinitionReader().ReadOrganizationFile(Definitions.Path("definitions/organization.yaml"));

        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        var directory = result.Model.ShouldNotBeNull();
        directory.Departments.Count.ShouldBe(12);
        directory.Departments[0].ShouldBe(new DepartmentDefinition { Id = "government-service", Name = "政务服务管理局", At = directory.Departments[0].At });
        directory.DataSources.Count.ShouldBe(15);
        directory.DataSources[0].Owner.ShouldBe("public-security");
        directory.Templates.Select(t => t.Id).ShouldBe(["one-time-notice", "acceptance-receipt", "tolerance-notice", "decision", "collection-notice", "correction-notice", "verification-notice", "verification-overdue", "warning"]);
    }

    [Fact]
    public void ReadItemFile_ReferenceDefinition_LocatesEveryNodeInTheFile()
    {
        var unlocated = new List<string>();
        var count = 0;

        Walk(Read(), "definition");

        // The reference leaves 'rating' out, so its defaults have no place in the file.
        unlocated.ShouldBe(["definition.Rating"]);
        count.ShouldBe(51);

        void Walk(object? value, string name)
        {
            switch (value)
            {
                case ModelNode node:
                    count++;
                    if (!node.At.IsKnown || node.At.File != File)
                    {
                        unlocated.Add(name);
                    }

                    foreach (var property in node.GetType().GetProperties())
                    {
                        if (property.Name != nameof(ModelNode.At) && property.GetIndexParameters().Length == 0)
                        {
                            Walk(property.GetValue(node), name + "." + property.Name);
                        }
                    }

                    break;
                case System.Collections.IEnumerable items and not string:
                    var i = 0;
                    foreach (var item in items)
                    {
                        Walk(item, $"{name}[{i++}]");
                    }

                    break;
            }
        }
    }
}
