using System.Diagnostics;
using System.Text;
using HongqiFlow.Definitions.Parsing;
using Diagnostic = HongqiFlow.Diagnostics.Diagnostic;

namespace HongqiFlow.Tests.Parsing;

public sealed class ReaderSafetyTests
{
    private const string File = "item.yaml";

    private static IReadOnlyList<Diagnostic> Read(string yaml) => new DefinitionReader().ReadItem(yaml, File).Diagnostics;

    private static void ShouldBeOnly(IReadOnlyList<Diagnostic> diagnostics, string code, int line, int column)
    {
        diagnostics.Count.ShouldBe(1, string.Join("\n", diagnostics));
        (diagnostics[0].Code, diagnostics[0].Location.Line, diagnostics[0].Location.Column).ShouldBe((code, line, column));
    }

    [Fact]
    public void ReadItem_YamlSyntaxError_ReportsHQ1001AtTheParserMark()
    {
        var result = new DefinitionReader().ReadItem("hongqiflow: 1\nitem:\n  code: \"A\n", File);

        result.Model.ShouldBeNull();
        ShouldBeOnly(result.Diagnostics, "HQ1001", 3, 9);
        result.Diagnostics[0].Message.ShouldBe("YAML syntax error: While scanning a quoted scalar, found unexpected end of stream.");
    }

