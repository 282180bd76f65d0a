using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

public sealed class CalendarRegistryTests
{
    [Fact]
    public void LoadFolder_ShippedCalendars_FindsCnMainlandById()
    {
        var registry = CalendarRegistry.LoadFolder(CalendarFiles.Folder);

        registry.Ids.ShouldBe(["cn-mainland"]);
        registry.Get("cn-mainland").WorkingDayLength.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void UnknownCalendar_NearMiss_SuggestsTheKnownId()
    {
        var registry = CalendarRegistry.LoadFolder(CalendarFiles.Folder);
        var at = new SourceLocation("item.yaml", 7, 13, "/item/calendar");

        var diagnostic = registry.UnknownCalendar("cn-mainlnd", at);

        diagnostic.ShouldBe(new Diagnostic(CalendarCodes.UnknownCalendar, Severity.Error, "unknown calendar 'cn-mainlnd'", at, "did you mean 'cn-mainland'?")
        {
            MessageZh = "未知的日历“cn-mainlnd”",
            FixZh = "是否应为“cn-mainland”？",
        });
        registry.Contains("cn-mainlnd").ShouldBeFalse();
    }

    [Fact]
    public void Get_UnknownId_ThrowsWithTheDiagnostic() =>
        Should.Throw<DefinitionException>(() => CalendarRegistry.LoadFolder(CalendarFiles.Folder).Get("hk"))
            .Diagnostics.ShouldHaveSingleItem().Fix.ShouldBe("known calendars: cn-mainland");

    [Fact]
    public void LoadFolder_IdDifferentFromFileName_IsReportedAndSkipped()
    {
        using var folder = new TempFolder();
        File.Copy(CalendarFiles.CnMainlandPath, folder.File("cn-mainland.yaml"));
        File.Copy(CalendarFiles.CnMainlandPath, folder.File("beijing.yaml"));
        var diagnostics = new DiagnosticBag();

        var registry = CalendarRegistry.LoadFolder(folder.Path, diagnostics);

        registry.Ids.ShouldBe(["cn-mainland"]);
        var diagnostic = diagnostics.Items.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(CalendarCodes.IdNotFileName);
        diagnostic.Location.File.ShouldBe(folder.File("beijing.yaml"));
        diagnostic.Location.Line.ShouldBe(11);
    }
}
