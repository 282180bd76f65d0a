namespace HongqiFlow.Tests.Parsing;

/// <summary>Finds the repository's definitions folder from the test output directory.</summary>
internal static class Definitions
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

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
