using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class CompiledDefinitionTests
{
    [Fact]
    public void Compile_SameDefinitionTwice_GivesEqualResults()
    {
        var a = TestDefinitions.Compile();
        var b = TestDefinitions.Compile();

        a.ShouldNotBeSameAs(b);
        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ToString().ShouldBe("QYKB-0001@1");
    }

    [Fact]
    public void Compile_OtherVersionOrCalendar_IsNotEqual()
    {
        var v1 = TestDefinitions.Compile();
        var v2 = TestDefinitions.Compile(TestDefinitions.Enterprise() with { Item = TestDefinitions.Enterprise().Item with { Version = 2 } });
        var otherCalendar = TestDefinitions.Compile(calendar: new TestCalendar("other"));

        v1.ShouldNotBe(v2);
        v1.ShouldNotBe(otherCalendar);
    }

    [Theory]
    [InlineData("approval/tax", "发票与税控")]
    [InlineData("main:issuing", "出证")]
    [InlineData("approval/market:reviewing", "营业执照 · 审查")]
    [InlineData("main:no-such-state", "no-such-state")]
    [InlineData("elsewhere/branch", "elsewhere/branch")]
    public void ScopeTitle_NamesBranchesAndStepsByTheirTitles(string scope, string expected)
    {
        TestDefinitions.Compile().ScopeTitle(scope).ShouldBe(expected);
    }

    [Fact]
    public void ScopeTitle_OfTheWholeCase_IsNull()
    {
        TestDefinitions.Compile().ScopeTitle("case").ShouldBeNull();
    }

    [Theory]
    [InlineData("approval/tax", "approval/tax")]
    [InlineData("approval/tax:reviewing", "approval/tax")]
    [InlineData("main:issuing", "main")]
    [InlineData("case", null)]
    [InlineData("approval/ta", null)]
    public void RegionOfScope_IsTheRegionNamedExactly(string scope, string? region)
    {
        TestDefinitions.Compile().RegionOfScope(scope)?.Name.ShouldBe(region);
        (TestDefinitions.Compile().RegionOfScope(scope) is null).ShouldBe(region is null);
    }

    [Fact]
    public void Compile_ParallelState_GivesOneRegionPerBranchWithTheFragmentExpanded()
    {
        var compiled = TestDefinitions.Compile();

        compiled.Regions.Select(r => r.Name).ShouldBe(["main", "approval/market", "approval/tax", "approval/social"]);
        var tax = compiled.Region("approval/tax")!;
        tax.Branch!.Department.ShouldBe("tax");
        tax.ParallelState.ShouldBe("approval");
        tax.InitialState.ShouldBe("reviewing");
        tax.StateList.Select(s => s.Name).ShouldBe(["reviewing", "approved", "rejected"]);
        tax.Transition("reviewing", "approve")!.Target.ShouldBe("approved");
        compiled.Main.InitialState.ShouldBe("received");
    }

    [Fact]
    public void Compile_RegionsAreConfiguredOnStateless_ForIntrospectionAndMermaid()
    {
        var compiled = TestDefinitions.Compile();

        var info = compiled.Region("approval/market")!.Info();
        var mermaid = compiled.Main.ToMermaid();

        info.States.Select(s => s.UnderlyingState).ShouldBe(["reviewing", "approved", "rejected"], ignoreOrder: true);
        mermaid.ShouldContain("received --> approval : accept [missing.length === 0]");
        mermaid.ShouldContain("correcting --> notaccepted : after 30d");
    }

    [Fact]
    public void Compile_BranchUsingAnUnknownFragment_ThrowsWithTheBranchLocation()
    {
        var broken = TestDefinitions.WithParallel(p => p with
        {
            Branches = new[] { new BranchDefinition { Name = "market", Department = "market-regulation", Use = "nope", At = new SourceLocation("x.yaml", 58, 9, "/states/approval/parallel/branches/market") } },
        });

        var ex = Should.Throw<DefinitionException>(() => TestDefinitions.Compile(broken));

        ex.Diagnostics.Single().Code.ShouldBe("HQ6100");
        ex.Diagnostics.Single().ToString().ShouldBe("x.yaml:58:9: error HQ6100: branch 'market' of 'approval' has no states (fragment 'nope' not found) (name an existing fragment in use:, or write the branch states inline) [/states/approval/parallel/branches/market]");
    }

    [Fact]
    public void Expressions_ListsEveryGuardOnce()
    {
        CompiledDefinition.Expressions(TestDefinitions.Enterprise()).Select(e => e.Code).ShouldBe(["missing.length === 0", "!obligations.open('supplement')"]);
    }

    [Fact]
    public void Decide_SharedDefinitionFromManyThreads_GivesTheSameResultEverywhere()
    {
        var compiled = TestDefinitions.Compile();
        var d = Started(compiled);
        var expected = ((Accepted)Engine.Decide(compiled, d.State, Command.Send("accept", Window), d.Now)).NewState;

        var results = new CaseState[64];
        Parallel.For(0, results.Length, i => results[i] = ((Accepted)Engine.Decide(compiled, d.State, Command.Send("accept", Window), d.Now)).NewState);

        results.ShouldAllBe(r => r.Equals(expected));
    }
}
