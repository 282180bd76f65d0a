namespace HongqiFlow.Server.Tests;

/// <summary>The repository checkout the tests run from, found by walking up to HongqiFlow.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "HongqiFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HongqiFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
