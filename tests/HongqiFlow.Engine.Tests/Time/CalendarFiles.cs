using System.Globalization;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

/// <summary>The shipped calendars, found from the test output directory by walking up to HongqiFlow.sln.</summary>
internal static class CalendarFiles
{
    private static readonly Lazy<WorkingCalendar> CnMainlandCalendar = new(() => new WorkingCalendar(CalendarReader.ReadFile(CnMainlandPath)));

    public static string Root { get; } = FindRoot();

    public static string Folder => Path.Combine(Root, "definitions", "calendars");

    public static string CnMainlandPath => Path.Combine(Folder, "cn-mainland.yaml");

    /// <summary>The holiday-cn year files the shipped calendar was built from, kept beside it.</summary>
    public static string HolidayCn(int year) => Path.Combine(Folder, "holiday-cn", $"{year}.json");

    /// <summary>The real cn-mainland calendar, read once and shared: it is immutable.</summary>
    public static WorkingCalendar CnMainland => CnMainlandCalendar.Value;

    /// <summary>An instant in Beijing time, written as the clerk reads it: "2024-09-30 09:00".</summary>
    public static DateTimeOffset Beijing(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HongqiFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HongqiFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