    [Fact]
    public void ReadItem_UnclosedFlowMap_ReportsHQ1001AtTheLastReadPosition()
    {
        var result = new DefinitionReader().ReadItem("hongqiflow: 1\nitem: { code: A\nstates: [\n", File);

        result.Model.ShouldBeNull();
        ShouldBeOnly(result.Diagnostics, "HQ1001", 2, 13);
        result.Diagnostics[0].Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void ReadItem_DuplicateState_ReportsHQ1005AtTheSecondKey()
    {
        var diagnostics = Read(Yaml.Minimal.Replace("  b: { final: true }", "  b: { final: true }\n  b: { final: true }", StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1005", 6, 3);
        diagnostics[0].Message.ShouldBe("the key 'b' is already defined at line 5");
        diagnostics[0].Path.ShouldBe("/states/b");
    }

    [Fact]
    public void ReadItem_MisspeltKey_ReportsHQ1006WithSuggestion()
    {
        var diagnostics = Read(Yaml.Minimal.Replace("{ final: true }", "{ finl: true }", StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1006", 5, 8);
        diagnostics[0].Message.ShouldBe("unknown key 'finl' in the state 'b'; did you mean 'final'?");
        diagnostics[0].Fix.ShouldBe("rename it to 'final'");
        diagnostics[0].Path.ShouldBe("/states/b/finl");
    }

    [Fact]
    public void ReadItem_MisspeltParallelKey_SuggestsTheKey()
    {
        var diagnostics = Read(Yaml.Minimal + "  p:\n    parallel:\n      brnaches: { x: { department: tax } }\n");

        diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column, d.Message)).ShouldBe([
            ("HQ1009", 7, 5, "'parallel' has no 'branches'"),
            ("HQ1006", 8, 7, "unknown key 'brnaches' in 'parallel'; did you mean 'branches'?"),
        ]);
    }

    [Fact]
    public void ReadItem_ListWhereMapExpected_ReportsHQ1007()
    {
        var diagnostics = Read(Yaml.Minimal + "tolerance: [5wd]\n");

        ShouldBeOnly(diagnostics, "HQ1007", 6, 12);
        diagnostics[0].Message.ShouldBe("'tolerance' must be a map of keys, not a list");
    }

    [Fact]
    public void ReadItem_MapWhereListExpected_ReportsHQ1007()
    {
        var diagnostics = Read(Yaml.Minimal + "materials: { id: a }\n");

        ShouldBeOnly(diagnostics, "HQ1007", 6, 12);
        diagnostics[0].Message.ShouldBe("'materials' must be a list, not a map");
    }

    [Fact]
    public void ReadItem_WordNotInTheSet_ReportsHQ1008WithSuggestion()
    {
        var diagnostics = Read(Yaml.Minimal.Replace("{ final: true }", "{ final: true, clock: stoped }", StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1008", 5, 28);
        diagnostics[0].Message.ShouldBe("'stoped' is not a valid clock; use one of running, not-started, waiting-applicant, special-procedure, stopped (did you mean 'stopped'?)");
    }

    [Fact]
    public void ReadItem_MissingRequiredKey_ReportsHQ1009AtTheOwner()
    {
        var diagnostics = Read(Yaml.Minimal.Replace(", lead: tax", string.Empty, StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1009", 2, 1);
        diagnostics[0].Message.ShouldBe("'item' has no 'lead'");
    }

    [Fact]
    public void ReadItem_BadDuration_ReportsHQ1010WithTheDurationParsersMessage()
    {
        var diagnostics = Read(Yaml.Minimal + "tolerance: { supplementWithin: P5D, onBreach: b }\n");

        ShouldBeOnly(diagnostics, "HQ1010", 6, 32);
        diagnostics[0].Message.ShouldBe("'supplementWithin' is not a duration: 'P5D' is an ISO 8601 duration, which is ambiguous on a working calendar; write e.g. 1wd or 1d");
        diagnostics[0].MessageZh.ShouldBe("“supplementWithin”不是有效的时长：“P5D”是 ISO 8601 时长，在工作日历上含义不明确；请写 1wd 或 1d 这样的形式");
    }

    [Fact]
    public void ReadItem_NoVersion_ReportsHQ1011()
    {
        var diagnostics = Read(Yaml.Minimal.Replace("hongqiflow: 1\n", string.Empty, StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1011", 1, 1);
    }

    [Fact]
    public void ReadItem_FutureVersion_ReportsHQ1012AtTheValue()
    {
        var diagnostics = Read(Yaml.Minimal.Replace("hongqiflow: 1", "hongqiflow: 2", StringComparison.Ordinal));

        ShouldBeOnly(diagnostics, "HQ1012", 1, 13);
        diagnostics[0].Message.ShouldBe("language version '2' is not supported; this engine reads version 1");
    }

    [Fact]
    public void ReadItem_UnknownNotificationTrigger_ReportsHQ1013()
    {
        var diagnostics = Read(Yaml.Minimal + "notify:\n  - { on: leave b, to: applicant, template: t }\n");

        ShouldBeOnly(diagnostics, "HQ1013", 7, 11);
    }

    [Fact]
    public void ReadItem_BillionLaughs_FailsFastWithHQ1004AtTheAlias()
    {
        var yaml = new StringBuilder("hongqiflow: 1\nlol0: &a0 \"lol\"\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"lol{i}: &a{i} [");
            yaml.AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            yaml.Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        var result = new DefinitionReader().ReadItem(yaml.ToString(), File);
        watch.Stop();

        result.Model.ShouldBeNull();
        ShouldBeOnly(result.Diagnostics, "HQ1004", 6, 47);
        result.Diagnostics[0].Message.ShouldBe("aliases expand to more than 10000 nodes; the document is refused");
        result.Diagnostics[0].Path.ShouldBe("/lol4/7");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ReadItem_TextOverTheSizeLimit_ReportsHQ1002WithoutParsing()
    {
        var result = new DefinitionReader().ReadItem("hongqiflow: 1\n# " + new string('x', 1024 * 1024), File);

        result.Model.ShouldBeNull();
        ShouldBeOnly(result.Diagnostics, "HQ1002", 1, 1);
    }

    [Fact]
    public void ReadItemFile_FileOverTheSizeLimit_ReportsHQ1002()
    {
        var path = Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllText(path, "hongqiflow: 1\n# " + new string('x', 2000));

            var result = new DefinitionReader(new ReaderLimits { MaxBytes = 1000 }).ReadItemFile(path);

            ShouldBeOnly(result.Diagnostics, "HQ1002", 1, 1);
            result.Diagnostics[0].Message.ShouldBe("the file is 2016 bytes, more than the 1000 bytes a definition may have");
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void ReadItem_NestingTooDeep_ReportsHQ1003AtTheFirstLevelOverTheLimit()
    {
        var result = new DefinitionReader().ReadItem("hongqiflow: 1\nitem: " + new string('[', 100) + new string(']', 100) + "\n", File);

        result.Model.ShouldBeNull();
        // The root map is level 1, so the 64th bracket (column 7 + 63) opens level 65.
        ShouldBeOnly(result.Diagnostics, "HQ1003", 2, 70);
        result.Diagnostics[0].Path.ShouldBe("/item" + string.Concat(Enumerable.Repeat("/0", 63)));
    }

    [Fact]
    public void ReadItemFile_MissingFile_ReportsHQ1014()
    {
        var result = new DefinitionReader().ReadItemFile("/nonexistent/item.yaml");

        result.Diagnostics.Single().Code.ShouldBe("HQ1014");
    }

    [Fact]
    public void ReadItem_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        var yaml = Yaml.Minimal
            .Replace("{ final: true }", "{ finl: yes, limit: 3 days }", StringComparison.Ordinal)
            .Replace("on: { go: b }", "on: { go: { to: b, bye: window } }", StringComparison.Ordinal);

        var diagnostics = Read(yaml);

        diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column)).ShouldBe([
            ("HQ1006", 4, 42),
            ("HQ1006", 5, 8),
            ("HQ1010", 5, 26),
        ]);
    }

    [Fact]
    public void ReadOrganization_MisspeltDepartmentKey_ReportsHQ1006WithSuggestion()
    {
        var result = new DefinitionReader().ReadOrganization("hongqiflow: 1\norganization:\n  departments:\n    tax: { nmae: 税务局 }\n", "organization.yaml");

        result.Diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column, d.Message)).ShouldBe([
            ("HQ1009", 4, 5, "the department 'tax' has no 'name'"),
            ("HQ1006", 4, 12, "unknown key 'nmae' in the department 'tax'; did you mean 'name'?"),
        ]);
    }

    [Fact]
    public void ModelOrThrow_WithErrors_ThrowsDefinitionExceptionWithEveryDiagnostic()
    {
        var result = new DefinitionReader().ReadItem(Yaml.Minimal.Replace("hongqiflow: 1", "hongqiflow: 2", StringComparison.Ordinal), File);

        var exception = Should.Throw<HongqiFlow.Diagnostics.DefinitionException>(result.ModelOrThrow);

        exception.Diagnostics.Single().Code.ShouldBe("HQ1012");
        exception.Message.ShouldBe("item.yaml:1:13: error HQ1012: language version '2' is not supported; this engine reads version 1 (write 'hongqiflow: 1') [/hongqiflow]");
    }
}
