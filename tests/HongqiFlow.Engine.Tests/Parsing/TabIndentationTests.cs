using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Diagnostics;
using HongqiFlow.Samples;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Parsing;

/// <summary>A tab used for indentation is reported at the tab, in every kind of file the engine reads.</summary>
public sealed class TabIndentationTests
{
    [Fact]
    public void ReadItem_TabIndentingAKey_ReportsTheTabsLineAndColumn()
    {
        var yaml = "hongqiflow: 1\nitem: { code: T-1, name: 测试, lead: tax }\nstates:\n  a:\n\tinitial: true\n  b: { final: true }\n";

        var diagnostic = new DefinitionReader().ReadItem(yaml, "item.yaml").Diagnostics.ShouldHaveSingleItem();

        (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("HQ1001", 5, 1));
        diagnostic.Message.ShouldBe("YAML syntax error: a tab is used for indentation; YAML indents with spaces only");
        diagnostic.Fix.ShouldBe("replace the tab with spaces");
        diagnostic.MessageZh.ShouldBe("YAML 语法错误：此处用制表符（Tab）缩进，YAML 只能用空格缩进");
    }

    [Fact]
    public void ReadItem_TabAfterSpaces_IsReportedAtItsColumn()
    {
        var yaml = "hongqiflow: 1\nitem:\n  code: T-1\n  name: 测试\n \tlead: tax\nstates:\n  a: { initial: true, on: { go: b } }\n  b: { final: true }\n";

        var diagnostic = new DefinitionReader().ReadItem(yaml, "item.yaml").Diagnostics.ShouldHaveSingleItem();

        (diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe((5, 2));
    }

    [Fact]
    public void ReadItem_TabInsideAnEarlierBlockText_IsNotTheOneReported()
    {
        var yaml = "hongqiflow: 1\nitem:\n  code: T-1\n  name: 测试\n  lead: tax\n  description: |\n    第一行\n    \t缩进的第二行\nstates:\n\ta: { initial: true }\n";

        var diagnostic = new DefinitionReader().ReadItem(yaml, "item.yaml").Diagnostics.ShouldHaveSingleItem();

        (diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe((10, 1));
    }

    [Fact]
    public void ReadOrganization_TabIndentation_ReportsTheTab()
    {
        var yaml = "hongqiflow: 1\norganization:\n  departments:\n    tax: { name: 税务局 }\n\thousing: { name: 住建局 }\n";

        var diagnostic = new DefinitionReader().ReadOrganization(yaml, "organization.yaml").Diagnostics.ShouldHaveSingleItem();

        (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("HQ1001", 5, 1));
    }

    [Fact]
    public void CalendarRead_TabIndentation_ReportsTheTab()
    {
        var yaml = "id: test\nname: 测试日历\ntimeZone: Asia/Shanghai\nholidays:\n  - date: 2024-10-01\n\t  name: 国庆节\n";
        var diagnostics = new DiagnosticBag();

        CalendarReader.Read(yaml, "test.yaml", diagnostics).ShouldBeNull();

        var diagnostic = diagnostics.Sorted().ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("HQ4001", 6, 1));
        diagnostic.Message.ShouldBe("the YAML cannot be read: a tab is used for indentation; YAML indents with spaces only");
    }

    [Fact]
    public void SampleRead_TabIndentation_ReportsTheTab()
    {
        var yaml = "sample: t\ndefinition: residence-permit\nclock: 2024-09-26T09:00:00+08:00\nexpect:\n  state: review\n\toutcome: approved\n";

        var (sample, diagnostics) = SampleReader.Read(yaml, "sample.yaml");

        sample.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("HQ5001", 6, 1));
        diagnostic.MessageZh.ShouldBe("样例不是有效的 YAML：此处用制表符（Tab）缩进，YAML 只能用空格缩进");
    }
}
