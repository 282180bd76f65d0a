using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Validation;

/// <summary>States and events may be named in Chinese (docs/dsl.md): such an item validates clean and runs.</summary>
public sealed class ChineseNameTests
{
    private const string Yaml = """
        hongqiflow: 1
        item: { code: T-ZH, name: 中文状态名, lead: tax, calendar: cn-mainland, kind: promised, timeLimit: { promised: 1wd } }
        states:
          收件: { initial: true, on: { 受理: { to: 审核, by: window } } }
          审核: { department: tax, on: { 通过: { to: 办结, by: department:tax }, 退回: { to: 收件, by: department:tax } } }
          办结: { final: true, outcome: approved }
        """;

    [Fact]
    public void AnItemWithChineseNames_ValidatesClean_AndRuns()
    {
        using var library = DefinitionLibrary.Load(Repository.Path("definitions"));
        var checkedItem = new DefinitionChecker().CheckText(Yaml, "zh.yaml", library.Environment);
        checkedItem.Diagnostics.ShouldBeEmpty();

        var run = new VirtualCase(library.Compile(checkedItem.Model!), new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        run.Start(new CaseStart { CaseId = "c", Receipt = "R1", Applicant = new Applicant("张三", null, null, false, false) }, Channel.Window).ShouldBeOfType<Accepted>();
        run.Send(Command.Send("受理", Actor.Window("w"), Channel.Window, ValueMap.Empty, null, "k1")).ShouldBeOfType<Accepted>();
        run.Send(Command.Send("通过", Actor.OfDepartment("tax", "t"), Channel.Window, ValueMap.Empty, null, "k2")).ShouldBeOfType<Accepted>();

        run.State.MainState.ShouldBe("办结");
        run.State.Outcome.ShouldBe("approved");
    }
}
