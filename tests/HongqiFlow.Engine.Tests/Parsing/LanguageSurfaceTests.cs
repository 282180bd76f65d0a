using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Parsing;

public sealed class LanguageSurfaceTests
{
    private static ServiceItemDefinition Read(string yaml)
    {
        var result = new DefinitionReader().ReadItem(yaml, "item.yaml");
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Model.ShouldNotBeNull();
    }

    private static ExpressionSource GuardOf(string stateA)
    {
        var yaml = "hongqiflow: 1\nitem: { code: T-1, name: 测试, lead: tax }\nstates:\n" + stateA + "  b: { final: true }\n";
        return Read(yaml).States[0].Transitions[0].When.ShouldNotBeNull();
    }

    [Fact]
    public void ReadItem_PlainGuard_StartsAtTheScalar()
    {
        var guard = GuardOf("  a:\n    initial: true\n    on:\n      go:\n        to: b\n        when: amount > 1000\n");

        (guard.Code, guard.ContentLine, guard.ContentColumn, guard.BlockIndentColumn).ShouldBe(("amount > 1000", 9, 15, 0));
        guard.Quoting.ShouldBe(ExpressionQuoting.Plain);
    }

    [Fact]
    public void ReadItem_SingleQuotedGuard_StartsAfterTheQuote()
    {
        var guard = GuardOf("  a:\n    initial: true\n    on:\n      go: { to: b, when: 'missing.length === 0' }\n");

        (guard.Code, guard.ContentLine, guard.ContentColumn).ShouldBe(("missing.length === 0", 7, 27));
        guard.Quoting.ShouldBe(ExpressionQuoting.SingleQuoted);
    }

    [Fact]
    public void ReadItem_LiteralBlockGuard_StartsOnTheNextLineAtItsIndent()
    {
        var guard = GuardOf("  a:\n    initial: true\n    on:\n      go:\n        to: b\n        when: |\n          const n = missing.length;\n          n === 0\n");

        guard.Code.ShouldBe("const n = missing.length;\nn === 0\n");
        (guard.ContentLine, guard.ContentColumn, guard.BlockIndentColumn).ShouldBe((10, 11, 11));
    }

    [Fact]
    public void ReadItem_CSharpGuard_ReadsLanguageAndPosition()
    {
        var guard = GuardOf("  a:\n    initial: true\n    on:\n      go: { to: b, when: { csharp: \"ctx.Missing.Count == 0\" } }\n");

        (guard.Language, guard.Code, guard.ContentLine, guard.ContentColumn).ShouldBe((GuardLanguage.CSharp, "ctx.Missing.Count == 0", 7, 37));
        guard.At.Path.ShouldBe("/states/a/on/go/when/csharp");
        guard.Quoting.ShouldBe(ExpressionQuoting.DoubleQuoted);
    }

    [Fact]
    public void ReadItem_TransitionList_KeepsOrderAndLocatesEachItem()
    {
        var a = Read("""
            hongqiflow: 1
            item: { code: T-1, name: 测试, lead: tax }
            states:
              a:
                initial: true
                on:
                  decide:
                    - { to: b, when: "score >= 60", by: [department:tax, supervisor] }
                    - c
              b: { final: true }
              c: { final: true }

            """).States[0];

        a.Transitions.Select(t => (t.Event, t.Target, t.When?.Code)).ShouldBe([("decide", "b", "score >= 60"), ("decide", "c", null)]);
        a.Transitions[0].By.ShouldBe(["department:tax", "supervisor"]);
        a.Transitions[1].At.ShouldBe(new Diagnostics.SourceLocation("item.yaml", 9, 11, "/states/a/on/decide/1"));
    }

