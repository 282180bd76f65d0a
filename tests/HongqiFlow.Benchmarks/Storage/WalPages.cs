using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Benchmarks.Storage;

/// <summary>
/// Pages a SQLite write adds to the WAL per command: a commit writes every page it changed, whole, so this is what
/// a command costs the disk. Counted from the WAL's growth after a truncating checkpoint, over fewer commands than
/// the automatic checkpoint's 1,000 pages (so the WAL only grows while counting).
/// </summary>
public static class WalPages
{
    /// <summary>Commands counted; at 25 pages each they stay under the automatic checkpoint.</summary>
    public const int Commands = 30;

    private const int WalHeader = 32;

    private const int FrameHeader = 24;

    public static async Task<double> PerCommandAsync(string databaseFile, Func<int, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var c = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        c.Open();
        await using var checkpoint = c.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using (var reader = await checkpoint.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync() || reader.GetInt64(0) != 0)
            {
                return double.NaN; // a reader held the WAL: nothing to count from
            }
        }

        await using var pageSize = c.CreateCommand();
        pageSize.CommandText = "PRAGMA page_size";
        var frame = Convert.ToInt64(await pageSize.ExecuteScalarAsync(), CultureInfo.InvariantCulture) + FrameHeader;
        var wal = new FileInfo(databaseFile + "-wal");
        for (var i = 0; i < Commands; i++)
        {
            await write(i);
        }

        wal.Refresh();
        return wal.Exists ? (wal.Length - WalHeader) / (double)frame / Commands : double.NaN;
    }

    /// <summary>Where the benchmark process leaves a method's count for <see cref="WalPagesColumn"/> in the host.</summary>
    public static string ResultFile(string benchmark, string method) =>
        Path.Combine(Path.GetTempPath(), "hongqi-bench-wal-pages", $"{benchmark}.{method}.txt");

    public static void Record(string benchmark, string method, double pages)
    {
        var file = ResultFile(benchmark, method);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, pages.ToString("0.0", CultureInfo.InvariantCulture));
    }
}

/// <summary>Shows <see cref="WalPages"/> beside the time: "WAL pages/op".</summary>
public sealed class WalPagesColumn : IColumn
{
    public string Id => nameof(WalPagesColumn);

    public string ColumnName => "WAL pages/op";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Pages written to SQLite's WAL per command (counted once per process, outside the timed iterations)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var file = WalPages.ResultFile(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name);
        return File.Exists(file) ? File.ReadAllText(file) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Adds <see cref="WalPagesColumn"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WalPagesColumnAttribute : ColumnConfigBaseAttribute
{
    public WalPagesColumnAttribute()
        : base(new WalPagesColumn())
    {
    }
}
