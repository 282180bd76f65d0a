using System.Text.Json;

namespace HongqiFlow.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_TheCatalog_ExitsZeroWithNoDiagnostics()
    {
        var (exit, output, error) = Hongqi.Run("validate", Repository.Path("definitions"));

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldEndWith(" file(s) checked: 0 error(s), 0 warning(s)" + Environment.NewLine);
    }

    [Fact]
    public void Validate_AnInvalidFixture_PrintsLocatedDiagnosticAndExitsOne()
    {
        var file = Repository.Path("tests", "fixtures", "invalid", "bad-duration.yaml");

        var (exit, output, _) = Hongqi.Run("validate", file);

        exit.ShouldBe(1);
        output.ShouldContain($"{file}:11:16: error HQ1010: 'statutory' is not a duration");
        output.ShouldContain("[/item/timeLimit/statutory]");
        output.ShouldContain("1 file(s) checked: 1 error(s), 0 warning(s)");
    }

    [Fact]
    public void Validate_WithJsonFormat_ListsDiagnosticsWithLineAndColumn()
    {
        var file = Repository.Path("tests", "fixtures", "invalid", "bad-duration.yaml");

        var (exit, output, _) = Hongqi.Run("validate", file, "--format", "json");

        exit.ShouldBe(1);
        using var doc = JsonDocument.Parse(output);
        var diagnostic = doc.RootElement.GetProperty("diagnostics")[0];
        diagnostic.GetProperty("code").GetString().ShouldBe("HQ1010");
        diagnostic.GetProperty("line").GetInt32().ShouldBe(11);
        diagnostic.GetProperty("column").GetInt32().ShouldBe(16);
        diagnostic.GetProperty("path").GetString().ShouldBe("/item/timeLimit/statutory");
        diagnostic.GetProperty("messageZh").GetString()!.ShouldStartWith("“statutory”不是有效的时长：");
        diagnostic.GetProperty("fixZh").GetString().ShouldBe("写数字加单位：wd（工作日）、wh（工作小时）、d、h 或 min（例如 5wd）");
        doc.RootElement.GetProperty("errors").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Validate_InChinese_WritesTheChineseMessageAndFix()
    {
        var file = Repository.Path("tests", "fixtures", "invalid", "unknown-calendar.yaml");

        var (exit, output, _) = Hongqi.Run("validate", file, "--lang", "zh");

        exit.ShouldBe(1);
        output.ShouldContain(": 错误 HQ2033: definitions/calendars 下没有日历“cn-mainlnd”（是否应为“cn-mainland”？） [/item/calendar]");
        output.ShouldContain("检查了 1 个文件：1 个错误，0 个警告");
    }

    [Fact]
    public void Validate_InChinese_WritesTheCalendarFolderProblemsInChineseToo()
    {
        using var folder = new Time.TempFolder();
        File.Copy(Repository.Path("definitions", "organization.yaml"), folder.File("organization.yaml"));
        File.Copy(Repository.Path("definitions", "enterprise-establishment.yaml"), folder.File("enterprise-establishment.yaml"));
        Directory.CreateDirectory(folder.File("calendars"));
        var calendar = File.ReadAllText(Repository.Path("definitions", "calendars", "cn-mainland.yaml"))
            .Replace("Asia/Shanghai", "China Standard Time", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder.File("calendars"), "cn-mainland.yaml"), calendar);

        var (exit, output, _) = Hongqi.Run("validate", folder.File("enterprise-establishment.yaml"), "--lang", "zh");

        exit.ShouldBe(1);
        output.ShouldContain(": 错误 HQ4008: “China Standard Time”是 Windows 时区 id；日历使用 IANA 时区 id（改为 Asia/Shanghai） [/timeZone]");
    }

    [Fact]
    public void Validate_AMissingPath_SaysSoWithoutAStackTrace()
    {
        var (exit, _, error) = Hongqi.Run("validate", Repository.Path("no-such-folder"));

        exit.ShouldBe(1);
        error.ShouldStartWith("error: no such file or folder: ");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Validate_EveryInvalidFixture_ExitsOne()
    {
        var folder = Repository.Path("tests", "fixtures", "invalid");

        var (exit, output, _) = Hongqi.Run("validate", folder);

        exit.ShouldBe(1);
        var files = Directory.GetFiles(folder, "*.yaml").Length;
        output.ShouldContain($"{files} file(s) checked: ");
    }
}