    [Fact]
    public void ReadItem_ParallelForms_ReadsAtLeastSuspendAndInlineBranch()
    {
        var approval = Read("""
            hongqiflow: 1
            item: { code: T-1, name: 测试, lead: tax }
            states:
              approval:
                initial: true
                parallel:
                  join: { atLeast: 2 }
                  onReject: suspend
                  branches:
                    tax: { department: tax, use: review, onTimeout: reject }
                    fire:
                      department: fire
                      states:
                        checking: { initial: true, on: { pass: passed }, after: { 2wh: passed } }
                        passed: { final: true }
                onDone: done
              done: { final: true, clock: stopped }
            fragments:
              review:
                states:
                  reviewing: { initial: true, on: { approve: approved } }
                  approved: { final: true }

            """).States[0];

        var parallel = approval.Parallel.ShouldNotBeNull();
        (parallel.Join.Kind, parallel.Join.Count).ShouldBe((JoinKind.AtLeast, 2));
        parallel.OnReject.Kind.ShouldBe(RefusalKind.Suspend);
        parallel.Branches[0].OnTimeout.ShouldBe(BranchTimeout.Reject);
        parallel.Branches[1].States.Select(s => s.Name).ShouldBe(["checking", "passed"]);
        parallel.Branches[1].States[0].Timers.Single().After.ShouldBe(Duration.WorkingHours(2));
        parallel.Branches[1].States[0].At.Path.ShouldBe("/states/approval/parallel/branches/fire/states/checking");
    }

    [Fact]
    public void ReadItem_ObligationsTemplatesAndTriggers_AreRead()
    {
        var definition = Read("""
            hongqiflow: 1
            item: { code: T-1, name: 测试, lead: tax, kind: instant, timeLimit: { promised: 1wd, warnAt: 80% } }
            states:
              a: { initial: true, on: { go: { to: b, opens: rectify, fulfils: [supplement] } } }
              b: { final: true, clock: stopped }
            obligations:
              rectify: { name: 整改, within: 15wd, onBreach: b, remind: [3wd, 1wd] }
            templates:
              done: { title: 办结, body: "{{case.receipt}} 已办结" }
            notify:
              - { on: obligation rectify due, to: applicant, template: done }
              - { on: warning yellow, to: department:tax, template: done }

            """);

        definition.Item.Kind.ShouldBe(ItemKind.Instant);
        definition.Item.TimeLimit.ShouldNotBeNull().WarnAt.ShouldBe(0.8m);
        definition.States[0].Transitions[0].Opens.ShouldBe(["rectify"]);
        definition.States[0].Transitions[0].Fulfils.ShouldBe(["supplement"]);
        definition.Obligations.Single().ShouldBe(definition.Obligations[0] with { Id = "rectify", Name = "整改", Within = Duration.WorkingDays(15), OnBreach = "b", Remind = new[] { Duration.WorkingDays(3), Duration.WorkingDays(1) } });
        definition.Templates.Single().Body.ShouldBe("{{case.receipt}} 已办结");
        definition.Notify.Select(n => (n.Kind, n.Subject, n.Phase)).ShouldBe([(NotificationTriggerKind.Obligation, "rectify", "due"), (NotificationTriggerKind.Warning, "yellow", null)]);
    }

    [Theory]
    [InlineData("      go: { to: b, when: order.total > 100 }\n")]
    [InlineData("      go: { to: b, when: 'order.total > 100' }\n")]
    [InlineData("      go: { to: b, when: \"order.total > 100\" }\n")]
    [InlineData("      go:\n        to: b\n        when: |\n          const limit = 100;\n          order.total > limit\n")]
    [InlineData("      go:\n        to: b\n        when: >\n            order.total\n            > 100\n")]
    public void ReadItem_AnyScalarStyle_EveryCodeCharacterMapsToTheSameCharacterInTheFile(string transition)
    {
        var stateA = "  a:\n    initial: true\n    on:\n" + transition;
        var yaml = "hongqiflow: 1\nitem: { code: T-1, name: 测试, lead: tax }\nstates:\n" + stateA + "  b: { final: true }\n";
        var lines = yaml.Split('\n');
        var guard = new DefinitionReader().ReadItem(yaml, "item.yaml").Model.ShouldNotBeNull().States[0].Transitions[0].When.ShouldNotBeNull();

        var codeLines = guard.Code.TrimEnd('\n').Split('\n');
        if (guard.BlockIndentColumn == 0)
        {
            lines[guard.ContentLine - 1].Substring(guard.ContentColumn - 1, guard.Code.Length).ShouldBe(guard.Code);
        }
        else if (codeLines.Length > 1)
        {
            for (var k = 0; k < codeLines.Length; k++)
            {
                lines[guard.ContentLine - 1 + k][(guard.BlockIndentColumn - 1)..].ShouldBe(codeLines[k]);
            }
        }
        else
        {
            // A folded block joins its lines with spaces; each word is still found on its line at the indent.
            lines[guard.ContentLine - 1][(guard.BlockIndentColumn - 1)..].ShouldBe(guard.Code.Split(' ')[0]);
        }
    }
}
